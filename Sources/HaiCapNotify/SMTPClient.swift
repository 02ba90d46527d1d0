import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One e-mail: plain text, UTF-8.
public struct EmailMessage: Sendable, Equatable {
    public var to: String
    public var subject: String
    public var body: String
    /// Becomes the Message-ID (`<id@haicap>`), so a retried message can be recognised.
    public var messageID: String

    public init(to: String, subject: String, body: String, messageID: String = UUID().uuidString.lowercased()) {
        self.to = to
        self.subject = subject
        self.body = body
        self.messageID = messageID
    }
}

/// The mail server refused something, or the dialogue broke.
public struct SMTPError: Error, CustomStringConvertible, Sendable {
    public var description: String
    /// 5xx replies: retrying the same message will not help.
    public var permanent: Bool

    init(_ description: String, permanent: Bool = false) {
        self.description = description
        self.permanent = permanent
    }
}

/// A minimal SMTP client on SwiftNIO (RFC 5321): EHLO, optional STARTTLS or implicit TLS, AUTH PLAIN or LOGIN,
/// MAIL FROM, RCPT TO, DATA (UTF-8 body, RFC 2047 subject, dot-stuffing), QUIT. One connection per message.
public struct SMTPClient: Sendable {
    public let settings: SMTPSettings
    public let timeout: TimeInterval
    /// For tests against a server with a self-signed certificate.
    let verifyCertificates: Bool

    public init(settings: SMTPSettings, timeout: TimeInterval = 30, verifyCertificates: Bool = true) {
        self.settings = settings
        self.timeout = timeout
        self.verifyCertificates = verifyCertificates
    }

    struct Reply: Sendable {
        var code: Int
        var lines: [String]
        var text: String { lines.joined(separator: " ") }
    }

