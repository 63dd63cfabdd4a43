import Foundation
import KefuCore
import KefuStore

/// The corpora: this target's Fixtures (threading, attachments, order reports) and the MIME and
/// charset Maildir of KefuMailTests.
enum ChannelFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let threads = directory.appendingPathComponent("Threads").path
    static let mimeMaildir = directory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("KefuMailTests/Fixtures/Maildir").path
    static let mbox = directory.deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("KefuMailTests/Fixtures/sample.mbox").path

    static func orders(_ name: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("orders/" + name), encoding: .utf8)
    }

    static func carriers() throws -> TrackingNumberDetector {
        var folder = directory
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("Resources/carriers.json")
            if FileManager.default.fileExists(atPath: candidate.path) {
                return TrackingNumberDetector(table: try CarrierTable.load(shipped: candidate))
            }
            folder.deleteLastPathComponent()
        }
        throw CocoaError(.fileNoSuchFile)
    }
}

/// A temporary folder that goes away with the value.
final class ScratchFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-channels-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    deinit { try? FileManager.default.removeItem(at: url) }
}
