import Foundation
import Prometheus
import StoreModel

/// The Prometheus registry behind `/metrics`: HTTP requests counted as they are answered, the
/// queue and delivery figures read from the store at each scrape. swift-prometheus writes the
/// exposition format.
public final class WebMetrics: Sendable {
    /// The registry; ``render(store:instanceId:now:)`` refreshes the store-backed gauges and emits it.
    let registry = PrometheusCollectorRegistry()

    /// A registry with no samples yet.
    public init() {}

    /// The route label for `path`: its first segment for the known ones, `other` else (never a token).
    static func route(of path: String) -> String {
        let first = path.split(separator: "/", omittingEmptySubsequences: true).first.map(String.init) ?? ""
        switch first {
        case "u": return "unsubscribe"
        case "p": return "preferences"
        case "r": return "rsvp"
        case "healthz", "metrics", "static": return first
        default: return "other"
        }
    }

    /// `relais_<metric>_<unit>`, with its help line.
    static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "relais", metricName: metric, unitName: unit, helpText: help)
    }

    func countRequest(route: String, status: Int) {
        registry.makeCounter(
            descriptor: Self.name("http_requests", "total", "HTTP requests answered by route and status"),
            labels: [("route", route), ("status", String(status))]
        ).increment()
    }

    /// Reads the queue's figures from `store` (a blocking call: run it on the executor), the
    /// transport's pause being daemon instance `instanceId`'s, and returns the whole exposition text.
    func render(store: any WebAnswerStore, instanceId: String, now: Date) throws(StoreError) -> [UInt8] {
        let figures = try store.deliveryFigures(now: now, instanceId: instanceId)
        for state in QueueMessage.State.allCases {
            registry.makeGauge(descriptor: Self.name("queue", "messages", "Queue rows by state"), labels: [("state", state.rawValue)]).set(Double(figures.states[state] ?? 0))
        }
        registry.makeGauge(descriptor: Self.name("queue_depth", "messages", "Messages waiting to be sent (scheduled, queued, deferred)"))
            .set(Double(figures.depth))
        registry.makeGauge(descriptor: Self.name("queue_oldest_age", "seconds", "Age of the oldest message due and not yet sent"))
            .set(figures.oldestDueAge ?? 0)
        registry.makeGauge(descriptor: Self.name("throttled", "seconds", "Seconds left of the relay's slow-down pause"))
            .set(figures.throttledSeconds)
        for (outcome, count) in figures.outcomes {
            registry.makeGauge(
                descriptor: Self.name("delivery", "attempts", "Delivery attempts recorded, by outcome"), labels: [("outcome", outcome)]
            ).set(Double(count))
        }
        for (replyClass, count) in figures.replyClasses {
            registry.makeGauge(
                descriptor: Self.name("smtp", "replies", "SMTP replies recorded, by class (2xx, 4xx, 5xx)"), labels: [("class", replyClass)]
            ).set(Double(count))
        }
        return registry.emitToBuffer()
    }
}
