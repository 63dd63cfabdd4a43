import Foundation
import Logging
import Testing
@testable import KefuLogging

struct FileLogHandlerTests {
    func scratch() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("kefu-log-\(UUID().uuidString)").path
    }

    @Test func linesGoToAPrivateFileWithLevelLabelAndSortedFields() throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/kefu/kefu.log"
        let sink = try #require(FileLogHandler.Sink(path: path))
        var logger = Logger(label: "kefu.test") { label in FileLogHandler(label: label, sink: sink, level: .info) }
        logger[metadataKey: "run"] = "7"
        logger.debug("not written: below the level")
        logger.info("delivered", metadata: ["outbox": "12", "attempt": "1"])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines[0].contains(" INFO kefu.test["))
        #expect(lines[0].hasSuffix("delivered attempt=1 outbox=12 run=7"))
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
    }

    @Test func addressesAndControlsNeverReachTheFile() throws {
        #expect(LogRedaction.redact("550 <anna.mueller@example.de>: mailbox full") == "550 <<address>>: mailbox full")
        #expect(LogRedaction.redact("to anna@example.de, bob@x.example") == "to <address>, <address>")
        #expect(LogRedaction.redact("a\u{1B}]52;c;x\u{07}b") == "a ]52;c;x b")
        #expect(LogRedaction.redact(String(repeating: "x", count: 400)).count == 301)
        #expect(LogRedaction.redact("@ alone and user@ and @host stay") == "@ alone and user@ and @host stay")
    }

    @Test func theLevelComesFromKEFU_LOG_LEVEL() {
        #expect(KefuLog.level(environment: [:]) == .some(.info))
        #expect(KefuLog.level(environment: ["KEFU_LOG_LEVEL": "DEBUG"]) == .some(.debug))
        #expect(KefuLog.level(environment: ["KEFU_LOG_LEVEL": "off"]) == .some(nil))
        #expect(KefuLog.level(environment: ["KEFU_LOG_LEVEL": "loud"]) == nil)
        #expect(KefuLog.path(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/kefu/kefu.log")
        #expect(KefuLog.path(environment: ["HOME": "/h"]) == "/h/.local/state/kefu/kefu.log")
    }
}
