import Foundation
import Testing
@testable import KefuCore

/// The hand-written RFC 3339 reader agrees with the formatter it stands in front of.
@Suite("RFC 3339 parsing")
struct RFC3339Tests {
    @Test("the common forms read the same as through ISO8601DateFormatter", arguments: [
        "2026-11-23T08:15:00Z", "2026-11-23T08:15:00+08:00", "2026-11-23T08:15:00-05:30", "2024-02-29T23:59:59Z",
        "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2026-11-23T08:15:00.5Z", "2026-11-23T08:15:00.123Z",
        "2026-11-23T08:15:00.123456+01:00", "2000-03-01T00:00:00Z", "2100-02-28T12:00:00Z",
    ])
    func agreesWithFormatter(_ text: String) throws {
        let fast = try #require(RFC3339.parseCommonForm(text))
        let slow = try #require(RFC3339.parseWithFormatter(text))
        #expect(abs(fast.timeIntervalSince1970 - slow.timeIntervalSince1970) < 0.001, "\(text): \(fast) vs \(slow)")
    }

    @Test("anything else is left to the formatter, which refuses what it always refused", arguments: [
        "2026-02-29T08:15:00Z", "2026-13-01T08:15:00Z", "2026-11-23 08:15:00Z", "2026-11-23T24:00:00Z", "2026-11-23T08:15:00",
        "2026-11-23T08:15:00+0800", "yesterday", "", "2026-11-23T08:15:00.Z",
    ])
    func refuses(_ text: String) {
        #expect(RFC3339.parseCommonForm(text) == nil)
        #expect((RFC3339.parse(text) == nil) == (RFC3339.parseWithFormatter(text) == nil))
    }
}
