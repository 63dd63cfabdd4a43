import Foundation

/// Finds the messages that arrived in a Maildir since the last look, for `kefu watch maildir`.
///
/// A scan lists `new/` and `cur/` (names only, no file is read) and reads just the messages
/// whose unique name it has not seen; a message moved from `new/` to `cur/` or given new flags
/// keeps its unique name and is not read again. Deliveries in progress sit in `tmp/` and only
/// appear once the delivering program renames them into `new/`, so a half-written message is
/// never read. Memory grows with the number of names (about 40 bytes each), not their contents.
///
///     var scanner = try MaildirScanner(directory: path)
///     while running { for item in scanner.scan() { ... }; sleep(1) }
public struct MaildirScanner {
    public let reader: MaildirReader
    private var seen = Set<String>()

    public init(directory: String, maximumMessageBytes: Int = MailLimits().maximumMessageBytes) throws(MailboxError) {
        reader = try MaildirReader(directory: directory, maximumMessageBytes: maximumMessageBytes)
    }

    /// The messages not seen by an earlier scan (the first scan returns all of them), read one
    /// at a time as the result is iterated.
    public mutating func scan() -> some Sequence<Result<MailboxEntry, MailboxError>> {
        var fresh: [(folder: String, name: [UInt8])] = []
        for folder in ["cur", "new"] {
            let listing = DirectoryListing(reader.directory + "/" + folder)
            while let name = listing.nextName() {
                if seen.insert(MaildirReader.id(ofName: name)).inserted { fresh.append((folder, name)) }
            }
        }
        let reader = reader
        return fresh.lazy.map { reader.read(folder: $0.folder, name: $0.name) }
    }

    /// Forgets a message (its entry's id), so the next scan reads it again (after a failed store write).
    public mutating func forget(_ id: String) {
        seen.remove(id)
    }
}
