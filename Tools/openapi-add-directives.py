#!/usr/bin/env python3
"""Adds the monitoring-and-direction routes and schemas to Sources/HaiCapWeb/Resources/openapi.json.

Loads the document, adds or replaces only its own paths and schemas, writes it back (others edit the file too).
Run from the repository root: python3 Tools/openapi-add-directives.py
"""
import json
import pathlib

path = pathlib.Path("Sources/HaiCapWeb/Resources/openapi.json")
doc = json.loads(path.read_text(encoding="utf-8"))
ref = lambda name: {"$ref": "#/components/schemas/" + name}
err = {"$ref": "#/components/responses/Error"}
json_body = lambda schema, description: {"description": description, "content": {"application/json": {"schema": schema}}}
req = lambda schema, required=True: {"required": required, "content": {"application/json": {"schema": schema}}}
signed_in = [{"bearer": []}, {"session": []}]
s = lambda description=None, nullable=False: {k: v for k, v in {"type": "string", "description": description, "nullable": nullable or None}.items() if v is not None}
integer = {"type": "integer"}
id_param = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}
q = lambda name, description, kind="string": {"name": name, "in": "query", "required": False, "schema": {"type": kind}, "description": description}
page_params = [q("page", "Trang, từ 1", "integer"), q("per", "Số mục mỗi trang, tối đa 500", "integer")]
filters = [q("unit", "Mã đơn vị chủ trì"), q("status", "done_on_time, done_late, in_progress, overdue"), q("directive", "Mã số văn bản chỉ đạo", "integer"),
           q("field", "Lĩnh vực"), q("from", "Hạn từ ngày YYYY-MM-DD"), q("to", "Hạn đến ngày YYYY-MM-DD")]
list_of = lambda item: {"type": "object", "required": ["items", "total"], "properties": {
    "items": {"type": "array", "items": ref(item)}, "total": integer, "page": integer, "per": integer}}
status_enum = {"type": "string", "enum": ["done_on_time", "done_late", "in_progress", "overdue"]}
state_enum = {"type": "string", "enum": ["assigned", "acknowledged", "in_progress", "extension_requested", "completion_reported", "completed"]}

schemas = doc.setdefault("components", {}).setdefault("schemas", {})
schemas["NewDirective"] = {"type": "object", "required": ["number", "date", "issuer", "summary"], "properties": {
    "number": s("Số hiệu, ví dụ 125/UBND-TH"), "date": s("YYYY-MM-DD"), "issuer": s("Cơ quan ban hành"), "signer": s("Người ký"),
    "summary": s("Trích yếu"), "text": s("Nội dung (hoặc link)"), "link": s("Đường dẫn tệp văn bản", nullable=True), "field": s("Lĩnh vực", nullable=True)}}
schemas["DirectiveItem"] = {"type": "object", "required": ["id", "number", "date", "summary"], "properties": {
    "id": integer, "number": s(), "date": s(), "issuer": s(), "summary": s()}}
schemas["AssignmentItem"] = {"type": "object", "required": ["id", "unit", "content", "deadline", "status", "dueSoon"], "properties": {
    "id": integer, "unit": s("Đơn vị chủ trì", nullable=True), "content": s(), "deadline": s("YYYY-MM-DD"), "status": status_enum,
    "dueSoon": {"type": "boolean", "description": "Đến hạn trong 3 ngày làm việc, chưa báo cáo hoàn thành"}, "state": state_enum, "progress": integer}}
schemas["Directive"] = {"allOf": [ref("NewDirective"), {"type": "object", "properties": {"id": integer, "assignments": {"type": "array", "items": ref("AssignmentItem")}}}]}
schemas["NewAssignment"] = {"type": "object", "required": ["content", "units"], "properties": {
    "content": s(), "expectedResult": s(), "units": {"type": "array", "items": {"type": "string"}, "description": "Đơn vị chủ trì: mỗi đơn vị một nhiệm vụ (nhiều đơn vị: có nhiệm vụ chung tổng hợp tiến độ)"},
    "coordinating": {"type": "array", "items": {"type": "string"}}, "deadline": s("YYYY-MM-DD (được phép là ngày đã qua)", nullable=True),
    "workingDays": {"type": "integer", "nullable": True, "description": "Hoặc: số ngày làm việc kể từ ngày văn bản"},
    "priority": {"type": "string", "enum": ["low", "normal", "high", "urgent"]}, "recurrence": {"type": "string", "enum": ["none", "weekly", "monthly", "quarterly", "yearly"]},
    "assignee": s("Cán bộ phụ trách", nullable=True), "field": s(nullable=True)}}
