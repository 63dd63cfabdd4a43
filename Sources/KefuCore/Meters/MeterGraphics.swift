/// Bars, histograms and sparklines drawn with block characters, as plain text. The state is
/// always also said in words ("OK", "BELOW 95%"), so nothing depends on colour.
public enum MeterGraphics {
    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"]
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// A horizontal bar `width` cells wide filled to `fraction`, with `┃` at the target.
    ///
    ///     MeterGraphics.bar(0.5, width: 10, target: 0.9)   // "█████    ┃"
    public static func bar(_ fraction: Double?, width: Int, target: Double?) -> String {
        guard width > 0 else { return "" }
        var cells = Array(repeating: Character(" "), count: width)
        if let fraction {
            let eighthsFilled = Int((max(0, min(1, fraction)) * Double(width * 8)).rounded())
            for i in 0..<width {
                let inCell = eighthsFilled - i * 8
                if inCell >= 8 { cells[i] = "█" } else if inCell > 0 { cells[i] = eighths[inCell - 1] }
            }
        } else {
            cells = Array(repeating: "·", count: width)
        }
        if let target {
            let at = min(width - 1, max(0, Int((target * Double(width)).rounded(.down))))
            cells[at] = "┃"
        }
        return String(cells)
    }

    /// A bar of `count` against the largest value `maximum`, `width` cells at most; a non-zero
    /// count always shows at least a sliver.
    public static func histogramBar(_ count: Int, maximum: Int, width: Int) -> String {
        guard width > 0, maximum > 0, count > 0 else { return "" }
        let eighthsFilled = max(1, Int((Double(count) / Double(maximum) * Double(width * 8)).rounded()))
        let full = eighthsFilled / 8, rest = eighthsFilled % 8
        return String(repeating: "█", count: full) + (rest > 0 ? String(eighths[rest - 1]) : "")
    }

    /// One character per value, ▁ (lowest) to █ (highest); zero is a blank so quiet hours show.
    public static func sparkline(_ values: [Int]) -> String {
        let maximum = values.max() ?? 0
        return String(values.map { value -> Character in
            guard value > 0, maximum > 0 else { return " " }
            let level = Int((Double(value) / Double(maximum) * 8).rounded(.up)) - 1
            return levels[max(0, min(7, level))]
        })
    }

    /// The state of a "met" share against its target in words: "OK", "BELOW", or "no data"
    /// (the target itself is written in the column's title).
    public static func metState(_ share: Share, target: Double) -> String {
        guard let fraction = share.fraction else { return "no data" }
        return fraction >= target ? "OK" : "BELOW"
    }

    /// The state of a late-response rate against its target in words: "OK", "OVER", or "no data".
    public static func lateState(_ share: Share, target: Double) -> String {
        guard let fraction = share.fraction else { return "no data" }
        return fraction < target ? "OK" : "OVER"
    }
}
