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

    func read(folder: String, name: String) -> Result<MailboxEntry, MailboxError> {
        let unique = Self.uniqueName(of: name)
        var path = directory + "/" + folder + "/" + name
        var result = FileBytes.read(path, limit: maximumMessageBytes + 1)
        if case .failure(let failure) = result, failure.code == ENOENT, let moved = findMoved(unique) {
            path = moved
            result = FileBytes.read(path, limit: maximumMessageBytes + 1)
        }
        switch result {
        case .success(let contents):
            return .success(MailboxEntry(
                id: unique, location: path, bytes: contents.bytes, byteCount: contents.size, receivedAt: contents.modified))
        case .failure(let failure):
            return .failure(MailboxError.system(path, "cannot read", failure.code))
        }
    }

    /// The current path of a message whose flags or folder changed after it was listed.
    private func findMoved(_ unique: String) -> String? {
        for folder in ["cur", "new"] {
            let listing = DirectoryListing(directory + "/" + folder)
            while let name = listing.nextName() {
                if Self.uniqueName(of: name) == unique { return directory + "/" + folder + "/" + name }
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

    func nextName() -> String? {
        guard let handle else { return nil }
        while let entry = readdir(handle) {
            let type = entry.pointee.d_type
            if type != UInt8(DT_REG) && type != UInt8(DT_UNKNOWN) && type != UInt8(DT_LNK) { continue }
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name.hasPrefix(".") { continue }
            return name
        }
        closedir(handle)
        self.handle = nil
        return nil
    }
}
