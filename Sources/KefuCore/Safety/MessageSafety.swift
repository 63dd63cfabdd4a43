/// The scam and phishing checks of an incoming message (issue 16): every link in the text and
/// the HTML, the attachments, the sender, and the wording of fake marketplace mails. Run once
/// when a message is taken in (`kefu ingest`, mail import); the findings are stored with it.
///
///     let safety = MessageSafety(policy: .standard)
///     safety.check(IncomingMessage(from: "Amazon <service@amazon-verify.co>",
///                                  body: "Verify your account: https://amazon-verify.co/login"))
///     // link: 'amazon' appears in amazon-verify.co…; sender: calls itself 'amazon'…; wording…
///
/// Pure and allocation-light: it must keep up with import (50,000 messages a second).
public struct MessageSafety: Sendable {
    public let policy: LinkSafetyPolicy
    let lookalikes: LookalikeHost
    let sender: SenderSafety
    let hosts = HostVerdictCache()

    public init(policy: LinkSafetyPolicy = .standard) {
        self.policy = policy
        self.lookalikes = LookalikeHost(policy: policy)
        self.sender = SenderSafety(brands: policy.brands)
    }

    public func check(_ message: IncomingMessage) -> [SafetyFinding] {
        var findings: [SafetyFinding] = []
        var flaggedURLs: Set<String> = []
        func addLink(_ link: FoundLink) {
            let found = LinkSafety.findings(for: link, policy: policy, lookalikes: lookalikes, cache: hosts)
            guard !found.isEmpty, flaggedURLs.insert(link.url).inserted else { return }
            let key = HostName(link.host).registrableDomain
            for finding in found {
                findings.append(SafetyFinding(
                    category: .link, signal: finding.signal.rawValue, shown: Defang.url(link.url), key: key, detail: finding.detail))
            }
        }
        // HTML links first: they know their visible text, which the readable body has merged.
        for anchor in message.htmlLinks {
            let lower = anchor.url.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("www.") else { continue }
            addLink(FoundLink(url: anchor.url, range: anchor.url.startIndex..<anchor.url.endIndex, linkText: anchor.text))
        }
        if mayHoldLinks(message.body) {
            for link in LinkExtractor.links(in: message.body) { addLink(link) }
        }
        for file in message.attachments {
            let signals = AttachmentSafety.check(filename: file.filename, contentType: file.contentType, data: file.data)
            guard let first = signals.first else { continue }
            let name = AttachmentSafety.shownName(file.filename)
            findings.append(SafetyFinding(
                category: .attachment, signal: first.rawValue, shown: name, key: nil,
                detail: "attachment \(name): " + signals.map(\.explanation).joined(separator: "; ")))
        }
        for found in sender.check(from: message.from, authenticationResults: message.authenticationResults) {
            let address = MailAddress(parsing: message.from).address.lowercased()
            let domain = address.split(separator: "@").last.map(String.init) ?? ""
            // A wave groups on the sender's domain only when the domain itself is suspicious
            // (`amazon-seller-help.com`), not on the mail provider an impostor happens to use.
            let suspicious = !LinkSafety.findings(for: FoundLink(url: "https://" + domain + "/", range: domain.startIndex..<domain.startIndex),
                                                  policy: policy, lookalikes: lookalikes, cache: hosts).isEmpty
            findings.append(SafetyFinding(
                category: .sender, signal: found.signal.rawValue, shown: address,
                key: suspicious ? HostName(domain).registrableDomain : nil, detail: found.detail))
        }
        if let phrase = ScamWording.find(in: message.subject) ?? ScamWording.find(in: message.body) {
            findings.append(SafetyFinding(
                category: .wording, signal: WordingSignal.scamPhrase.rawValue, shown: phrase.phrase, key: phrase.key,
                detail: "the words '\(phrase.phrase)' are typical of fake marketplace mails"))
        }
        return findings
    }

    /// A quick byte scan: no `http` or `www.` (any case) means no link to extract.
    private func mayHoldLinks(_ text: String) -> Bool {
        var previous: UInt8 = 0, before: UInt8 = 0
        for byte in text.utf8 {
            let lower = byte | 0x20
            // "tt" of http, "ww" of www: cheap to test, rare enough in prose.
            if (lower == UInt8(ascii: "t") && previous == UInt8(ascii: "t") && before == UInt8(ascii: "h"))
                || (lower == UInt8(ascii: "w") && previous == UInt8(ascii: "w") && before == UInt8(ascii: "w"))
            {
                return true
            }
            before = previous
            previous = lower
        }
        return false
    }
}
