import Foundation

/// The checks a reply passes before it is sent (issue 4; DOMAIN.md, "How to write").
///
/// Blocking: empty reply, unfilled `{placeholder}`, leftover marker such as "(Your name)",
/// a link that `LinkSafety` flags, a paragraph that asks the buyer to log in, verify an account
/// or pay next to a link, a greeting to someone who is not the ticket's customer. Warnings, which
/// the agent may override with a second
/// confirmation: a paragraph in capitals, a sentence over `maximumSentenceWords` words, no
/// greeting, no thanks, a complaint answered with fewer than two solutions, a reply in another
/// language than the customer's, a question answered without the order or tracking number.
///
///     let findings = ReplyChecks.check(draft, context: ReplyCheckContext(customerLanguage: "de"))
///     if findings.blocksSending { ... } else if !findings.warnings.isEmpty { ... ask again ... }
///
/// Pure and fast enough to run on every keystroke.
public enum ReplyChecks {
    /// Seed 001: short plain sentences. Longer ones get a warning.
    public static let maximumSentenceWords = 30

    public static func check(_ reply: String, context: ReplyCheckContext = ReplyCheckContext()) -> [ReplyFinding] {
        let text = ReplyText(reply)
        guard !reply.allSatisfy(\.isWhitespace) else {
            return [
                ReplyFinding(
                    kind: .emptyReply, message: "the reply is empty", location: ReplyLocation(line: 1, column: 1, excerpt: ""),
                    fix: "write a reply or insert a template (Ctrl-T)")
            ]
        }
        var findings: [ReplyFinding] = []
        findings += placeholders(text, context: context)
        findings += leftoverMarkers(text)
        findings += unsafeLinks(text)
        findings += linkRequests(text)
        findings += shoutedParagraphs(text)
        findings += longSentences(text)
        findings += courtesy(text)
        findings += addressee(text, context: context)
        findings += solutions(text, context: context)
        findings += language(text, context: context)
        findings += unansweredReference(text, context: context)
        findings += attachmentPromise(text, context: context)
        return findings.sorted {
            ($0.severity, $0.location.line, $0.location.column) < ($1.severity, $1.location.line, $1.location.column)
        }
    }

    static func placeholders(_ text: ReplyText, context: ReplyCheckContext) -> [ReplyFinding] {
        TemplateRenderer.occurrences(in: text.text).map { occurrence in
            let name = occurrence.name
            let fix: String
            if context.templateFields.contains(name) {
                fix = "type the value for the template field '\(name)'"
            } else if TemplateContext.contextNames.contains(name) {
                fix = "the ticket has no \(name.replacingOccurrences(of: "_", with: " ")); add it to the ticket or rewrite the sentence without it"
            } else {
                fix = "replace {\(name)} with the right text, or delete it"
            }
            return ReplyFinding(
                kind: .unfilledPlaceholder, message: "placeholder {\(name)} is not filled",
                location: text.location(of: occurrence.range), fix: fix)
        }
    }

    static func leftoverMarkers(_ text: ReplyText) -> [ReplyFinding] {
        LeftoverMarkers.find(in: text.text).map { range in
            ReplyFinding(
                kind: .leftoverMarker, message: "leftover marker '\(text.text[range])' from a template",
                location: text.location(of: range), fix: "replace it with the real name, number or text")
        }
    }

    static func unsafeLinks(_ text: ReplyText) -> [ReplyFinding] {
        LinkSafety.check(text.text).map { finding in
            ReplyFinding(
                kind: .unsafeLink, message: "link to \(finding.host): \(finding.detail) (\(finding.signal.explanation))",
                location: text.location(of: finding.range),
                fix: "link to the marketplace's or carrier's own page with https and the full official address")
        }
    }

    /// Marketplace policy: a seller never asks a buyer to log in, verify an account or pay
    /// through a link (what phishing mails do), in any of the template languages.
    static func linkRequests(_ text: ReplyText) -> [ReplyFinding] {
        text.paragraphs.compactMap { paragraph in
            let links = LinkExtractor.links(in: String(paragraph))
            guard let link = links.first,
                let match = LinkRequestPhrases.list.firstMatch(in: paragraph.lowercased())
            else { return nil }
            return ReplyFinding(
                kind: .linkAsksForLogin,
                message: "the reply asks the buyer to '\(match.phrase)' next to a link (\(link.host)); marketplaces forbid asking buyers to log in, verify an account or pay through a link",
                location: text.location(of: paragraph.startIndex, excerpt: String(paragraph)),
                fix: "remove the link, or tell the buyer to open the marketplace's website or app themselves")
        }
    }

    static func shoutedParagraphs(_ text: ReplyText) -> [ReplyFinding] {
        text.paragraphs.compactMap { paragraph in
            let cased = paragraph.filter { $0.isUppercase || $0.isLowercase }
            let upper = cased.filter(\.isUppercase).count
            let shoutedWords = paragraph.split { !$0.isLetter }.filter { $0.count >= 3 && $0.allSatisfy(\.isUppercase) }
            guard upper >= 12, upper * 5 >= cased.count * 4, shoutedWords.count >= 2 else { return nil }
            return ReplyFinding(
                kind: .shoutedParagraph, message: "a whole paragraph is in capitals, which reads as shouting",
                location: text.location(of: paragraph.startIndex, excerpt: String(paragraph)),
                fix: "write it in normal sentence case; to stress one point, put it in its own short sentence")
        }
    }

