import ArgumentParser
import Foundation
import KefuCore
import KefuStore

/// `kefu evidence add|list|rm`: the evidence locker from the command line.
struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence",
        abstract: "Keep proof for orders: photos, weigh records, carrier scans, videos, proof of delivery, documents.",
        discussion: """
            Files are copied into a content-addressed folder (SHA-256) next to the database and never \
            changed. The size limit and the public base URL for links come from the `evidence` section \
            of the config file.
            """,
        subcommands: [EvidenceAddCommand.self, EvidenceListCommand.self, EvidenceRemoveCommand.self, EvidenceRemovedCommand.self])

    /// The store and its locker, with the configured size limit.
    static func openLocker(_ options: StoreOptions) throws -> (store: any TicketStore, locker: any EvidenceLocker) {
        let store = try options.openStore()
        return (store, try options.openLocker(store, settings: try Wiring.evidenceSettings()))
    }
}

/// `kefu evidence add --order ID FILE --kind K [--note TEXT]`: prints the evidence id.
struct EvidenceAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a file as evidence for an order and print its id (the same file again gives the same id).")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("The order the evidence is for.", valueName: "id"))
    var order: String

    @Argument(help: "The file to keep.")
    var file: String

    @Option(help: ArgumentHelp("What it is: \(EvidenceKind.spellings).", valueName: "kind"))
    var kind: String

    @Option(help: "What it shows, in a few words (quoted in replies).")
    var note: String?

    func run() throws {
        guard let kind = EvidenceKind(parsing: kind) else {
            throw UserError(message: "unknown kind '\(TerminalSanitizer.oneLine(self.kind))' (known: \(EvidenceKind.spellings))")
        }
        let locker = try EvidenceCommand.openLocker(storeOptions).locker
        let request = NewEvidence(
            file: URL(fileURLWithPath: file), orderID: order, kind: kind, note: note, addedBy: Wiring.agentName)
        let added: EvidenceAddition
        do {
            added = try locker.addEvidence(request, now: Date())
        } catch let error as EvidenceLockerError {
            throw UserError(message: error.description)
        }
        print(added.record.id)
        if added.wasAlreadyAttached {
            let record = added.record
            FileHandle.standardError.write(Data(
                "kefu evidence: already attached to order \(TerminalSanitizer.oneLine(record.orderID)) as \(record.kind.rawValue) by \(TerminalSanitizer.oneLine(record.addedBy)) on \(RFC3339.format(record.addedAt)); nothing changed\n".utf8))
        }
    }
}

/// `kefu evidence list --order ID [--json]`.
struct EvidenceListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List an order's evidence, oldest first.")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("The order.", valueName: "id"))
    var order: String

    @Flag(help: "Print a JSON array instead of text.")
    var json = false

    func run() throws {
        let (store, locker) = try EvidenceCommand.openLocker(storeOptions)
        guard try store.order(id: order) != nil else {
            throw UserError(message: EvidenceLockerError.unknownOrder(order).description)
        }
        let records = try locker.evidence(orderID: order)
        let settings = try Wiring.evidenceSettings()
        if json {
            let objects = records.map { record -> [String: Any] in
                [
                    "id": record.id, "sha256": record.sha256, "order": record.orderID, "kind": record.kind.rawValue,
                    "note": record.note ?? NSNull(), "added_by": record.addedBy, "added_at": RFC3339.format(record.addedAt),
                    "original_name": record.originalName, "size": record.size, "file": locker.fileLocation(of: record).path,
                    "public_url": settings.publicURL(id: record.id, sha256: record.sha256) ?? NSNull(),
                ]
            }
            let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
            return
        }
        if records.isEmpty {
            print("No evidence for order \(TerminalSanitizer.oneLine(order)).")
            return
        }
        for record in records {
            var line = "\(record.id.padding(toLength: 9, withPad: " ", startingAt: 0)) \(record.kind.rawValue.padding(toLength: 17, withPad: " ", startingAt: 0)) \(RFC3339.format(record.addedAt)) \(record.shortHash) \(TerminalSanitizer.oneLine(record.originalName)) (\(record.size) bytes, \(TerminalSanitizer.oneLine(record.addedBy)))"
            if let note = record.note { line += " · \(TerminalSanitizer.oneLine(note))" }
            print(line)
        }
    }
}

/// `kefu evidence rm ID --confirm ID --reason TEXT`: the only way evidence goes, and it leaves
/// an audit record.
struct EvidenceRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rm",
        abstract: "Remove one piece of evidence (type its id twice); an audit record keeps who, when and why.",
        discussion: "The file itself is deleted only when no other order's evidence uses the same file.")

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The evidence id, e.g. EV-2F9A.")
    var id: String

    @Option(help: ArgumentHelp("The same id again, to confirm.", valueName: "id"))
    var confirm: String

    @Option(help: "Why it is removed (kept in the audit record).")
    var reason: String

    func run() throws {
        guard let parsed = EvidenceID(parsing: id) else {
            throw UserError(message: "'\(TerminalSanitizer.oneLine(id))' is not an evidence id (like EV-2F9A)")
        }
        guard EvidenceID(parsing: confirm) == parsed else {
            throw UserError(message: "--confirm '\(TerminalSanitizer.oneLine(confirm))' does not match \(parsed.text): type the id twice to remove it")
        }
        let locker = try EvidenceCommand.openLocker(storeOptions).locker
        let removal: EvidenceRemoval
        do {
            removal = try locker.removeEvidence(id: parsed.text, reason: reason, removedBy: Wiring.agentName, now: Date())
        } catch let error as EvidenceLockerError {
            throw UserError(message: error.description)
        }
        let file = removal.fileDeleted ? "file deleted" : "file kept: other evidence uses it"
        print("Removed \(removal.record.id) (\(removal.record.kind.rawValue) of order \(TerminalSanitizer.oneLine(removal.record.orderID))); \(file); audit record kept")
        let waiting = try locker.unsentRepliesCarrying(evidenceID: removal.record.id)
        if waiting > 0 {
            FileHandle.standardError.write(Data("""
                Note: \(waiting) \(waiting == 1 ? "reply in the outbox carries" : "replies in the outbox carry") \(removal.record.id) as an attachment; \
                kefu deliver will mark \(waiting == 1 ? "it" : "them") failed rather than send without it (kefu outbox shows which).

                """.utf8))
        }
    }
}

/// `kefu evidence removed [--limit N]`: the audit records removals left, newest first.
struct EvidenceRemovedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "removed", abstract: "List removed evidence: what, who removed it, when and why (newest first).")

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "At most this many.")
    var limit = 50

    func run() throws {
        let locker = try EvidenceCommand.openLocker(storeOptions).locker
        let removals = try locker.evidenceRemovals(limit: max(1, limit))
        if removals.isEmpty {
            print("No evidence has been removed.")
            return
        }
        for removal in removals {
            let record = removal.record
            let file = removal.fileDeleted ? "file deleted" : "file kept"
            print("\(RFC3339.format(removal.removedAt)) \(record.id) \(record.kind.rawValue) of order \(TerminalSanitizer.oneLine(record.orderID)) removed by \(TerminalSanitizer.oneLine(removal.removedBy)): \(TerminalSanitizer.oneLine(removal.reason)) (\(file); added by \(TerminalSanitizer.oneLine(record.addedBy)) \(RFC3339.format(record.addedAt)), \(TerminalSanitizer.oneLine(record.originalName)), sha256 \(record.sha256))")
        }
    }
}
