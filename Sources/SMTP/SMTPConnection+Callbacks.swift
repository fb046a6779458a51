import CCurl
import Foundation

/// libcurl callbacks, as C function pointers; the context pointer is an unretained `SMTPTransferState`.
enum SMTPCallbacks {
    static let read: curl_read_callback = { buffer, size, count, context in
        guard let buffer, let context else { return 0 }
        let state = Unmanaged<SMTPTransferState>.fromOpaque(context).takeUnretainedValue()
        return state.read(into: buffer, capacity: size * count)
    }

    static let debug: curl_debug_callback = { _, type, data, size, context in
        guard let data, let context else { return 0 }
        let state = Unmanaged<SMTPTransferState>.fromOpaque(context).takeUnretainedValue()
        if type == CURLINFO_TEXT {
            // "Connected to host (ip) port n (#k)": a new connection, whose replies count again.
            if size > 13, memcmp(data, "Connected to ", 13) == 0 { state.connected() }
            return 0
        }
        guard type == CURLINFO_HEADER_IN || type == CURLINFO_HEADER_OUT else { return 0 }
        // Each call usually carries one CRLF-terminated line; split in case it carries several.
        let bytes = UnsafeRawBufferPointer(start: data, count: size)
        var start = 0
        while start < size {
            var end = start
            while end < size && bytes[end] != 0x0A { end += 1 }
            var lineEnd = end
            if lineEnd > start && bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            if lineEnd > start {
                let line = UnsafeRawBufferPointer(rebasing: bytes[start..<lineEnd])
                if type == CURLINFO_HEADER_IN { state.serverLine(line) } else { state.clientLine(line) }
            }
            start = end + 1
        }
        return 0
    }
}
