import Foundation
import KefuCore
import Testing
@testable import KefuMail

@Suite struct MailboxReaderTests {
    @Test func maildirReadsCurAndNewSkipsTmpAndQuarantinesTheBroken() throws {
        let reader = try MaildirReader(directory: MailFixtures.maildir)
        let parser = MailParser()
        var parsed: [ParsedMail] = []
        var quarantined: [QuarantinedInput] = []
        var ids: [String] = []
        for item in reader {
            if case .success(let entry) = item { ids.append(entry.id) }
            switch parser.read(item, source: "maildir", now: Date(timeIntervalSince1970: 0)) {
            case .parsed(let mail, _): parsed.append(mail)
            case .quarantined(let row): quarantined.append(row)
            }
        }
        #expect(reader.countMessages() == 30)
        // The two with broken MIME structure are read leniently; the other four cannot be.
        #expect(parsed.count == 26)
        #expect(quarantined.count == 4)
        #expect(quarantined.allSatisfy { !$0.reason.isEmpty && $0.location.contains("broken") })
        #expect(!parsed.contains { $0.subject == "Still being delivered" })
        #expect(ids.contains("1700000001.M1P1.kefu"))
        #expect(ids.contains("1700000002.M2P1.kefu"))
        #expect(ids.count == 30)
        #expect(Set(ids).count == ids.count)
    }

    @Test func uniqueNameDropsTheFlags() {
        #expect(MaildirReader.uniqueName(of: "1700000002.M2P1.kefu:2,RS") == "1700000002.M2P1.kefu")
        #expect(MaildirReader.uniqueName(of: "1700000001.M1P1.kefu") == "1700000001.M1P1.kefu")
        // A combining mark after the colon (found by the maildir-names fuzz target): the colon
        // still ends the unique name.
        #expect(MaildirReader.uniqueName(of: "1700000003.M3P1.kefu:\u{31B}2,S") == "1700000003.M3P1.kefu")
    }

    @Test("File names are bytes: one that is not UTF-8 is read, and NFC and NFD spellings of one name are two messages")
    func namesAreBytes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-maildir-\(UUID().uuidString)").path
        for folder in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        defer { try? FileManager.default.removeItem(atPath: root) }
        let names: [[UInt8]] = [
            Array("1700000010.caf\u{E9}.host:2,S".utf8),          // é precomposed (NFC)
            Array("1700000010.cafe\u{301}.host:2,S".utf8),        // e and a combining acute (NFD)
            Array("1700000011.".utf8) + [0xFF, 0xFE] + Array(".host".utf8),  // not UTF-8 (Latin-1 bytes)
            Array("1700000012.50%.host".utf8),
        ]
        for (index, name) in names.enumerated() {
            let path = Array((root + "/new/").utf8) + name + [0]
            let fd = path.withUnsafeBufferPointer { $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o600) } }
            #expect(fd >= 0)
            let text = Array("From: a@example.com\r\nSubject: \(index)\r\n\r\nbody \(index)\r\n".utf8)
            _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
        }
        var read: [String: String] = [:]
        for item in try MaildirReader(directory: root) {
            let entry = try item.get()
            read[entry.id] = String(decoding: entry.bytes, as: UTF8.self)
        }
        #expect(read.count == 4, "\(read.keys.sorted())")
        #expect(read["1700000010.caf%C3%A9.host"]?.contains("Subject: 0") == true)
        #expect(read["1700000010.cafe%CC%81.host"]?.contains("Subject: 1") == true)
        #expect(read["1700000011.%FF%FE.host"]?.contains("Subject: 2") == true)
        #expect(read["1700000012.50%25.host"]?.contains("Subject: 3") == true)
        // The watch's scanner keeps them apart too, and reads none twice.
        var scanner = try MaildirScanner(directory: root)
        #expect(Array(scanner.scan()).count == 4)
        #expect(Array(scanner.scan()).isEmpty)
    }

    @Test func notAMaildir() {
        #expect(throws: MailboxError.self) { try MaildirReader(directory: MailFixtures.directory.path + "/nope") }
    }

    @Test func maildirFindsAMessageMovedAfterListing() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-maildir-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for folder in ["cur", "new", "tmp"] { try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true) }
        try Data("From: a@b.example\n\nhello\n".utf8).write(to: URL(fileURLWithPath: root + "/new/1.M1.host"))
        let reader = try MaildirReader(directory: root)
        try FileManager.default.moveItem(atPath: root + "/new/1.M1.host", toPath: root + "/cur/1.M1.host:2,S")
        let entries = reader.compactMap { try? $0.get() }
        #expect(entries.map(\.id) == ["1.M1.host"])
        #expect(entries.first?.location.hasSuffix("/cur/1.M1.host:2,S") == true)
    }

    @Test func mboxSplitsAtEnvelopesAndUnquotesFromLines() throws {
        let entries = try MboxReader(path: MailFixtures.mbox).map { try $0.get() }
        #expect(entries.count == 3)
        let mails = try entries.map { try MailParser().parse($0.bytes) }
        #expect(mails.map(\.subject) == ["First", "Second", "Third"])
        #expect(mails[0].text == "Line one.\nQuoted From in the middle: From here it is fine.")
        #expect(mails[1].text == "From the start of this line it was quoted.\n>From two levels.")
        #expect(mails[2].messageID == nil)
        #expect(mails[2].storageID.hasPrefix("content-"))
        #expect(entries[1].receivedAt.map(RFC3339.format) == "2026-11-24T09:00:00Z")
        #expect(entries[0].id == "mbox:0")
        // The separator's blank line is not part of the message.
        #expect(entries[0].bytes.suffix(2) != [0x0A, 0x0A])
    }

    @Test func mboxStreamsLargeFilesInChunksWithMessagesAcrossChunkEdges() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-\(UUID().uuidString).mbox").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var text = ""
        for number in 0..<3000 {
            text += "From sender@example.com Mon Nov 23 08:15:00 2026\nFrom: s\(number)@example.com\nSubject: n\(number)\n\n"
            text += String(repeating: "body line \(number)\n", count: number % 40) + ">From quoted\n\n"
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var count = 0
        for item in try MboxReader(path: path) {
            let mail = try MailParser().parse(try item.get().bytes)
            #expect(mail.subject == "n\(count)")
            #expect(mail.text.hasSuffix("From quoted"))
            count += 1
        }
        #expect(count == 3000)
    }

    @Test func mboxMessageOverTheLimitIsQuarantinedWithItsTrueSize() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-\(UUID().uuidString).mbox").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let text = "From x Mon Nov 23 08:15:00 2026\nFrom: a@b.example\n\n" + String(repeating: "y", count: 5000) + "\n"
            + "\nFrom x Mon Nov 23 08:15:00 2026\nFrom: c@d.example\n\nsmall\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let items = Array(try MboxReader(path: path, maximumMessageBytes: 1000))
        #expect(items.count == 2)
        let parser = MailParser(limits: MailLimits(maximumMessageBytes: 1000))
        guard case .quarantined(let row) = parser.read(items[0], source: "mbox", now: Date()) else {
            Issue.record("expected the large message in quarantine")
            return
        }
        #expect(row.reason.contains("5020 bytes"))
        guard case .parsed(let mail, _) = parser.read(items[1], source: "mbox", now: Date()) else {
            Issue.record("expected the small message to parse")
            return
        }
        #expect(mail.text == "small")
    }
}
