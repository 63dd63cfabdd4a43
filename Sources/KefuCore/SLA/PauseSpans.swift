import Foundation

/// The stretches a clock stands still: the conversation's holds whose reason the policy pauses
/// for, sorted and merged where they overlap. The last may be open (still on hold).
struct PauseSpans: Sendable {
    struct Span: Sendable {
        var start: Double
        /// Nil while the hold lasts.
        var end: Double?
    }

    let spans: [Span]

    /// Holds for `reasons`; with `cutOff`, as they stood at that instant (a hold still open then
    /// ends there, later ones are ignored), which is how a clock is judged when it settles.
    init(holds: [Hold], reasons: Set<HoldReason>, cutOff: Double? = nil) {
        var relevant = holds.filter { reasons.contains($0.reason) }.map {
            Span(start: $0.start.timeIntervalSince1970, end: $0.end?.timeIntervalSince1970)
        }
        if let cutOff {
            relevant = relevant.filter { $0.start < cutOff }.map { Span(start: $0.start, end: min($0.end ?? cutOff, cutOff)) }
        }
        relevant.sort { $0.start < $1.start }
        var merged: [Span] = []
        for span in relevant {
            if var last = merged.last, let lastEnd = last.end, span.start <= lastEnd {
                last.end = span.end.map { max($0, lastEnd) }
                merged[merged.count - 1] = last
            } else if let last = merged.last, last.end == nil {
                continue
            } else {
                merged.append(span)
            }
        }
        spans = merged
    }

    /// When the clock falls due, not counting paused time; `paused` when a hold is open at the
    /// point where the count stands. A paused clock's due is where it would fall if the hold
    /// ended the moment it began: the time left, frozen.
    func due(start: Double, target: Double, on timeline: ClockTimeline) -> (due: Double, paused: Bool) {
        var at = start, remaining = target
        for span in spans {
            if let end = span.end, end <= at { continue }
            if span.start > at {
                let available = timeline.measure(from: at, to: span.start)
                if available >= remaining { return (timeline.advance(remaining, from: at), false) }
                remaining -= available
            }
            guard let end = span.end else { return (timeline.advance(remaining, from: max(at, span.start)), true) }
            at = max(at, end)
        }
        return (timeline.advance(remaining, from: at), false)
    }

    /// Counted seconds between `start` and `end` outside the pauses.
    func counted(from start: Double, to end: Double, on timeline: ClockTimeline) -> Double {
        guard end > start else { return 0 }
        var total = timeline.measure(from: start, to: end)
        for span in spans {
            let from = max(span.start, start), to = min(span.end ?? end, end)
            if to > from { total -= timeline.measure(from: from, to: to) }
        }
        return max(0, total)
    }
}
