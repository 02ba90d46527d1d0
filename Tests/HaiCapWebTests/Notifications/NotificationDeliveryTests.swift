import Foundation
import HaiCapCore
import HaiCapNotify
import HaiCapStore
import SQLKit
import Testing

@Suite("Notifications: outbox, fan-out, channels, retries")
struct NotificationDeliveryTests {
    @Test("fan-out writes the inbox of named accounts and every enabled official of the audience's units, once", arguments: TestBackend.enabled)
    func fanOutToInbox(backend: TestBackend) async throws {
        try await NotificationTest.withDatabase(backend) { database in
            try await NotificationTest.addUser(database, "tinh.a", role: .province, unit: nil)
            try await NotificationTest.addUser(database, "xa.a1", role: .commune, unit: "24121")
            try await NotificationTest.addUser(database, "xa.a2", role: .commune, unit: "24121")
            try await NotificationTest.addUser(database, "xa.khoa", role: .commune, unit: "24121", disabled: true)
            try await NotificationTest.addUser(database, "xa.b", role: .commune, unit: "24490")
            let event = NotificationTest.event(audience: .init(units: ["24121"], users: ["tinh.a"]))
            try await NotificationTest.record(database, [event])

            try await NotificationTest.withWorker(database) { worker in
                let report = try await worker.runOnce()
                #expect(report.fannedOut == 1)
                #expect(report.claimed == 0)  // no webhook, no e-mail or Zalo settings
                // Fanning out again finds nothing, and replaying the fan-out of the same event adds nothing.
                #expect(try await worker.runOnce().fannedOut == 0)
                try await database.sql.update("outbox").set("fanned_out", to: false).run()
                #expect(try await worker.runOnce().fannedOut == 1)
            }
            let repository = NotificationRepository(db: database.sql)
            for username in ["tinh.a", "xa.a1", "xa.a2"] {
                let inbox = try await repository.inbox(username: username, page: .init())
                #expect(inbox.total == 1, "\(username)")
                #expect(inbox.items.first?.title == event.title)
                #expect(inbox.items.first?.link == "/dieu-hanh/nhiem-vu/7")
                #expect(inbox.items.first?.read == false)
            }
            #expect(try await repository.inbox(username: "xa.khoa", page: .init()).total == 0)
            #expect(try await repository.inbox(username: "xa.b", page: .init()).total == 0)
            let item = try #require(try await repository.inbox(username: "xa.a1", page: .init()).items.first)
            #expect(try await repository.unreadCount(username: "xa.a1") == 1)
            #expect(try await repository.markRead(id: item.id, username: "xa.a1", now: fixedNow))
            #expect(try await repository.markRead(id: item.id, username: "xa.a2", now: fixedNow) == false)
            #expect(try await repository.unreadCount(username: "xa.a1") == 0)
        }
    }

    @Test("webhooks get signed bodies; a subscription to one event gets only it, '*' gets all", arguments: TestBackend.enabled)
    func webhookSignatureAndFilter(backend: TestBackend) async throws {
        let server = try await TestHTTPServer.start()
        defer { Task { await server.stop() } }
        try await NotificationTest.withDatabase(backend) { database in
            let repository = NotificationRepository(db: database.sql)
            let only = try await repository.createWebhook(url: server.baseURL + "/only", secret: "only-created-secret-1", events: ["assignment.created"], by: "admin", now: fixedNow)
            let all = try await repository.createWebhook(url: server.baseURL + "/all", secret: "every-event-secret-22", events: ["*"], by: "admin", now: fixedNow)
            let created = NotificationTest.event(.assignmentCreated, data: ["assignment": .number(7), "unit": .string("24121"), "title": .string("Báo cáo lũ")])
            let overdue = NotificationTest.event(.assignmentOverdue)
            try await NotificationTest.record(database, [created, overdue])
            try await NotificationTest.withWorker(database) { worker in
                let report = try await worker.runOnce()
                #expect(report.claimed == 3)
                #expect(report.sent == 3)
            }
            let requests = server.requests
            #expect(requests.filter { $0.path == "/only" }.count == 1)
            #expect(requests.filter { $0.path == "/all" }.count == 2)
            for request in requests {
                let secret = request.path == "/only" ? only.secret : all.secret
                let signature = try #require(request.header("X-HaiCap-Signature"))
                #expect(signature.hasPrefix("sha256="))
                #expect(WebhookPayload.verify(body: request.body, secret: secret, header: signature))
                #expect(!WebhookPayload.verify(body: request.body, secret: "another-secret-123456", header: signature))
                #expect(request.header("Content-Type")?.hasPrefix("application/json") == true)
                #expect(request.header("X-HaiCap-Delivery")?.count == 36)
                let json = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
                #expect(Set(json.keys) == ["id", "event", "occurredAt", "data"])
                #expect(json["occurredAt"] as? String == "2026-11-27T09:30:00+07:00")
                #expect(request.header("X-HaiCap-Event") == json["event"] as? String)
            }
            let onlyBody = try #require(requests.first { $0.path == "/only" }?.body)
            let json = try #require(try JSONSerialization.jsonObject(with: onlyBody) as? [String: Any])
            #expect(json["id"] as? String == created.id)
            #expect(json["event"] as? String == "assignment.created")
            #expect((json["data"] as? [String: Any])?["title"] as? String == "Báo cáo lũ")
            let deliveries = try await DeliveryQueue(database: database).list(status: .sent).items
            #expect(Set(deliveries.map(\.deliveryID)) == Set(requests.compactMap { $0.header("X-HaiCap-Delivery") }))
        }
    }

