import Foundation

/// Response times per dashboard subject (each agent, each lane, the whole queue), every list
/// kept sorted: a percentile is a lookup and a new answer one insertion. The dashboard's 7-day
/// percentiles live here, so a live refresh never sorts a week of answers again.
public struct ResponseTimes: Sendable, Hashable {
    /// First replies, per subject, ascending.
    public private(set) var first: [MeterSubject: [Double]] = [:]
    /// Every answer (first and next), per subject, ascending.
    public private(set) var all: [MeterSubject: [Double]] = [:]

    public init() {}

    /// Built in one pass: grouped first (few groups, cheap to hash), then sorted once per subject.
    public init(_ samples: [AnswerSample]) {
        var firstByGroup: [MeterGroup: [Double]] = [:], allByGroup: [MeterGroup: [Double]] = [:]
        for sample in samples {
            allByGroup[sample.group, default: []].append(sample.elapsed)
            if sample.kind == .firstReply { firstByGroup[sample.group, default: []].append(sample.elapsed) }
        }
        func bySubject(_ groups: [MeterGroup: [Double]]) -> [MeterSubject: [Double]] {
            var lists: [MeterSubject: [Double]] = [:]
            for (group, times) in groups {
                for subject in Self.subjects(of: group) { lists[subject, default: []] += times }
            }
            return lists.mapValues { $0.sorted() }
        }
        first = bySubject(firstByGroup)
        all = bySubject(allByGroup)
    }

    /// The whole queue's subject, as `DashboardFigures` names its row.
    public static let wholeQueue = MeterSubject.agent("whole queue")

    static func subjects(of group: MeterGroup) -> [MeterSubject] {
        [.agent(group.agent), .lane(group.lane), wholeQueue]
    }

    public mutating func add(_ sample: AnswerSample) {
        for subject in Self.subjects(of: sample.group) {
            Self.insert(sample.elapsed, into: &all[subject, default: []])
            if sample.kind == .firstReply { Self.insert(sample.elapsed, into: &first[subject, default: []]) }
        }
    }

    /// Adds many answers at once (an import settled thousands while the dashboard was open):
    /// inserted one by one when few, else sorted per subject and merged, so a burst costs one
    /// pass over each list rather than one per answer.
    public mutating func add(contentsOf samples: [AnswerSample]) {
        guard samples.count > 64 else {
            for sample in samples { add(sample) }
            return
        }
        let batch = ResponseTimes(samples)
        for (subject, times) in batch.all { all[subject] = Self.merge(all[subject] ?? [], times) }
        for (subject, times) in batch.first { first[subject] = Self.merge(first[subject] ?? [], times) }
    }

    private static func merge(_ a: [Double], _ b: [Double]) -> [Double] {
        var merged: [Double] = []
        merged.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if a[i] <= b[j] { merged.append(a[i]); i += 1 } else { merged.append(b[j]); j += 1 }
        }
        merged += a[i...]
        merged += b[j...]
        return merged
    }

    /// Nearest-rank p50 and p90 (`Percentile`) of a subject's first replies and of all its answers.
    public func percentiles(of subject: MeterSubject) -> (first: Percentiles?, reply: Percentiles?) {
        (Self.percentiles(first[subject] ?? []), Self.percentiles(all[subject] ?? []))
    }

    static func percentiles(_ sorted: [Double]) -> Percentiles? {
        guard let p50 = Percentile.nearestRank(50, sorted: sorted), let p90 = Percentile.nearestRank(90, sorted: sorted) else { return nil }
        return Percentiles(p50: p50, p90: p90, count: sorted.count)
    }

    private static func insert(_ value: Double, into list: inout [Double]) {
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid] <= value { low = mid + 1 } else { high = mid }
        }
        list.insert(value, at: low)
    }
}
