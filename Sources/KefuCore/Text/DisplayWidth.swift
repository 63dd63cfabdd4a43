import CWidth

/// Column widths as the terminal draws them. Every width in Kefu comes from here, so layout,
/// truncation and ncurses agree (`wcwidth` under a UTF-8 locale, per Unicode scalar).
public enum DisplayWidth {
    /// Columns one scalar takes: 0 for combining marks and zero-width characters, 2 for wide
    /// East Asian characters and most emoji, 1 otherwise. Non-printables count as 1 because the
    /// sanitiser draws them as `�`.
    @inline(__always)
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v >= 0x20 && v < 0x7F { return 1 }
        let w = Int(kefu_wcwidth(v))
        return w < 0 ? 1 : w
    }

    /// Columns a string takes on one line.
    public static func of(_ text: String) -> Int {
        var total = 0
        for scalar in text.unicodeScalars { total += of(scalar) }
        return total
    }

    /// The longest prefix of `text` that fits in `columns`, never splitting a wide character
    /// or separating a combining mark from its base. With `ellipsis`, a cut is marked with `…`.
    public static func truncate(_ text: String, to columns: Int, ellipsis: Bool = true) -> String {
        guard columns > 0 else { return "" }
        if of(text) <= columns { return text }
        let budget = ellipsis ? columns - 1 : columns
        var used = 0
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let w = of(scalar)
            if used + w > budget { break }
            used += w
            out.append(scalar)
        }
        if ellipsis { out.append("…") }
        return String(out)
    }

    /// `text` truncated or padded with spaces to exactly `columns`.
    public static func fit(_ text: String, to columns: Int) -> String {
        let cut = truncate(text, to: columns)
        let w = of(cut)
        return w >= columns ? cut : cut + String(repeating: " ", count: columns - w)
    }

    /// Breaks text into lines of at most `columns`, at spaces where it can and mid-word where a
    /// word is longer than a line. Existing line breaks are kept.
    public static func wrap(_ text: String, to columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            // Leading spaces are indentation: keep them on the first line.
            let indent = String(paragraph.prefix { $0 == " " }.prefix(max(0, columns - 1)))
            var line = indent
            var lineWidth = indent.count
            var first = true
            for word in paragraph.dropFirst(indent.count).split(separator: " ", omittingEmptySubsequences: false) {
                var piece = String(word)
                var pieceWidth = of(piece)
                let sep = first || line.isEmpty ? 0 : 1
                first = false
                if lineWidth + sep + pieceWidth <= columns {
                    if sep == 1 { line += " " }
                    line += piece
                    lineWidth += sep + pieceWidth
                    continue
                }
                if !line.isEmpty { lines.append(line) }
                line = ""
                lineWidth = 0
                while pieceWidth > columns {
                    let head = truncate(piece, to: columns, ellipsis: false)
                    lines.append(head)
                    piece = String(piece.unicodeScalars.dropFirst(head.unicodeScalars.count))
                    pieceWidth = of(piece)
                }
                line = piece
                lineWidth = pieceWidth
            }
            lines.append(line)
        }
        return lines
    }
}
