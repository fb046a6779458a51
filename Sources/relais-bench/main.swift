// relais-bench: the benchmarks behind `make bench`. Each prints its numbers; none asserts.
//
//   relais-bench [recurrence] [mime] [templates] [compose]   in-process benchmarks (all of them without arguments)
//   relais-bench smtp|smtp-multi --port P [--messages N] [--connections C]   against an SMTP sink
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())

func value(_ name: String, _ fallback: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
    return Int(arguments[index + 1]) ?? fallback
}

if let first = arguments.first, first == "smtp" || first == "smtp-multi" {
    guard value("--port", 0) > 0 else {
        print("usage: relais-bench smtp|smtp-multi --port PORT [--messages 20000] [--connections 8]")
        exit(64)
    }
    if first == "smtp-multi" {
        runSMTPMultiBench(sinkPort: value("--port", 0), messages: value("--messages", 20000), connections: value("--connections", 8))
    } else {
        try await runSMTPBench(sinkPort: value("--port", 0), messages: value("--messages", 20000), connections: value("--connections", 8))
    }
    exit(0)
}

let all = arguments.isEmpty
if all || arguments.contains("recurrence") {
    print("== recurrence")
    runRecurrenceBench()
}
if all || arguments.contains("mime") {
    print("== mime")
    runMIMEBench()
}
if all || arguments.contains("templates") {
    print("== templates")
    runTemplatesBench()
}
if all || arguments.contains("compose") {
    print("== compose")
    await runComposeBench()
}
