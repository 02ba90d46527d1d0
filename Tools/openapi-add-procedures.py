#!/usr/bin/env python3
"""Adds the procedure catalogue and assistant routes to openapi.json (load, add keys, write back)."""
import json, pathlib

path = pathlib.Path(__file__).resolve().parent.parent / "Sources/HaiCapWeb/Resources/openapi.json"
doc = json.loads(path.read_text(encoding="utf-8"))
err = {"$ref": "#/components/responses/Error"}
schemas = doc["components"]["schemas"]
ref = lambda name: {"$ref": f"#/components/schemas/{name}"}
json_body = lambda schema, description: {"description": description, "content": {"application/json": {"schema": schema}}}

schemas["ProcedureRef"] = {"type": "object", "required": ["code", "name"], "properties": {"code": {"type": "string"}, "name": {"type": "string"}}}
schemas["ProcedureSummary"] = {"type": "object", "required": ["code", "name", "field", "level"], "properties": {
    "code": {"type": "string", "example": "HC.HT.001"}, "name": {"type": "string"}, "field": {"type": "string", "description": "Lĩnh vực"},
    "level": {"type": "string", "description": "Cấp thực hiện"}, "verified": {"type": "boolean"}}}
schemas["Procedure"] = {"type": "object", "description": "Bản ghi thủ tục đầy đủ: trường hợp và thành phần hồ sơ, cách nộp với thời hạn và phí, trình tự, điều kiện, kết quả, căn cứ pháp lý, hiệu lực, nguồn, trạng thái xác minh, nguồn của từng thông tin.",
    "required": ["code", "name", "field", "level", "cases", "channels", "legalBasis", "verified", "source"], "additionalProperties": True,
    "properties": {"code": {"type": "string"}, "name": {"type": "string"}, "field": {"type": "string"}, "level": {"type": "string"},
        "cases": {"type": "array", "items": {"type": "object"}}, "channels": {"type": "array", "items": {"type": "object", "properties": {
            "kind": {"type": "string", "enum": ["direct", "online", "postal"]}, "timeLimit": {"type": "object"},
            "fee": {"type": "object", "properties": {"status": {"type": "string", "enum": ["known", "set_by_province", "unknown"]}, "amount": {"type": "integer", "nullable": True}, "text": {"type": "string"}}}}}},
        "legalBasis": {"type": "array", "items": {"type": "object"}}, "verified": {"type": "boolean"}, "source": {"type": "object"},
        "updatedAt": {"type": "string", "format": "date-time"}}}
schemas["AssistantQuestion"] = {"type": "object", "required": ["question"], "properties": {
    "question": {"type": "string", "maxLength": 1000, "example": "lam giay khai sinh cho con can gi"},
    "conversation": {"type": "string", "description": "Mã cuộc trò chuyện trả về ở câu trước; bỏ trống để bắt đầu mới"},
    "unit": {"type": "string", "description": "Mã đơn vị cấp xã 5 chữ số của người hỏi", "example": "24121"}}}
schemas["AssistantReply"] = {"type": "object", "required": ["conversation", "kind", "intent", "procedure", "choices", "answer", "citations", "verified"], "properties": {
    "conversation": {"type": "string"}, "kind": {"type": "string", "enum": ["answer", "clarify", "not_found", "out_of_scope"]},
    "intent": {"type": "string", "enum": ["documents", "fee", "time_limit", "place", "steps", "online", "conditions", "result", "legal_basis", "overview"]},
    "procedure": {"allOf": [ref("ProcedureRef")], "nullable": True}, "choices": {"type": "array", "items": ref("ProcedureRef")},
    "answer": {"type": "string", "description": "Câu trả lời tiếng Việt, chỉ từ các trường của bản ghi"}, "citations": {"type": "array", "items": {"type": "string"}},
    "verified": {"type": "boolean"}, "suggestion": {"type": "string"}, "question_id": {"type": "integer", "description": "Dùng để gửi 👍/👎"},
    "case": {"type": "string", "description": "Trường hợp đã chọn, nếu có"}}}
schemas["AssistantFeedback"] = {"type": "object", "required": ["question_id", "conversation", "helpful"], "properties": {
    "question_id": {"type": "integer"}, "conversation": {"type": "string"}, "helpful": {"type": "boolean"}}}

too_many = {"description": "Quá số câu hỏi cho phép mỗi phút (HAICAP_ASSISTANT_RATE_LIMIT); xem Retry-After",
            "headers": {"Retry-After": {"schema": {"type": "integer"}}}, "content": {"application/json": {"schema": ref("Error")}}}
paths = doc["paths"]
paths["/api/v1/assistant/procedures"] = {"post": {"summary": "Hỏi trợ lý thủ tục hành chính", "security": [],
    "requestBody": {"required": True, "content": {"application/json": {"schema": ref("AssistantQuestion")}}},
    "responses": {"200": json_body(ref("AssistantReply"), "Trả lời, hỏi lại, không tìm thấy, hoặc ngoài phạm vi"), "400": err, "422": err, "429": too_many}}}
paths["/api/v1/assistant/procedures/feedback"] = {"post": {"summary": "👍/👎 cho một câu trả lời", "security": [],
    "requestBody": {"required": True, "content": {"application/json": {"schema": ref("AssistantFeedback")}}},
    "responses": {"204": {"description": "Đã ghi"}, "404": err, "422": err, "429": too_many}}}
q = lambda name, description: {"name": name, "in": "query", "required": False, "schema": {"type": "string"}, "description": description}
paths["/api/v1/procedures"] = {"get": {"summary": "Danh mục thủ tục", "security": [], "parameters": [
        q("q", "Tìm theo nội dung, có dấu hoặc không dấu"), q("field", "Lĩnh vực, đúng tên"), q("level", "Cấp thực hiện, ví dụ xã"),
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}, {"name": "per", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500}}],
    "responses": {"200": json_body({"type": "object", "required": ["items", "total"], "properties": {"items": {"type": "array", "items": ref("ProcedureSummary")},
        "total": {"type": "integer"}, "page": {"type": "integer"}, "per": {"type": "integer"}}}, "Một trang danh mục"), "422": err}}}
paths["/api/v1/procedures/{code}"] = {"get": {"summary": "Một thủ tục, toàn bộ bản ghi", "security": [],
    "parameters": [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}],
    "responses": {"200": json_body(ref("Procedure"), "Bản ghi"), "404": err}}}

path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
