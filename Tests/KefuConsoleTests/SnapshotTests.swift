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

    /// The layout of issue 18: fixed columns sized from the width, the triage band line, the
    /// clock beside the countdown, the draft mark; one pane under 100 columns.
    @Test("Triage queue at 70x24, 80x24, 120x40 and 200x50: columns line up, totals stay")
    func triage() throws {
        for (rows, cols) in [(24, 70), (24, 80), (40, 120), (50, 200)] {
            let state = ConsoleFixtures.triageState(rows: rows, cols: cols)
            let screen = ConsoleView.render(state)
            try Self.assertSnapshot(screen, named: "triage-\(cols)x\(rows)")
            let text = (0..<screen.rows).map { screen.text(row: $0) }
            // The band line carries both counts.
            #expect(text.contains { $0.contains("▲ 4 can still be saved · ▼ 2 already late") })
            // The totals stay on the status bar at every width (abbreviated when narrow).
            let status = text[rows - 2]
            #expect(status.contains("987") && status.contains("25"))
            // Every row's customer column starts at the same place, whatever the countdown or owner.
            let columns = QueueColumns(width: state.layout.queue.width)
            let nameStart = QueueColumns.fixedWidth + 1
            for (line, name) in [(1, "Lucía"), (2, "Zoé"), (3, "王小明"), (4, "Амелия"), (6, "佐藤"), (7, "Анна")] {
                let row = text[line]
                #expect(DisplayWidth.of(String(row.prefix { _ in true }.components(separatedBy: name)[0])) == nameStart,
                        "row \(line) at \(cols) columns: \(row)")
            }
            if cols == 120 {
                #expect(columns.name >= 16 && columns.subject >= 40)
                #expect(text[4].contains("Амелия Кузнецов"))
                #expect(text[4].contains("Der Deckel des Topfes war beim Auspacke"))
            }
            #expect(text[1].contains("chat") && text[1].contains("4m00s"))
            #expect(text[3].contains("team") && text[2].contains("✎"))
        }
    }

    @Test("One pane at 70 columns")
    func narrow() throws {
        var state = ConsoleFixtures.state(rows: 24, cols: 70)
        try Self.assertSnapshot(ConsoleView.render(state), named: "queue-70x24")
        _ = state.reduce(.key(.enter))
        try Self.assertSnapshot(ConsoleView.render(state), named: "thread-70x24")
    }
}
