import KefuCore

/// Tells mail a machine sent from mail a person sent, and reads what a delivery report says.
///
/// - A delivery status notification (RFC 3464: `multipart/report; report-type=delivery-status`
///   with a `message/delivery-status` part) is read field by field: each recipient's `Action`
///   (failed, delayed, delivered...), `Status` and `Diagnostic-Code`, and the Message-ID of the
///   returned original (its `message/rfc822` or `text/rfc822-headers` part, else the report's
///   own In-Reply-To/References).
/// - A bounce that is not a DSN (qmail, old Exim, some hosted mail) comes from `MAILER-DAEMON`
///   or `postmaster`; it counts as a failed delivery when the original's Message-ID can be found
///   in its returned headers, its text or its own In-Reply-To.
/// - An auto-reply is what RFC 3834 marks (`Auto-Submitted: auto-replied`), what Exchange and
///   others mark (`X-Autoreply`, `X-Autorespond`, `Precedence: auto_reply`), or an
///   out-of-office subject in one of the team's languages. `Auto-Submitted: auto-generated` and
///   `Precedence: bulk|junk|list` are other machine mail; a marketplace relays its buyers' mail
///   with such headers at times, so marketplace mail is only automatic when it says auto-replied.
enum AutomaticMailReader {
    static func read(
        header: MessageHeader, root: MIMEPart, bytes: UnsafeBufferPointer<UInt8>, from: [MailAddress], subject: String,
        text: String, inReplyTo: [String], references: [String], classification: MailClassification
    ) -> AutomaticMail? {
        let cited = inReplyTo.first ?? references.last
        if let report = deliveryReport(root, bytes) {
            return AutomaticMail(kind: report.kind, about: report.original ?? cited, reason: report.reason)
        }
        if isMailerDaemon(from), let original = returnedMessageID(root, bytes) ?? messageIDInText(text) ?? cited {
            return AutomaticMail(kind: .deliveryFailed, about: original, reason: bounceReason(text) ?? subject)
        }
        let autoSubmitted = header.text("Auto-Submitted")?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        let precedence = header.text("Precedence")?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        if autoSubmitted.hasPrefix("auto-replied") || precedence == "auto_reply"
            || header.contains("X-Autoreply") || header.contains("X-Autorespond") || isOutOfOfficeSubject(subject) {
            return AutomaticMail(kind: .autoReply, about: cited)
        }
        guard classification.channel != .marketplace else { return nil }
        if (!autoSubmitted.isEmpty && !autoSubmitted.hasPrefix("no")) || ["bulk", "junk", "list"].contains(precedence) {
            return AutomaticMail(kind: .generated, about: cited)
        }
        return nil
    }

    // MARK: RFC 3464

    struct Report {
        var kind: AutomaticMail.Kind
        var original: String?
        var reason: String?
    }

    /// The first `message/delivery-status` part of a report, read; nil when there is none.
    static func deliveryReport(_ root: MIMEPart, _ bytes: UnsafeBufferPointer<UInt8>) -> Report? {
        guard let status = first(root, where: { ["message/delivery-status", "message/global-delivery-status"].contains($0.mediaType) })
        else { return nil }
        var notes: [String] = []
        let decoded = TransferDecoding.decode(bytes, status.bodyRange, encoding: status.transferEncoding, notes: &notes)
        let recipients = fieldBlocks(decoded).dropFirst()
        var failed: [String] = [], delayed: [String] = []
        for block in recipients {
            let action = block.text("Action")?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            let code = block.text("Status")?.trimmingCharacters(in: .whitespaces) ?? ""
            let diagnostic = block.text("Diagnostic-Code").map(HeaderText.collapseWhitespace) ?? ""
            let reason = [code, diagnostic].filter { !$0.isEmpty }.joined(separator: " ")
            if action.hasPrefix("failed") || (action.isEmpty && code.hasPrefix("5")) {
                failed.append(reason)
            } else if action.hasPrefix("delayed") || (action.isEmpty && code.hasPrefix("4")) {
                delayed.append(reason)
            }
        }
        let original = returnedMessageID(root, bytes)
        if !failed.isEmpty {
            return Report(kind: .deliveryFailed, original: original, reason: failed.first { !$0.isEmpty })
        }
        if !delayed.isEmpty {
            return Report(kind: .deliveryDelayed, original: original, reason: delayed.first { !$0.isEmpty })
        }
        return Report(kind: .deliveryReport, original: original, reason: nil)
    }

