/// Records every name a template looks up, to find variables that no context provides.
/// swift-mustache renders an unknown name as empty text; `check` renders with these nodes instead.
final class TrackingLog {
    struct Lookup {
        var node: ObjectIdentifier
        var path: String
        var name: String
        var found: Bool
    }

    var lookups: [Lookup] = []
    /// Paths of objects printed as `{{name}}` (they print nothing).
    var objectsPrinted: Set<String> = []

    /// Names that were looked up and found nowhere, as dotted paths ("evnt", "event.titel").
    ///
    /// swift-mustache looks the first part of a name up in each object on the section stack, top
    /// first, down to the root; later parts only in the object found. A miss in a nested object
    /// immediately followed by a lookup of the same name in another object is such a stack
    /// probe, not a missing variable. A miss at the root, the bottom of every stack, is always one.
    func missingNames() -> Set<String> {
        var missing = Set<String>()
        for (index, lookup) in lookups.enumerated() where !lookup.found {
            if !lookup.path.isEmpty, index + 1 < lookups.count {
                let next = lookups[index + 1]
                if next.name == lookup.name, next.node != lookup.node { continue }
            }
            missing.insert(lookup.path.isEmpty ? lookup.name : "\(lookup.path).\(lookup.name)")
        }
        return missing
    }
}
