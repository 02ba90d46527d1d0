import Configuration
import Foundation
import HaiCapStore

/// Settings read once at start from flags, the environment and an optional `.env` file (in that order of precedence).
public struct AppConfig: Sendable {
    public var hostname = "127.0.0.1"
    public var port = 8080
    public var dataDirectory = "./haicap-data"
    public var database: DatabaseLocation = .sqliteFile("./haicap-data/haicap.sqlite")
    public var provinceCode = "66"
    public var adminPassword: String?
    public var maxBodyBytes = 2 * 1024 * 1024
    public var bcryptCost = 12
    public var secureCookies = false
    public var metricsEnabled = true
    public var logLevel = "info"
    /// Questions a client may ask the procedure assistant per minute; 0 turns the limit off.
    public var assistantRateLimit = 30
    /// Link to a procedure on the national portal; `{code}` is replaced by the procedure code.
    public var portalURLTemplate = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"

    public init() {}

    /// Every key with its default, as `.env.example` lists them.
    public static let keys: [(key: String, defaultValue: String, meaning: String)] = [
        ("HAICAP_HOSTNAME", "127.0.0.1", "Địa chỉ lắng nghe"),
        ("HAICAP_PORT", "8080", "Cổng HTTP"),
        ("DATABASE_URL", "", "postgres://user:pass@host:5432/db; để trống thì dùng SQLite"),
        ("HAICAP_DATA_DIR", "./haicap-data", "Thư mục dữ liệu (tệp SQLite haicap.sqlite)"),
        ("HAICAP_PROVINCE", "66", "Mã tỉnh (66 = Đắk Lắk)"),
        ("HAICAP_ADMIN_PASSWORD", "", "Mật khẩu quản trị viên đầu tiên; để trống thì in mật khẩu dùng một lần"),
        ("HAICAP_MAX_BODY_BYTES", "2097152", "Kích thước tối đa của thân yêu cầu (byte)"),
        ("HAICAP_BCRYPT_COST", "12", "Độ khó bcrypt của mật khẩu (10–16)"),
        ("HAICAP_SECURE_COOKIES", "false", "true khi chạy sau TLS: cookie chỉ gửi qua HTTPS"),
        ("HAICAP_METRICS", "true", "Bật /metrics"),
        ("LOG_LEVEL", "info", "trace, debug, info, notice, warning, error, critical"),
        ("HAICAP_ASSISTANT_RATE_LIMIT", "30", "Số câu hỏi mỗi phút một máy được gửi tới trợ lý thủ tục; 0 là không giới hạn"),
        ("HAICAP_PORTAL_URL_TEMPLATE", "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}", "Liên kết tới thủ tục trên Cổng Dịch vụ công quốc gia; {code} là mã thủ tục; để trống thì không hiện liên kết"),
    ]

    /// Reads configuration; `flags` win over the environment, which wins over the `.env` file.
    /// Every bad value is reported at once, naming its key.
    public static func load(
        flags: [String: String] = [:],
        environment: [String: String] = ProcessInfo.processInfo.environment,
        envFile: String? = ".env"
    ) throws -> AppConfig {
        var providers: [any ConfigProvider] = [
            InMemoryProvider(values: flags.reduce(into: [:]) { $0[AbsoluteConfigKey([$1.key])] = ConfigValue(.string($1.value), isSecret: false) }),
            EnvironmentVariablesProvider(environmentVariables: environment),
        ]
        if let envFile, let contents = try? String(contentsOfFile: envFile, encoding: .utf8) {
            providers.append(EnvironmentVariablesProvider(environmentVariables: parseDotEnv(contents)))
        }
        let reader = ConfigReader(providers: providers)
        return try parse { key in reader.string(forKey: ConfigKey(key), isSecret: key.contains("PASSWORD") || key == "DATABASE_URL") }
    }

