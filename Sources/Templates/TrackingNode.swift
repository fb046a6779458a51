import Mustache

/// An object of the render context that logs its lookups into a `TrackingLog`.
final class TrackingNode: MustacheParent, MustacheCustomRenderable {
    let path: String
    let values: [String: Any]
    let text: String?
    let log: TrackingLog

    /// Wraps `values` (already wrapped children) at `path` ("" for the root).
    init(path: String, values: [String: Any], text: String?, log: TrackingLog) {
        self.path = path
        self.values = values
        self.text = text
        self.log = log
    }

    /// Wraps a context value and its children recursively.
    static func wrap(_ value: Any, path: String, log: TrackingLog) -> Any {
        func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
        switch value {
        case let dictionary as [String: Any]:
            var wrapped: [String: Any] = [:]
            for (key, child) in dictionary { wrapped[key] = wrap(child, path: childPath(key), log: log) }
            return TrackingNode(path: path, values: wrapped, text: nil, log: log)
        case let count as CountValue:
            let values: [String: Any] = ["one": count.category == .one, "other": count.category == .other, "value": count.value]
            return TrackingNode(path: path, values: values, text: count.renderText, log: log)
        case let array as [Any]:
            return array.map { wrap($0, path: path, log: log) }
        default:
            return value
        }
    }

    func child(named name: String) -> Any? {
        let value = values[name]
        log.lookups.append(.init(node: ObjectIdentifier(self), path: path, name: name, found: value != nil))
        return value
    }

    var renderText: String {
        if let text { return text }
        log.objectsPrinted.insert(path)
        return ""
    }

    var isNull: Bool { false }
}
