import Foundation
import Synchronization

/// Slows down a client that keeps sending links with unknown tokens (someone guessing, or a
/// broken scanner): after `limit` such requests within `window`, its requests for members'
/// links get 429 until the oldest of them is `window` old.
///
/// Clients are counted apart, so a member's good link is never refused because of another
/// client's bad ones. Memory is bounded: at most ``maximumClients`` clients are remembered,
/// the stalest forgotten first.
final class BadTokenLimiter: Sendable {
    /// How many bad requests a client may make within ``window``; 0: no limit.
    let limit: Int
    /// The window the bad requests are counted over, in seconds.
    let window: TimeInterval
    /// The most clients remembered at once.
    static let maximumClients = 10_000
    private let clients = Mutex<[String: [Date]]>([:])

    /// A limiter allowing `limit` bad requests per client within `window` seconds (0: none is limited).
    init(limit: Int, window: TimeInterval) {
        self.limit = limit
        self.window = window
    }

    /// Seconds until `client` may try again (at least 1), or nil when it is not limited now.
    func retryAfter(client: String, now: Date = Date()) -> Int? {
        guard limit > 0 else { return nil }
        return clients.withLock { clients -> Int? in
            guard var times = clients[client] else { return nil }
            times.removeAll { now.timeIntervalSince($0) >= window }
            clients[client] = times.isEmpty ? nil : times
            guard times.count >= limit, let oldest = times.first else { return nil }
            return max(1, Int((oldest.addingTimeInterval(window).timeIntervalSince(now)).rounded(.up)))
        }
    }

    /// Counts one request of `client` whose link named no member.
    func recordBad(client: String, now: Date = Date()) {
        guard limit > 0 else { return }
        clients.withLock { clients in
            if clients[client] == nil, clients.count >= Self.maximumClients { Self.forgetStalest(&clients, now: now, window: window) }
            var times = clients[client, default: []]
            times.removeAll { now.timeIntervalSince($0) >= window }
            times.append(now)
            // Only the last `limit` matter: the oldest of them decides when it may try again.
            if times.count > limit { times.removeFirst(times.count - limit) }
            clients[client] = times
        }
    }

    /// Drops clients with nothing in the window, else the one whose last bad request is oldest.
    private static func forgetStalest(_ clients: inout [String: [Date]], now: Date, window: TimeInterval) {
        let before = clients.count
        clients = clients.filter { _, times in times.last.map { now.timeIntervalSince($0) < window } ?? false }
        if clients.count == before, let stalest = clients.min(by: { ($0.value.last ?? .distantPast) < ($1.value.last ?? .distantPast) })?.key {
            clients[stalest] = nil
        }
    }
}
