import Foundation
import Glibc

/// The messages of a Maildir (as mbsync and offlineimap write it): every file in `cur/` and
/// `new/`, oldest name first; `tmp/` holds deliveries in progress and is never read.
///
/// Only the names are listed up front; each message is read when the iteration reaches it, so
/// memory does not grow with the size of the mailbox. A file that another program moved from
/// `new/` to `cur/` in the meantime is found again under its new name.
///
///     for item in try MaildirReader(directory: "~/Mail/shop") {
///         switch item { case .success(let entry): ...; case .failure(let error): ... }
///     }
public struct MaildirReader: Sequence, Sendable {
    public let directory: String
    public let maximumMessageBytes: Int
    private let files: [File]

    struct File: Sendable {
        var folder: String
        var name: String
    }

    public init(directory: String, maximumMessageBytes: Int = MailLimits().maximumMessageBytes) throws(MailboxError) {
        let directory = (directory as NSString).expandingTildeInPath
        self.directory = directory
        self.maximumMessageBytes = maximumMessageBytes
        var files: [File] = []
        var foundFolder = false
        for folder in ["cur", "new"] {
            let path = directory + "/" + folder
            guard let handle = opendir(path) else {
                if errno == ENOENT { continue }
                throw MailboxError.system(path, "cannot list", errno)
            }
            foundFolder = true
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name.hasPrefix(".") { continue }
                let type = entry.pointee.d_type
                if type != UInt8(DT_REG) && type != UInt8(DT_UNKNOWN) && type != UInt8(DT_LNK) { continue }
                files.append(File(folder: folder, name: name))
            }
        }
        guard foundFolder else {
            throw MailboxError(location: directory, reason: "not a Maildir: it has neither cur/ nor new/")
        }
        // Maildir names start with the delivery time, so name order is close to arrival order.
        files.sort { ($0.name, $0.folder) < ($1.name, $1.folder) }
        self.files = files
    }

    /// How many messages the listing found (for a progress bar).
    public var count: Int { files.count }

    /// The unique part of a Maildir file name: everything before the `:2,FLAGS` info.
    public static func uniqueName(of filename: String) -> String {
        filename.firstIndex(of: ":").map { String(filename[..<$0]) } ?? filename
    }

    public func makeIterator() -> Iterator {
        Iterator(reader: self)
    }

    public struct Iterator: IteratorProtocol {
        let reader: MaildirReader
        var index = 0

        public mutating func next() -> Result<MailboxEntry, MailboxError>? {
            guard index < reader.files.count else { return nil }
            let file = reader.files[index]
            index += 1
            return reader.read(file)
        }
    }

    func read(_ file: File) -> Result<MailboxEntry, MailboxError> {
        let unique = Self.uniqueName(of: file.name)
        var path = directory + "/" + file.folder + "/" + file.name
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

    /// The current path of a message whose flags or folder changed after the listing.
    private func findMoved(_ unique: String) -> String? {
        for folder in ["cur", "new"] {
            let path = directory + "/" + folder
            guard let handle = opendir(path) else { continue }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if Self.uniqueName(of: name) == unique { return path + "/" + name }
            }
        }
        return nil
    }
}
