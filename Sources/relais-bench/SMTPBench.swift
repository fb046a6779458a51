import Foundation
import Logging
import SMTP

/// Sends `messages` personalized ~4 KB messages over `connections` persistent connections to a plain
/// SMTP sink on 127.0.0.1:`sinkPort` (e.g. Postfix's smtp-sink) and prints rate, CPU per message and peak RSS.
func runSMTPBench(sinkPort: Int, messages: Int, connections: Int) async throws {
    let configuration = SMTPConfiguration(
        url: URL(string: "smtp://127.0.0.1:\(sinkPort)")!, tls: .none, helo: "relais-bench.local",
        timeout: 60, messagesPerConnection: 0)
    let logger = Logger(label: "relais.bench", factory: { _ in SwiftLogNoOpLogHandler() })
    let pool = try SMTPPool(configuration: configuration, connections: connections, logger: logger)
    let body = String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\r\n", count: 48)

    func message(_ number: Int) -> Envelope {
        let to = "member\(number)@example.org"
        let text = "From: Relais <relais@example.org>\r\nTo: Member \(number) <\(to)>\r\n"
            + "Subject: Networking breakfast reminder #\(number)\r\nMessage-ID: <bench.\(number)@example.org>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDear member \(number),\r\n\r\n"
            + body
        return Envelope(id: "\(number)", from: "relais@example.org", to: to, bytes: Array(text.utf8))
    }

    let cpuBefore = processCPUSeconds()
    let start = ContinuousClock.now
    var counts: [String: Int] = [:]
    var firstProblem: String?
    await withTaskGroup(of: SMTPOutcome.self) { group in
        var next = 1
        let window = connections * 4
        while next <= min(messages, window) {
            let envelope = message(next)
            group.addTask { await pool.send(envelope) }
            next += 1
        }
        while let outcome = await group.next() {
            counts[outcome.name, default: 0] += 1
            if outcome.name != "sent", firstProblem == nil { firstProblem = outcome.description }
            if next <= messages {
                let envelope = message(next)
                group.addTask { await pool.send(envelope) }
                next += 1
            }
        }
    }
    let elapsed = start.duration(to: .now)
    await pool.shutdown()
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let cpu = processCPUSeconds() - cpuBefore
    let size = message(1).bytes.count
    print("relais SMTP bench: \(messages) messages of ~\(size) bytes over \(connections) connections")
    print(String(format: "  elapsed %.3f s, %.0f msg/s", seconds, Double(messages) / seconds))
    print(String(format: "  client CPU %.1f µs/message (user+sys %.3f s)", cpu / Double(messages) * 1e6, cpu))
    print("  peak RSS (VmHWM): \(peakRSS())")
    print("  outcomes: \(counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
    if let firstProblem { print("  first problem: \(firstProblem)") }
}

private func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

