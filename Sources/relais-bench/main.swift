// relais-bench: the benchmarks behind `make bench`. Each prints its numbers; none asserts.
// Usage: relais-bench [recurrence|...]...   (no argument: all that need no external server)

let arguments = Array(CommandLine.arguments.dropFirst())
let all = arguments.isEmpty

if all || arguments.contains("recurrence") {
    print("== recurrence")
    runRecurrenceBench()
}

if all || arguments.contains("templates") {
    print("== templates")
    runTemplatesBench()
}
