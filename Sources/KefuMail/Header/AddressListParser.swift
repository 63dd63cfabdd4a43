import Foundation
import KefuCore

/// RFC 5322 address lists: `"Müller, Anna" <anna@example.de>, bob@example.com (Bob), team: a@x, b@y;`
///
/// Commas inside quotes, angle brackets and comments do not split; groups give their members;
/// a comment after a bare address serves as the name (the old `addr (Name)` style); display
/// names have their encoded words decoded. A name left empty becomes the address's local part,
/// as `MailAddress(parsing:)` does.
public enum AddressListParser {
    public static func parse(_ text: String) -> [MailAddress] {
        var result: [MailAddress] = []
        for item in splitTopLevel(text) {
            if let address = mailbox(item) { result.append(address) }
        }
        return result
    }

    /// Splits at commas (and group punctuation) that are outside quotes, brackets and comments.
    private static func splitTopLevel(_ text: String) -> [String] {
        var items: [String] = []
        var current = String.UnicodeScalarView()
        var inQuote = false
        var commentDepth = 0
        var inAngle = false
        var escaped = false
        for scalar in text.unicodeScalars {
            if escaped {
                current.append(scalar)
                escaped = false
                continue
            }
            switch scalar {
            case "\\" where inQuote || commentDepth > 0:
                escaped = true
                current.append(scalar)
            case "\"" where commentDepth == 0:
                inQuote.toggle()
                current.append(scalar)
            case "(" where !inQuote:
                commentDepth += 1
                current.append(scalar)
            case ")" where !inQuote && commentDepth > 0:
                commentDepth -= 1
                current.append(scalar)
            case "<" where !inQuote && commentDepth == 0:
                inAngle = true
                current.append(scalar)
            case ">" where !inQuote && commentDepth == 0:
                inAngle = false
                current.append(scalar)
            case ":" where !inQuote && commentDepth == 0 && !inAngle:
                // "group-name:" — drop the group name, keep its members.
                current = String.UnicodeScalarView()
            case ",", ";":
                if inQuote || commentDepth > 0 || inAngle {
                    current.append(scalar)
                } else {
                    items.append(String(current))
                    current = String.UnicodeScalarView()
                }
            default:
                current.append(scalar)
            }
        }
        items.append(String(current))
        return items.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    private static func mailbox(_ item: String) -> MailAddress? {
        var display = String.UnicodeScalarView()
        var angle: String?
        var comments: [String] = []
        let scalars = Array(item.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\"":
                index += 1
                while index < scalars.count, scalars[index] != "\"" {
                    if scalars[index] == "\\", index + 1 < scalars.count { index += 1 }
                    display.append(scalars[index])
                    index += 1
                }
                display.append(" ")
            case "(":
                var depth = 1
                var comment = String.UnicodeScalarView()
                index += 1
                while index < scalars.count, depth > 0 {
                    if scalars[index] == "\\", index + 1 < scalars.count {
                        index += 1
                    } else if scalars[index] == "(" {
                        depth += 1
                    } else if scalars[index] == ")" {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    comment.append(scalars[index])
                    index += 1
                }
                comments.append(String(comment))
            case "<":
                var inside = String.UnicodeScalarView()
                index += 1
                while index < scalars.count, scalars[index] != ">" {
                    inside.append(scalars[index])
                    index += 1
                }
                angle = String(inside)
            default:
                display.append(scalar)
            }
            index += 1
        }
        var address: String
        var name: String
        if let angle {
            address = angle
            name = String(display)
        } else {
            // addr-spec alone: the text (without quotes and comments) is the address.
            address = String(display)
            name = comments.first ?? ""
        }
        // Stray angle brackets ("a@b.example>", a broken "Name a@b>") are never part of an
        // address: drop them, so the address read is the one a reply goes to (found by fuzzing).
        address = address.filter { !$0.isWhitespace && $0 != "<" && $0 != ">" }
        // Source routes ("@relay:user@host") are obsolete; keep the final address.
        if address.hasPrefix("@"), let colon = address.lastIndex(of: ":") {
            address = String(address[address.index(after: colon)...])
        }
        name = HeaderText.collapseWhitespace(EncodedWordDecoder.decode(name))
        guard !address.isEmpty || !name.isEmpty else { return nil }
        if address.isEmpty { return nil }
        if name.isEmpty { name = String(address.prefix { $0 != "@" }) }
        return MailAddress(name: name, address: address)
    }
}
