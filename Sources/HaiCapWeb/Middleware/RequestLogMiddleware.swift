import HaiCapCore
import Hummingbird
import Logging

/// Logs each request (method, path, query) with personal data and secrets masked; headers and bodies are never
/// logged. Replaces Hummingbird's `LogRequestsMiddleware`, which writes the raw URI with its query string.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let level: Logger.Level

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if context.logger.logLevel <= level {
            var metadata: Logger.Metadata = [
                "hb.request.method": .string(request.method.rawValue),
                "hb.request.path": .string(LogRedaction.mask(request.uri.path)),
            ]
            if let query = request.uri.query, !query.isEmpty { metadata["hb.request.query"] = .string(LogRedaction.maskQuery(query)) }
            context.logger.log(level: level, "Request", metadata: metadata)
        }
        return try await next(request, context)
    }
}

/// Wraps the process's log handler so no message or metadata value leaves unmasked, whoever logs it
/// (our code, the database drivers at debug level, the HTTP server). `haicap serve` installs it.
public struct MaskingLogHandler: LogHandler {
    public var wrapped: any LogHandler

    public init(_ wrapped: any LogHandler) {
        self.wrapped = wrapped
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    public func log(
        level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
        file: String, function: String, line: UInt
    ) {
        wrapped.log(
            level: level, message: "\(LogRedaction.mask(message.description))", metadata: metadata.map(Self.mask),
            source: source, file: file, function: function, line: line)
    }

    static func mask(_ metadata: Logger.Metadata) -> Logger.Metadata {
        metadata.mapValues(mask)
    }

    static func mask(_ value: Logger.Metadata.Value) -> Logger.Metadata.Value {
        switch value {
        case .string(let text): .string(LogRedaction.mask(text))
        case .stringConvertible(let item): .string(LogRedaction.mask(item.description))
        case .array(let items): .array(items.map(mask))
        case .dictionary(let items): .dictionary(items.mapValues(mask))
        }
    }
}
