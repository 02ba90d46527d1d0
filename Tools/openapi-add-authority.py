#!/usr/bin/env python3
"""Adds the authority assistant's routes and schemas to Sources/HaiCapWeb/Resources/openapi.json.

Loads the document, adds or replaces only its own paths and schemas, writes it back (others edit the file too).
Run from the repository root: python3 Tools/openapi-add-authority.py
"""
import json
import pathlib

path = pathlib.Path("Sources/HaiCapWeb/Resources/openapi.json")
doc = json.loads(path.read_text(encoding="utf-8"))
ref = lambda name: {"$ref": "#/components/schemas/" + name}
err = {"$ref": "#/components/responses/Error"}
json_body = lambda schema, description: {"description": description, "content": {"application/json": {"schema": schema}}}
signed_in = [{"bearer": []}, {"session": []}]
s = lambda description=None, nullable=False: {k: v for k, v in {"type": "string", "description": description, "nullable": nullable or None}.items() if v is not None}

schemas = doc.setdefault("components", {}).setdefault("schemas", {})
schemas["AuthorityQuestion"] = {"type": "object", "required": ["question"], "properties": {
    "question": s("Câu hỏi, có dấu hoặc không dấu, tối đa 1.000 ký tự"),
    "asOf": s("Ngày cần trả lời YYYY-MM-DD; bỏ trống là hôm nay", nullable=True)}}
schemas["LegalBasis"] = {"type": "object", "required": ["citation", "document", "text", "effective", "expires"], "properties": {
    "citation": s("Ví dụ: khoản 1 Điều 4 Nghị định số 140/2025/NĐ-CP"), "document": s("Loại và số hiệu văn bản"),
    "text": s("Nguyên văn điều, khoản, điểm"), "effective": s("Ngày có hiệu lực của văn bản", nullable=True),
    "expires": s("Ngày hết hiệu lực (có thể có điều kiện, xem warnings)", nullable=True)}}
schemas["AuthorityAnswer"] = {"type": "object", "required": ["kind", "holder", "previousHolder", "mode", "basis", "answer", "warnings"], "properties": {
    "kind": {"type": "string", "enum": ["answer", "provisions", "not_found"],
             "description": "answer: có bản ghi thẩm quyền; provisions: chưa có bản ghi thẩm quyền — trích các điều khoản liên quan (không nêu chủ thể); not_found: không có quy định liên quan"},
    "holder": s("Chủ thể có thẩm quyền; null khi không có căn cứ nêu chủ thể", nullable=True),
    "holderCode": s("Mã chủ thể, ví dụ ubnd_xa", nullable=True),
    "previousHolder": s("Chủ thể trước 01/7/2025 khi văn bản nêu", nullable=True),
    "mode": {"type": "string", "nullable": True, "enum": ["phân định", "phân quyền", "phân cấp", "ủy quyền", None]},
    "changed": s("Điều thay đổi từ 01/7/2025", nullable=True),
    "basis": {"type": "array", "items": ref("LegalBasis")}, "answer": s("Câu trả lời tiếng Việt"),
    "warnings": {"type": "array", "items": {"type": "string"}, "description": "Quy định bị sửa đổi, bãi bỏ; văn bản sắp hết hiệu lực (trích nguyên văn điều kiện)"},
    "asOf": s("Ngày trả lời YYYY-MM-DD")}}
schemas["LegalDocumentItem"] = {"type": "object", "required": ["number", "title", "type", "effective", "expires", "status", "articles"], "properties": {
    "number": s("Số hiệu"), "title": s("Trích yếu"), "type": s("Loại văn bản"), "issued": s(nullable=True),
    "effective": s(nullable=True), "expires": s(nullable=True),
    "status": {"type": "string", "enum": ["in_force", "partly_repealed", "repealed", "not_yet_in_force"]},
    "statusLabel": s("còn hiệu lực / hết hiệu lực một phần / hết hiệu lực / chưa có hiệu lực"), "articles": {"type": "integer"}}}
schemas["Competence"] = {"type": "object", "required": ["power", "holder", "previousHolder", "mode", "basis", "status"], "properties": {
    "id": {"type": "integer"}, "power": s("Thẩm quyền, nhiệm vụ"), "holder": s("Chủ thể"), "holderCode": s(),
    "previousHolder": s(nullable=True), "mode": s("phân định, phân quyền, phân cấp, ủy quyền"),
    "basis": {"type": "array", "items": ref("LegalBasis")}, "status": {"type": "string", "enum": ["extracted", "verified", "rejected"]}}}
schemas["CompetenceReview"] = {"type": "object", "required": ["action"], "properties": {
    "action": {"type": "string", "enum": ["verify", "reject", "edit", "reopen"]}, "reason": s("Bắt buộc khi reject"),
    "power": s(), "holder": s("Mã chủ thể"), "previousHolder": s(), "mode": s(), "condition": s(), "notes": s()}}

q = lambda name, description: {"name": name, "in": "query", "required": False, "schema": {"type": "string"}, "description": description}
list_of = lambda item: {"type": "object", "required": ["items", "total"], "properties": {"items": {"type": "array", "items": ref(item)}, "total": {"type": "integer"}}}
paths = doc["paths"]
paths["/api/v1/assistant/authority"] = {"post": {"summary": "Hỏi trợ lý thẩm quyền: ai có thẩm quyền, căn cứ, hiệu lực", "security": signed_in,
    "requestBody": {"required": True, "content": {"application/json": {"schema": ref("AuthorityQuestion")}}},
    "responses": {"200": json_body(ref("AuthorityAnswer"), "Câu trả lời"), "400": err, "401": err, "422": err}}}
paths["/api/v1/legal/documents"] = {"get": {"summary": "Danh mục văn bản pháp luật với hiệu lực, tình trạng", "security": signed_in,
    "responses": {"200": json_body(list_of("LegalDocumentItem"), "Danh mục"), "401": err}}}
paths["/api/v1/competences"] = {"get": {"summary": "Bản ghi thẩm quyền", "security": signed_in, "parameters": [
        q("document", "Số hiệu văn bản, ví dụ 140/2025/NĐ-CP"), q("status", "extracted, verified hoặc rejected"), q("q", "Từ khóa, có dấu hoặc không dấu"),
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}, {"name": "per", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500}}],
    "responses": {"200": json_body(list_of("Competence"), "Bản ghi"), "401": err, "422": err}}}
paths["/api/v1/competences/{id}/review"] = {"post": {"summary": "Duyệt bản ghi thẩm quyền (cán bộ tỉnh): xác minh, sửa, loại, mở lại; ghi nhật ký", "security": signed_in,
    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
    "requestBody": {"required": True, "content": {"application/json": {"schema": ref("CompetenceReview")}}},
    "responses": {"200": json_body(ref("Competence"), "Bản ghi sau khi duyệt"), "401": err, "403": err, "404": err, "409": err, "422": err}}}

path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