    @Test("a failing webhook is retried with exponential backoff and the same delivery id until it succeeds", arguments: TestBackend.enabled)
    func retryWithBackoff(backend: TestBackend) async throws {
        let server = try await TestHTTPServer.start { _, number in number <= 2 ? (500, "{}") : (200, "{}") }
        defer { Task { await server.stop() } }
        try await NotificationTest.withDatabase(backend) { database in
            _ = try await NotificationRepository(db: database.sql).createWebhook(url: server.baseURL + "/hook", secret: "retry-secret-0123456", events: ["*"], by: "admin", now: fixedNow)
            try await NotificationTest.record(database, [NotificationTest.event()])
            let clock = TestClock()
            let settings = NotificationTest.settings { $0.retry = RetryPolicy(maxAttempts: 5, base: 30, cap: 3600) }
            let queue = DeliveryQueue(database: database)
            try await NotificationTest.withWorker(database, settings: settings, clock: clock) { worker in
                #expect(try await worker.runOnce().failed == 1)
                var row = try #require(try await queue.list().items.first)
                #expect(row.attempts == 1)
                #expect(row.status == .pending)
                #expect(row.nextAttemptAt == clock.now.addingTimeInterval(30))
                #expect(row.lastError?.contains("500") == true)
                // Not due yet: nothing is claimed.
                clock.advance(29)
                #expect(try await worker.runOnce().claimed == 0)
                clock.advance(1)
                #expect(try await worker.runOnce().failed == 1)
                row = try #require(try await queue.list().items.first)
                #expect(row.attempts == 2)
                #expect(row.nextAttemptAt == clock.now.addingTimeInterval(60))
                clock.advance(60)
                #expect(try await worker.runOnce().sent == 1)
                row = try #require(try await queue.list().items.first)
                #expect(row.status == .sent)
                #expect(row.attempts == 3)
                #expect(row.lastError == nil)
            }
            let ids = server.requests.compactMap { $0.header("X-HaiCap-Delivery") }
            #expect(ids.count == 3)
            #expect(Set(ids).count == 1)
            #expect(Set(server.requests.map(\.body)).count == 1)
        }
    }

