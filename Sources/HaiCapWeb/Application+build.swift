import Foundation
import HaiCapCore
import HaiCapData
import HaiCapNotify
import HaiCapStore
import Hummingbird
import HummingbirdAuth
import Logging
import Prometheus
import ServiceLifecycle

/// Everything the web application needs, built once at start.
public struct AppDependencies: Sendable {
    public var config: AppConfig
    public var database: Database
    public var now: @Sendable () -> Date
    public var registry: PrometheusCollectorRegistry

    public init(config: AppConfig, database: Database, now: @escaping @Sendable () -> Date = Date.init, registry: PrometheusCollectorRegistry = .init()) {
        self.config = config
        self.database = database
        self.now = now
        self.registry = registry
    }
}

/// Builds the router with every route and middleware; the tests call this too.
public func buildRouter(_ deps: AppDependencies) async throws -> Router<AppRequestContext> {
    let database = deps.database
    let units = UnitRepository(db: database.sql)
    guard let province = try await units.province(code: deps.config.provinceCode) else {
        throw ConfigError(problems: ["HAICAP_PROVINCE=\(deps.config.provinceCode): không có tỉnh nào mang mã này trong danh mục 34 tỉnh, thành phố."])
    }
    let views = try await Views(provinceName: province.name)
    let lookup = UnitLookup(mappings: try await units.mappings())
    let accounts = Accounts(database: database, bcryptCost: deps.config.bcryptCost, now: deps.now)
    guard let resources = BundledData.resourcesDirectory(of: .module) else {
        throw HaiCapError.notFound("Không tìm thấy tài liệu OpenAPI đi kèm.")
    }
    let openAPI = ByteBuffer(bytes: try Data(contentsOf: resources.appendingPathComponent("openapi.json")))

    // HEAD answers like GET without the body (uptime checks and link checkers use it).
    let router = Router(context: AppRequestContext.self, options: .autoGenerateHeadEndpoints)
    router.add(middleware: RouteMetricsMiddleware(registry: deps.registry))
    router.add(middleware: ClientAddressMiddleware(trusted: deps.config.trustedProxies))
    router.add(middleware: ResponseHeadersMiddleware())
    router.add(middleware: RequestLogMiddleware(level: .debug))
    router.add(middleware: ErrorMiddleware(views: views))
    router.add(middleware: BodyLimitMiddleware(maxBytes: deps.config.maxBodyBytes))
    router.add(middleware: SessionMiddleware(
        storage: SQLPersistDriver(db: database.sql, now: deps.now),
        configuration: .init(
            sessionCookieParameters: .init(name: "haicap_session", path: "/", secure: deps.config.secureCookies, sameSite: .lax),
            defaultSessionExpiration: .seconds(60 * 60 * 12))))
    router.add(middleware: AuthenticationMiddleware(database: database, now: deps.now))
    router.add(middleware: CSRFMiddleware(secureCookies: deps.config.secureCookies))

    OperationsController(database: database, registry: deps.registry, metricsEnabled: deps.config.metricsEnabled, openAPIDocument: openAPI)
        .addRoutes(to: router)
    HomeController(views: views, provinceCode: province.code, provinceUnitCount: province.unitCount).addRoutes(to: router)
    UnitsController(views: views, database: database, lookup: lookup).addRoutes(to: router)
    AuthController(views: views, database: database, accounts: accounts, now: deps.now).addRoutes(to: router)
    AccountController(views: views, database: database, accounts: accounts).addRoutes(to: router)
    AdminController(views: views, database: database, accounts: accounts).addRoutes(to: router)

    let api = router.group("api/v1")
    UnitsAPIController(database: database, lookup: lookup).addRoutes(to: api)
    AccountsAPIController(database: database, accounts: accounts).addRoutes(to: api)
    let authority = AuthorityService(database: database, now: deps.now)
    AuthorityController(views: views, database: database, authority: authority).addRoutes(to: router)
    LegalController(views: views, database: database, authority: authority, now: deps.now).addRoutes(to: router)
    AuthorityAPIController(database: database, authority: authority, now: deps.now).addRoutes(to: api)
    let procedureService = ProcedureService(
        database: database, provinceCode: province.code,
        portalURLTemplate: deps.config.portalURLTemplate.isEmpty ? nil : deps.config.portalURLTemplate)
    let assistantLimiter = RateLimiter(limit: deps.config.assistantRateLimit)
    ProceduresController(views: views, database: database, service: procedureService, limiter: assistantLimiter, now: deps.now, script: try Views.staticFile("assistant.js")).addRoutes(to: router)
    ProcedureAdminController(views: views, database: database, service: procedureService, now: deps.now).addRoutes(to: router)
    ProceduresAPIController(database: database, service: procedureService, limiter: assistantLimiter, now: deps.now).addRoutes(to: api)
    let procedurePhrases = PhraseRules(database: database, book: .procedures, now: deps.now) { procedureService.invalidate() }
    ThesaurusPages(views: views, rules: procedurePhrases, scope: .procedures).addRoutes(to: router)
    PhraseAPIController(path: "procedures/phrases", rules: procedurePhrases).addRoutes(to: api)
    let reporting = ReportingService(database: database, provinceCode: province.code, now: deps.now)
    ReportingAPIController(service: reporting, database: database, now: deps.now).addRoutes(to: api)
    let directives = DirectiveService(database: database, provinceCode: province.code, now: deps.now)
    DirectivesAPIController(service: directives).addRoutes(to: api)
    DirectivePages(views: views, database: database, service: directives).addRoutes(to: router)
    ReportingPages(views: views, database: database, service: reporting, now: deps.now).addRoutes(to: router)
    ReportingPeriodPages(views: views, database: database, service: reporting, now: deps.now).addRoutes(to: router)
    NotificationsAPIController(database: database, now: deps.now).addRoutes(to: api)
    NotificationPages(views: views, database: database, now: deps.now).addRoutes(to: router)
    return router
}

