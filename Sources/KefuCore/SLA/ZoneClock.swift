import Foundation

/// Converts between instants and local wall-clock time in one IANA time zone, with the two
/// daylight-saving cases spelled out rather than left to chance:
///
/// - a local time that does not exist (Berlin, 29 March 2026, 02:30: clocks jump from 02:00 to
///   03:00) means the moment the jump happens, so a shift "starting at 02:30" starts at 03:00;
/// - a local time that happens twice (Los Angeles, 1 November 2026, 01:30) means the first
///   time it happens.
///
/// Instants and local times are seconds: instants since 1970-01-01 UTC, local times since
/// 1970-01-01 00:00 on the wall clock.
struct ZoneClock: Sendable {
    let timeZone: TimeZone

    func offset(at instant: Double) -> Int {
        timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: instant))
    }

    /// The local day (days since 1970-01-01 on the wall calendar) an instant falls on.
    func localDay(of instant: Double) -> Int {
        let local = instant + Double(offset(at: instant))
        return Int((local / 86_400).rounded(.down))
    }

    /// The instant a local wall-clock time names (see the type's note for gaps and repeats).
    func instant(ofLocal local: Int) -> Double {
        // Any zone changes its offset at most once in two days, so the offsets a day before and
        // a day after are the only candidates.
        let before = offset(at: Double(local - 86_400))
        let after = offset(at: Double(local + 86_400))
        let candidates = Set([before, after]).map { local - $0 }.filter { offset(at: Double($0)) == local - $0 }
        if let earliest = candidates.min() { return Double(earliest) }
        // In a gap: find the jump between the two readings by bisection.
        var low = local - max(before, after), high = local - min(before, after)
        while high - low > 1 {
            let middle = (low + high) / 2
            if offset(at: Double(middle)) == before { low = middle } else { high = middle }
        }
        return Double(high)
    }
}