    @Test("after the last attempt a delivery is a dead letter; replay sends it again with the same id", arguments: TestBackend.enabled)
    func deadLettersAndReplay(backend: TestBackend) async throws {
        let failing = Flag()
        failing.set(true)
        let server = try await TestHTTPServer.start { _, _ in failing.value ? (503, "{}") : (204, "") }
        defer { Task { await server.stop() } }
        try await NotificationTest.withDatabase(backend) { database in
            _ = try await NotificationRepository(db: database.sql).createWebhook(url: server.baseURL + "/hook", secret: "dead-letter-secret-1", events: ["*"], by: "admin", now: fixedNow)
            try await NotificationTest.record(database, [NotificationTest.event()])
            let clock = TestClock()
            let settings = NotificationTest.settings { $0.retry = RetryPolicy(maxAttempts: 2, base: 10, cap: 3600) }
            let queue = DeliveryQueue(database: database)
            try await NotificationTest.withWorker(database, settings: settings, clock: clock) { worker in
                try await worker.runOnce()
                clock.advance(10)
                try await worker.runOnce()
                clock.advance(3600)
                #expect(try await worker.runOnce().claimed == 0)
                let dead = try await queue.deadLetters(page: .init())
                #expect(dead.total == 1)
                let letter = try #require(dead.items.first)
                #expect(letter.status == .dead)
                #expect(letter.attempts == 2)
                #expect(letter.event == "assignment.created")
                #expect(letter.lastError?.contains("503") == true)

                failing.set(false)
                #expect(try await queue.replay(id: letter.id, now: clock.now))
                #expect(try await queue.replay(id: letter.id, now: clock.now) == false)  // no longer dead
                #expect(try await worker.runOnce().sent == 1)
                #expect(try await queue.deadLetters(page: .init()).total == 0)
            }
            let ids = server.requests.compactMap { $0.header("X-HaiCap-Delivery") }
            #expect(ids.count == 3)
            #expect(Set(ids).count == 1)
        }
    }

    @Test("two workers on one database share the work: every delivery is sent exactly once", arguments: TestBackend.enabled)
    func concurrentWorkers(backend: TestBackend) async throws {
        let server = try await TestHTTPServer.start { _, _ in
            try? await Task.sleep(for: .milliseconds(5))
            return (204, "")
        }
        defer { Task { await server.stop() } }
        try await NotificationTest.withDatabase(backend) { database in
            _ = try await NotificationRepository(db: database.sql).createWebhook(url: server.baseURL + "/hook", secret: "shared-work-secret-01", events: ["*"], by: "admin", now: fixedNow)
            try await NotificationTest.record(database, (0..<200).map { n in NotificationTest.event(.assignmentProgress, data: ["n": .number(Double(n))]) })
            // A generous timeout: on a loaded CI machine a 5 s timeout let a received request count as failed
            // (retried later, so not yet "sent" when the workers stop).
            let settings = NotificationTest.settings {
                $0.batchSize = 25
                $0.timeout = 60
            }
            try await NotificationTest.withWorker(database, settings: settings) { a in
                try await NotificationTest.withWorker(database, settings: settings) { b in
                    async let drainA: Void = a.drain()
                    async let drainB: Void = b.drain()
                    _ = try await (drainA, drainB)
                }
            }
            let ids = server.requests.compactMap { $0.header("X-HaiCap-Delivery") }
            #expect(ids.count == 200)
            #expect(Set(ids).count == 200)
            #expect(try await DeliveryQueue(database: database).list(status: .sent).total == 200)
        }
    }

    @Test("a delivery claimed by a worker that died is retried, with the same id, once the claim expires", arguments: TestBackend.enabled)
    func expiredClaimIsRetried(backend: TestBackend) async throws {
        try await NotificationTest.withDatabase(backend) { database in
            _ = try await NotificationRepository(db: database.sql).createWebhook(url: "http://127.0.0.1:9/hook", secret: "claim-secret-0123456", events: ["*"], by: "admin", now: fixedNow)
            try await NotificationTest.record(database, [NotificationTest.event()])
            let queue = DeliveryQueue(database: database)
            try await queue.fanOut(limit: 10, channels: [.webhook], now: fixedNow)
            let first = try await queue.claim(limit: 10, lease: 60, now: fixedNow)
            #expect(first.count == 1)
            // The worker "crashes": nothing is marked. Until the lease ends no one else may take it.
            #expect(try await queue.claim(limit: 10, lease: 60, now: fixedNow.addingTimeInterval(59)).isEmpty)
            let again = try await queue.claim(limit: 10, lease: 60, now: fixedNow.addingTimeInterval(60))
            #expect(again.map(\.deliveryID) == first.map(\.deliveryID))
        }
    }

