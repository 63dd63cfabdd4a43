import KefuCore

extension ThreadLines {
    /// The lines at the top of a thread that say what the scam checks found, one per finding
    /// ("⚠ Suspicious link: link text says amazon.com, goes to amazon-verify-account.co").
    static func safetyLines(_ thread: ThreadState) -> [String] {
        var seen: Set<String> = []
        var lines: [String] = []
        for message in thread.messages {
            for finding in message.findings where seen.insert(finding.detail).inserted {
                lines.append("⚠ \(title(finding.category)): " + TerminalSanitizer.oneLine(finding.detail))
            }
        }
        if !lines.isEmpty { lines.append("⚠ Do not open flagged links or files; they are shown defanged (hxxps, [.]).") }
        return lines
    }

    private static func title(_ category: SafetyCategory) -> String {
        switch category {
        case .link: "Suspicious link"
        case .attachment: "Dangerous file"
        case .sender: "Suspicious sender"
        case .wording: "Scam wording"
        }
    }

    /// The body with every flagged link defanged (`hxxps://amazon-verify[.]co/…`), so neither
    /// the terminal nor a copy and paste makes it clickable.
    static func defanged(_ body: String, findings: [SafetyFinding]) -> String {
        let flagged = Set(findings.filter { $0.category == .link }.map(\.shown))
        guard !flagged.isEmpty else { return body }
        var out = ""
        var cursor = body.startIndex
        for link in LinkExtractor.links(in: body) where link.range.lowerBound >= cursor {
            guard flagged.contains(Defang.url(link.url)) || flagged.contains(Defang.url(link.host)) else { continue }
            out += body[cursor..<link.range.lowerBound]
            out += Defang.url(link.url)
            cursor = link.range.upperBound
        }
        out += body[cursor...]
        return out
    }
}
