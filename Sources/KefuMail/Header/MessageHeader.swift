/// The header section of a message or MIME part: fields in order, duplicates kept.
///
/// Lookups are case-insensitive. `first` is what a reader normally means (a second Subject
/// is usually a forged or broken one); `all` serves fields that legitimately repeat
/// (Received, or Cc split over two lines by a careless client).
public struct MessageHeader: Sendable, Hashable {
    public private(set) var fields: [HeaderField]
    private var index: [String: [Int]]

    public init(fields: [HeaderField] = []) {
        self.fields = []
        self.index = [:]
        for field in fields { append(field) }
    }

    public mutating func append(_ field: HeaderField) {
        index[field.key, default: []].append(fields.count)
        fields.append(field)
    }

    public func first(_ name: String) -> [UInt8]? {
        index[name.lowercased()]?.first.map { fields[$0].value }
    }

    public func all(_ name: String) -> [[UInt8]] {
        (index[name.lowercased()] ?? []).map { fields[$0].value }
    }

    public func contains(_ name: String) -> Bool { index[name.lowercased()] != nil }

    /// The value as text, with RFC 2047 encoded words decoded; raw 8-bit bytes are read as
    /// UTF-8 when valid, else in `fallbackCharset` (the part's charset) or Windows-1252.
    public func text(_ name: String, fallbackCharset: String? = nil) -> String? {
        first(name).map { HeaderText.decode($0, fallbackCharset: fallbackCharset) }
    }
}