/// Closes the database when the service group shuts down (SIGTERM, SIGINT).
struct DatabaseService: Service {
    let database: Database

    func run() async throws {
        try? await gracefulShutdown()
        try await database.close()
    }
}

/// The application `haicap serve` runs: the router on the configured address, plus the database's lifecycle.
public func buildApplication(_ deps: AppDependencies, logger: Logger) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(deps)
    var app = Application(
        router: router,
        configuration: .init(address: .hostname(deps.config.hostname, port: deps.config.port), serverName: "HaiCap"),
        logger: logger)
    let province = deps.config.provinceCode
    app.addServices(PeriodScheduler(service: ReportingService(database: deps.database, provinceCode: province, now: deps.now), logger: logger))
    app.addServices(DatabaseService(database: deps.database))
    // Added after DatabaseService: services stop in reverse order, so these finish before the database closes.
    app.addServices(NotificationWorker(database: deps.database, settings: deps.config.notifications, logger: logger, now: deps.now))
    app.addServices(ReminderScheduler(
        database: deps.database, interval: .seconds(deps.config.reminderMinutes * 60), now: deps.now, logger: logger,
        scan: { _ in
            try await DirectiveService(database: deps.database, provinceCode: deps.config.provinceCode, now: deps.now).scanReminders()
            try await ReportingService(database: deps.database, provinceCode: deps.config.provinceCode, now: deps.now).scanDueReports()
        }))
    let retention = deps.config.retention
    app.addServices(ReminderScheduler(
        database: deps.database, name: "retention", interval: .seconds(6 * 3600), now: deps.now, logger: logger,
        scan: { at in
            let counts = try await Retention(database: deps.database).pruneAndRecord(retention, now: at, actor: "system")
            let deleted = counts.filter { $0.rows > 0 }
            if !deleted.isEmpty {
                logger.info("Đã xóa dữ liệu quá thời hạn lưu giữ: \(deleted.map { "\($0.table) \($0.rows)" }.joined(separator: ", ")).")
            }
        }))
    return app
}
