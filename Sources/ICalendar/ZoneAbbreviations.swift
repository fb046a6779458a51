import Foundation

/// The abbreviations the tz database gives a zone ("CET", "CEST", "EST"), read from its TZif
/// file (RFC 8536): Foundation on Linux answers "GMT+1" instead.
struct ZoneAbbreviations: Sendable {
    /// One local time type of the file: offset, daylight flag, abbreviation.
    struct LocalTimeType: Sendable, Hashable {
        var offset: Int
        var isDaylight: Bool
        var name: String
    }

    /// The types in the order the file's transitions last use them (most recent last).
    let types: [LocalTimeType]

    /// The folders searched for TZif files: `$TZDIR`, then the usual system places.
    static var directories: [String] {
        [ProcessInfo.processInfo.environment["TZDIR"], "/usr/share/zoneinfo", "/usr/lib/zoneinfo", "/var/db/timezone/zoneinfo"]
            .compactMap { $0 }
    }

    /// The abbreviations of `identifier`; nil when no readable TZif file has that name.
    init?(identifier: String) {
        guard !identifier.contains(".."), !identifier.hasPrefix("/") else { return nil }
        for directory in Self.directories {
            if let data = FileManager.default.contents(atPath: directory + "/" + identifier), let types = Self.parse([UInt8](data)) {
                self.types = types
                return
            }
        }
        return nil
    }

    /// The abbreviation in use at `offset` (seconds east of UTC) and daylight flag: the most
    /// recently used type that matches both, else one matching the offset; nil when none does
    /// or when it is only a number such as "+03" spelt differently by Foundation.
    func name(offset: Int, isDaylight: Bool) -> String? {
        types.last { $0.offset == offset && $0.isDaylight == isDaylight }?.name ?? types.last { $0.offset == offset }?.name
    }

    /// The local time types of a TZif file, ordered by their last use in its transitions (the
    /// 64-bit block of version 2+ files when present).
    static func parse(_ bytes: [UInt8]) -> [LocalTimeType]? {
        guard bytes.count >= 44, bytes[0..<4].elementsEqual("TZif".utf8) else { return nil }
        func count(_ at: Int) -> Int? {
            guard at + 4 <= bytes.count else { return nil }
            return Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        func block(at header: Int, timeSize: Int) -> (types: [LocalTimeType], end: Int)? {
            guard let isUTCCount = count(header + 20), let isStdCount = count(header + 24), let leapCount = count(header + 28),
                let timeCount = count(header + 32), let typeCount = count(header + 36), let charCount = count(header + 40)
            else { return nil }
            let transitions = header + 44
            let indices = transitions + timeCount * timeSize
            let infos = indices + timeCount
            let chars = infos + typeCount * 6
            let end = chars + charCount + leapCount * (timeSize + 4) + isStdCount + isUTCCount
            guard end <= bytes.count, typeCount > 0 else { return nil }
            var all: [LocalTimeType] = []
            for index in 0..<typeCount {
                let at = infos + index * 6
                guard let raw = count(at) else { return nil }
                let offset = Int(Int32(bitPattern: UInt32(raw)))
                let start = chars + Int(bytes[at + 5])
                var stop = start
                while stop < chars + charCount, bytes[stop] != 0 { stop += 1 }
                guard start < chars + charCount else { return nil }
                all.append(LocalTimeType(offset: offset, isDaylight: bytes[at + 4] != 0, name: String(decoding: bytes[start..<stop], as: UTF8.self)))
            }
            var order: [Int] = [0]
            for position in 0..<timeCount {
                let type = Int(bytes[indices + position])
                guard type < typeCount else { return nil }
                order.removeAll { $0 == type }
                order.append(type)
            }
            return (order.map { all[$0] }, end)
        }
        guard let first = block(at: 0, timeSize: 4) else { return nil }
        if bytes[4] >= UInt8(ascii: "2"), first.end + 44 <= bytes.count, bytes[first.end..<first.end + 4].elementsEqual("TZif".utf8),
            let second = block(at: first.end, timeSize: 8)
        {
            return second.types
        }
        return first.types
    }
}
