import Foundation
import HaiCapCore
import HaiCapNotify
import HaiCapStore
import Hummingbird
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// A request a local test server received: raw body bytes and headers as sent.
struct ReceivedRequest: Sendable {
    var method: String
    var path: String
    var headers: [String: String]
    var body: Data

    func header(_ name: String) -> String? {
        headers.first { $0.key.lowercased() == name.lowercased() }?.value
    }
}

/// A small HTTP server on 127.0.0.1 (a random port) that records every request and answers with `respond`.
final class TestHTTPServer: @unchecked Sendable {
    typealias Responder = @Sendable (ReceivedRequest, Int) async -> (status: Int, body: String)

    private let lock = NSLock()
    private var received: [ReceivedRequest] = []
    private var boundPort: Int?
    private var task: Task<Void, any Error>?

    var requests: [ReceivedRequest] { lock.withLock { received } }
    var port: Int { lock.withLock { boundPort ?? 0 } }
    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Starts the server; `respond` gets the request and its 1-based number.
    static func start(_ respond: @escaping Responder = { _, _ in (204, "") }) async throws -> TestHTTPServer {
        let server = TestHTTPServer()
        let router = Router()
        let handler: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let received = ReceivedRequest(
                method: request.method.rawValue, path: request.uri.path, headers: headers, body: Data(buffer.readableBytesView))
            let number = server.lock.withLock {
                server.received.append(received)
                return server.received.count
            }
            let (status, body) = await respond(received, number)
            return Response(
                status: .init(code: status), headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.on("**", method: .post, use: handler)
        var logger = Logger(label: "test-http")
        logger.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: "test"),
            onServerRunning: { channel in server.lock.withLock { server.boundPort = channel.localAddress?.port } }, logger: logger)
        server.task = Task { try await app.runService(gracefulShutdownSignals: []) }
        for _ in 0..<500 where server.port == 0 { try await Task.sleep(for: .milliseconds(10)) }
        guard server.port != 0 else { throw TestSetupError("test HTTP server did not start") }
        return server
    }

    func stop() async {
        task?.cancel()
        _ = await task?.result
    }
}

/// A fake SMTP server that records the dialogue line by line (client lines prefixed "C: ", replies "S: ").
final class FakeSMTPServer: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    private var messages: [String] = []
    private var channel: (any NIOCore.Channel)?

    var dialogue: [String] { lock.withLock { lines } }
    var receivedMessages: [String] { lock.withLock { messages } }
    var port: Int { channel?.localAddress?.port ?? 0 }

    func record(_ line: String) { lock.withLock { lines.append(line) } }
    func store(_ message: String) { lock.withLock { messages.append(message) } }

    static func start() async throws -> FakeSMTPServer {
        let server = FakeSMTPServer()
        server.channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(FakeSMTPHandler(server: server))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return server
    }

    func stop() async {
        try? await channel?.close()
    }
}

final class FakeSMTPHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let server: FakeSMTPServer
    var pending: [UInt8] = []
    var inData = false
    var message: [String] = []

    init(server: FakeSMTPServer) {
        self.server = server
    }

    func reply(_ context: ChannelHandlerContext, _ text: String) {
        for line in text.split(separator: "\n") { server.record("S: \(line)") }
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")), promise: nil)
    }

    func channelActive(context: ChannelHandlerContext) {
        reply(context, "220 fake.smtp ESMTP ready")
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        while let index = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var bytes = pending[..<index]
            if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
            pending.removeSubrange(...index)
            handle(String(decoding: bytes, as: UTF8.self), context)
        }
    }

    func handle(_ line: String, _ context: ChannelHandlerContext) {
        server.record("C: \(line)")
        if inData {
            if line == "." {
                inData = false
                server.store(message.joined(separator: "\r\n"))
                message = []
                reply(context, "250 2.0.0 queued")
            } else {
                message.append(line)
            }
            return
        }
        let verb = line.split(separator: " ").first.map { $0.uppercased() } ?? ""
        switch verb {
        case "EHLO": reply(context, "250-fake.smtp greets you\n250-8BITMIME\n250-AUTH PLAIN LOGIN\n250 SIZE 10000000")
        case "AUTH": reply(context, "235 2.7.0 Authentication successful")
        case "MAIL", "RCPT": reply(context, "250 2.1.0 OK")
        case "DATA":
            inData = true
            reply(context, "354 End data with <CR><LF>.<CR><LF>")
        case "QUIT":
            reply(context, "221 2.0.0 Bye")
            context.close(promise: nil)
        default: reply(context, "502 5.5.2 Command not recognized")
        }
    }
}

/// A clock tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date = fixedNow) {
        current = start
    }

    var now: Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}

enum NotificationTest {
    /// A migrated database with the units (for accounts bound to a commune), no other seed data.
    static func withDatabase(_ backend: TestBackend, _ body: (Database) async throws -> Void) async throws {
        try await TestDatabase.withFresh(backend) { database in
            try await Migrator(database: database).migrate(now: fixedNow)
            try await UnitSeeder(database: database).seedIfEmpty()
            try await body(database)
        }
    }

    static func event(_ name: NotificationEventName = .assignmentCreated, audience: NotificationAudience = .init(), data: [String: JSONValue] = ["assignment": .number(7)]) -> NotificationEvent {
        NotificationEvent(
            name: name, occurredAt: fixedNow, data: data, audience: audience,
            title: "Nhiệm vụ mới: báo cáo tình hình lũ", body: "Hạn hoàn thành 04/12/2026.", link: "/dieu-hanh/nhiem-vu/7")
    }

    static func record(_ database: Database, _ events: [NotificationEvent]) async throws {
        try await database.transaction { db in
            for event in events { try await Outbox(db: db).record(event) }
        }
    }

    static func addUser(_ database: Database, _ username: String, role: Role, unit: String?, email: String? = nil, zalo: String? = nil, disabled: Bool = false) async throws {
        let users = UserRepository(db: database.sql)
        let account = try await users.create(username: username, displayName: username, passwordHash: "x", role: role, unitCode: unit, now: fixedNow)
        if disabled { try await users.setDisabled(userID: account.id, disabled: true) }
        if email != nil || zalo != nil {
            try await NotificationRepository(db: database.sql).setContact(username: username, .init(email: email, zaloUserID: zalo))
        }
    }

    static var logger: Logger {
        var logger = Logger(label: "notify-test")
        logger.logLevel = .critical
        return logger
    }

    static func settings(_ configure: (inout NotificationSettings) -> Void = { _ in }) -> NotificationSettings {
        var settings = NotificationSettings()
        // Long enough that a loaded CI machine never turns a slow success into a retry; no test relies on timing out.
        settings.timeout = 30
        settings.retry = RetryPolicy(maxAttempts: 3, base: 30, cap: 3600)
        configure(&settings)
        return settings
    }

    /// Runs `body` with a worker, and shuts its HTTP client down afterwards.
    static func withWorker(
        _ database: Database, settings: NotificationSettings = NotificationTest.settings(), clock: TestClock = TestClock(),
        _ body: (NotificationWorker) async throws -> Void
    ) async throws {
        let worker = NotificationWorker(database: database, settings: settings, logger: logger, now: { clock.now })
        do {
            try await body(worker)
            try await worker.shutdown()
        } catch {
            try? await worker.shutdown()
            throw error
        }
    }
}
