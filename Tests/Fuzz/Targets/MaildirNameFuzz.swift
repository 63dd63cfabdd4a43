import Foundation
import KefuMail

/// Maildir file names, made from the input's bytes (any byte but `/` and NUL, UTF-8 or not).
/// Every message file put in `new/` or `cur/` is read exactly once, with its own bytes, under
/// the id of its unique name (the bytes before `:`), an id no other file has — also when two
/// names differ only in Unicode normalisation.
enum MaildirNameFuzz {
    static let target = FuzzTarget("maildir-names") { bytes throws(FuzzFailure) in
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-fuzz-maildir-\(getpid())").path
        try? FileManager.default.removeItem(atPath: root)
        for folder in ["new", "cur", "tmp"] {
            try? FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        defer { try? FileManager.default.removeItem(atPath: root) }
        var expected: [String: [UInt8]] = [:]
        var uniques = Set<[UInt8]>()
        for (index, raw) in bytes.split(separator: 0x0A, maxSplits: 8).enumerated() {
            let name = Array(raw.filter { $0 != 0x2F && $0 != 0 }.prefix(200))
            guard !name.isEmpty, name.first != UInt8(ascii: "."), name != [0x2E], name != [0x2E, 0x2E] else { continue }
            let unique = Array(name.prefix { $0 != UInt8(ascii: ":") })
            guard uniques.insert(unique).inserted else { continue }
            let folder = index % 2 == 0 ? "new" : "cur"
            let contents = Array("From: a@example.com\r\nSubject: \(index)\r\n\r\nbody \(index)\r\n".utf8)
            let path = Array((root + "/" + folder + "/").utf8) + name
            let written = path.withUnsafeBufferPointer { pointer -> Bool in
                let cPath = Array(pointer) + [0]
                let fd = cPath.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY | O_EXCL, 0o600) }
                guard fd >= 0 else { return false }
                defer { close(fd) }
                return contents.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == contents.count
            }
            guard written else { continue }
            expected[MaildirReader.id(ofName: name), default: []] = contents
        }
        guard let reader = try? MaildirReader(directory: root) else { throw FuzzFailure("cannot open the scratch Maildir") }
        var seen: [String: [UInt8]] = [:]
        for result in reader {
            switch result {
            case .success(let entry):
                try require(seen[entry.id] == nil, "two files were read under one id")
                try require(MaildirReader.uniqueName(of: entry.id) == entry.id, "an id is not its own unique name")
                seen[entry.id] = entry.bytes
            case .failure(let error):
                throw FuzzFailure("a message file that exists could not be read: \(error.reason)")
            }
        }
        try require(seen.count == expected.count, "\(expected.count) message files, \(seen.count) read")
        for (id, contents) in expected {
            try require(seen[id] == contents, "a message file was read with other bytes, or not at all")
        }
    }
}
