/// The shape of a tracking number, written in a small notation that the carrier table can hold
/// as data and that compiles to a byte matcher (no regular expressions on the hot path).
///
/// Notation, matched against the whole normalised number (upper case, no spaces):
/// - `A`-`Z`, `0`-`9`: that character.
/// - `{D}` a digit, `{L}` a letter, `{X}` a letter or digit; with a count: `{D9}`, or a range
///   `{X10-39}`.
/// - `[2-5]`, `[ABC]`, `[A-Z0-9]`: one character from the set; a count may follow: `[2-5]{3}`.
///
/// Examples: UPU S10 is `{L2}{D9}{L2}`; Royal Mail's S10 numbers are `{L2}{D9}GB`; UPS is
/// `1Z{X15}{D}`; USPS IMpb behind a 420+ZIP5 routing prefix is `420{D5}9[2-5]{D18-20}`.
public struct TrackingPattern: Sendable, Hashable, CustomStringConvertible {
    /// One position class and how many times it repeats.
    struct Element: Sendable, Hashable {
        var set: ASCIIByteSet
        var minimum: Int
        var maximum: Int
    }

    /// The notation this was compiled from.
    public let source: String
    let elements: [Element]
    /// Shortest and longest numbers the pattern can match: the detector indexes patterns by
    /// length so most candidates are never looked at.
    public let minimumLength: Int
    public let maximumLength: Int
    private let isFixedLength: Bool

    public init(_ source: String) throws {
        self.source = source
        let elements = try Self.parse(source)
        self.elements = elements
        minimumLength = elements.reduce(0) { $0 + $1.minimum }
        maximumLength = elements.reduce(0) { $0 + $1.maximum }
        isFixedLength = elements.allSatisfy { $0.minimum == $0.maximum }
        guard maximumLength <= TrackingNumberNormalizer.maximumLength else {
            throw TrackingPatternError(
                pattern: source,
                message: "matches numbers up to \(maximumLength) characters; the limit is \(TrackingNumberNormalizer.maximumLength)"
            )
        }
        guard minimumLength > 0 else { throw TrackingPatternError(pattern: source, message: "matches the empty string") }
    }

    public var description: String { source }

    /// Whether the whole of `number` (already normalised) has this shape.
    public func matches(_ number: String) -> Bool {
        var copy = number
        return copy.withUTF8 { matches($0) }
    }

    @inline(__always)
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count >= minimumLength, bytes.count <= maximumLength else { return false }
        if isFixedLength {
            var position = 0
            for element in elements {
                for _ in 0..<element.minimum {
                    guard element.set.contains(bytes[position]) else { return false }
                    position &+= 1
                }
            }
            return true
        }
        return matches(bytes, element: 0, at: 0)
    }

    /// Greedy with backtracking; patterns are a handful of elements, so this stays cheap.
    private func matches(_ bytes: UnsafeBufferPointer<UInt8>, element index: Int, at position: Int) -> Bool {
        if index == elements.count { return position == bytes.count }
        let element = elements[index]
        var run = 0
        while run < element.maximum, position + run < bytes.count, element.set.contains(bytes[position + run]) {
            run += 1
        }
        while run >= element.minimum {
            if matches(bytes, element: index + 1, at: position + run) { return true }
            run -= 1
        }
        return false
    }

    private static func parse(_ source: String) throws -> [Element] {
        let characters = Array(source.uppercased().unicodeScalars)
        var elements: [Element] = []
        var index = 0
        func fail(_ message: String) -> TrackingPatternError {
            TrackingPatternError(pattern: source, message: message)
        }
        while index < characters.count {
            let scalar = characters[index]
            switch scalar {
            case "{":
                guard let close = characters[index...].firstIndex(of: "}") else { throw fail("'{' is not closed") }
                let body = String(String.UnicodeScalarView(characters[(index + 1)..<close]))
                index = close + 1
                guard let kind = body.first else { throw fail("empty '{}'") }
                if kind.isNumber {
                    guard !elements.isEmpty, elements[elements.count - 1].minimum == 1,
                        elements[elements.count - 1].maximum == 1
                    else { throw fail("a count '{\(body)}' must follow a single character or '[...]'") }
                    let (minimum, maximum) = try parseCount(body, fail: fail)
                    elements[elements.count - 1].minimum = minimum
                    elements[elements.count - 1].maximum = maximum
                    continue
                }
                let set: ASCIIByteSet
                switch kind {
                case "D": set = .digits
                case "L": set = .letters
                case "X": set = .lettersAndDigits
                default: throw fail("unknown class '\(kind)' (use D for a digit, L for a letter, X for either)")
                }
                let countText = String(body.dropFirst())
                let (minimum, maximum) = countText.isEmpty ? (1, 1) : try parseCount(countText, fail: fail)
                elements.append(Element(set: set, minimum: minimum, maximum: maximum))
            case "[":
                guard let close = characters[index...].firstIndex(of: "]") else { throw fail("'[' is not closed") }
                let members = Array(characters[(index + 1)..<close])
                index = close + 1
                guard !members.isEmpty else { throw fail("empty '[]'") }
                var set = ASCIIByteSet()
                var position = 0
                while position < members.count {
                    let first = members[position]
                    guard isLetterOrDigit(first) else { throw fail("'\(first)' cannot appear in '[...]'") }
                    if position + 2 < members.count, members[position + 1] == "-" {
                        let last = members[position + 2]
                        guard isLetterOrDigit(last), first.value <= last.value else {
                            throw fail("bad range '\(first)-\(last)'")
                        }
                        set = set.union(ASCIIByteSet(range: UInt8(first.value)...UInt8(last.value)))
                        position += 3
                    } else {
                        set.insert(UInt8(first.value))
                        position += 1
                    }
                }
                elements.append(Element(set: set, minimum: 1, maximum: 1))
            default:
                guard isLetterOrDigit(scalar) else {
                    throw fail("'\(scalar)' cannot appear in a normalised tracking number (only A-Z and 0-9)")
                }
                var set = ASCIIByteSet()
                set.insert(UInt8(scalar.value))
                elements.append(Element(set: set, minimum: 1, maximum: 1))
                index += 1
            }
        }
        guard !elements.isEmpty else { throw fail("the pattern is empty") }
        return elements
    }

    private static func parseCount(
        _ text: String, fail: (String) -> TrackingPatternError
    ) throws -> (Int, Int) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let minimum = Int(parts[0]),
            let maximum = parts.count == 2 ? Int(parts[1]) : minimum
        else { throw fail("bad count '\(text)' (write 9 or 10-39)") }
        guard minimum >= 1, minimum <= maximum else { throw fail("bad count '\(text)'") }
        return (minimum, maximum)
    }

    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}

/// A carrier-table pattern that cannot be compiled; says which pattern and why.
public struct TrackingPatternError: Error, Sendable, Hashable, CustomStringConvertible {
    public var pattern: String
    public var message: String

    public var description: String { "pattern '\(pattern)': \(message)" }
}