    /// The blocks of header-like fields a delivery-status body holds (per message, then one per
    /// recipient), split at blank lines.
    static func fieldBlocks(_ body: [UInt8]) -> [MessageHeader] {
        body.withUnsafeBufferPointer { buffer in
            var blocks: [MessageHeader] = []
            var position = 0
            // A report lists a few recipients; a hostile one cannot make this loop long.
            while position < buffer.count, blocks.count < 64 {
                let section = HeaderSectionParser.parse(buffer, from: position, to: buffer.count)
                if !section.header.fields.isEmpty { blocks.append(section.header) }
                guard section.bodyStart > position else { break }
                position = section.bodyStart
            }
            return blocks
        }
    }

    /// The Message-ID in the returned original's headers (`message/rfc822`, `text/rfc822-headers`).
    static func returnedMessageID(_ root: MIMEPart, _ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let types = ["message/rfc822", "text/rfc822-headers", "message/global", "message/global-headers"]
        guard let returned = first(root, where: { types.contains($0.mediaType) }) else { return nil }
        var notes: [String] = []
        let decoded = TransferDecoding.decode(bytes, returned.bodyRange, encoding: returned.transferEncoding, notes: &notes)
        return decoded.withUnsafeBufferPointer { buffer in
            let section = HeaderSectionParser.parse(buffer, from: 0, to: buffer.count)
            return section.header.first("Message-ID").flatMap { MessageIDList.parse(String(decoding: $0, as: UTF8.self)).first }
                .flatMap { $0.utf8.count <= InputLimits.idBytes ? $0 : nil }
        }
    }

    static func first(_ part: MIMEPart, where matches: (MIMEPart) -> Bool) -> MIMEPart? {
        if matches(part) { return part }
        for child in part.children {
            if let found = first(child, where: matches) { return found }
        }
        return nil
    }

    // MARK: Bounces that are not DSNs

    static func isMailerDaemon(_ from: [MailAddress]) -> Bool {
        guard let address = from.first?.address.lowercased(), let at = address.firstIndex(of: "@") else { return false }
        let local = address[..<at]
        return local == "mailer-daemon" || local == "postmaster" || local == "mail-daemon"
    }

    /// A `Message-ID: <…>` line quoted in a bounce's text (the returned headers pasted inline).
    static func messageIDInText(_ text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline).prefix(2_000) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.lowercased().hasPrefix("message-id:") else { continue }
            if let id = MessageIDList.parse(String(trimmed.dropFirst("message-id:".count))).first, id.utf8.count <= InputLimits.idBytes {
                return id
            }
        }
        return nil
    }

    /// The first line of a bounce that carries an SMTP reply code (`550 5.1.1 …`).
    static func bounceReason(_ text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline).prefix(400) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            let scalars = Array(trimmed.unicodeScalars.prefix(4))
            guard scalars.count == 4, ["4", "5"].contains(scalars[0]),
                  scalars[1].properties.numericType != nil, scalars[2].properties.numericType != nil,
                  scalars[3] == " " || scalars[3] == "-" else { continue }
            return trimmed
        }
        return nil
    }

    // MARK: Out of office

    /// Subject openings mail programs use for automatic answers, in the languages Kefu's
    /// templates cover and the marketplaces' main ones.
    static let outOfOfficePrefixes = [
        "automatic reply:", "auto reply:", "autoreply:", "auto-reply:", "out of office", "out of the office",
        "abwesenheitsnotiz", "automatische antwort", "réponse automatique", "absence du bureau",
        "respuesta automática", "fuera de la oficina", "risposta automatica", "fuori ufficio",
        "automatisch antwoord", "afwezig", "自动回复", "自動回覆", "自動応答", "自動返信",
    ]

    static func isOutOfOfficeSubject(_ subject: String) -> Bool {
        let lowered = subject.lowercased().trimmingCharacters(in: .whitespaces)
        return outOfOfficePrefixes.contains { lowered.hasPrefix($0) }
    }
}
