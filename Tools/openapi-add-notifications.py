#!/usr/bin/env python3
"""Adds the notification routes and schemas (webhooks, inbox, dead letters, contacts) to
Sources/HaiCapWeb/Resources/openapi.json.

Loads the document, adds or replaces only its own paths and schemas, writes it back (others edit the file too).
Run from the repository root: python3 Tools/openapi-add-notifications.py
"""
import json
import pathlib

path = pathlib.Path("Sources/HaiCapWeb/Resources/openapi.json")
doc = json.loads(path.read_text(encoding="utf-8"))
ref = lambda name: {"$ref": "#/components/schemas/" + name}
err = {"$ref": "#/components/responses/Error"}
json_body = lambda schema, description: {"description": description, "content": {"application/json": {"schema": schema}}}
req = lambda schema: {"required": True, "content": {"application/json": {"schema": schema}}}
signed_in = [{"bearer": []}, {"session": []}]
s = lambda description=None, nullable=False: {k: v for k, v in {"type": "string", "description": description, "nullable": nullable or None}.items() if v is not None}
integer = {"type": "integer"}
id_param = lambda description="Mã số": {"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}, "description": description}
paging = [{"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
          {"name": "per", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}}]
list_of = lambda item: {"type": "object", "required": ["items", "total", "page", "per"], "properties": {
    "items": {"type": "array", "items": ref(item)}, "total": integer, "page": integer, "per": integer}}
event_names = ["assignment.created", "assignment.acknowledged", "assignment.due_soon", "assignment.overdue",
               "assignment.extension_requested", "assignment.extension_decided", "assignment.returned",
               "assignment.progress", "assignment.completed", "report.due", "report.returned"]

schemas = doc.setdefault("components", {}).setdefault("schemas", {})
schemas["NewWebhook"] = {"type": "object", "required": ["url", "secret", "events"], "properties": {
    "url": s("Địa chỉ http:// hoặc https:// nhận sự kiện (POST)"),
    "secret": {"type": "string", "minLength": 16, "description": "Khóa ký: X-HaiCap-Signature: sha256=<hex HMAC-SHA256 của thân yêu cầu>"},
    "events": {"type": "array", "minItems": 1, "items": {"type": "string", "enum": event_names + ["*"]}, "description": "Sự kiện cần nhận; \"*\" = mọi sự kiện"}}}
schemas["Webhook"] = {"type": "object", "required": ["id", "url", "events"], "properties": {
    "id": integer, "url": s(), "events": {"type": "array", "items": {"type": "string"}},
    "createdAt": s("RFC 3339"), "createdBy": s()}}
schemas["WebhookEvent"] = {"type": "object", "required": ["id", "event", "occurredAt", "data"],
    "description": "Thân yêu cầu gửi tới webhook. Tiêu đề: X-HaiCap-Signature (sha256=<hex HMAC-SHA256 của thân với khóa của webhook>), "
                   "X-HaiCap-Delivery (mã lần gửi, giống nhau ở mọi lần thử lại: dùng để bỏ bản trùng), X-HaiCap-Event. "
                   "Trả lời 2xx là đã nhận; mọi mã khác được thử lại với thời gian chờ tăng gấp đôi, rồi vào danh sách gửi lỗi.",
    "properties": {"id": s("Mã sự kiện (UUID)"), "event": {"type": "string", "enum": event_names},
                   "occurredAt": s("RFC 3339, múi giờ +07:00"), "data": {"type": "object", "additionalProperties": True}}}
schemas["Notification"] = {"type": "object", "required": ["id", "event", "title", "body", "createdAt", "read"], "properties": {
    "id": integer, "event": {"type": "string", "enum": event_names}, "title": s(), "body": s(),
    "link": s("Đường dẫn trong ứng dụng web", nullable=True), "createdAt": s("RFC 3339"), "read": {"type": "boolean"}}}
schemas["DeadLetter"] = {"type": "object", "required": ["id", "deliveryId", "eventId", "channel", "status", "attempts"], "properties": {
    "id": integer, "deliveryId": s("X-HaiCap-Delivery; giữ nguyên khi gửi lại"), "eventId": s(), "event": s(),
    "channel": {"type": "string", "enum": ["webhook", "email", "zalo"]}, "target": s("Mã webhook hoặc tên đăng nhập người nhận"),
    "address": s("URL, địa chỉ e-mail hoặc mã người dùng Zalo"), "status": {"type": "string", "enum": ["pending", "sent", "dead"]},
    "attempts": integer, "lastError": s(nullable=True), "createdAt": s("RFC 3339")}}
schemas["Contact"] = {"type": "object", "properties": {
    "email": s("E-mail nhận thông báo; null để xóa", nullable=True),
    "zaloUserId": s("user_id của người dùng trong Zalo Official Account; null để xóa", nullable=True)}}
schemas["ContactResult"] = {"allOf": [ref("Contact"), {"type": "object", "properties": {"username": s()}}]}

paths = doc["paths"]
for old in [p for p in paths if p.startswith(("/api/v1/webhooks", "/api/v1/notifications")) or p == "/api/v1/users/{username}/contact"]:
    del paths[old]
paths["/api/v1/webhooks"] = {
    "post": {"summary": "Đăng ký webhook nhận sự kiện (quản trị viên)", "security": signed_in, "requestBody": req(ref("NewWebhook")),
             "responses": {"201": json_body({"type": "object", "required": ["id"], "properties": {"id": integer}}, "Mã số webhook"),
                           "400": err, "401": err, "403": err, "422": err},
             "callbacks": {"event": {"{$request.body#/url}": {"post": {"requestBody": req(ref("WebhookEvent")),
                 "responses": {"2XX": {"description": "Đã nhận"}}}}}}},
    "get": {"summary": "Danh sách webhook, không kèm khóa (quản trị viên)", "security": signed_in, "parameters": paging,
            "responses": {"200": json_body(list_of("Webhook"), "Webhook"), "401": err, "403": err, "422": err}}}
paths["/api/v1/webhooks/{id}"] = {"delete": {"summary": "Xóa webhook (quản trị viên)", "security": signed_in, "parameters": [id_param()],
    "responses": {"204": {"description": "Đã xóa"}, "401": err, "403": err, "404": err}}}
paths["/api/v1/notifications"] = {"get": {"summary": "Hộp thư thông báo của người đang đăng nhập, mới nhất trước", "security": signed_in,
    "parameters": paging, "responses": {"200": json_body(list_of("Notification"), "Thông báo"), "401": err, "422": err}}}
paths["/api/v1/notifications/{id}/read"] = {"post": {"summary": "Đánh dấu đã đọc", "security": signed_in, "parameters": [id_param()],
    "responses": {"204": {"description": "Đã đánh dấu"}, "401": err, "404": err}}}
paths["/api/v1/notifications/dead-letters"] = {"get": {"summary": "Thông báo gửi lỗi sau lần thử cuối (quản trị viên)", "security": signed_in,
    "parameters": paging, "responses": {"200": json_body(list_of("DeadLetter"), "Gửi lỗi"), "401": err, "403": err, "422": err}}}
paths["/api/v1/notifications/dead-letters/{id}/replay"] = {"post": {
    "summary": "Gửi lại một thông báo gửi lỗi, cùng mã X-HaiCap-Delivery, số lần thử đếm lại từ đầu (quản trị viên)", "security": signed_in,
    "parameters": [id_param()], "responses": {"204": {"description": "Đã đưa lại vào hàng đợi"}, "401": err, "403": err, "404": err}}}
paths["/api/v1/users/{username}/contact"] = {"put": {"summary": "Đặt e-mail và mã người dùng Zalo của một tài khoản (quản trị viên)",
    "security": signed_in, "parameters": [{"name": "username", "in": "path", "required": True, "schema": {"type": "string"}}],
    "requestBody": req(ref("Contact")), "responses": {"200": json_body(ref("ContactResult"), "Đã lưu"), "401": err, "403": err, "404": err, "422": err}}}

path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
