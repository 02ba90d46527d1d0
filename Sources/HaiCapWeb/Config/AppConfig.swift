import Configuration
import Foundation
import HaiCapCore
import HaiCapNotify
import HaiCapStore

/// Settings read once at start from flags, the environment and an optional `.env` file (in that order of precedence).
public struct AppConfig: Sendable {
    public var hostname = "127.0.0.1"
    public var port = 8080
    public var dataDirectory = "./haicap-data"
    public var database: DatabaseLocation = .sqliteFile("./haicap-data/haicap.sqlite")
    /// `PRAGMA synchronous` of the SQLite file (decision 0007); PostgreSQL has its own `synchronous_commit`.
    public var sqliteSync: SQLiteSync = .normal
    public var provinceCode = "66"
    public var adminPassword: String?
    public var maxBodyBytes = 2 * 1024 * 1024
    public var bcryptCost = AppConfig.productionBcryptCost
    /// The least bcrypt cost for real use; lower values (down to 4) are accepted for tests and load scripts, with a
    /// warning at startup, and a password hashed at a lower cost is hashed again at the next login.
    public static let productionBcryptCost = 12
    public var secureCookies = false
    public var metricsEnabled = true
    public var logLevel = "info"
    /// Questions a client may ask the procedure assistant per minute; 0 turns the limit off.
    public var assistantRateLimit = 30
    /// Reverse proxies (IP addresses) whose `X-Forwarded-For` names the client; empty: the TCP peer is the client.
    public var trustedProxies: Set<String> = []
    /// Link to a procedure on the national portal; `{code}` is replaced by the procedure code.
    public var portalURLTemplate = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}"
    /// Outbox delivery: SMTP, Zalo OA, retries (`HAICAP_SMTP_*`, `HAICAP_ZALO_*`, `HAICAP_NOTIFY_*`).
    public var notifications = NotificationSettings()
    /// Minutes between reminder scans (due soon, overdue, report due); one instance scans at a time.
    public var reminderMinutes = 15
    /// How long citizens' questions, conversations, notifications and the audit log are kept (`HAICAP_RETAIN_*`).
    public var retention = RetentionPolicy()

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
        ("HAICAP_TRUSTED_PROXIES", "", "Địa chỉ IP của proxy ngược (nginx) đứng trước HaiCap, cách nhau bởi dấu phẩy, ví dụ 127.0.0.1,::1; chỉ khi đó mới đọc X-Forwarded-For để biết máy người hỏi"),
        ("HAICAP_PORTAL_URL_TEMPLATE", "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}", "Liên kết tới thủ tục trên Cổng Dịch vụ công quốc gia; {code} là mã thủ tục; để trống thì không hiện liên kết"),
        ("HAICAP_PUBLIC_URL", "", "Địa chỉ công khai của HaiCap (https://…), để liên kết trong e-mail và Zalo là liên kết đầy đủ"),
        ("HAICAP_SMTP_HOST", "", "Máy chủ thư gửi thông báo; để trống thì không gửi e-mail"),
        ("HAICAP_SMTP_PORT", "587", "Cổng máy chủ thư (587 với starttls, 465 với tls, 25 với none)"),
        ("HAICAP_SMTP_USERNAME", "", "Tên đăng nhập máy chủ thư (để trống nếu không cần đăng nhập)"),
        ("HAICAP_SMTP_PASSWORD", "", "Mật khẩu máy chủ thư"),
        ("HAICAP_SMTP_FROM", "", "Người gửi, ví dụ HaiCap <thongbao@daklak.gov.vn>; bắt buộc khi có HAICAP_SMTP_HOST"),
        ("HAICAP_SMTP_TLS", "starttls", "none, starttls hoặc tls"),
        ("HAICAP_ZALO_ACCESS_TOKEN", "", "Access token của Zalo Official Account; để trống thì không gửi Zalo"),
        ("HAICAP_ZALO_API_URL", ZaloSettings.defaultAPIURL, "API gửi tin tư vấn của Zalo OA (Open API v3.0)"),
        ("HAICAP_NOTIFY_MAX_ATTEMPTS", "10", "Số lần thử gửi một thông báo trước khi đưa vào danh sách gửi lỗi"),
        ("HAICAP_NOTIFY_RETRY_SECONDS", "30", "Chờ trước lần thử lại đầu tiên (giây); mỗi lần sau gấp đôi, tối đa 1 giờ"),
        ("HAICAP_NOTIFY_TIMEOUT_SECONDS", "10", "Thời gian tối đa cho một lần gửi (giây)"),
        ("HAICAP_REMINDER_MINUTES", "15", "Chu kỳ quét nhắc việc: sắp đến hạn, quá hạn, đến hạn báo cáo (phút)"),
        ("HAICAP_RETAIN_QUESTIONS_DAYS", "365", "Giữ câu hỏi của người dân và câu hỏi về thẩm quyền bao nhiêu ngày (0 = giữ mãi)"),
        ("HAICAP_RETAIN_CONVERSATIONS_DAYS", "30", "Giữ bộ nhớ hội thoại của trợ lý thủ tục bao nhiêu ngày (0 = giữ mãi)"),
        ("HAICAP_RETAIN_NOTIFICATIONS_DAYS", "365", "Giữ thông báo và lượt gửi đã xong bao nhiêu ngày (0 = giữ mãi)"),
        ("HAICAP_RETAIN_AUDIT_DAYS", "0", "Giữ nhật ký thao tác bao nhiêu ngày (0 = giữ mãi)"),
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
        return try parse { key in reader.string(forKey: ConfigKey(key), isSecret: key.contains("PASSWORD") || key.contains("TOKEN") || key == "DATABASE_URL") }
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
        if let sync = text("HAICAP_SQLITE_SYNC") {
            if let value = SQLiteSync(rawValue: sync.lowercased()) { config.sqliteSync = value } else {
                problems.append("HAICAP_SQLITE_SYNC=\(sync): cần normal (mặc định) hoặc full (mỗi lần ghi chờ đĩa, chậm hơn nhiều).")
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
        if let proxies = text("HAICAP_TRUSTED_PROXIES") {
            let entries = proxies.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let bad = entries.filter { ClientAddress.normalised($0) == nil }
            if bad.isEmpty { config.trustedProxies = Set(entries.compactMap(ClientAddress.normalised)) } else {
                problems.append("HAICAP_TRUSTED_PROXIES: \(bad.joined(separator: ", ")) không phải địa chỉ IP; cần các địa chỉ IP cách nhau bởi dấu phẩy, ví dụ 127.0.0.1,::1.")
            }
        }
        if let template = value("HAICAP_PORTAL_URL_TEMPLATE")?.trimmingCharacters(in: .whitespaces) {
            if template.isEmpty || (template.hasPrefix("https://") || template.hasPrefix("http://")) && template.contains("{code}") {
                config.portalURLTemplate = template
            } else {
                problems.append("HAICAP_PORTAL_URL_TEMPLATE=\(template): cần một địa chỉ http(s) có chứa {code}, hoặc để trống.")
            }
        }
        problems += parseNotifications(text, into: &config)
        int("HAICAP_RETAIN_QUESTIONS_DAYS", 0...RetentionPolicy.maxDays) { config.retention.questionDays = $0 }
        int("HAICAP_RETAIN_CONVERSATIONS_DAYS", 0...RetentionPolicy.maxDays) { config.retention.conversationDays = $0 }
        int("HAICAP_RETAIN_NOTIFICATIONS_DAYS", 0...RetentionPolicy.maxDays) { config.retention.notificationDays = $0 }
        int("HAICAP_RETAIN_AUDIT_DAYS", 0...RetentionPolicy.maxDays) { config.retention.auditDays = $0 }
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

extension AppConfig {
    /// The `HAICAP_SMTP_*`, `HAICAP_ZALO_*`, `HAICAP_NOTIFY_*`, `HAICAP_PUBLIC_URL` and `HAICAP_REMINDER_MINUTES` keys.
    static func parseNotifications(_ text: (String) -> String?, into config: inout AppConfig) -> [String] {
        var problems: [String] = []
        func int(_ key: String, _ range: ClosedRange<Int>, _ apply: (Int) -> Void) {
            guard let raw = text(key) else { return }
            if let v = Int(raw), range.contains(v) { apply(v) } else {
                problems.append("\(key)=\(raw): cần một số nguyên từ \(range.lowerBound) đến \(range.upperBound).")
            }
        }
        var settings = NotificationSettings()
        if let url = text("HAICAP_PUBLIC_URL") {
            if (url.hasPrefix("https://") || url.hasPrefix("http://")) && URL(string: url)?.host != nil { settings.publicURL = url } else {
                problems.append("HAICAP_PUBLIC_URL=\(url): cần một địa chỉ http(s) đầy đủ, ví dụ https://haicap.daklak.gov.vn.")
            }
        }
        // Without a host the other SMTP keys are ignored (`.env.example` lists them all, empty or with defaults).
        if let host = text("HAICAP_SMTP_HOST") {
            var security = SMTPSecurity.starttls
            if let raw = text("HAICAP_SMTP_TLS") {
                if let value = SMTPSecurity(rawValue: raw.lowercased()) { security = value } else {
                    problems.append("HAICAP_SMTP_TLS=\(raw): cần none, starttls hoặc tls.")
                }
            }
            var port = security == .tls ? 465 : 587
            int("HAICAP_SMTP_PORT", 1...65535) { port = $0 }
            let from = text("HAICAP_SMTP_FROM") ?? ""
            if from.isEmpty {
                problems.append("HAICAP_SMTP_FROM: cần địa chỉ người gửi khi đã đặt HAICAP_SMTP_HOST, ví dụ HaiCap <thongbao@daklak.gov.vn>.")
            } else if !SMTPClient.address(from).contains("@") {
                problems.append("HAICAP_SMTP_FROM=\(from): cần một địa chỉ e-mail, ví dụ HaiCap <thongbao@daklak.gov.vn>.")
            }
            let username = text("HAICAP_SMTP_USERNAME")
            if username != nil && text("HAICAP_SMTP_PASSWORD") == nil {
                problems.append("HAICAP_SMTP_PASSWORD: cần mật khẩu khi đã đặt HAICAP_SMTP_USERNAME.")
            }
            settings.smtp = SMTPSettings(host: host, port: port, username: username, password: text("HAICAP_SMTP_PASSWORD"), from: from, security: security)
        }
        if let token = text("HAICAP_ZALO_ACCESS_TOKEN") {
            var zalo = ZaloSettings(accessToken: token)
            if let url = text("HAICAP_ZALO_API_URL") {
                if (url.hasPrefix("https://") || url.hasPrefix("http://")) && URL(string: url)?.host != nil { zalo.apiURL = url } else {
                    problems.append("HAICAP_ZALO_API_URL=\(url): cần một địa chỉ http(s) đầy đủ (mặc định \(ZaloSettings.defaultAPIURL)).")
                }
            }
            settings.zalo = zalo
        }
        int("HAICAP_NOTIFY_MAX_ATTEMPTS", 1...100) { settings.retry.maxAttempts = $0 }
        int("HAICAP_NOTIFY_RETRY_SECONDS", 1...86_400) { settings.retry.base = TimeInterval($0) }
        int("HAICAP_NOTIFY_TIMEOUT_SECONDS", 1...300) { settings.timeout = TimeInterval($0) }
        var minutes = config.reminderMinutes
        int("HAICAP_REMINDER_MINUTES", 1...1440) { minutes = $0 }
        config.reminderMinutes = minutes
        config.notifications = settings
        return problems
    }
}

/// Configuration values that cannot be used; the start stops with every problem listed.
public struct ConfigError: Error, CustomStringConvertible {
    public var problems: [String]

    public var description: String {
        "Cấu hình không hợp lệ:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
