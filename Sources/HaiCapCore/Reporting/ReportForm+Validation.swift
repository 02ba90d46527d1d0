import Foundation

extension ReportFormDefinition {
    public static let maxIndicators = 500
    static let reservedWords: Set<String> = ["and", "or", "not"]

    /// Every problem with the definition, each naming the field to fix; empty when the form can be saved.
    public func problems() -> [FieldError] {
        var fields: [FieldError] = []
        func add(_ key: String, _ message: String) { fields.append(FieldError(key: key, message: message)) }

        if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { add("name", "Tên biểu mẫu không được để trống.") }
        if name.count > 300 { add("name", "Tên biểu mẫu dài quá 300 ký tự.") }
        if indicators.isEmpty { add("indicators", "Biểu mẫu cần ít nhất một chỉ tiêu.") }
        if indicators.count > Self.maxIndicators { add("indicators", "Biểu mẫu có quá \(Self.maxIndicators) chỉ tiêu.") }

        var seen: Set<String> = []
        for (i, indicator) in indicators.enumerated() {
            let at = "indicators[\(i)]"
            if !Self.isValidKey(indicator.key) {
                add("\(at).key", "Mã chỉ tiêu '\(indicator.key)' không hợp lệ: chỉ dùng chữ Latinh không dấu, chữ số và dấu gạch dưới, bắt đầu bằng chữ, tối đa 64 ký tự (ví dụ: ho_so_tiep_nhan).")
            } else if Self.reservedWords.contains(indicator.key.lowercased()) {
                add("\(at).key", "Không dùng '\(indicator.key)' làm mã chỉ tiêu vì đó là từ khóa của công thức.")
            } else if !seen.insert(indicator.key).inserted {
                add("\(at).key", "Mã chỉ tiêu '\(indicator.key)' bị trùng.")
            }
            if indicator.label.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add("\(at).label", "Chỉ tiêu '\(indicator.key)' chưa có tên.")
            }
            if let low = indicator.min, let high = indicator.max, low > high {
                add("\(at).min", "Chỉ tiêu '\(indicator.key)': giá trị nhỏ nhất (\(VietnameseNumber.number(low))) lớn hơn giá trị lớn nhất (\(VietnameseNumber.number(high))).")
            }
            if indicator.type == .choice {
                let choices = (indicator.choices ?? []).map { $0.trimmingCharacters(in: .whitespaces) }
                if choices.isEmpty || choices.contains("") {
                    add("\(at).choices", "Chỉ tiêu lựa chọn '\(indicator.key)' cần danh sách các lựa chọn, không có lựa chọn trống.")
                } else if Set(choices).count != choices.count {
                    add("\(at).choices", "Chỉ tiêu '\(indicator.key)' có lựa chọn bị trùng.")
                }
            }
            if indicator.isComputed, ![.integer, .decimal, .percent].contains(indicator.type) {
                add("\(at).formula", "Chỉ tiêu '\(indicator.key)' có công thức nên phải là kiểu số (integer, decimal hoặc percent).")
            }
        }
        let numericKeys = Set(indicators.filter(\.type.isNumeric).map(\.key))

        var formulas: [String: ReportExpression] = [:]
        for (i, indicator) in indicators.enumerated() {
            guard let text = indicator.formula, !text.isEmpty else { continue }
            let at = "indicators[\(i)].formula"
            do {
                let expression = try ReportExpression.parse(text, expecting: .number)
                let unknown = expression.identifiers.subtracting(numericKeys).sorted()
                if !unknown.isEmpty {
                    add(at, "Công thức của '\(indicator.key)' dùng chỉ tiêu không có hoặc không phải kiểu số: \(unknown.joined(separator: ", ")).")
                } else {
                    formulas[indicator.key] = expression
                }
            } catch {
                add(at, "Công thức của '\(indicator.key)': \(error.message)")
            }
        }
        do {
            _ = try ReportExpression.evaluationOrder(formulas)
        } catch {
            add("indicators", error.message)
        }

        for (i, rule) in rules.enumerated() {
            let at = "rules[\(i)]"
            if rule.message.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                add("\(at).message", "Quy tắc '\(rule.expression)' cần một thông báo cho cán bộ xã.")
            }
            do {
                let expression = try ReportExpression.parse(rule.expression, expecting: .boolean)
                let unknown = expression.identifiers.subtracting(numericKeys).sorted()
                if !unknown.isEmpty {
                    add("\(at).expression", "Quy tắc '\(rule.expression)' dùng chỉ tiêu không có hoặc không phải kiểu số: \(unknown.joined(separator: ", ")).")
                }
            } catch {
                add("\(at).expression", "Quy tắc '\(rule.expression)': \(error.message)")
            }
        }
        for (i, item) in outline.enumerated() where item.title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            add("outline[\(i)].title", "Mục \(i + 1) của đề cương chưa có tiêu đề.")
        }
        return fields
    }

    /// Throws a validation error listing every problem.
    public func validate() throws(HaiCapError) {
        let fields = problems()
        if !fields.isEmpty { throw .validation(fields) }
    }

    static func isValidKey(_ key: String) -> Bool {
        guard (1...64).contains(key.count), let first = key.unicodeScalars.first,
              first == "_" || ("a"..."z").contains(first) || ("A"..."Z").contains(first)
        else { return false }
        return key.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}