    /// `KEY=value` lines; `#` comments, blank lines and surrounding quotes are ignored.
    static func parseDotEnv(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let eq = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<eq].trimmingCharacters(in: .whitespaces)
            var value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            if !key.isEmpty { values[key] = value }
        }
        return values
    }

    /// Builds the configuration from a key lookup; pure, so it is easy to test.
    static func parse(_ value: (String) -> String?) throws -> AppConfig {
        var config = AppConfig()
        var problems: [String] = []
        func text(_ key: String) -> String? {
            guard let v = value(key)?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
            return v
        }
        func int(_ key: String, _ range: ClosedRange<Int>, _ apply: (Int) -> Void) {
            guard let raw = text(key) else { return }
            if let v = Int(raw), range.contains(v) { apply(v) } else {
                problems.append("\(key)=\(raw): cần một số nguyên từ \(range.lowerBound) đến \(range.upperBound).")
            }
        }
        func bool(_ key: String, _ apply: (Bool) -> Void) {
            guard let raw = text(key) else { return }
            switch raw.lowercased() {
            case "1", "true", "yes", "on": apply(true)
            case "0", "false", "no", "off": apply(false)
            default: problems.append("\(key)=\(raw): cần true hoặc false.")
            }
        }
        if let host = text("HAICAP_HOSTNAME") { config.hostname = host }
        int("HAICAP_PORT", 0...65535) { config.port = $0 }
        if let dir = text("HAICAP_DATA_DIR") { config.dataDirectory = dir }
        config.database = .sqliteFile(URL(fileURLWithPath: config.dataDirectory).appendingPathComponent("haicap.sqlite").path)
        if let url = text("DATABASE_URL") {
            if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
                config.database = .postgres(url: url)
            } else {
                problems.append("DATABASE_URL: cần dạng postgres://người_dùng:mật_khẩu@máy:5432/tên_csdl (để trống để dùng SQLite).")
            }
        }
        if let province = text("HAICAP_PROVINCE") {
            if province.count == 2, province.allSatisfy(\.isNumber) { config.provinceCode = province } else {
                problems.append("HAICAP_PROVINCE=\(province): cần mã tỉnh 2 chữ số, ví dụ 66 (Đắk Lắk).")
            }
        }
        if let password = text("HAICAP_ADMIN_PASSWORD") {
            if password.count >= 8 { config.adminPassword = password } else {
                problems.append("HAICAP_ADMIN_PASSWORD: mật khẩu cần ít nhất 8 ký tự.")
            }
        }
        int("HAICAP_MAX_BODY_BYTES", 1024...(1 << 30)) { config.maxBodyBytes = $0 }
        int("HAICAP_BCRYPT_COST", 4...16) { config.bcryptCost = $0 }
        bool("HAICAP_SECURE_COOKIES") { config.secureCookies = $0 }
        bool("HAICAP_METRICS") { config.metricsEnabled = $0 }
        int("HAICAP_ASSISTANT_RATE_LIMIT", 0...100_000) { config.assistantRateLimit = $0 }
        if let template = value("HAICAP_PORTAL_URL_TEMPLATE")?.trimmingCharacters(in: .whitespaces) {
            if template.isEmpty || (template.hasPrefix("https://") || template.hasPrefix("http://")) && template.contains("{code}") {
                config.portalURLTemplate = template
            } else {
                problems.append("HAICAP_PORTAL_URL_TEMPLATE=\(template): cần một địa chỉ http(s) có chứa {code}, hoặc để trống.")
            }
        }
        if let level = text("LOG_LEVEL") {
            let levels = ["trace", "debug", "info", "notice", "warning", "error", "critical"]
            if levels.contains(level.lowercased()) { config.logLevel = level.lowercased() } else {
                problems.append("LOG_LEVEL=\(level): cần một trong \(levels.joined(separator: ", ")).")
            }
        }
        guard problems.isEmpty else { throw ConfigError(problems: problems) }
        return config
    }
}

/// Configuration values that cannot be used; the start stops with every problem listed.
public struct ConfigError: Error, CustomStringConvertible {
    public var problems: [String]

    public var description: String {
        "Cấu hình không hợp lệ:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
