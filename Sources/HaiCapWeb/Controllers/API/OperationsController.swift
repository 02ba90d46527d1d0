import Foundation
import HaiCapStore
import Hummingbird
import Prometheus

/// `/healthz`, `/metrics` and the OpenAPI document.
struct OperationsController {
    let database: Database
    let registry: PrometheusCollectorRegistry
    let metricsEnabled: Bool
    let openAPIDocument: ByteBuffer

    struct Health: ResponseEncodable {
        var status: String
    }

    func addRoutes(to router: Router<AppRequestContext>) {
        router.get("/healthz") { _, _ -> EditedResponse<Health> in
            if await database.ping() {
                return .init(response: Health(status: "ok"))
            }
            return .init(status: .serviceUnavailable, response: Health(status: "database_unavailable"))
        }
        if metricsEnabled {
            router.get("/metrics") { _, _ in
                await QueueMetrics(database: database, registry: registry).update()
                return Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(bytes: registry.emitToBuffer())))
            }
        }
        router.get("/api/v1/openapi.json") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
                body: .init(byteBuffer: openAPIDocument))
        }
    }
}
