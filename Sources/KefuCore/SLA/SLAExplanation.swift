import Foundation

/// Why a conversation's deadlines are what they are: per layer, the policy that applies and
/// the conditions that chose it, the policies passed over and why, and the clocks that run.
/// Its `description` is what `kefu sla explain ID` prints:
///
///     layer marketplace: amazon-messages (marketplace is amazon, kind is message)
///       Amazon measures replies within 24 hours, weekends and holidays included.
///       passed over: amazon-returns (kind is message, not return_request)
///       first_reply 24h calendar time: started 2026-03-02T08:00:00Z, due 2026-03-03T08:00:00Z
///     layer team: team-first-answer (fallback (no conditions): applies to every conversation)
///       first_reply 4bh on china-team: started 2026-03-02T08:00:00Z, due 2026-03-02T12:00:00Z
public struct SLAExplanation: Sendable, Hashable, CustomStringConvertible {
    public struct PassedOver: Sendable, Hashable {
        public var policy: String
        public var reason: String
    }

    public struct Clock: Sendable, Hashable {
        public var clock: ReplyClock
        public var duration: SLADuration
        /// The business calendar it counts on; nil for calendar time.
        public var calendar: String?
        /// Counted time spent on hold so far (up to the due or the open hold), not counted.
        public var pausedSeconds: Double
    }

    public struct Layer: Sendable, Hashable {
        public var name: String
        /// The policy that applies in this layer; nil when none matches.
        public var policy: String?
        /// Which conditions matched, or why nothing did.
        public var reason: String
        public var note: String?
        public var passedOver: [PassedOver]
        public var clocks: [Clock]
        /// Why a target of the chosen policy runs no clock now (e.g. nothing awaits a reply).
        public var idle: [String]
    }

    public var layers: [Layer]
    /// Said once for the whole conversation, e.g. that a solved conversation runs no clock.
    public var remarks: [String]

    public var description: String {
        var lines = remarks
        for layer in layers {
            lines.append("layer \(layer.name): " + (layer.policy.map { "\($0) (\(layer.reason))" } ?? "no policy (\(layer.reason))"))
            if let note = layer.note { lines.append("  \(note)") }
            for skipped in layer.passedOver { lines.append("  passed over: \(skipped.policy) (\(skipped.reason))") }
            for entry in layer.clocks {
                let on = entry.calendar.map { " on \($0)" } ?? " calendar time"
                var line = "  \(entry.clock.kind.rawValue) \(entry.duration)\(on): started \(RFC3339.format(entry.clock.started)), "
                line += entry.clock.paused ? "PAUSED, due \(RFC3339.format(entry.clock.due)) if it resumed at the hold's start"
                    : "due \(RFC3339.format(entry.clock.due))"
                if entry.pausedSeconds > 0 { line += ", \(Countdown.compact(remaining: entry.pausedSeconds)) on hold not counted" }
                lines.append(line)
            }
            for reason in layer.idle { lines.append("  \(reason)") }
        }
        return lines.joined(separator: "\n")
    }
}
