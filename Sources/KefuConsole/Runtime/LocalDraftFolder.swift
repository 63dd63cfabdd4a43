import Foundation

/// Drafts kept on this machine while a shared store's server cannot be reached, so a draft
/// the agent typed is never lost, not even when the console is closed or killed before the
/// server is back: one small file per ticket, written atomically, removed once the store has
/// the draft. A console that starts again finds them and offers them first.
public final class LocalDraftFolder: @unchecked Sendable {
    public struct Kept: Codable, Sendable, Hashable {
        public var ticketID: Int64
        public var text: String
        public var attachEvidence: Bool
        public var at: Date
    }

    public let folder: URL
    private var present: Set<Int64>

    /// `folder` is made when the first draft is kept; files already there are kept drafts.
    public init(folder: URL) {
        self.folder = folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        present = Set(names.compactMap { $0.hasSuffix(".json") ? Int64($0.dropLast(5)) : nil })
    }

    public func keep(_ draft: Kept) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .secondsSince1970
        try encoder.encode(draft).write(to: file(draft.ticketID), options: [.atomic])
        present.insert(draft.ticketID)
    }

    public func kept(ticketID: Int64) -> Kept? {
        guard present.contains(ticketID), let data = try? Data(contentsOf: file(ticketID)) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try? decoder.decode(Kept.self, from: data)
    }

    public var all: [Kept] { present.sorted().compactMap { kept(ticketID: $0) } }

    /// Once the store holds the draft (no file system call when none was kept).
    public func discard(ticketID: Int64) {
        guard present.remove(ticketID) != nil else { return }
        try? FileManager.default.removeItem(at: file(ticketID))
    }

    private func file(_ ticketID: Int64) -> URL { folder.appendingPathComponent("\(ticketID).json") }
}
