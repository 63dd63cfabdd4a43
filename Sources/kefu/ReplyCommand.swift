import ArgumentParser
import Foundation
import KefuCore
import KefuStore

/// `kefu reply`: answer a ticket from a script, through the console's reply checks and outbox.
struct ReplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reply",
        abstract: "Check a reply to a ticket and, with --send, queue it for delivery.",
        discussion: """
            The text is a template filled from the ticket (its customer, order and tracking; \
            --field NAME=VALUE for the rest) or a file. It goes through the same reply checks as \
            the console's Ctrl-S. Without --send the reply is printed with its findings and nothing \
            is stored. With --send it is queued in the same transaction as the console's (kefu \
            deliver hands it over). A blocking finding (an unfilled {placeholder}, a flagged link, \
            an empty reply...) stops it: exit status 1 with the findings on stderr. Warnings stop \
            it too unless --force is given (the console's "y" to send anyway).
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The ticket to answer.")
    var id: Int64

    @Option(help: "A template by name (as the picker lists it), in the ticket's language or --language.")
    var template: String?

    @Option(name: .customLong("field"), parsing: .singleValue, help: ArgumentHelp("A template field the ticket cannot fill.", valueName: "name=value"))
    var fields: [String] = []

    @Option(name: .customLong("body-file"), help: ArgumentHelp("The reply's text from a file (- for standard input).", valueName: "file"))
    var bodyFile: String?

    @Option(help: "The template's language variant (default: the ticket's, else English).")
    var language: String?

    @Flag(help: "Queue the reply for delivery (without it: check and print only).")
    var send = false

    @Flag(help: "Send although the checks warn (blocking findings still stop it).")
    var force = false

    @Flag(name: .customLong("attach-evidence"), help: "Send the evidence the text references (EV-…) as attachments (the console's Ctrl-O).")
    var attachEvidence = false

    @Flag(help: "Store an internal note for the team instead of a reply (no checks but text).")
    var note = false

    @Option(name: .customLong("idempotency-key"), help: "Sending the same key twice stores one reply (default: a new key).")
    var idempotencyKey: String?

    func validate() throws {
        guard (template == nil) != (bodyFile == nil) else {
            throw ValidationError("give either --template NAME or --body-file FILE")
        }
        if bodyFile != nil, !fields.isEmpty { throw ValidationError("--field fills a template; it does not apply to --body-file") }
        for field in fields where !field.contains("=") {
            throw ValidationError("--field \(field): write it as name=value")
        }
    }

    func run() throws {
        let store = try storeOptions.openStore()
        guard let ticket = try store.ticket(id: id) else { throw UserError(message: "no ticket #\(id)") }
        let order = try ticket.orderID.flatMap { try store.order(id: $0) }
        let messages = try store.messages(ticketID: id)
        let agent = Wiring.agentName
        var origin: Template?
        let body: String
        if let name = template {
            let library = try Wiring.templates()
            guard let found = library.template(named: name) else {
                let close = library.templates.map(\.name).filter { $0.contains(name.lowercased()) }.prefix(5)
                throw UserError(message: "no template named \(name)" + (close.isEmpty ? "" : " (did you mean \(close.joined(separator: ", "))?)"))
            }
            origin = found
            var context = TemplateContext.make(ticket: ticket, order: order, agentName: agent, storeName: "Kefu")
            for field in fields {
                let parts = field.split(separator: "=", maxSplits: 1).map(String.init)
                context[parts[0].trimmingCharacters(in: .whitespaces)] = parts.count > 1 ? parts[1] : ""
            }
            body = found.rendered(for: language ?? ticket.language, with: context).text
        } else {
            body = try Self.read(bodyFile!)
        }

        let direction: MessageDirection = note ? .note : .outbound
        var findings: [ReplyFinding] = []
        if !note {
            let context = ReplyCheckContext.answering(
                ticket: ticket, messages: messages, order: order, stage: origin?.stage,
                templateFields: origin?.fields ?? [], attachesEvidence: attachEvidence)
            findings = ReplyChecks.check(body, context: context)
        } else if body.allSatisfy(\.isWhitespace) {
            throw UserError(message: "the note is empty")
        }
        for finding in findings {
            let mark = finding.isBlocking ? "✖" : "⚠"
            Self.stderr("\(mark) line \(finding.location.line), col \(finding.location.column): \(finding.message) — \(finding.fix)")
        }
        guard send else {
            print(body)
            if findings.blocksSending { throw ExitCode(1) }
            return
        }
        if findings.blocksSending {
            Self.stderr("kefu: not sent: \(findings.filter(\.isBlocking).count) blocking finding(s) above")
            throw ExitCode(1)
        }
        if !findings.isEmpty, !force {
            Self.stderr("kefu: not sent: \(findings.count) warning(s) above; --force sends anyway")
            throw ExitCode(1)
        }
        let request = ReplyRequest(
            ticketID: id, body: body, author: agent, direction: direction,
            idempotencyKey: idempotencyKey ?? "kefu-reply-\(UUID().uuidString.lowercased())",
            attachEvidence: attachEvidence && !note ? EvidenceReference.ids(in: body) : [])
        let sent = try store.send(request, now: Date())
        if let origin { try store.recordTemplateUse(origin.name, now: Date()) }
        if note {
            print("note saved on #\(id)")
        } else if sent.wasDuplicate {
            print("already sent with this key: message \(sent.message.id) on #\(id)")
        } else {
            let state = sent.message.delivery?.state ?? "queued"
            print("reply queued on #\(id) (message \(sent.message.id), \(state)); kefu deliver hands it over")
        }
    }

    static func read(_ path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let read = FileManager.default.contents(atPath: path) else { throw UserError(message: "cannot read \(path)") }
            data = read
        }
        guard let text = String(data: data, encoding: .utf8) else { throw UserError(message: "\(path) is not UTF-8 text") }
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    static func stderr(_ line: String) {
        FileHandle.standardError.write(Data((TerminalSanitizer.oneLine(line) + "\n").utf8))
    }
}
