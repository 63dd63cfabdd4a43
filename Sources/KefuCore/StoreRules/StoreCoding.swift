import Foundation

/// Holds are kept on the ticket row as JSON, oldest first.
public enum HoldCoding {
    public static func encode(_ holds: [Hold]) -> String {
        if holds.isEmpty { return "[]" }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        return (try? String(decoding: encoder.encode(holds), as: UTF8.self)) ?? "[]"
    }

    public static func decode(_ text: String) -> [Hold] {
        if text == "[]" { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return (try? decoder.decode([Hold].self, from: Data(text.utf8))) ?? []
    }
}

/// Tags are kept as one comma-separated, lower-cased column.
public enum TagCoding {
    public static func encode(_ tags: Set<String>) -> String { tags.map { $0.lowercased() }.sorted().joined(separator: ",") }
    public static func decode(_ text: String) -> Set<String> { text.isEmpty ? [] : Set(text.split(separator: ",").map(String.init)) }
}

/// Running clocks are kept on the ticket row as JSON, so `kefu queue --json` can list them all.
/// Written by hand rather than with `JSONEncoder`: recomputing 100,000 tickets after a policy
/// change encodes every ticket's clocks, and the encoder's generality costs most of that time.
/// The output is plain JSON that `decode` (a `JSONDecoder`) reads back.
public enum ClockCoding {
    public static func encode(_ clocks: [ReplyClock]) -> String {
        var text = "["
        for (index, clock) in clocks.enumerated() {
            if index > 0 { text += "," }
            text += "{\"kind\":\"\(clock.kind.rawValue)\",\"policy\":"
            appendString(clock.policy, to: &text)
            text += ",\"started\":\(clock.started.timeIntervalSince1970),\"due\":\(clock.due.timeIntervalSince1970)"
            text += ",\"target\":\(clock.target),\"business\":\(clock.business),\"paused\":\(clock.paused)"
            if let warnAt = clock.warnAt { text += ",\"warnAt\":\(warnAt.timeIntervalSince1970)" }
            text += "}"
        }
        return text + "]"
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    public static func appendString(_ value: String, to text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case _ where scalar.value < 0x20:
                text += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    public static func decode(_ text: String) -> [ReplyClock] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return (try? decoder.decode([ReplyClock].self, from: Data(text.utf8))) ?? []
    }
}

/// A JSON array of strings, for binding a list to one parameter (SQLite's `json_each(?)`,
/// PostgreSQL's `jsonb_array_elements_text($1)`).
public enum JSONArray {
    public static func of(_ strings: some Collection<String>) -> String {
        var text = "["
        text.reserveCapacity(strings.count * 24)
        var first = true
        for string in strings {
            if !first { text += "," }
            first = false
            ClockCoding.appendString(string, to: &text)
        }
        return text + "]"
    }
}

/// The first line of a message, trimmed, for the queue's snippet column.
public enum Snippet {
    public static func of(_ body: String) -> String {
        // Swift string operations only: Foundation's trimming bridges to NSString, which was a
        // tenth of a JSON Lines import.
        var lineStart = body.startIndex
        while lineStart < body.endIndex {
            let lineEnd = body[lineStart...].firstIndex(where: \.isNewline) ?? body.endIndex
            let line = body[lineStart..<lineEnd]
            if let first = line.firstIndex(where: { !$0.isWhitespace }), let last = line.lastIndex(where: { !$0.isWhitespace }) {
                return String(line[first...last].prefix(160))
            }
            lineStart = lineEnd < body.endIndex ? body.index(after: lineEnd) : body.endIndex
        }
        return ""
    }
}

/// "Re: " once, never "Re: Re: ".
public enum ReplySubject {
    public static func of(_ subject: String) -> String {
        let trimmed = subject.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "" }
        if trimmed.lowercased().hasPrefix("re:") { return trimmed }
        return "Re: " + trimmed
    }
}

/// The lower-cased text the `/` filter searches: customer, address, subject, snippet, order.
/// Lower-cased in Swift: SQLite's lower() only knows ASCII, and the filter must match Анна and ZOÉ.
public enum TicketSearchText {
    public static func of(customer: String, address: String, subject: String, snippet: String, order: String?) -> String {
        [customer, address, subject, snippet, order ?? ""].joined(separator: "\u{1F}").lowercased()
    }
}
