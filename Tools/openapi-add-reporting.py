#!/usr/bin/env python3
"""Adds the two-level reporting routes and schemas to Sources/HaiCapWeb/Resources/openapi.json.

Loads the document, adds or replaces only its own paths and schemas, writes it back (others edit the file too).
Run from the repository root: python3 Tools/openapi-add-reporting.py
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
num = lambda description=None: {k: v for k, v in {"type": "number", "nullable": True, "description": description}.items() if v is not None}
integer = {"type": "integer"}
id_param = lambda name="id", description="Mã số": {"name": name, "in": "path", "required": True, "schema": {"type": "integer"}, "description": description}
unit_param = {"name": "unit", "in": "path", "required": True, "schema": {"type": "string"}, "description": "Mã đơn vị cấp xã 5 chữ số"}
list_of = lambda item: {"type": "object", "required": ["items", "total"], "properties": {
    "items": {"type": "array", "items": ref(item)}, "total": integer, "page": integer, "per": integer}}

schemas = doc.setdefault("components", {}).setdefault("schemas", {})
schemas["Indicator"] = {"type": "object", "required": ["key", "label", "type"], "properties": {
    "key": s("Mã chỉ tiêu: chữ Latinh không dấu, số, gạch dưới; bắt đầu bằng chữ"), "label": s("Tên chỉ tiêu"),
    "type": {"type": "string", "enum": ["integer", "decimal", "percent", "text", "boolean", "choice", "date"]},
    "unit": s("Đơn vị tính", nullable=True), "section": s("Phần của biểu mẫu", nullable=True),
    "required": {"type": "boolean"}, "min": num(), "max": num("percent mặc định 0–100"),
    "formula": s("Chỉ tiêu tính tự động, ví dụ round(dung_han / da_giai_quyet * 100, 1); hàm min, max, abs, round, if", nullable=True),
    "choices": {"type": "array", "items": {"type": "string"}, "nullable": True}, "help": s(nullable=True)}}
schemas["ReportForm"] = {"type": "object", "required": ["name", "indicators"], "properties": {
    "name": s(), "description": s(nullable=True), "indicators": {"type": "array", "items": ref("Indicator")},
    "rules": {"type": "array", "items": {"type": "object", "required": ["expression", "message"], "properties": {
        "expression": s("Điều kiện phải đúng, ví dụ on_time <= resolved"), "message": s("Thông báo khi điều kiện sai")}}},
    "outline": {"type": "array", "items": {"type": "object", "required": ["title"], "properties": {"title": s(), "hint": s(nullable=True)}}},
    "example": {"type": "boolean", "description": "Biểu mẫu ví dụ đi kèm"}}}
schemas["ReportFormVersion"] = {"allOf": [ref("ReportForm"), {"type": "object", "properties": {
    "id": integer, "version": integer, "currentVersion": integer, "createdAt": s("RFC 3339"), "createdBy": s()}}]}
schemas["ReportFormSummary"] = {"type": "object", "properties": {"id": integer, "name": s(), "version": integer, "example": {"type": "boolean"}, "updatedAt": s()}}
schemas["Created"] = {"type": "object", "required": ["id"], "properties": {"id": integer, "version": integer}}
schemas["NewRegime"] = {"type": "object", "required": ["name", "form", "frequency", "deadlineWorkingDays", "units"], "properties": {
    "name": s(), "form": {"type": "integer", "description": "Mã số biểu mẫu"},
    "frequency": {"type": "string", "enum": ["weekly", "monthly", "quarterly", "six_month", "nine_month", "yearly", "ad_hoc"]},
    "deadlineWorkingDays": {"type": "integer", "minimum": 0, "maximum": 60, "description": "Số ngày làm việc sau ngày chốt số liệu (Nghị định 09/2019/NĐ-CP: tháng từ ngày 15 tháng trước đến ngày 14)"},
    "units": {"oneOf": [{"type": "string", "enum": ["all"]}, {"type": "array", "items": {"type": "string"}}], "description": "\"all\" = mọi xã, phường của tỉnh; hoặc danh sách mã"}}}
schemas["Regime"] = {"allOf": [ref("NewRegime"), {"type": "object", "properties": {"id": integer, "active": {"type": "boolean"}, "example": {"type": "boolean"}}}]}
schemas["Period"] = {"type": "object", "required": ["id", "label", "from", "to", "deadline"], "properties": {
    "id": integer, "regime": integer, "label": s("Ví dụ: Tháng 12/2026"), "from": s("YYYY-MM-DD"), "to": s("YYYY-MM-DD (ngày chốt số liệu)"), "deadline": s("YYYY-MM-DD")}}
schemas["NewPeriod"] = {"type": "object", "required": ["label", "from", "to", "deadline"], "properties": {
    "label": s(), "from": s("YYYY-MM-DD"), "to": s("YYYY-MM-DD"), "deadline": s("YYYY-MM-DD")}}
schemas["FieldError"] = {"type": "object", "required": ["key", "message"], "properties": {"key": s(), "message": s()}}
schemas["ReportDraft"] = {"type": "object", "properties": {
    "values": {"type": "object", "additionalProperties": True, "description": "Mã chỉ tiêu → giá trị (số, chuỗi, true/false, null)"},
    "narrative": {"type": "object", "additionalProperties": {"type": "string"}, "description": "Tiêu đề mục đề cương → nội dung"}}}
schemas["Report"] = {"type": "object", "required": ["period", "unit", "status", "values", "narrative", "late"], "properties": {
    "period": integer, "unit": s(), "formVersion": integer,
    "status": {"type": "string", "enum": ["not_started", "draft", "submitted", "returned", "accepted"]},
    "values": {"type": "object", "additionalProperties": True}, "narrative": {"type": "object", "additionalProperties": {"type": "string"}},
    "submittedAt": s(nullable=True), "firstSubmittedAt": s("Lần gửi đầu; đúng hạn/trễ hạn tính theo lần này", nullable=True),
    "late": {"type": "boolean"}, "comment": s("Nhận xét khi trả lại hoặc lý do mở lại", nullable=True),
    "updatedAt": s(nullable=True), "updatedBy": s(nullable=True),
    "issues": {"type": "array", "items": ref("FieldError"), "description": "Lỗi cần sửa trước khi gửi (khi lưu nháp)"}}}
schemas["ReviewComment"] = {"type": "object", "properties": {"comment": s("Bắt buộc khi trả lại và mở lại")}}
schemas["PeriodStatus"] = {"type": "object", "required": ["expected", "submitted", "onTime", "late", "missing"], "properties": {
    "expected": integer, "submitted": integer, "onTime": integer, "late": integer, "accepted": integer, "returned": integer,
    "completeness": {"type": "number", "description": "0–1"}, "timeliness": {"type": "number", "description": "0–1"},
    "missing": {"type": "array", "items": {"type": "string"}}}}
schemas["PeriodAggregate"] = {"type": "object", "required": ["indicators"], "properties": {"period": integer, "indicators": {"type": "array", "items": {
    "type": "object", "required": ["key", "sum", "avg", "min", "max", "count"], "properties": {
        "key": s(), "label": s(), "unit": s(nullable=True), "sum": num(), "avg": num(), "min": num(), "max": num(), "count": integer,
        "previousSum": num("Kỳ trước"), "previousAvg": num("Kỳ trước"), "change": num("Thay đổi so với kỳ trước, 0.123 = +12,3%")}}}}}
schemas["PeriodNarrative"] = {"type": "object", "required": ["text"], "properties": {
    "text": s("Bản đã lưu, nếu chưa lưu thì bản dự thảo"), "draft": s("Bản dự thảo tạo từ số liệu"), "saved": {"type": "boolean"},
    "savedBy": s(nullable=True), "savedAt": s(nullable=True),
    "facts": {"type": "array", "items": {"type": "object", "properties": {"text": s(), "source": s("status.<trường> hoặc aggregate.<chỉ tiêu>.<số liệu>"), "value": {"type": "number"}}}}}}
schemas["CalendarDay"] = {"type": "object", "properties": {"day": s("YYYY-MM-DD"), "kind": {"type": "string", "enum": ["off", "working"]}, "note": s(), "updatedBy": s()}}

paths = doc["paths"]
for old in [p for p in paths if p.startswith(("/api/v1/report-forms", "/api/v1/regimes", "/api/v1/periods", "/api/v1/calendar"))]:
    del paths[old]
paths["/api/v1/report-forms"] = {
    "post": {"summary": "Tạo biểu mẫu báo cáo (cán bộ tỉnh)", "security": signed_in, "requestBody": req(ref("ReportForm")),
             "responses": {"201": json_body(ref("Created"), "Mã số và phiên bản 1"), "400": err, "401": err, "403": err, "422": err}},
    "get": {"summary": "Danh sách biểu mẫu", "security": signed_in, "responses": {"200": json_body(list_of("ReportFormSummary"), "Biểu mẫu"), "401": err}}}
paths["/api/v1/report-forms/{id}"] = {
    "get": {"summary": "Một biểu mẫu (phiên bản mới nhất, hoặc ?version=N)", "security": signed_in, "parameters": [id_param(),
             {"name": "version", "in": "query", "schema": {"type": "integer", "minimum": 1}}],
            "responses": {"200": json_body(ref("ReportFormVersion"), "Biểu mẫu"), "401": err, "404": err, "422": err}},
    "put": {"summary": "Sửa biểu mẫu: tạo phiên bản mới (báo cáo đã lập giữ phiên bản cũ)", "security": signed_in, "parameters": [id_param()],
            "requestBody": req(ref("ReportForm")), "responses": {"200": json_body(ref("Created"), "Phiên bản hiện hành"), "401": err, "403": err, "404": err, "422": err}}}
paths["/api/v1/regimes"] = {
    "post": {"summary": "Tạo chế độ báo cáo (cán bộ tỉnh); các kỳ được tạo trước tự động", "security": signed_in, "requestBody": req(ref("NewRegime")),
             "responses": {"201": json_body(ref("Created"), "Mã số chế độ"), "401": err, "403": err, "422": err}},
    "get": {"summary": "Danh sách chế độ báo cáo", "security": signed_in, "responses": {"200": json_body(list_of("Regime"), "Chế độ"), "401": err}}}
paths["/api/v1/regimes/{id}"] = {"get": {"summary": "Một chế độ báo cáo", "security": signed_in, "parameters": [id_param()],
    "responses": {"200": json_body(ref("Regime"), "Chế độ"), "401": err, "404": err}}}
paths["/api/v1/regimes/{id}/periods"] = {
    "get": {"summary": "Các kỳ báo cáo, mới nhất trước", "security": signed_in, "parameters": [id_param(),
             {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}}, {"name": "per", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500}}],
            "responses": {"200": json_body(list_of("Period"), "Kỳ báo cáo"), "401": err, "404": err, "422": err}},
    "post": {"summary": "Thêm kỳ báo cáo đột xuất (cán bộ tỉnh)", "security": signed_in, "parameters": [id_param()], "requestBody": req(ref("NewPeriod")),
             "responses": {"201": json_body(ref("Period"), "Kỳ đã tạo"), "401": err, "403": err, "404": err, "422": err}}}
paths["/api/v1/periods/{id}"] = {"get": {"summary": "Một kỳ báo cáo", "security": signed_in, "parameters": [id_param()],
    "responses": {"200": json_body(ref("Period"), "Kỳ"), "401": err, "404": err}}}
paths["/api/v1/periods/{id}/reports/{unit}"] = {
    "get": {"summary": "Báo cáo của một đơn vị trong kỳ (cán bộ xã chỉ xem đơn vị mình)", "security": signed_in, "parameters": [id_param(), unit_param],
            "responses": {"200": json_body(ref("Report"), "Báo cáo"), "401": err, "403": err, "404": err}},
    "put": {"summary": "Lưu nháp: giữ nguyên giá trị đã nhập, trả về lỗi cần sửa", "security": signed_in, "parameters": [id_param(), unit_param],
            "requestBody": req(ref("ReportDraft")), "responses": {"200": json_body(ref("Report"), "Bản nháp"), "401": err, "403": err, "404": err, "409": err, "422": err}}}
paths["/api/v1/periods/{id}/reports/{unit}/submit"] = {"post": {"summary": "Gửi báo cáo; sau hạn thì đánh dấu trễ hạn", "security": signed_in,
    "parameters": [id_param(), unit_param], "responses": {"200": json_body(ref("Report"), "Đã gửi"), "401": err, "403": err, "404": err, "409": err,
    "422": {"description": "Chưa đạt kiểm tra của biểu mẫu: error.fields liệt kê từng chỉ tiêu", "content": {"application/json": {"schema": ref("Error")}}}}}}
for action, summary in [("return", "Trả lại kèm nhận xét (cán bộ tỉnh)"), ("accept", "Tiếp nhận; báo cáo bị khóa (cán bộ tỉnh)"), ("reopen", "Mở lại báo cáo đã tiếp nhận, nêu lý do (cán bộ tỉnh)")]:
    paths["/api/v1/periods/{id}/reports/{unit}/" + action] = {"post": {"summary": summary, "security": signed_in, "parameters": [id_param(), unit_param],
        "requestBody": {"required": False, "content": {"application/json": {"schema": ref("ReviewComment")}}},
        "responses": {"200": json_body(ref("Report"), "Báo cáo"), "401": err, "403": err, "404": err, "409": err, "422": err}}}
paths["/api/v1/periods/{id}/status"] = {"get": {"summary": "Tình hình gửi: đủ, đúng hạn, đơn vị chưa gửi (cán bộ tỉnh)", "security": signed_in, "parameters": [id_param()],
    "responses": {"200": json_body(ref("PeriodStatus"), "Tình hình"), "401": err, "403": err, "404": err}}}
paths["/api/v1/periods/{id}/aggregate"] = {"get": {"summary": "Tổng hợp toàn tỉnh theo chỉ tiêu: tổng, trung bình, nhỏ nhất, lớn nhất, so với kỳ trước (cán bộ tỉnh)", "security": signed_in,
    "parameters": [id_param()], "responses": {"200": json_body(ref("PeriodAggregate"), "Tổng hợp"), "401": err, "403": err, "404": err}}}
paths["/api/v1/periods/{id}/aggregate.csv"] = {"get": {"summary": "Số liệu theo đơn vị và dòng tổng hợp, CSV UTF-8 có BOM", "security": signed_in, "parameters": [id_param()],
    "responses": {"200": {"description": "Tệp CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}, "401": err, "403": err, "404": err}}}
paths["/api/v1/periods/{id}/aggregate.xlsx"] = {"get": {"summary": "Số liệu theo đơn vị và bảng tổng hợp, XLSX hai trang", "security": signed_in, "parameters": [id_param()],
    "responses": {"200": {"description": "Tệp XLSX", "content": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "format": "binary"}}}}, "401": err, "403": err, "404": err}}}
paths["/api/v1/periods/{id}/narrative"] = {
    "get": {"summary": "Báo cáo tổng hợp bằng lời: bản dự thảo từ số liệu (mỗi con số có nguồn) và bản đã lưu", "security": signed_in, "parameters": [id_param()],
            "responses": {"200": json_body(ref("PeriodNarrative"), "Nội dung"), "401": err, "403": err, "404": err}},
    "put": {"summary": "Lưu nội dung đã chỉnh sửa (cán bộ tỉnh)", "security": signed_in, "parameters": [id_param()],
            "requestBody": req({"type": "object", "required": ["text"], "properties": {"text": s()}}),
            "responses": {"204": {"description": "Đã lưu"}, "401": err, "403": err, "404": err, "422": err}}}
paths["/api/v1/calendar/days"] = {"get": {"summary": "Ngày nghỉ thêm và ngày làm việc bù do quản trị viên điều chỉnh", "security": signed_in,
    "responses": {"200": json_body(list_of("CalendarDay"), "Điều chỉnh"), "401": err}}}
day_param = {"name": "day", "in": "path", "required": True, "schema": {"type": "string"}, "description": "YYYY-MM-DD"}
paths["/api/v1/calendar/days/{day}"] = {
    "put": {"summary": "Đặt một ngày là ngày nghỉ (off) hoặc ngày làm việc (working) (quản trị viên)", "security": signed_in, "parameters": [day_param],
            "requestBody": req({"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string", "enum": ["off", "working"]}, "note": s()}}),
            "responses": {"200": json_body(ref("CalendarDay"), "Đã đặt"), "401": err, "403": err, "422": err}},
    "delete": {"summary": "Bỏ điều chỉnh của một ngày (quản trị viên)", "security": signed_in, "parameters": [day_param],
               "responses": {"204": {"description": "Đã bỏ"}, "401": err, "403": err, "404": err, "422": err}}}

path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
