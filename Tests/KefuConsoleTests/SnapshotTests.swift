import Foundation
import Testing
import KefuCore
@testable import KefuConsole

/// ScreenBuffer snapshots at 80x24 and 120x40: text and style roles, compared with files in
/// `Snapshots/`. Run with KEFU_RECORD_SNAPSHOTS=1 to write them anew after a deliberate change.
@Suite("Screen snapshots")
struct SnapshotTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    static func snapshotText(_ screen: ScreenBuffer) -> String {
        var out = ""
        for row in 0..<screen.rows { out += screen.text(row: row).replacingOccurrences(of: " +$", with: "", options: .regularExpression) + "\n" }
        out += "--- roles\n"
        for row in 0..<screen.rows { out += screen.roles(row: row) + "\n" }
        return out
    }

    static func assertSnapshot(_ screen: ScreenBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name + ".txt")
        let actual = snapshotText(screen)
        if ProcessInfo.processInfo.environment["KEFU_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("No snapshot \(name).txt; record it with KEFU_RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let firstDiff = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }.map { $0.offset } ?? min(e.count, a.count)
            Issue.record("Snapshot \(name) differs at line \(firstDiff + 1):\n expected: \(firstDiff < e.count ? e[firstDiff] : "")\n actual:   \(firstDiff < a.count ? a[firstDiff] : "")",
                         sourceLocation: sourceLocation)
        }
    }

    @Test("Queue and thread at 120x40")
    func wide() throws {
        try Self.assertSnapshot(ConsoleView.render(ConsoleFixtures.state(rows: 40, cols: 120)), named: "queue-thread-120x40")
    }

    @Test("Queue and thread at 80x24")
    func standard() throws {
        try Self.assertSnapshot(ConsoleView.render(ConsoleFixtures.state(rows: 24, cols: 80)), named: "queue-thread-80x24")
    }

    @Test("Composer open with CJK text at 80x24")
    func composer() throws {
        var state = ConsoleFixtures.state(rows: 24, cols: 80)
        _ = state.reduce(.key(.char("r")))
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "佐藤 花子", text: "佐藤様\nお問い合わせありがとうございます。🙏 Zoé"))
        let screen = ConsoleView.render(state)
        try Self.assertSnapshot(screen, named: "composer-80x24")
        #expect(screen.cursor != nil)
    }

    @Test("Template picker at 120x40")
    func picker() throws {
        var state = ConsoleFixtures.state(rows: 40, cols: 120)
        _ = state.reduce(.key(.char("r")))
        _ = state.reduce(.draftLoaded(ticketID: 1, customerName: "佐藤 花子", text: nil))
        _ = state.reduce(.key(.ctrl("t")))
        try Self.assertSnapshot(ConsoleView.render(state), named: "picker-120x40")
    }

    @Test("Help at 80x24")
    func help() throws {
        var state = ConsoleFixtures.state(rows: 24, cols: 80)
        _ = state.reduce(.key(.char("?")))
        try Self.assertSnapshot(ConsoleView.render(state), named: "help-80x24")
    }

    @Test("One pane at 70 columns")
    func narrow() throws {
        var state = ConsoleFixtures.state(rows: 24, cols: 70)
        try Self.assertSnapshot(ConsoleView.render(state), named: "queue-70x24")
        _ = state.reduce(.key(.enter))
        try Self.assertSnapshot(ConsoleView.render(state), named: "thread-70x24")
    }
}
