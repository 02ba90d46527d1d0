import Foundation
import Hummingbird

/// The client's address behind a reverse proxy: only when the TCP peer is a configured proxy
/// (`HAICAP_TRUSTED_PROXIES`), the right-most `X-Forwarded-For` entry that is not itself a trusted proxy.
/// Anyone else's `X-Forwarded-For` is ignored, so a client cannot choose its own rate-limit key.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let trusted: Set<String>

    func handle(_ request: Request, context: AppRequestContext, next: (Request, AppRequestContext) async throws -> Response) async throws -> Response {
        guard !trusted.isEmpty, let peer = context.clientAddress else { return try await next(request, context) }
        var context = context
        context.clientAddress = ClientAddress.resolve(peer: peer, forwardedFor: request.headers[values: .init("X-Forwarded-For")!], trusted: trusted)
        return try await next(request, context)
    }
}

enum ClientAddress {
    /// Walks the `X-Forwarded-For` chain from the right (the entry the nearest proxy wrote) while each hop is a
    /// trusted proxy; the first other address is the client. A malformed entry ends the walk at the last
    /// trusted hop: its address keys the limit rather than text a client wrote.
    static func resolve(peer: String, forwardedFor: [String], trusted: Set<String>) -> String {
        guard trusted.contains(normalised(peer) ?? peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var client = peer
        for hop in hops.reversed() {
            guard let address = normalised(hop) else { return client }
            client = address
            if !trusted.contains(address) { return address }
        }
        return client
    }

    /// The canonical text of an IPv4 or IPv6 literal (so `::ffff:127.0.0.1` and `0:0::1` compare as they should),
    /// or nil when `text` is not one.
    static func normalised(_ text: String) -> String? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            var out = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            return inet_ntop(AF_INET, &v4, &out, socklen_t(out.count)).map { _ in String(cString: out) }
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            var out = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
            guard inet_ntop(AF_INET6, &v6, &out, socklen_t(out.count)) != nil else { return nil }
            let canonical = String(cString: out)
            // An IPv4 address as IPv6 (a dual-stack listener's peer) is the IPv4 address.
            if canonical.hasPrefix("::ffff:"), let mapped = normalised(String(canonical.dropFirst(7))), !mapped.contains(":") { return mapped }
            return canonical
        }
        return nil
    }
}
