/// Byte-level Base64 (RFC 4648) for encoded words and MIME bodies.
enum Base64 {
    static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Appends `input` Base64-encoded, on one line, to `output`.
    static func append(_ input: some Collection<UInt8>, to output: inout [UInt8]) {
        var iterator = input.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = iterator.next()
            let value = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            output.append(alphabet[Int(value >> 18 & 0x3F)])
            output.append(alphabet[Int(value >> 12 & 0x3F)])
            output.append(second == nil ? UInt8(ascii: "=") : alphabet[Int(value >> 6 & 0x3F)])
            output.append(third == nil ? UInt8(ascii: "=") : alphabet[Int(value & 0x3F)])
        }
    }

    /// Appends `input` Base64-encoded in lines of 76 characters, each ended by CRLF, to `output`.
    static func appendLines(_ input: [UInt8], to output: inout [UInt8]) {
        let lines = (input.count + 56) / 57
        let size = (input.count + 2) / 3 * 4 + lines * 2
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: size))
        output.withUnsafeMutableBufferPointer { out in
            input.withUnsafeBufferPointer { input in
                alphabet.withUnsafeBufferPointer { alphabet in
                    var position = start
                    var index = 0
                    let count = input.count
                    while index < count {
                        let lineEnd = min(index + 57, count)
                        while index + 3 <= lineEnd {
                            let value = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
                            out[position] = alphabet[Int(value >> 18)]
                            out[position + 1] = alphabet[Int(value >> 12 & 0x3F)]
                            out[position + 2] = alphabet[Int(value >> 6 & 0x3F)]
                            out[position + 3] = alphabet[Int(value & 0x3F)]
                            position += 4
                            index += 3
                        }
                        if index < lineEnd {  // the last 1 or 2 bytes of the input
                            let second = index + 1 < lineEnd ? input[index + 1] : 0
                            let value = UInt32(input[index]) << 16 | UInt32(second) << 8
                            out[position] = alphabet[Int(value >> 18)]
                            out[position + 1] = alphabet[Int(value >> 12 & 0x3F)]
                            out[position + 2] = index + 1 < lineEnd ? alphabet[Int(value >> 6 & 0x3F)] : UInt8(ascii: "=")
                            out[position + 3] = UInt8(ascii: "=")
                            position += 4
                            index = lineEnd
                        }
                        out[position] = 0x0D
                        out[position + 1] = 0x0A
                        position += 2
                    }
                }
            }
        }
    }
}
