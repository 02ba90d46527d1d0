import HaiCapCore
import Hummingbird
import HummingbirdAuth

/// What a web session remembers: the signed-in account's id.
public struct WebSession: Codable, Sendable {
    public var userID: Int64
}

/// The request context of every HaiCap route: the signed-in account (by session or bearer token)
/// and the CSRF token of the current browser.
public struct AppRequestContext: AuthRequestContext, SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: UserAccount?
    public let sessions: SessionContext<WebSession>
    /// The double-submit CSRF token for forms on the page being rendered.
    public var csrfToken = ""
    /// True when the identity came from an API token rather than a browser session.
    public var authenticatedByToken = false
    /// The client's IP address, when the connection has one (not in router tests); keys rate limits.
    /// Behind a trusted proxy, `ClientAddressMiddleware` replaces the proxy's address with the client's.
    public var clientAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.identity = nil
        self.sessions = .init()
        self.clientAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The caller, for the access policy.
    public var actor: Actor {
        identity.map { .user($0) } ?? .anonymous
    }
}
