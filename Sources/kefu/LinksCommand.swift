import ArgumentParser
import Foundation
import KefuCore
import KefuMail

/// `kefu links check URL|FILE`: explains the scam checks' verdict on one link, on the links of a
/// text file, or on a whole mail (`.eml`: links, HTML link text, attachments, sender).
struct LinksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links", abstract: "Check links, texts and mails for phishing.", subcommands: [Check.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Explain the verdict on a link, a text file or a mail file; exit status 1 when something is flagged.")

        @Argument(help: "A URL (or host name), or a file: a mail (.eml, as a Maildir keeps it) or any text.")
        var target: String

        @Flag(help: "Print the verdict as JSON.")
        var json = false

        func run() throws {
            let safety = try Wiring.messageSafety()
            let findings: [SafetyFinding]
            let what: String
            if FileManager.default.fileExists(atPath: target) {
                guard let data = FileManager.default.contents(atPath: target) else {
                    throw UserError(message: "\(target): cannot read the file")
                }
                if let mail = try? MailParser().parse(data), !mail.from.isEmpty {
                    findings = safety.check(mail.incomingMessage)
                    what = "the mail \(target)"
                } else {
                    findings = safety.check(IncomingMessage(from: "", body: String(decoding: data, as: UTF8.self)))
                    what = "the text of \(target)"
                }
            } else {
                let url = target.contains("://") || target.lowercased().hasPrefix("www.") ? target : "https://" + target
                findings = safety.check(IncomingMessage(from: "", body: url))
                what = Defang.url(url)
            }
            if json {
                let object: [String: Any] = [
                    "target": target, "flagged": !findings.isEmpty, "findings": findings.map(ShowJSON.findingObject),
                ]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                print(String(decoding: data, as: UTF8.self))
            } else if findings.isEmpty {
                print("No warning for \(TerminalSanitizer.oneLine(what)): no rule of the scam checks fired.")
            } else {
                print("⚠ Suspicious: \(TerminalSanitizer.oneLine(what)) (\(findings.count) finding\(findings.count == 1 ? "" : "s"))")
                for finding in findings {
                    print("- \(finding.category.word): \(TerminalSanitizer.oneLine(finding.detail))")
                    print("  shown as: \(TerminalSanitizer.oneLine(finding.shown))")
                    print("  rule \(finding.signal): \(Self.explanation(finding))")
                }
            }
            if !findings.isEmpty { throw ExitCode(1) }
        }

        static func explanation(_ finding: SafetyFinding) -> String {
            LinkSignal(rawValue: finding.signal)?.explanation ?? AttachmentSignal(rawValue: finding.signal)?.explanation
                ?? SenderSignal(rawValue: finding.signal)?.explanation
                ?? "phrases like this one are typical of fake marketplace mails"
        }
    }
}