    /// Sends one message; throws `SMTPError` naming the step that failed.
    public func send(_ message: EmailMessage) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.dialogue(message) }
            group.addTask {
                try await Task.sleep(for: .milliseconds(Int(timeout * 1000)))
                throw SMTPError("Máy chủ thư không trả lời trong \(Int(timeout)) giây.")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private func tlsHandler() throws -> NIOSSLContext {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if !verifyCertificates { configuration.certificateVerification = .none }
        return try NIOSSLContext(configuration: configuration)
    }

    private func dialogue(_ message: EmailMessage) async throws {
        let (stream, continuation) = AsyncThrowingStream<Reply, any Error>.makeStream()
        let host = settings.host
        let implicitTLS = settings.security == .tls
        let sslContext = settings.security == .none ? nil : try tlsHandler()
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.milliseconds(Int64(timeout * 1000)))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if implicitTLS, let sslContext {
                            try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: sslContext, serverHostname: host))
                        }
                        try channel.pipeline.syncOperations.addHandler(SMTPReplyHandler(continuation: continuation))
                    }
                }
                .connect(host: settings.host, port: settings.port).get()
        } catch {
            throw SMTPError("Không kết nối được máy chủ thư \(settings.host):\(settings.port): \(error)")
        }
        var replies = stream.makeAsyncIterator()
        func read(_ step: String, expect codes: Set<Int>) async throws -> Reply {
            guard let reply = try await replies.next() else { throw SMTPError("Máy chủ thư đóng kết nối ở bước \(step).") }
            guard codes.contains(reply.code) else {
                throw SMTPError("Máy chủ thư từ chối ở bước \(step): \(reply.code) \(reply.text)", permanent: reply.code >= 500)
            }
            return reply
        }
        func send(_ line: String) async throws {
            try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n")).get()
        }
        do {
            _ = try await read("chào", expect: [220])
            try await send("EHLO \(settings.heloName)")
            var capabilities = try await read("EHLO", expect: [250]).lines.map { $0.uppercased() }
            if settings.security == .starttls {
                guard capabilities.contains(where: { $0.hasPrefix("STARTTLS") }) else {
                    throw SMTPError("Máy chủ thư không hỗ trợ STARTTLS (HAICAP_SMTP_TLS=starttls).", permanent: true)
                }
                try await send("STARTTLS")
                _ = try await read("STARTTLS", expect: [220])
                guard let sslContext else { throw SMTPError("Thiếu cấu hình TLS.") }
                try await channel.eventLoop.submit {
                    try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: sslContext, serverHostname: host), position: .first)
                }.get()
                try await send("EHLO \(settings.heloName)")
                capabilities = try await read("EHLO sau STARTTLS", expect: [250]).lines.map { $0.uppercased() }
            }
            if let username = settings.username, !username.isEmpty {
                let password = settings.password ?? ""
                let auth = capabilities.first { $0.hasPrefix("AUTH") }.map { $0.split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init) } ?? []
                if auth.contains("PLAIN") || !auth.contains("LOGIN") {
                    let token = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
                    try await send("AUTH PLAIN \(token)")
                    _ = try await read("đăng nhập (AUTH PLAIN)", expect: [235])
                } else {
                    try await send("AUTH LOGIN")
                    _ = try await read("đăng nhập (AUTH LOGIN)", expect: [334])
                    try await send(Data(username.utf8).base64EncodedString())
                    _ = try await read("tên đăng nhập", expect: [334])
                    try await send(Data(password.utf8).base64EncodedString())
                    _ = try await read("mật khẩu", expect: [235])
                }
            }
            let eightBit = capabilities.contains { $0.hasPrefix("8BITMIME") }
            try await send("MAIL FROM:<\(Self.address(settings.from))>" + (eightBit ? " BODY=8BITMIME" : ""))
            _ = try await read("MAIL FROM", expect: [250])
            try await send("RCPT TO:<\(Self.address(message.to))>")
            _ = try await read("RCPT TO", expect: [250, 251])
            try await send("DATA")
            _ = try await read("DATA", expect: [354])
            try await channel.writeAndFlush(ByteBuffer(string: Self.data(message, from: settings.from, date: Date()))).get()
            _ = try await read("gửi nội dung", expect: [250])
            try await send("QUIT")
            _ = try? await read("QUIT", expect: [221])
            try? await channel.close()
        } catch {
            try? await channel.close()
            if let error = error as? SMTPError { throw error }
            throw SMTPError("Lỗi khi gửi thư qua \(settings.host): \(error)")
        }
    }

    /// The bare address of `Name <a@b>` or `a@b`.
    public static func address(_ text: String) -> String {
        if let open = text.lastIndex(of: "<"), let close = text.lastIndex(of: ">"), open < close {
            return String(text[text.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// The message as sent after DATA: headers, blank line, dot-stuffed CRLF body, and the final `.` line.
    static func data(_ message: EmailMessage, from: String, date: Date) -> String {
        var lines = [
            "From: \(encodeHeaderAddress(from))",
            "To: <\(address(message.to))>",
            "Subject: \(encodeWord(message.subject))",
            "Date: \(rfc5322Date(date))",
            "Message-ID: <\(message.messageID)@haicap>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: 8bit",
            "",
        ]
        let body = message.body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            // Dot-stuffing (RFC 5321 §4.5.2): a line starting with "." gets one more.
            lines.append(line.hasPrefix(".") ? "." + line : String(line))
        }
        return lines.joined(separator: "\r\n") + "\r\n.\r\n"
    }

    static func encodeHeaderAddress(_ text: String) -> String {
        guard let open = text.lastIndex(of: "<") else { return "<\(address(text))>" }
        let name = text[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        return name.isEmpty ? "<\(address(text))>" : "\(encodeWord(name)) <\(address(text))>"
    }

    /// RFC 2047 `=?UTF-8?B?…?=` words of at most 75 characters, folded; ASCII text is left as it is.
    static func encodeWord(_ text: String) -> String {
        if text.allSatisfy({ $0.isASCII && !$0.isNewline }) && !text.contains("=?") { return text }
        var words: [String] = []
        var chunk = ""
        for character in text where !character.isNewline {
            if chunk.utf8.count + String(character).utf8.count > 45 {
                words.append(chunk)
                chunk = ""
            }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}

/// Splits the server's bytes into replies (`250-…` lines continue, `250 …` ends one).
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer

    let continuation: AsyncThrowingStream<SMTPClient.Reply, any Error>.Continuation
    private var pending: [UInt8] = []
    private var lines: [String] = []

    init(continuation: AsyncThrowingStream<SMTPClient.Reply, any Error>.Continuation) {
        self.continuation = continuation
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = pending[..<newline]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            pending.removeSubrange(...newline)
            let text = String(decoding: line, as: UTF8.self)
            guard text.count >= 3, let code = Int(text.prefix(3)) else {
                continuation.finish(throwing: SMTPError("Máy chủ thư trả lời sai giao thức: \(text)"))
                return
            }
            let rest = text.dropFirst(3)
            lines.append(String(rest.dropFirst()))
            if rest.first != "-" {
                continuation.yield(SMTPClient.Reply(code: code, lines: lines))
                lines = []
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }
}
