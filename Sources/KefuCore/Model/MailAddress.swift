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
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), let close = trimmed.lastIndex(of: ">"), open < close {
            address = String(trimmed[trimmed.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
            var display = String(trimmed[..<open]).trimmingCharacters(in: .whitespaces)
            if display.hasPrefix("\""), display.hasSuffix("\""), display.count >= 2 {
                display = String(display.dropFirst().dropLast())
            }
            name = display.isEmpty ? MailAddress.localPart(address) : display
        } else {
            address = trimmed
            name = trimmed.contains("@") ? MailAddress.localPart(trimmed) : trimmed
        }
    }

    private static func localPart(_ address: String) -> String {
        String(address.prefix { $0 != "@" })
    }
}

import Foundation
