import Foundation
import Testing
import KefuCore

/// Issue 16 through the real binary: forwarded fake "Amazon" mails are marked on the queue row,
/// explained at the top of the thread with the link defanged, add up to a scam wave on the
/// dashboard, and the shipped scam-warning template answers them; `kefu show --json` and
/// `kefu links check` say the same.
@Suite("Scam safety end to end", .serialized)
struct ScamSafetyEndToEndTests {
    /// Four French buyers forward the same fake gift-card mail within the hour; one Amazon buyer
    /// writes through the real relay with a real amazon.fr link.
    static func messages(now: Date) -> String {
        var lines: [String] = []
        let names = ["Zoé Lefèvre", "Marc Dubois", "Inès Martin", "Luc Bernard"]
        for (index, name) in names.enumerated() {
            let at = RFC3339.format(now.addingTimeInterval(Double(index - 6) * 300))
            let body = "Bonjour, est-ce vous ? J'ai reçu : Vous avez gagné une carte cadeau, cliquez sur [www.amazon.fr](https://amazon-gift-fr.com/carte?id=\(index))"
            lines.append(#"{"id":"fw\#(index)","conversation":"fw\#(index)","channel":"email","direction":"in","from":"\#(name) <buyer\#(index)@example.fr>","to":"shop@example.com","at":"\#(at)","subject":"Est-ce vous ?","body":"\#(body)","language":"fr"}"#)
        }
        let at = RFC3339.format(now.addingTimeInterval(-600))
        lines.append(#"{"id":"amz1","conversation":"amz1","channel":"marketplace","marketplace":"amazon","direction":"in","from":"Paul Roux <q8r7x6@marketplace.amazon.fr>","to":"shop@example.com","at":"\#(at)","subject":"Retard de livraison","body":"Bonjour, ma commande https://www.amazon.fr/gp/your-account/order-details?orderID=171-1234567-1234567 est en retard.","order":"171-1234567-1234567","language":"fr"}"#)
        return lines.joined(separator: "\n")
    }

    @Test("⚠ link on the queue row, the finding and the defanged link in the thread, the wave on the dashboard, the template in the composer")
    func console() throws {
        let scratch = try Scratch()
        let db = scratch.path("k.sqlite")
        try KefuBinary.run(["ingest", "--db", db, "-"], input: Self.messages(now: Date()))
        let tmux = try Tmux(command: [KefuBinary.path, "--db", db], environment: ["XDG_CONFIG_HOME": scratch.path("config")])
        let queue = try tmux.waitFor("the queue with its marks") { $0.contains("Zoé Lefèvre") && $0.contains("Paul") }
        // The queue pane is the left part of each line; the names may be cut ("Zoé Lefè…").
        let rows = queue.split(separator: "\n").map { $0.split(separator: "│").first.map(String.init) ?? "" }
        for name in ["Zoé", "Marc", "Inès", "Luc"] {
            #expect(rows.contains { $0.contains(name) && $0.contains("⚠ link") }, "\(name)\n\(queue)")
        }
        #expect(rows.contains { $0.contains("Paul") && !$0.contains("⚠") }, "\(queue)")

        // Zoé's thread (the first row, selected): what was found is at the top, and the link
        // cannot be clicked.
        try tmux.press("Enter")
        let thread = try tmux.waitFor("the thread's warning") { $0.contains("⚠ Suspicious link: link text says www.amazon.fr, goes to amazon-gift-fr.com") }
        #expect(thread.contains("hxxps://amazon-gift-fr[.]com/carte"))
        #expect(!thread.contains("https://amazon-gift-fr.com"))

        // The lead's dashboard: four customers mention the same host.
        try tmux.press("Escape")
        try tmux.press("D")
        let board = try tmux.waitFor("the scam wave") { $0.contains("SCAM WAVE: 4 customers since") }
        #expect(board.contains("mention amazon-gift-fr[.]com"))
        #expect(board.contains("template 'scam-warning'"))

        // The team's answer: the shipped template, in the customer's language.
        try tmux.press("Escape")
        try tmux.waitFor(text: "Queue · needs reply")
        try tmux.press("r")
        try tmux.waitFor(text: "Reply to")
        try tmux.press("C-t")
        try tmux.waitFor(text: "Templates ·")
        try tmux.type("scam")
        try tmux.waitFor(text: "Warning about a fake marketplace mail")
        try tmux.press("Enter")
        try tmux.waitFor("the French variant inserted") { $0.contains("Signalez-le à la plateforme") && $0.contains("Amazon, eBay et les autres plateformes") }
        // It passes the reply checks, the new link-request check included, and goes out.
        try tmux.press("C-s")
        let sent = try tmux.waitFor("the reply sent") { $0.contains("Reply sent to Zoé Lefèvre") || $0.contains("Send anyway? y/n") || $0.contains("Not sent:") }
        #expect(!sent.contains("Not sent:"))
        if sent.contains("Send anyway? y/n") { try tmux.press("y") }
        try tmux.waitFor(text: "Reply sent to Zoé Lefèvre")
        try tmux.press("q")
    }

    @Test("kefu show --json carries the findings; kefu links check explains a verdict and exits 1 when it flags")
    func commands() throws {
        let scratch = try Scratch()
        let db = scratch.path("k.sqlite")
        try KefuBinary.run(["ingest", "--db", db, "-"], input: Self.messages(now: Date()))
        let queue = try JSONSerialization.jsonObject(with: Data(try KefuBinary.run(["queue", "--db", db, "--json"]).output.utf8)) as! [[String: Any]]
        let zoe = try #require(queue.first { $0["customer"] as? String == "Zoé Lefèvre" })
        #expect(zoe["safety"] as? String == "link")
        #expect(queue.first { $0["customer"] as? String == "Paul Roux" }?["safety"] is NSNull)

        let shown = try KefuBinary.run(["show", "--db", db, "\(zoe["id"]!)", "--json"]).output
        let object = try JSONSerialization.jsonObject(with: Data(shown.utf8)) as! [String: Any]
        let findings = try #require(((object["messages"] as? [[String: Any]])?.first?["findings"]) as? [[String: Any]])
        #expect(findings.contains { $0["signal"] as? String == "link-text-mismatch" && $0["shown"] as? String == "hxxps://amazon-gift-fr[.]com/carte?id=0" })
        #expect(findings.contains { $0["signal"] as? String == "scam-phrase" })

        let flagged = try KefuBinary.run(["links", "check", "https://amazon.com.verify-login.ru/confirm"], check: false)
        #expect(flagged.status == 1)
        #expect(flagged.output.contains("'amazon' appears in amazon.com.verify-login.ru, which belongs to verify-login.ru"))
        #expect(flagged.output.contains("hxxps://amazon[.]com[.]verify-login[.]ru/confirm"))
        let clean = try KefuBinary.run(["links", "check", "https://www.amazon.fr/gp/help/customer/display.html"], check: false)
        #expect(clean.status == 0)
        #expect(clean.output.contains("No warning"))
        let mail = scratch.path("fake.eml")
        try ("From: \"PayPal\" <service@paypa1-secure.com>\r\nTo: shop@example.com\r\nSubject: Konto bestätigen\r\n"
            + "Content-Type: text/html\r\n\r\n<a href=\"http://paypa1-secure.com/login\">www.paypal.com</a>\r\n").write(toFile: mail, atomically: true, encoding: .utf8)
        let fromFile = try KefuBinary.run(["links", "check", mail], check: false)
        #expect(fromFile.status == 1)
        #expect(fromFile.output.contains("link text says www.paypal.com, goes to paypa1-secure.com"))
        #expect(fromFile.output.contains("sender: the sender calls itself 'paypal' in its name but writes from paypa1-secure.com"))
    }
}