schemas["CreatedAssignments"] = {"type": "object", "required": ["items"], "properties": {
    "items": {"type": "array", "items": {"type": "object", "properties": {"id": integer, "unit": s()}}}, "parent": {"type": "integer", "nullable": True}}}
schemas["AssignmentAction"] = {"type": "object", "properties": {
    "progress": {"type": "integer", "minimum": 0, "maximum": 100}, "note": s(), "evidence": {"type": "array", "items": {"type": "string"}, "description": "Đường dẫn http(s)"},
    "deadline": s("extension: ngày đề nghị; extension/decide: hạn mới (mặc định ngày đề nghị)"), "reason": s("extension: lý do"),
    "approve": {"type": "boolean", "description": "extension/decide"}, "comment": s("return: nhận xét")}}
schemas["Assignment"] = {"allOf": [ref("AssignmentItem"), {"type": "object", "properties": {
    "directive": integer, "parent": {"type": "integer", "nullable": True}, "coordinating": {"type": "array", "items": {"type": "string"}},
    "expectedResult": s(), "priority": s(), "recurrence": s(), "originalDeadline": s(), "acknowledgedAt": s(nullable=True), "acknowledgedBy": s(nullable=True),
    "reportedOn": s(nullable=True), "completedOn": s(nullable=True), "pendingExtension": {"type": "object", "nullable": True},
    "timeline": {"type": "array", "items": {"type": "object"}}, "messages": {"type": "array", "items": {"type": "object"}},
    "children": {"type": "array", "items": ref("AssignmentItem")}}}]}
schemas["UnitMonitoring"] = {"type": "object", "required": ["unit", "total", "onTimeRate", "overdue", "light"], "properties": {
    "unit": s(), "name": s(), "total": integer, "onTimeRate": {"type": "number", "nullable": True, "description": "0–1; null khi chưa có nhiệm vụ đến hạn"},
    "doneOnTime": integer, "doneLate": integer, "inProgress": integer, "overdue": integer, "dueSoon": integer, "light": {"type": "string", "enum": ["green", "yellow", "red"]}}}

paths = doc["paths"]
for old in [p for p in paths if p.startswith(("/api/v1/directives", "/api/v1/assignments", "/api/v1/monitoring"))]:
    del paths[old]
paths["/api/v1/directives"] = {
    "post": {"summary": "Ghi nhận văn bản chỉ đạo (cán bộ tỉnh)", "security": signed_in, "requestBody": req(ref("NewDirective")),
             "responses": {"201": json_body({"type": "object", "properties": {"id": integer}}, "Mã số"), "401": err, "403": err, "422": err}},
    "get": {"summary": "Văn bản chỉ đạo, mới nhất trước", "security": signed_in, "parameters": [q("q", "Tìm theo số hiệu, trích yếu")] + page_params,
            "responses": {"200": json_body(list_of("DirectiveItem"), "Danh sách"), "401": err, "422": err}}}
paths["/api/v1/directives/extract"] = {"post": {"summary": "Đề xuất nhiệm vụ từ nội dung văn bản: đơn vị và hạn nhận ra từ câu chữ; không tạo gì (cán bộ tỉnh)", "security": signed_in,
    "requestBody": req({"type": "object", "required": ["text"], "properties": {"text": s("Nội dung văn bản"), "date": s("Ngày văn bản YYYY-MM-DD (để suy ra năm của hạn)")}}),
    "responses": {"200": json_body({"type": "object", "properties": {"proposals": {"type": "array", "items": {"type": "object", "properties": {
        "content": s(), "units": {"type": "array", "items": {"type": "string"}}, "allUnits": {"type": "boolean"}, "unitNames": {"type": "array", "items": {"type": "string"}},
        "deadline": s("YYYY-MM-DD", nullable=True), "sentence": s("Câu gốc")}}}}}, "Đề xuất"), "400": err, "401": err, "403": err, "422": err}}}
paths["/api/v1/directives/{id}"] = {"get": {"summary": "Một văn bản và các nhiệm vụ (cán bộ xã: của đơn vị mình)", "security": signed_in, "parameters": [id_param],
    "responses": {"200": json_body(ref("Directive"), "Văn bản"), "401": err, "404": err}}}