    static func longSentences(_ text: ReplyText) -> [ReplyFinding] {
        text.sentences.compactMap { sentence in
            let words = sentence.split(whereSeparator: \.isWhitespace).count
            let unspaced = sentence.unicodeScalars.filter { (0x3040...0x9FFF).contains($0.value) || (0xAC00...0xD7AF).contains($0.value) }.count
            let length = words + unspaced / 3
            guard length > maximumSentenceWords else { return nil }
            return ReplyFinding(
                kind: .longSentence, message: "a sentence of about \(length) words is hard to follow",
                location: text.location(of: sentence.startIndex, excerpt: String(sentence)),
                fix: "split it into sentences of at most \(maximumSentenceWords) words")
        }
    }

    static func courtesy(_ text: ReplyText) -> [ReplyFinding] {
        var findings: [ReplyFinding] = []
        let opening = text.nonEmptyLines.prefix(2).joined(separator: "\n").lowercased()
        if !CourtesyPhrases.greetings.matches(opening) {
            findings.append(
                ReplyFinding(
                    kind: .missingGreeting, message: "the reply does not open with a greeting",
                    location: text.location(of: text.text.startIndex, excerpt: String(text.nonEmptyLines.first ?? "")),
                    fix: "start with a greeting and the customer's name, e.g. 'Dear {customer_name},'"))
        }
        if !CourtesyPhrases.thanks.matches(text.text.lowercased()) {
            findings.append(
                ReplyFinding(
                    kind: .missingThanks, message: "the reply does not thank the customer",
                    location: text.location(of: text.text.startIndex, excerpt: ""),
                    fix: "thank the customer first (for the order, the message, their patience)"))
        }
        return findings
    }

    static func addressee(_ text: ReplyText, context: ReplyCheckContext) -> [ReplyFinding] {
        guard let customer = context.customerName.map(TerminalSanitizer.oneLine), !customer.isEmpty,
            let greeted = GreetingAddressee.find(in: text.text),
            !GreetingAddressee.matches(greeted.name, customer: customer)
        else { return [] }
        let corrected = greeted.corrected(in: text.text, to: customer)
        return [
            ReplyFinding(
                kind: .wrongCustomerName,
                message: "the greeting names “\(greeted.name)”, but this reply goes to \(customer)",
                location: text.location(of: greeted.range),
                fix: "address the customer: “\(corrected.trimmingCharacters(in: .whitespaces))”",
                suggestion: customer)
        ]
    }

    static func solutions(_ text: ReplyText, context: ReplyCheckContext) -> [ReplyFinding] {
        guard context.isComplaint, context.stage == nil || context.stage == .afterSale else { return [] }
        let offered = SolutionKind.offered(in: text.text)
        guard offered.count < 2 else { return [] }
        let named = offered.isEmpty ? "none" : offered.map(\.rawValue).joined(separator: ", ")
        return [
            ReplyFinding(
                kind: .tooFewSolutions,
                message: "a complaint answered with \(offered.count) solution\(offered.count == 1 ? "" : "s") (\(named))",
                location: text.location(of: text.text.startIndex, excerpt: ""),
                fix: "offer at least two for the customer to choose from: refund, partial refund, reship, exchange, repair, discount, return")
        ]
    }

    static func language(_ text: ReplyText, context: ReplyCheckContext) -> [ReplyFinding] {
        guard let customer = context.customerLanguage.map(primaryTag), let reply = LanguageDetector.detect(text.text),
            customer != reply
        else { return [] }
        return [
            ReplyFinding(
                kind: .languageMismatch, message: "the reply looks like '\(reply)' but the customer writes '\(customer)'",
                location: text.location(of: text.text.startIndex, excerpt: ""),
                fix: "switch the template to the customer's language or write in it")
        ]
    }

    static func unansweredReference(_ text: ReplyText, context: ReplyCheckContext) -> [ReplyFinding] {
        guard let last = context.customerLastMessage, last.contains("?") || last.contains("？") else { return [] }
        let references = ([context.orderID].compactMap { $0 } + context.trackingNumbers).map(normalizedReference)
            .filter { !$0.isEmpty }
        guard !references.isEmpty else { return [] }
        let reply = normalizedReference(text.text)
        guard !references.contains(where: reply.contains) else { return [] }
        var known: [String] = []
        if let order = context.orderID, !order.isEmpty { known.append("order \(order)") }
        known += context.trackingNumbers.map { "tracking \($0)" }
        return [
            ReplyFinding(
                kind: .questionWithoutReference,
                message: "the customer asked a question; the reply names neither the order nor the tracking number",
                location: text.location(of: text.text.startIndex, excerpt: ""),
                fix: "mention \(known.joined(separator: " or ")) so the customer can check it")
        ]
    }

    private static func primaryTag(_ tag: String) -> String {
        String(tag.lowercased().prefix { $0 != "-" && $0 != "_" })
    }

    /// Order and tracking numbers compared without spaces, dashes or case.
    private static func normalizedReference(_ text: String) -> String {
        String(text.uppercased().filter { !$0.isWhitespace && $0 != "-" })
    }
}
