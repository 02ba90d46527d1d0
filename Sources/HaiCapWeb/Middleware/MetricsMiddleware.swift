import Hummingbird
import Prometheus

/// Counts requests and records latency per route pattern (never per raw path, to bound label counts).
struct RouteMetricsMiddleware<Context: RequestContext>: RouterMiddleware {
    let registry: PrometheusCollectorRegistry

    static var buckets: [Duration] {
        [500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000].map { .microseconds($0) }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var status = 500
        defer {
            let route = context.endpointPath ?? "unmatched"
            let labels = [("method", request.method.rawValue), ("route", route)]
            registry.makeCounter(
                descriptor: .init(namespace: "haicap", metricName: "http_requests", unitName: "total", helpText: "Số yêu cầu HTTP"),
                labels: labels + [("status", String(status))]
            ).increment()
            registry.makeDurationHistogram(
                descriptor: .init(namespace: "haicap", metricName: "http_request_duration", unitName: "seconds", helpText: "Thời gian xử lý yêu cầu"),
                labels: labels, buckets: Self.buckets
            ).record(ContinuousClock.now - start)
        }
        do {
            let response = try await next(request, context)
            status = Int(response.status.code)
            return response
        } catch let error as HTTPResponseError {
            status = Int(error.status.code)
            throw error
        }
    }
}