paths["/api/v1/directives/{id}/assignments"] = {"post": {"summary": "Giao nhiệm vụ: mỗi đơn vị chủ trì một nhiệm vụ (cán bộ tỉnh)", "security": signed_in,
    "parameters": [id_param], "requestBody": req(ref("NewAssignment")),
    "responses": {"201": json_body(ref("CreatedAssignments"), "Nhiệm vụ đã giao"), "401": err, "403": err, "404": err, "422": err}}}
paths["/api/v1/assignments"] = {"get": {"summary": "Nhiệm vụ theo hạn (cán bộ xã: đơn vị mình chủ trì hoặc phối hợp)", "security": signed_in,
    "parameters": filters + page_params, "responses": {"200": json_body(list_of("AssignmentItem"), "Danh sách"), "401": err, "403": err, "422": err}}}
paths["/api/v1/assignments/{id}"] = {"get": {"summary": "Một nhiệm vụ: diễn biến, trao đổi, nhiệm vụ con", "security": signed_in, "parameters": [id_param],
    "responses": {"200": json_body(ref("Assignment"), "Nhiệm vụ"), "401": err, "403": err, "404": err}}}
for action, summary in [("acknowledge", "Xác nhận đã nhận (đơn vị chủ trì)"), ("progress", "Cập nhật tiến độ %, ghi chú, minh chứng (đơn vị chủ trì)"),
                        ("extension", "Đề nghị gia hạn: ngày và lý do (đơn vị chủ trì)"), ("extension/decide", "Đồng ý hoặc không đồng ý gia hạn (cán bộ tỉnh)"),
                        ("complete", "Báo cáo hoàn thành (đơn vị chủ trì)"), ("confirm", "Xác nhận hoàn thành (cán bộ tỉnh)"), ("return", "Trả lại kèm nhận xét (cán bộ tỉnh)")]:
    paths["/api/v1/assignments/{id}/" + action] = {"post": {"summary": summary, "security": signed_in, "parameters": [id_param],
        "requestBody": req(ref("AssignmentAction"), required=False),
        "responses": {"200": json_body(ref("Assignment"), "Nhiệm vụ sau thao tác"), "401": err, "403": err, "404": err, "409": err, "422": err}}}
paths["/api/v1/assignments/{id}/messages"] = {"post": {"summary": "Gửi trao đổi trong nhiệm vụ; @mã-đơn-vị để nhắc đơn vị", "security": signed_in,
    "parameters": [id_param], "requestBody": req({"type": "object", "required": ["body"], "properties": {"body": s(), "attachments": {"type": "array", "items": {"type": "string"}}}}),
    "responses": {"201": json_body({"type": "object"}, "Tin nhắn"), "401": err, "403": err, "404": err, "422": err}}}
paths["/api/v1/monitoring/units"] = {"get": {"summary": "Xếp hạng đơn vị theo tỷ lệ hoàn thành đúng hạn, đèn xanh/vàng/đỏ (cán bộ tỉnh)", "security": signed_in,
    "parameters": filters, "responses": {"200": json_body({"type": "object", "properties": {"items": {"type": "array", "items": ref("UnitMonitoring")}, "rules": {"type": "array", "items": {"type": "string"}}}}, "Đơn vị"), "401": err, "403": err, "422": err}}}
paths["/api/v1/monitoring/summary"] = {"get": {"summary": "Số nhiệm vụ theo tình trạng, danh sách quá hạn và sắp đến hạn (cán bộ tỉnh)", "security": signed_in,
    "parameters": filters, "responses": {"200": json_body({"type": "object"}, "Tổng hợp"), "401": err, "403": err, "422": err}}}
paths["/api/v1/monitoring/brief"] = {"get": {"summary": "Bản tin tuần bằng tiếng Việt tạo từ số liệu (cán bộ tỉnh)", "security": signed_in,
    "responses": {"200": json_body({"type": "object", "properties": {"text": s()}}, "Bản tin"), "401": err, "403": err}}}
for ext, mime in [("csv", "text/csv"), ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]:
    paths["/api/v1/monitoring/assignments." + ext] = {"get": {"summary": "Xuất danh sách nhiệm vụ theo bộ lọc (" + ext.upper() + ")", "security": signed_in,
        "parameters": filters, "responses": {"200": {"description": "Tệp", "content": {mime: {"schema": {"type": "string"}}}}, "401": err, "403": err, "422": err}}}

path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
