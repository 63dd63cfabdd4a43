import Foundation
@testable import KefuMail

/// The corpus under Fixtures/ (made by Fixtures/make-fixtures.sh), found next to this file.
enum MailFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let maildir = directory.appendingPathComponent("Maildir").path
    static let mbox = directory.appendingPathComponent("sample.mbox").path

    /// The bytes of the Maildir message whose unique name starts with `prefix` (e.g. "1700000004").
    static func bytes(_ prefix: String) throws -> [UInt8] {
        for folder in ["cur", "new"] {
            let path = maildir + "/" + folder
            for name in try FileManager.default.contentsOfDirectory(atPath: path) where name.hasPrefix(prefix + ".") {
                return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)))
            }
        }
        throw CocoaError(.fileNoSuchFile)
    }

    static func mail(_ prefix: String) throws -> ParsedMail {
        try MailParser().parse(bytes(prefix))
    }

    /// Bytes for a message written inline in a test, with LF line ends.
    static func message(_ text: String) -> [UInt8] { Array(text.utf8) }
}