    @Test("Zalo OA messages follow the v3.0 customer-service message API: path, access_token header, JSON body, error field", arguments: TestBackend.enabled)
    func zaloRequestFormat(backend: TestBackend) async throws {
        let server = try await TestHTTPServer.start { request, _ in
            // Like the real API: 200 with `error` non-zero when the request is not right.
            guard request.header("access_token") == "oa-token-123", request.path == "/v3.0/oa/message/cs" else {
                return (200, #"{"error": -216, "message": "Access token is invalid"}"#)
            }
            let body = try? JSONSerialization.jsonObject(with: request.body) as? [String: Any]
            let userID = (body?["recipient"] as? [String: Any])?["user_id"] as? String
            if userID == "999" { return (200, #"{"error": -213, "message": "User has not followed OA"}"#) }
            return (200, #"{"data": {"message_id": "m1", "user_id": "\#(userID ?? "")"}, "error": 0, "message": "Success"}"#)
        }
        defer { Task { await server.stop() } }
        try await NotificationTest.withDatabase(backend) { database in
            try await NotificationTest.addUser(database, "xa.zalo", role: .commune, unit: "24121", zalo: "4368496045530239")
            try await NotificationTest.addUser(database, "xa.chuatheodoi", role: .commune, unit: "24121", zalo: "999")
            try await NotificationTest.addUser(database, "xa.khongzalo", role: .commune, unit: "24121")
            try await NotificationTest.record(database, [NotificationTest.event(audience: .init(units: ["24121"]))])
            let settings = NotificationTest.settings {
                $0.zalo = ZaloSettings(accessToken: "oa-token-123", apiURL: server.baseURL + "/v3.0/oa/message/cs")
                $0.publicURL = "https://haicap.example.vn/"
            }
            try await NotificationTest.withWorker(database, settings: settings) { worker in
                let report = try await worker.runOnce()
                #expect(report.claimed == 2)
                #expect(report.sent == 1)
                #expect(report.failed == 1)
            }
            let requests = server.requests
            #expect(requests.count == 2)
            let request = try #require(requests.first { String(decoding: $0.body, as: UTF8.self).contains("4368496045530239") })
            #expect(request.method == "POST")
            #expect(request.header("Content-Type") == "application/json")
            let json = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: Any])
            #expect(Set(json.keys) == ["recipient", "message"])
            #expect((json["recipient"] as? [String: String]) == ["user_id": "4368496045530239"])
            let message = try #require(json["message"] as? [String: String])
            #expect(Set(message.keys) == ["text"])
            #expect(message["text"] == "Nhiệm vụ mới: báo cáo tình hình lũ\nHạn hoàn thành 04/12/2026.\nhttps://haicap.example.vn/dieu-hanh/nhiem-vu/7")
            let failed = try #require(try await DeliveryQueue(database: database).list(status: .pending).items.first)
            #expect(failed.address == "999")
            #expect(failed.lastError?.contains("-213") == true)
        }
    }

    @Test("the SMTP client speaks EHLO, AUTH PLAIN, MAIL, RCPT, DATA with an RFC 2047 subject and dot-stuffing, QUIT")
    func smtpDialogue() async throws {
        let server = try await FakeSMTPServer.start()
        defer { Task { await server.stop() } }
        let settings = SMTPSettings(host: "127.0.0.1", port: server.port, username: "haicap", password: "mật-khẩu", from: "HaiCap <thongbao@daklak.gov.vn>", security: .none)
        let message = EmailMessage(
            to: "Cán bộ <canbo@xa.vn>", subject: "Nhiệm vụ quá hạn: báo cáo tình hình thiệt hại do lũ lụt tháng 11",
            body: "Dòng một.\n.dòng bắt đầu bằng dấu chấm\n.\nHết.", messageID: "delivery-1")
        try await SMTPClient(settings: settings, timeout: 5).send(message)
        let client = server.dialogue.filter { $0.hasPrefix("C: ") }.map { String($0.dropFirst(3)) }
        #expect(client.first == "EHLO haicap.local")
        let plain = Data(([0] + Array("haicap".utf8) + [0] + Array("mật-khẩu".utf8))).base64EncodedString()
        #expect(client.contains("AUTH PLAIN \(plain)"))
        #expect(client.contains("MAIL FROM:<thongbao@daklak.gov.vn> BODY=8BITMIME"))
        #expect(client.contains("RCPT TO:<canbo@xa.vn>"))
        #expect(client.contains("DATA"))
        #expect(client.last == "QUIT")
        let order = ["EHLO", "AUTH", "MAIL", "RCPT", "DATA", "QUIT"].map { verb in client.firstIndex { $0.hasPrefix(verb) } ?? -1 }
        #expect(order == order.sorted() && !order.contains(-1))
        // Dot-stuffed on the wire.
        #expect(client.contains("..dòng bắt đầu bằng dấu chấm"))
        #expect(client.contains(".."))
        let stored = try #require(server.receivedMessages.first)
        #expect(stored.contains("Content-Type: text/plain; charset=UTF-8"))
        #expect(stored.contains("Message-ID: <delivery-1@haicap>"))
        #expect(stored.contains("To: <canbo@xa.vn>"))
        // The subject is RFC 2047 encoded words that decode back to the Vietnamese text.
        let subjectLines = stored.components(separatedBy: "\r\n").drop { !$0.hasPrefix("Subject: ") }.prefix { $0.hasPrefix("Subject: ") || $0.hasPrefix(" ") }
        #expect(subjectLines.count >= 2)
        let decoded = subjectLines.map { line -> String in
            let word = line.replacingOccurrences(of: "Subject: ", with: "").trimmingCharacters(in: .whitespaces)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?=") && word.count <= 75)
            let base64 = word.dropFirst(10).dropLast(2)
            return String(decoding: Data(base64Encoded: String(base64)) ?? Data(), as: UTF8.self)
        }.joined()
        #expect(decoded == message.subject)
        #expect(server.dialogue.contains("S: 221 2.0.0 Bye"))
    }

    @Test("e-mail notifications go through the worker to each recipient's address", arguments: TestBackend.enabled)
    func emailThroughWorker(backend: TestBackend) async throws {
        let server = try await FakeSMTPServer.start()
        defer { Task { await server.stop() } }
        try await NotificationTest.withDatabase(backend) { database in
            try await NotificationTest.addUser(database, "tinh.mail", role: .province, unit: nil, email: "tinh@daklak.gov.vn")
            try await NotificationTest.record(database, [NotificationTest.event(audience: .init(users: ["tinh.mail"]))])
            let settings = NotificationTest.settings {
                $0.smtp = SMTPSettings(host: "127.0.0.1", port: server.port, from: "thongbao@daklak.gov.vn", security: .none)
            }
            try await NotificationTest.withWorker(database, settings: settings) { worker in
                let report = try await worker.runOnce()
                #expect(report.sent == 1)
            }
            let delivery = try #require(try await DeliveryQueue(database: database).list().items.first)
            #expect(delivery.channel == .email)
            #expect(delivery.address == "tinh@daklak.gov.vn")
            let stored = try #require(server.receivedMessages.first)
            #expect(stored.contains("Message-ID: <\(delivery.deliveryID)@haicap>"))
            #expect(stored.contains("Hạn hoàn thành 04/12/2026."))
            #expect(server.dialogue.contains("C: RCPT TO:<tinh@daklak.gov.vn>"))
            #expect(!server.dialogue.contains { $0.hasPrefix("C: AUTH") })
        }
    }

    @Test("of two schedulers started together only one holds the lease and scans; the other takes over when it expires", arguments: TestBackend.enabled)
    func leaseRunsOneScan(backend: TestBackend) async throws {
        try await NotificationTest.withDatabase(backend) { database in
            let scans = Counter()
            let clock = TestClock()
            func scheduler(_ holder: String) -> ReminderScheduler {
                ReminderScheduler(database: database, holder: holder, interval: .seconds(60), now: { clock.now }, logger: NotificationTest.logger) { _ in
                    scans.increment(holder)
                }
            }
            let a = scheduler("instance-a")
            let b = scheduler("instance-b")
            async let ranA = a.runOnce()
            async let ranB = b.runOnce()
            let results = try await [ranA, ranB]
            #expect(results.filter { $0 }.count == 1)
            #expect(scans.total == 1)
            let winner = results[0] ? a : b
            let loser = results[0] ? b : a
            // The holder renews on its next tick; the other still may not scan.
            clock.advance(60)
            #expect(try await winner.runOnce())
            #expect(try await loser.runOnce() == false)
            // The holder stops: after its lease (two intervals) the other takes over.
            clock.advance(119)
            #expect(try await loser.runOnce() == false)
            clock.advance(1)
            #expect(try await loser.runOnce())
            #expect(scans.total == 3)
            let leases = LeaseRepository(db: database.sql)
            #expect(try await leases.holder(name: "reminders", now: clock.now) == loser.holder)
        }
    }
}

final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = false
    var value: Bool { lock.withLock { stored } }
    func set(_ v: Bool) { lock.withLock { stored = v } }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    var total: Int { lock.withLock { counts.values.reduce(0, +) } }
    func increment(_ key: String) { lock.withLock { counts[key, default: 0] += 1 } }
}
