import Foundation
import Glibc

/// The messages of a Maildir (as mbsync and offlineimap write it): every file in `cur/` and
/// `new/`; `tmp/` holds deliveries in progress and is never read.
///
/// The folders are read as the iteration goes (one directory entry, then one file, at a time),
/// so memory stays flat however many messages the Maildir holds. The order is the file
/// system's, `cur/` before `new/`; `MailThreader` copes with replies that come before the
/// message they answer. A file that another program moved from `new/` to `cur/` in the
/// meantime is found again under its new name.
///
///     for item in try MaildirReader(directory: "~/Mail/shop") {
///         switch item { case .success(let entry): ...; case .failure(let error): ... }
///     }
public struct MaildirReader: Sequence, Sendable {
    public let directory: String
    public let maximumMessageBytes: Int
    private let folders: [String]

    public init(directory: String, maximumMessageBytes: Int = MailLimits().maximumMessageBytes) throws(MailboxError) {
        let directory = (directory as NSString).expandingTildeInPath
        self.directory = directory
        self.maximumMessageBytes = maximumMessageBytes
        var folders: [String] = []
        for folder in ["cur", "new"] {
            let path = directory + "/" + folder
            guard let handle = opendir(path) else {
                if errno == ENOENT { continue }
                throw MailboxError.system(path, "cannot list", errno)
            }
            closedir(handle)
            folders.append(folder)
        }
        guard !folders.isEmpty else {
            throw MailboxError(location: directory, reason: "not a Maildir: it has neither cur/ nor new/")
        }
        self.folders = folders
    }

    /// How many messages the Maildir holds now (one pass over the names, for a progress bar).
    public func countMessages() -> Int {
        var count = 0
        for folder in folders {
            let listing = DirectoryListing(directory + "/" + folder)
            while listing.nextName() != nil { count += 1 }
        }
        return count
    }

    /// The unique part of a Maildir file name: everything before the `:2,FLAGS` info.
    public static func uniqueName(of filename: String) -> String {
        // By scalar, not by Character: a ':' followed by a combining mark is one Character that
        // is not ":" (the fuzzer found `x:\u{31B}2,S`), but the file system's separator is the byte.
        filename.unicodeScalars.firstIndex(of: ":").map { String(filename.unicodeScalars[..<$0]) } ?? filename
    }

    /// The id of a message file: its unique part (the bytes before the first `:`), with every
    /// byte that is not printable ASCII, and `%`, written `%XX`. File names are bytes: one that
    /// is not UTF-8 still names its own message, and two names that differ only in Unicode
    /// normalisation (`é` and `e` + U+0301 are equal Strings) are two messages.
    public static func id(ofName name: [UInt8]) -> String {
        let unique = name.prefix { $0 != UInt8(ascii: ":") }
        var id = ""
        id.reserveCapacity(unique.count)
        for byte in unique {
            if byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "%") {
                id.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                id += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return id
    }

    public func makeIterator() -> Iterator {
        Iterator(reader: self)
    }

    public struct Iterator: IteratorProtocol {
        let reader: MaildirReader
        var folderIndex = 0
        var listing: DirectoryListing?

        public mutating func next() -> Result<MailboxEntry, MailboxError>? {
            while folderIndex < reader.folders.count {
                let folder = reader.folders[folderIndex]
                let current = listing ?? DirectoryListing(reader.directory + "/" + folder)
                listing = current
                if let name = current.nextName() {
                    return reader.read(folder: folder, name: name)
                }
                listing = nil
                folderIndex += 1
            }
            return nil
        }
    }

    /// Reads the file `name` (its bytes, as the directory gave them) of `folder`.
    func read(folder: String, name: [UInt8]) -> Result<MailboxEntry, MailboxError> {
        let id = Self.id(ofName: name)
        var path = Array((directory + "/" + folder + "/").utf8) + name
        var result = FileBytes.read(path: path, limit: maximumMessageBytes + 1)
        if case .failure(let failure) = result, failure.code == ENOENT, let moved = findMoved(id) {
            path = moved
            result = FileBytes.read(path: path, limit: maximumMessageBytes + 1)
        }
        // Shown and logged only: a name that is not UTF-8 reads with U+FFFD where its bytes were.
        let location = String(decoding: path, as: UTF8.self)
        switch result {
        case .success(let contents):
            return .success(MailboxEntry(
                id: id, location: location, bytes: contents.bytes, byteCount: contents.size, receivedAt: contents.modified))
        case .failure(let failure):
            return .failure(MailboxError.system(location, "cannot read", failure.code))
        }
    }

    /// The current path of a message whose flags or folder changed after it was listed.
    private func findMoved(_ id: String) -> [UInt8]? {
        for folder in ["cur", "new"] {
            let listing = DirectoryListing(directory + "/" + folder)
            while let name = listing.nextName() {
                if Self.id(ofName: name) == id { return Array((directory + "/" + folder + "/").utf8) + name }
            }
        }
        return nil
    }
}

/// The message file names of one Maildir folder, read one directory entry at a time.
/// Hidden files and anything that is not a file (or a link to one) are skipped.
final class DirectoryListing {
    private var handle: OpaquePointer?

    init(_ path: String) {
        handle = opendir(path)
    }

    deinit {
        if let handle { closedir(handle) }
    }

    /// The next name, as the bytes the file system holds (not necessarily UTF-8).
    func nextName() -> [UInt8]? {
        guard let handle else { return nil }
        while let entry = readdir(handle) {
            let type = entry.pointee.d_type
            if type != UInt8(DT_REG) && type != UInt8(DT_UNKNOWN) && type != UInt8(DT_LNK) { continue }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name.first == UInt8(ascii: ".") { continue }
            return name
        }
        closedir(handle)
        self.handle = nil
        return nil
    }
}

extension String {
    /// The string with zeros in front up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
