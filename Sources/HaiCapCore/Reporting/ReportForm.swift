import Foundation

/// The kind of value an indicator (chỉ tiêu) holds.
public enum IndicatorType: String, Codable, Sendable, CaseIterable {
    case integer
    case decimal
    /// A share written in percent (0–100 unless the form sets other bounds).
    case percent
    case text
    case boolean
    case choice
    case date

    /// True for the types that aggregate as numbers (yes/no counts as 1/0).
    public var isNumeric: Bool {
        switch self {
        case .integer, .decimal, .percent, .boolean: true
        case .text, .choice, .date: false
        }
    }

    /// "Số nguyên", "Số thập phân", … for pages.
    public var label: String {
        switch self {
        case .integer: "Số nguyên"
        case .decimal: "Số thập phân"
        case .percent: "Tỷ lệ (%)"
        case .text: "Văn bản"
        case .boolean: "Có/Không"
        case .choice: "Lựa chọn"
        case .date: "Ngày"
        }
    }
}

/// One indicator of a report form.
public struct Indicator: Codable, Sendable, Equatable {
    public var key: String
    public var label: String
    public var type: IndicatorType
    /// Unit of measure ("hồ sơ", "%", "triệu đồng").
    public var unit: String?
    /// The section (phần) the indicator is shown under.
    public var section: String?
    public var required: Bool
    public var min: Double?
    public var max: Double?
    /// A computed indicator: a `ReportExpression` over other indicators; officials do not type it.
    public var formula: String?
    public var choices: [String]?
    /// A short hint shown under the field.
    public var help: String?

    public init(
        key: String, label: String, type: IndicatorType, unit: String? = nil, section: String? = nil,
        required: Bool = false, min: Double? = nil, max: Double? = nil, formula: String? = nil,
        choices: [String]? = nil, help: String? = nil
    ) {
        self.key = key
        self.label = label
        self.type = type
        self.unit = unit
        self.section = section
        self.required = required
        self.min = min
        self.max = max
        self.formula = formula
        self.choices = choices
        self.help = help
    }

    enum CodingKeys: String, CodingKey { case key, label, type, unit, section, required, min, max, formula, choices, help }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        label = try c.decode(String.self, forKey: .label)
        type = try c.decode(IndicatorType.self, forKey: .type)
        unit = try c.decodeIfPresent(String.self, forKey: .unit)
        section = try c.decodeIfPresent(String.self, forKey: .section)
        required = try c.decodeIfPresent(Bool.self, forKey: .required) ?? false
        min = try c.decodeIfPresent(Double.self, forKey: .min)
        max = try c.decodeIfPresent(Double.self, forKey: .max)
        formula = try c.decodeIfPresent(String.self, forKey: .formula)
        choices = try c.decodeIfPresent([String].self, forKey: .choices)
        help = try c.decodeIfPresent(String.self, forKey: .help)
    }

    public var isComputed: Bool { formula?.isEmpty == false }
}

/// A rule across indicators ("on_time <= resolved") and the message shown when it fails.
public struct FormRule: Codable, Sendable, Equatable {
    public var expression: String
    public var message: String

    public init(expression: String, message: String) {
        self.expression = expression
        self.message = message
    }
}

/// One heading of the narrative outline (đề cương) the commune writes.
public struct OutlineItem: Codable, Sendable, Equatable {
    public var title: String
    public var hint: String?

    public init(title: String, hint: String? = nil) {
        self.title = title
        self.hint = hint
    }
}

/// A report form (biểu mẫu báo cáo): what one version asks for.
public struct ReportFormDefinition: Codable, Sendable, Equatable {
    public var name: String
    public var description: String?
    public var indicators: [Indicator]
    public var rules: [FormRule]
    public var outline: [OutlineItem]
    /// True for the bundled examples; pages say so.
    public var example: Bool

    public init(name: String, description: String? = nil, indicators: [Indicator], rules: [FormRule] = [], outline: [OutlineItem] = [], example: Bool = false) {
        self.name = name
        self.description = description
        self.indicators = indicators
        self.rules = rules
        self.outline = outline
        self.example = example
    }

    enum CodingKeys: String, CodingKey { case name, description, indicators, rules, outline, example }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        description = try c.decodeIfPresent(String.self, forKey: .description)
        indicators = try c.decode([Indicator].self, forKey: .indicators)
        rules = try c.decodeIfPresent([FormRule].self, forKey: .rules) ?? []
        outline = try c.decodeIfPresent([OutlineItem].self, forKey: .outline) ?? []
        example = try c.decodeIfPresent(Bool.self, forKey: .example) ?? false
    }

    public func indicator(_ key: String) -> Indicator? { indicators.first { $0.key == key } }

    /// Indicators grouped by section, in form order ("" for indicators without a section).
    public var sections: [(title: String, indicators: [Indicator])] {
        var order: [String] = []
        var groups: [String: [Indicator]] = [:]
        for indicator in indicators {
            let title = indicator.section ?? ""
            if groups[title] == nil { order.append(title) }
            groups[title, default: []].append(indicator)
        }
        return order.map { ($0, groups[$0] ?? []) }
    }
}
