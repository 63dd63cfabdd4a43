/// The working intervals of a business calendar over a span of years, as instants, with the
/// working seconds that come before each one. It turns business-time questions into binary
/// searches:
///
///     total(upTo: t)        // working seconds from the start of the span until t
///     businessSeconds(a, b) = total(upTo: b) - total(upTo: a)
///
/// Before and after the span the same totals are continued by walking day by day, so answers
/// are exact for any instant; only their cost differs.
struct WorkingTimeTable: Sendable {
    let rules: DayRules
    let zone: ZoneClock
    let firstDay: Int
    let endDay: Int
    let spanStart: Double
    let spanEnd: Double
    private let starts: [Double]
    private let ends: [Double]
    /// Working seconds in all intervals before index i.
    private let totalBefore: [Double]
    private let grandTotal: Double

    init(rules: DayRules, zone: ZoneClock, firstDay: Int, endDay: Int) {
        self.rules = rules
        self.zone = zone
        self.firstDay = firstDay
        self.endDay = endDay
        spanStart = zone.instant(ofLocal: firstDay * 86_400)
        spanEnd = zone.instant(ofLocal: endDay * 86_400)
        var starts: [Double] = [], ends: [Double] = [], totalBefore: [Double] = []
        var total = 0.0
        for day in firstDay..<endDay {
            for (start, end) in WorkingTimeTable.intervals(onDay: day, rules: rules, zone: zone) {
                let from = max(start, ends.last ?? start)
                guard end > from else { continue }
                starts.append(from)
                ends.append(end)
                totalBefore.append(total)
                total += end - from
            }
        }
        self.starts = starts
        self.ends = ends
        self.totalBefore = totalBefore
        grandTotal = total
    }

    /// A day's working ranges as instants. A range that falls wholly into a daylight-saving gap
    /// (02:00-03:00 on the night clocks jump forward) has no length and is left out.
    static func intervals(onDay day: Int, rules: DayRules, zone: ZoneClock) -> [(Double, Double)] {
        rules.hours(onDay: day).compactMap { range in
            let start = zone.instant(ofLocal: day * 86_400 + range.startMinute * 60)
            let end = zone.instant(ofLocal: day * 86_400 + range.endMinute * 60)
            return end > start ? (start, end) : nil
        }
    }

    /// Working seconds from the start of the span until `instant` (negative before the span).
    func total(upTo instant: Double) -> Double {
        if instant < spanStart { return -walkedSeconds(from: instant, to: spanStart) }
        if instant > spanEnd { return grandTotal + walkedSeconds(from: spanEnd, to: instant) }
        // The last interval starting at or before the instant.
        var low = 0, high = starts.count
        while low < high {
            let middle = (low + high) / 2
            if starts[middle] <= instant { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return 0 }
        let index = low - 1
        return totalBefore[index] + min(instant, ends[index]) - starts[index]
    }

    /// The earliest instant at which `seconds` working seconds have passed since `start`.
    func instant(after seconds: Double, from start: Double) -> Double {
        guard seconds > 0 else { return start }
        let goal = total(upTo: start) + seconds
        if goal > 0, goal <= grandTotal {
            // The first interval whose end brings the running total to the goal.
            var low = 0, high = starts.count
            while low < high {
                let middle = (low + high) / 2
                if totalBefore[middle] + (ends[middle] - starts[middle]) >= goal { high = middle } else { low = middle + 1 }
            }
            return starts[low] + (goal - totalBefore[low])
        }
        if goal <= 0 { return walk(seconds, from: start) }
        let resume = max(start, spanEnd)
        return walk(goal - max(total(upTo: start), grandTotal), from: resume)
    }

    /// Working seconds between two instants, counted day by day (outside the span).
    func walkedSeconds(from start: Double, to end: Double) -> Double {
        guard end > start else { return 0 }
        var sum = 0.0
        for day in (zone.localDay(of: start) - 1)...(zone.localDay(of: end) + 1) {
            for (from, to) in WorkingTimeTable.intervals(onDay: day, rules: rules, zone: zone) {
                sum += max(0, min(to, end) - max(from, start))
            }
        }
        return sum
    }

    /// Adds working seconds day by day (outside the span).
    func walk(_ seconds: Double, from start: Double) -> Double {
        precondition(rules.hasWeeklyHours, "a calendar without working hours never reaches a business deadline")
        var remaining = seconds, day = zone.localDay(of: start) - 1
        while true {
            for (from, to) in WorkingTimeTable.intervals(onDay: day, rules: rules, zone: zone) {
                let begin = max(from, start)
                guard to > begin else { continue }
                if to - begin >= remaining { return begin + remaining }
                remaining -= to - begin
            }
            day += 1
        }
    }
}
