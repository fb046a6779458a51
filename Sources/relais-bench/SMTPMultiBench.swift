import CCurl
import Foundation

/// Prototype for comparison only: the same load as `runSMTPBench`, driven by ONE thread through a
/// curl_multi handle with `connections` easy handles (plain SMTP, replies captured by a debug callback).
func runSMTPMultiBench(sinkPort: Int, messages: Int, connections: Int) {
    final class Slot {
        let easy: UnsafeMutableRawPointer
        var body: [UInt8] = []
        var offset = 0
        var recipients: UnsafeMutablePointer<curl_slist>?
        var lastReply: [UInt8] = []
        init(easy: UnsafeMutableRawPointer) { self.easy = easy }
    }
    let read: curl_read_callback = { buffer, size, count, context in
        let slot = Unmanaged<Slot>.fromOpaque(context!).takeUnretainedValue()
        let n = min(size * count, slot.body.count - slot.offset)
        slot.body.withUnsafeBytes { UnsafeMutableRawPointer(buffer!).copyMemory(from: $0.baseAddress! + slot.offset, byteCount: n) }
        slot.offset += n
        return n
    }
    let debug: curl_debug_callback = { _, type, data, size, context in
        guard type == CURLINFO_HEADER_IN, let data, let context else { return 0 }
        let slot = Unmanaged<Slot>.fromOpaque(context).takeUnretainedValue()
        slot.lastReply.removeAll(keepingCapacity: true)
        slot.lastReply.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size))
        return 0
    }
    let body = String(repeating: "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\r\n", count: 48)
    func message(_ number: Int) -> [UInt8] {
        let text = "From: Relais <relais@example.org>\r\nTo: Member \(number) <member\(number)@example.org>\r\n"
            + "Subject: Networking breakfast reminder #\(number)\r\nMessage-ID: <bench.\(number)@example.org>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nDear member \(number),\r\n\r\n" + body
        return Array(text.utf8)
    }

    _ = curl_global_init(Int(CURL_GLOBAL_DEFAULT))
    let multi = curl_multi_init()!
    relais_multi_setopt_long(multi, CURLMOPT_MAX_HOST_CONNECTIONS, connections)
    var slots: [Slot] = []
    var next = 1
    func start(_ slot: Slot) {
        slot.body = message(next)
        slot.offset = 0
        if let recipients = slot.recipients { curl_slist_free_all(recipients) }
        slot.recipients = curl_slist_append(nil, "member\(next)@example.org")
        relais_easy_setopt_slist(slot.easy, CURLOPT_MAIL_RCPT, slot.recipients)
        relais_easy_setopt_off_t(slot.easy, CURLOPT_INFILESIZE_LARGE, curl_off_t(slot.body.count))
        next += 1
        curl_multi_add_handle(multi, slot.easy)
    }
    for _ in 0..<connections {
        let easy = curl_easy_init()!
        let slot = Slot(easy: easy)
        let context = Unmanaged.passUnretained(slot).toOpaque()
        relais_easy_setopt_string(easy, CURLOPT_URL, "smtp://127.0.0.1:\(sinkPort)/relais-bench.local")
        relais_easy_setopt_string(easy, CURLOPT_MAIL_FROM, "relais@example.org")
        relais_easy_setopt_long(easy, CURLOPT_UPLOAD, 1)
        relais_easy_setopt_long(easy, CURLOPT_NOSIGNAL, 1)
        relais_easy_setopt_read_callback(easy, CURLOPT_READFUNCTION, read)
        relais_easy_setopt_pointer(easy, CURLOPT_READDATA, context)
        relais_easy_setopt_debug_callback(easy, CURLOPT_DEBUGFUNCTION, debug)
        relais_easy_setopt_pointer(easy, CURLOPT_DEBUGDATA, context)
        relais_easy_setopt_pointer(easy, CURLOPT_PRIVATE, context)
        relais_easy_setopt_long(easy, CURLOPT_VERBOSE, 1)
        slots.append(slot)
    }

    var cpuStart = rusage()
    getrusage(RUSAGE_SELF.rawValue, &cpuStart)
    let clockStart = ContinuousClock.now
    for slot in slots where next <= messages { start(slot) }
    var done = 0
    var failed = 0
    var running: Int32 = 0
    while done < messages {
        curl_multi_perform(multi, &running)
        var queued: Int32 = 0
        while let info = curl_multi_info_read(multi, &queued) {
            guard info.pointee.msg == CURLMSG_DONE, let easy = info.pointee.easy_handle else { continue }
            let result = info.pointee.data.result
            var privatePointer: UnsafeMutablePointer<CChar>?
            relais_easy_getinfo_string(easy, CURLINFO_PRIVATE, &privatePointer)
            let slot = Unmanaged<Slot>.fromOpaque(UnsafeRawPointer(privatePointer!)).takeUnretainedValue()
            curl_multi_remove_handle(multi, easy)
            done += 1
            if result != CURLE_OK { failed += 1 }
            if next <= messages { start(slot) }
        }
        if done < messages { curl_multi_poll(multi, nil, 0, 1000, nil) }
    }
    let elapsed = clockStart.duration(to: .now)
    var cpuEnd = rusage()
    getrusage(RUSAGE_SELF.rawValue, &cpuEnd)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    let cpu = seconds(cpuEnd.ru_utime) + seconds(cpuEnd.ru_stime) - seconds(cpuStart.ru_utime) - seconds(cpuStart.ru_stime)
    let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    print("curl_multi prototype (1 thread, \(connections) handles): \(messages) messages, \(failed) failed")
    print(String(format: "  elapsed %.3f s, %.0f msg/s", wall, Double(messages) / wall))
    print(String(format: "  client CPU %.1f µs/message", cpu / Double(messages) * 1e6))
    for slot in slots {
        if let recipients = slot.recipients { curl_slist_free_all(recipients) }
        curl_easy_cleanup(slot.easy)
    }
    curl_multi_cleanup(multi)
}
