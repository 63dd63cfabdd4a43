/// One header field as it came in: the name, and the value with folding removed but otherwise
/// undecoded, because a value may hold raw 8-bit bytes in an unknown charset.
public struct HeaderField: Sendable, Hashable {
    public var name: String
    /// The unfolded value bytes, leading whitespace trimmed.
    public var value: [UInt8]

    public init(name: String, value: [UInt8]) {
        self.name = name
        self.value = value
    }

    /// The name as compared: header names are case-insensitive.
    public var key: String { name.lowercased() }
}
