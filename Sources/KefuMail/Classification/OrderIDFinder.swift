import KefuCore

/// Finds the order a message is about, so a conversation can be linked to it.
///
/// - Amazon: `123-1234567-1234567`.
/// - eBay: order numbers `12-12345-12345` and 12-digit item numbers (only in eBay mail: a
///   12-digit number elsewhere is as likely a FedEx tracking number).
/// - Anything else: a number after "Order", "Order #", "Order number:", "Bestellung", "commande",
///   "pedido", "ordine", "订单" (Shopify's "Order #1234", AliExpress "Order ID: 8123...").
/// The subject is searched first, then the body.
public enum OrderIDFinder {
    public static func find(subject: String, body: String, marketplace: Marketplace) -> String? {
        for text in [subject, body] {
            if let found = find(in: text, marketplace: marketplace) { return found }
        }
        return nil
    }

    public static func find(in text: String, marketplace: Marketplace) -> String? {
        let bytes = Array(text.utf8.prefix(200_000))
        if marketplace == .amazon || marketplace == .other || marketplace == .shopify {
            if let amazon = digitGroups(bytes, [3, 7, 7]) { return amazon }
        }
        if marketplace == .ebay {
            if let order = digitGroups(bytes, [2, 5, 5]) { return order }
            if let item = digitRun(bytes, length: 12) { return item }
        }
        if marketplace == .amazon { return nil }
        return labelled(text)
    }

    /// A run of digit groups joined by "-", not touching other digits or dashes.
    private static func digitGroups(_ bytes: [UInt8], _ groups: [Int]) -> String? {
        let total = groups.reduce(0, +) + groups.count - 1
        guard bytes.count >= total else { return nil }
        var start = 0
        while start + total <= bytes.count {
            if start > 0, isDigit(bytes[start - 1]) || bytes[start - 1] == 0x2D { start += 1; continue }
            var position = start
            var ok = true
            for (number, length) in groups.enumerated() {
                for _ in 0..<length {
                    if !isDigit(bytes[position]) { ok = false; break }
                    position += 1
                }
                if !ok { break }
                if number < groups.count - 1 {
                    if bytes[position] != 0x2D { ok = false; break }
                    position += 1
                }
            }
            if ok, position == bytes.count || !(isDigit(bytes[position]) || bytes[position] == 0x2D) {
                return String(decoding: bytes[start..<position], as: UTF8.self)
            }
            start += 1
        }
        return nil
    }

    private static func digitRun(_ bytes: [UInt8], length: Int) -> String? {
        var start = 0
        while start < bytes.count {
            guard isDigit(bytes[start]) else { start += 1; continue }
            var end = start
            while end < bytes.count, isDigit(bytes[end]) { end += 1 }
            if end - start == length, start == 0 || !isWordByte(bytes[start - 1]), end == bytes.count || !isWordByte(bytes[end]) {
                return String(decoding: bytes[start..<end], as: UTF8.self)
            }
            start = end
        }
        return nil
    }

    private static let labels = [
        "order number", "order no", "order id", "order", "bestellnummer", "bestellung", "numéro de commande", "commande",
        "pedido", "ordine", "zamówienie", "bestelling", "订单号", "订单", "注文番号",
    ]

    /// A number of at least 3 digits right after an order label and optional "#", "№", ":", "no.".
    private static func labelled(_ text: String) -> String? {
        let lower = text.lowercased()
        for label in labels {
            var searchStart = lower.startIndex
            while let range = nextRange(of: label, in: lower, from: searchStart) {
                searchStart = range.upperBound
                if range.lowerBound > lower.startIndex, lower[lower.index(before: range.lowerBound)].isLetter { continue }
                var rest = lower[range.upperBound...]
                rest = skipFillers(rest)
                let candidate = rest.prefix { $0.isASCII && ($0.isNumber || $0.isLetter || $0 == "-") }
                let digits = candidate.filter(\.isNumber).count
                if digits >= 3, candidate.first?.isNumber == true || candidate.hasPrefix("#") || digits * 2 >= candidate.count {
                    // Take the original spelling from the same position.
                    let offset = lower.distance(from: lower.startIndex, to: candidate.startIndex)
                    let start = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) ?? text.endIndex
                    let original = text[start...].prefix(candidate.count)
                    return String(original.hasSuffix("-") ? original.dropLast() : original)
                }
            }
        }
        return nil
    }

    /// Where `label` next occurs in `text` at or after `start`, compared byte for byte (`text` is
    /// already lower-cased; Foundation's `range(of:)` bridged every search to NSString).
    private static func nextRange(of label: String, in text: String, from start: String.Index) -> Range<String.Index>? {
        let needle = Array(label.utf8), haystack = text.utf8
        guard let first = needle.first else { return nil }
        var at = start
        while let candidate = haystack[at...].firstIndex(of: first) {
            if haystack[candidate...].starts(with: needle) {
                return candidate..<haystack.index(candidate, offsetBy: needle.count)
            }
            at = haystack.index(after: candidate)
        }
        return nil
    }

    /// Skips what sits between a label and the number: "#", ":", "Nr.", "No.", "number", "ID".
    private static func skipFillers(_ text: Substring) -> Substring {
        var rest = text
        for _ in 0..<4 {
            rest = rest.drop { " #:№.°\u{A0}：".contains($0) }
            guard let filler = fillers.first(where: { rest.hasPrefix($0) && !(rest.dropFirst($0.count).first?.isLetter ?? false) }) else { break }
            rest = rest.dropFirst(filler.count)
        }
        return rest
    }

    private static let fillers = ["number", "nummer", "numero", "número", "nr", "no", "n°", "id"]

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private static func isWordByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D
    }
}
