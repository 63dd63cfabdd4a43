/// A "Display Name <address>" pair as found in From and To fields.
///
///     MailAddress(parsing: "Anna Müller <anna@example.de>")  // name "Anna Müller", address "anna@example.de"
///     MailAddress(parsing: "buyer@example.com")              // name "buyer", address "buyer@example.com"
public struct MailAddress: Sendable, Hashable {
    public var name: String
    public var address: String

    public init(name: String, address: String) {
        self.name = name
        self.address = address
    }

    public init(parsing text: String) {
        let trimmed = String(Self.trimmed(text[...]))
        if let open = trimmed.lastIndex(of: "<"), let close = trimmed.lastIndex(of: ">"), open < close {
            address = String(Self.trimmed(trimmed[trimmed.index(after: open)..<close]))
            var display = String(Self.trimmed(trimmed[..<open]))
            if display.hasPrefix("\""), display.hasSuffix("\""), display.count >= 2 {
                display = String(display.dropFirst().dropLast())
            }
            name = display.isEmpty ? MailAddress.localPart(address) : display
        } else {
            address = trimmed
            name = trimmed.contains("@") ? MailAddress.localPart(trimmed) : trimmed
        }
    }

    /// Without leading and trailing spaces and tabs, in Swift: Foundation's trimming bridges to
    /// NSString, and every ingested message parses an address.
    private static func trimmed(_ text: Substring) -> Substring {
        func isSpace(_ character: Character) -> Bool {
            character.unicodeScalars.allSatisfy(\.isHorizontalSpace)
        }
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else { return "" }
        return text[first...last]
    }

    private static func localPart(_ address: String) -> String {
        String(address.prefix { $0 != "@" })
    }
}

import Foundation
