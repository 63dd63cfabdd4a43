/// Percentiles by the nearest-rank method, the one definition every figure in Kefu uses.
///
/// For `n` values sorted ascending, the p-th percentile (0 < p ≤ 100) is the value at rank
/// ⌈p/100 · n⌉ (ranks counted from 1). It is always one of the measured values, never an
/// interpolation. Examples: the p50 of [1, 2, 3, 4] is 2; the p90 of ten values is the 9th
/// smallest; the p90 of [5] is 5. An empty list has no percentile.
///
/// Medians and percentiles rather than averages: one ticket answered after three days must not
/// hide ninety answered in ten minutes.
public enum Percentile {
    public static func nearestRank(_ p: Double, of values: [Double]) -> Double? {
        nearestRank(p, sorted: values.sorted())
    }

    /// As `nearestRank(_:of:)`, for values already sorted ascending.
    public static func nearestRank(_ p: Double, sorted: [Double]) -> Double? {
        guard !sorted.isEmpty, p > 0 else { return nil }
        let rank = Int((min(p, 100) / 100 * Double(sorted.count)).rounded(.up))
        return sorted[max(1, min(rank, sorted.count)) - 1]
    }
}

/// The median and the 90th percentile of one set of durations (seconds).
public struct Percentiles: Sendable, Hashable {
    public var p50: Double
    public var p90: Double
    public var count: Int

    public init(p50: Double, p90: Double, count: Int) {
        self.p50 = p50
        self.p90 = p90
        self.count = count
    }

    /// Nil when there are no values.
    public init?(_ values: [Double]) {
        let sorted = values.sorted()
        guard let p50 = Percentile.nearestRank(50, sorted: sorted), let p90 = Percentile.nearestRank(90, sorted: sorted) else { return nil }
        self.init(p50: p50, p90: p90, count: sorted.count)
    }
}
