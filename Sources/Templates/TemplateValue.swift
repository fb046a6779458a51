/// A JSON-like value passed to templates in `MessageContext.data`.
public enum TemplateValue: Sendable, Hashable {
    /// Text; escaped in HTML.
    case string(String)
    /// A whole number; templates also get its CLDR plural category (`{{#n.one}}`, `{{#n.other}}`).
    case int(Int)
    /// A decimal number, formatted in the recipient's locale.
    case double(Double)
    /// A flag, usable as a section (`{{#flag}}...{{/flag}}`).
    case bool(Bool)
    /// A list, usable as a repeated section.
    case array([TemplateValue])
    /// A nested object, reachable with dotted names (`{{data.cta.url}}`).
    case object([String: TemplateValue])
    /// No value; a section over it is skipped.
    case null
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    /// Creates a string value.
    public init(stringLiteral value: String) { self = .string(value) }
    /// Creates an integer value.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// Creates a decimal value.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// Creates a flag.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// Creates a list.
    public init(arrayLiteral elements: TemplateValue...) { self = .array(elements) }
    /// Creates an object.
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    /// Creates a null value.
    public init(nilLiteral: ()) { self = .null }
}
