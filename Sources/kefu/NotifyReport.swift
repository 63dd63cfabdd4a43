import Foundation
import KefuCore

/// What `kefu notify` prints: the summary of a plan, the unfilled fields, the preview and the
/// result of queueing. Every name, id and body comes from customers or imports, so every line
/// is sanitised here before it reaches the terminal.
enum NotifyReport {
    static let listed = 20

    static func summary(_ plan: NoticePlan, selection: NoticeSelection, template: Template, purpose: NoticePurpose) -> [String] {
        let clean = TerminalSanitizer.oneLine
        var lines = ["Campaign \(clean(plan.campaign)): \(CountText.of(plan.recipients, "recipient")) (\(selection)), template \(template.name), purpose \(purpose.rawValue)"]
        var languages: [String: Int] = [:]
        for notice in plan.notices { languages[notice.language, default: 0] += 1 }
        if !languages.isEmpty {
            lines.append("  languages: " + languages.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        for fallback in plan.fallbacks {
            let wanted = fallback.wanted.map { "\(clean($0)) (no \(clean($0)) variant)" } ?? "language unknown"
            lines.append("  fell back to \(fallback.used): \(CountText.of(fallback.count, "customer")) \(wanted)")
        }
        if plan.heldBack.isEmpty {
            lines.append("  held back: nobody")
        } else {
            lines.append("  held back: \(plan.heldBack.count)")
            for (reason, count) in plan.heldBackCounts { lines.append("    \(count) — \(reason)") }
            for held in plan.heldBack.prefix(listed) {
                lines.append("    \(clean(held.recipient.description))  \(clean(held.name)): \(reason(held.reason))")
            }
            if plan.heldBack.count > listed { lines.append("    … and \(plan.heldBack.count - listed) more") }
        }
        return lines
    }

    static func reason(_ reason: HeldBackNotice.Reason) -> String {
        switch reason {
        case .optedOut(let at): "opted out \(String(RFC3339.format(at).prefix(10)))"
        case .marketingForbidden(let marketplace): "\(marketplace.displayName): order-related notices only"
        case .noAddress: "no email address"
        case .noOrder: "no order"
        }
    }

    static func unfilled(_ plan: NoticePlan) -> [String] {
        let clean = TerminalSanitizer.oneLine
        var lines = ["kefu: not queued: \(CountText.of(plan.unfilled.count, "recipient")) of \(plan.recipients) would get a notice with an unfilled field:"]
        for (field, count) in plan.unfilledCounts {
            lines.append("  {\(field)}: \(CountText.of(count, "recipient")) — give --field \(field)=VALUE, or fill it in the store")
        }
        for entry in plan.unfilled.prefix(listed) {
            lines.append("  \(clean(entry.recipient.description))  \(clean(entry.name)): " + entry.fields.map { "{\($0)}" }.joined(separator: ", "))
        }
        if plan.unfilled.count > listed { lines.append("  … and \(plan.unfilled.count - listed) more") }
        return lines
    }

    static func preview(_ plan: NoticePlan, count: Int) -> [String] {
        var lines: [String] = []
        for (index, notice) in plan.notices.prefix(count).enumerated() {
            let to = notice.address.isEmpty ? "" : " <\(TerminalSanitizer.oneLine(notice.address))>"
            let order = notice.orderID.map { " · order \(TerminalSanitizer.oneLine($0))" } ?? ""
            lines.append("")
            lines.append("── \(index + 1) of \(plan.notices.count): \(TerminalSanitizer.oneLine(notice.recipient.description)) \(TerminalSanitizer.oneLine(notice.customerName))\(to)\(order) · \(notice.channel.rawValue) · \(notice.language) ──")
            lines.append("Subject: \(TerminalSanitizer.oneLine(notice.subject))")
            lines.append(contentsOf: TerminalSanitizer.clean(notice.body).split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
        }
        if !lines.isEmpty { lines.append("") }
        return lines
    }

    static func queued(_ summary: NoticeQueueSummary, campaign: String, rules: NoticeRules, plan: NoticePlan, seconds: Double) -> String {
        var text = "Queued \(CountText.of(summary.queued, "notice")) in campaign \(TerminalSanitizer.oneLine(campaign)) in \(String(format: "%.1f", seconds)) s"
        if summary.alreadyQueued > 0 { text += "; \(summary.alreadyQueued) already queued by an earlier run (not queued again)" }
        if let first = summary.firstAt, let last = summary.lastAt {
            let channels = Set(plan.notices.map(\.channel)).sorted { $0.rawValue < $1.rawValue }
            text += ". Delivery spaced by rate (\(channels.map { "\($0.rawValue) \(rules.ratePerMinute[$0] ?? 60)/min" }.joined(separator: ", "))): from \(RFC3339.format(first)) to \(RFC3339.format(last))"
        }
        return text + ". kefu deliver hands them over."
    }
}
