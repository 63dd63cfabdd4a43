/// Counting in whole working days, for targets like `3bd`.
///
/// A business-day clock starts at the opening of the first working day after the day the
/// message arrived, and each working day counts as one, however long its hours: a short
/// promotion Saturday is a whole day, like a long Monday. Part of a day counts as the share of
/// that day's working time, which is how a hold in the middle of a day moves the deadline.
/// Counting this way keeps the promise that a later message never gets an earlier deadline.
extension BusinessCalendar {
    /// The opening of the first working day after the local day `instant` falls on.
    func openingOfNextWorkingDay(after instant: Double) -> Double {
        precondition(hasWeeklyHours, "calendar \(name) has no working hours")
        var day = zone.localDay(of: instant) + 1
        while true {
            if let first = WorkingTimeTable.intervals(onDay: day, rules: rules, zone: zone).first { return first.0 }
            day += 1
        }
    }

    /// Working days (with fractions) between two instants.
    func workingDays(from start: Double, to end: Double) -> Double {
        guard end > start else { return 0 }
        var total = 0.0
        for day in (zone.localDay(of: start) - 1)...(zone.localDay(of: end) + 1) {
            let intervals = WorkingTimeTable.intervals(onDay: day, rules: rules, zone: zone)
            let length = intervals.reduce(0) { $0 + $1.1 - $1.0 }
            guard length > 0 else { continue }
            let inside = intervals.reduce(0) { $0 + max(0, min($1.1, end) - max($1.0, start)) }
            total += inside / length
        }
        return total
    }

    /// The earliest instant at which `days` working days have passed since `start`.
    func instant(afterWorkingDays days: Double, from start: Double) -> Double {
        guard days > 0 else { return start }
        precondition(hasWeeklyHours, "calendar \(name) has no working hours")
        var remaining = days, day = zone.localDay(of: start) - 1
        while true {
            let intervals = WorkingTimeTable.intervals(onDay: day, rules: rules, zone: zone)
            let length = intervals.reduce(0) { $0 + $1.1 - $1.0 }
            day += 1
            guard length > 0 else { continue }
            let available = intervals.reduce(0) { $0 + max(0, $1.1 - max($1.0, start)) } / length
            guard available >= remaining else {
                remaining -= available
                continue
            }
            // Within this day: spend the remaining share of its working seconds.
            var seconds = remaining * length
            for (from, to) in intervals {
                let begin = max(from, start)
                guard to > begin else { continue }
                if to - begin >= seconds { return begin + seconds }
                seconds -= to - begin
            }
            return intervals.last!.1
        }
    }
}
