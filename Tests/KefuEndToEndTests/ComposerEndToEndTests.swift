import Foundation
import Testing

/// The composer's tools through the real binary: $EDITOR, internal notes, the reply checks,
/// personal templates that come back after a restart.
@Suite("Composer end to end", .serialized)
struct ComposerEndToEndTests {
    static let message = #"{"id":"m1","conversation":"c1","channel":"marketplace","marketplace":"amazon","direction":"in","from":"Zoé Lefèvre <zoe@example.fr>","to":"shop@example.com","at":"2026-11-20T02:00:00Z","subject":"Où est mon colis ?","body":"Bonjour, où est mon colis ?","language":"fr"}"#

    @Test("Ctrl-E edits the draft in $EDITOR; Ctrl-N saves a note; a placeholder blocks; Ctrl-P saves a template kept across restarts")
    func composerTools() throws {
        let scratch = try Scratch()
        let db = scratch.path("k.sqlite")
        let config = scratch.path("config")
        try KefuBinary.run(["ingest", "--db", db, "-"], input: Self.message)
        // An "editor" that appends a line to the file it is given, as a person would.
        let editor = scratch.path("editor.sh")
        try "#!/bin/sh\nprintf '\\nLigne ajoutée dans l’éditeur' >> \"$1\"\n".write(toFile: editor, atomically: true, encoding: .utf8)
        chmod(editor, 0o755)
        let environment = ["EDITOR": editor, "VISUAL": "", "XDG_CONFIG_HOME": config]
        var tmux = try Tmux(command: [KefuBinary.path, "--db", db], environment: environment)
        try tmux.waitFor(text: "Zoé Lefèvre")
        try tmux.press("r")
        try tmux.waitFor(text: "Reply to Zoé Lefèvre")
        try tmux.type("Bonjour Zoé,")
        try tmux.press("C-e")
        try tmux.waitFor(text: "Back from the editor")
        try tmux.waitFor(text: "Ligne ajoutée dans l’éditeur")

        // An unfilled placeholder: not sent, and the screen says where.
        try tmux.press("Enter")
        try tmux.type("Votre remise : {discount_percent} %")
        try tmux.press("C-s")
        try tmux.waitFor(text: "✖ line 3, col 16: placeholder {discount_percent} is not filled")
        #expect(try KefuBinary.run(["queue", "--db", db, "--json"]).output.contains("\"conversation\" : \"c1\""))

        // Saved as a personal template under the config folder.
        try tmux.press("C-p")
        try tmux.waitFor(text: "Save as template named:")
        try tmux.type("Remise fidélité")
        try tmux.press("Enter")
        try tmux.waitFor(text: "Saved template “Remise fidélité”")
        // Named as typed; saved generic: the customer's first name is a field again.
        let file = config + "/kefu/templates/remise-fidélité.tmpl"
        let saved = try String(contentsOfFile: file, encoding: .utf8)
        #expect(saved.contains("name: remise-fidélité"))
        #expect(saved.contains("--- fr\nBonjour {customer_first_name},\nLigne ajoutée dans l’éditeur\nVotre remise : {discount_percent} %"))
        #expect(!saved.contains("Zoé"))

        // An internal note goes into the thread, not to the customer.
        try tmux.press("C-n")
        try tmux.waitFor(text: "INTERNAL NOTE")
        // The cursor is at the end of the draft: empty it, then write the note.
        try tmux.run(["send-keys", "-t", "main", "-N", "120", "BSpace"])
        try tmux.waitFor(text: "Type your reply…")
        try tmux.type("Colis bloqué à la douane, rappeler lundi")
        try tmux.press("C-s")
        try tmux.waitFor(text: "Internal note saved on #1")
        let shown = try KefuBinary.run(["show", "--db", db, "1"]).output
        #expect(shown.contains("Internal note"))
        #expect(shown.contains("Colis bloqué à la douane, rappeler lundi"))
        #expect(!shown.contains("Votre remise"))  // the draft was not sent to the customer
        try tmux.press("Escape", "q")

        // After a restart the personal template is in the picker.
        tmux = try Tmux(command: [KefuBinary.path, "--db", db], environment: environment)
        try tmux.waitFor(text: "Zoé Lefèvre")
        try tmux.press("r")
        try tmux.waitFor(text: "Reply to Zoé Lefèvre")
        try tmux.press("C-t")
        try tmux.waitFor(text: "Templates ·")
        try tmux.type("fidélité")
        try tmux.waitFor(text: "Remise fidélité")
        try tmux.press("Escape", "Escape", "q")
    }
}
