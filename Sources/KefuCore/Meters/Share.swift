/// A part of a whole, e.g. deadlines met of deadlines settled. Kept as counts so that totals add
/// up exactly and "no data" (0 of 0) is never shown as 0 % or 100 %.
public struct Share: Sendable, Hashable {
    public var part: Int
    public var whole: Int

    public init(part: Int, whole: Int) {
        self.part = part
        self.whole = whole
    }

    public static let none = Share(part: 0, whole: 0)

    /// Nil when the whole is zero.
    public var fraction: Double? { whole == 0 ? nil : Double(part) / Double(whole) }

    /// "95.0%", or "—" without data.
    public var percentText: String {
        guard let fraction else { return "—" }
        let tenths = (fraction * 1000).rounded() / 10
        return "\(String(format: "%.1f", tenths))%"
    }

    public static func + (lhs: Share, rhs: Share) -> Share { Share(part: lhs.part + rhs.part, whole: lhs.whole + rhs.whole) }
}
