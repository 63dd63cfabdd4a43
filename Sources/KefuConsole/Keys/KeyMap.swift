/// The key bindings: data, not scattered `switch` statements. The default map follows what users
/// already know from lazygit, tig, neomutt and htop; a config file can replace bindings by command.
public struct KeyMap: Sendable, Hashable {
    public var bindings: [Binding]

    public init(bindings: [Binding]) {
        self.bindings = bindings
    }

    public static let standard = KeyMap(bindings: [
        Binding(.moveDown, .queue, [[.char("j")], [.down]], "next ticket (a count before it, like 5j, moves that many)", hint: true),
        Binding(.moveUp, .queue, [[.char("k")], [.up]], "previous ticket", hint: true),
        Binding(.top, .queue, [[.char("g"), .char("g")], [.home]], "first ticket"),
        Binding(.bottom, .queue, [[.char("G")], [.end]], "last ticket"),
        Binding(.halfPageDown, .queue, [[.ctrl("d")]], "half a page down"),
        Binding(.halfPageUp, .queue, [[.ctrl("u")]], "half a page up"),
        Binding(.pageDown, .queue, [[.pageDown]], "a page down"),
        Binding(.pageUp, .queue, [[.pageUp]], "a page up"),
        Binding(.open, .queue, [[.enter]], "open the thread", hint: true),
        Binding(.reply, .queue, [[.char("r")]], "reply to the selected ticket", hint: true),
        Binding(.filter, .queue, [[.char("/")]], "filter by text (customer, subject, order)", hint: true),
        Binding(.cycleView, .queue, [[.char("v")]], "switch view: needs reply / all open"),
        Binding(.showOverdue, .queue, [[.char("o")]], "only overdue tickets (again: all)"),
        Binding(.showDueSoon, .queue, [[.char("u")]], "only tickets due within 1 hour (again: all)"),
        Binding(.showCustomerLast, .queue, [[.char("c")]], "only conversations where the customer spoke last (again: all)"),
        Binding(.toggleHold, .queue, [[.char("h")]], "put on hold / take off hold (clocks that allow it pause)"),
        Binding(.toggleWaiting, .queue, [[.char("w")]], "waiting on the customer / not (their answer ends it)"),
        Binding(.noResponseNeeded, .queue, [[.char("N")]], "no response needed: settle without a reply (asks first)"),
        Binding(.showClocks, .queue, [[.char("C")]], "show every running clock in the status bar (again: the nearest)"),
        Binding(.insertTracking, .queue, [[.char("T")]], "reply with the order's tracking link(s)"),
        Binding(.insertEvidence, .queue, [[.char("E")]], "reply with a reference to the order's evidence"),
        Binding(.nextPane, .queue, [[.tab]], "focus the thread"),
        Binding(.assignToMe, .queue, [[.char("a")]], "assign the selected ticket to me"),
        Binding(.reassign, .queue, [[.char("A")]], "reassign the marked tickets (or the selected one) to someone (leads)"),
        Binding(.cycleAssignee, .queue, [[.char("m")]], "show: all / mine / unassigned"),
        Binding(.toggleMark, .queue, [[.char("x")]], "mark or unmark for a batch move (then A)"),
        Binding(.solve, .queue, [[.char("S")]], "solve: problem key, then responsible key (resolution preset)", hint: true),
        Binding(.dashboard, .queue, [[.char("D")]], "team dashboard"),
        Binding(.nextTicket, .queue, [[.char("n")]], "open the next ticket to answer (savable first, nobody else's)", hint: true),
        Binding(.previousTicket, .queue, [[.char("p")]], "back to the ticket opened before"),
        Binding(.jumpToTicket, .queue, [[.char("#")]], "open a ticket by its number"),
        Binding(.snooze, .queue, [[.char("z")]], "snooze until a time (14:00, tomorrow 9, 2h); it comes back then"),
        Binding(.followUp, .queue, [[.char("F")]], "follow up: in 3 days, on 2026-12-10, delivered, silent 5d; done ends it"),
        Binding(.back, .queue, [[.escape]], "clear the / filter"),

        Binding(.moveDown, .thread, [[.char("j")], [.down]], "scroll down", hint: true),
        Binding(.moveUp, .thread, [[.char("k")], [.up]], "scroll up", hint: true),
        Binding(.top, .thread, [[.char("g"), .char("g")], [.home]], "top of the thread"),
        Binding(.bottom, .thread, [[.char("G")], [.end]], "end of the thread"),
        Binding(.halfPageDown, .thread, [[.ctrl("d")], [.pageDown]], "half a page down"),
        Binding(.halfPageUp, .thread, [[.ctrl("u")], [.pageUp]], "half a page up"),
        Binding(.reply, .thread, [[.char("r")]], "reply", hint: true),
        Binding(.back, .thread, [[.escape]], "back to the queue", hint: true),
        Binding(.toggleHold, .thread, [[.char("h")]], "put on hold / take off hold"),
        Binding(.toggleWaiting, .thread, [[.char("w")]], "waiting on the customer / not"),
        Binding(.noResponseNeeded, .thread, [[.char("N")]], "no response needed (asks first)"),
        Binding(.showClocks, .thread, [[.char("C")]], "show every running clock"),
        Binding(.insertTracking, .thread, [[.char("T")]], "reply with the order's tracking link(s)"),
        Binding(.insertEvidence, .thread, [[.char("E")]], "reply with a reference to the order's evidence"),
        Binding(.nextPane, .thread, [[.tab]], "focus the queue"),
        Binding(.solve, .thread, [[.char("S")]], "solve: problem key, then responsible key (resolution preset)"),
        Binding(.nextTicket, .thread, [[.char("n")]], "open the next ticket to answer", hint: true),
        Binding(.previousTicket, .thread, [[.char("p")]], "back to the ticket opened before"),
        Binding(.jumpToTicket, .thread, [[.char("#")]], "open a ticket by its number"),
        Binding(.snooze, .thread, [[.char("z")]], "snooze until a time (14:00, tomorrow 9, 2h)"),
        Binding(.followUp, .thread, [[.char("F")]], "follow up: in 3 days, on 2026-12-10, delivered, silent 5d; done ends it"),
        Binding(.dashboard, .thread, [[.char("D")]], "team dashboard"),
        Binding(.toggleProfile, .thread, [[.char("i")]], "customer profile: orders, totals, earlier conversations (again: close)", hint: true),

        Binding(.moveDown, .profile, [[.char("j")], [.down]], "next earlier conversation", hint: true),
        Binding(.moveUp, .profile, [[.char("k")], [.up]], "previous earlier conversation", hint: true),
        Binding(.open, .profile, [[.enter]], "open that conversation (Esc there comes back)", hint: true),
        Binding(.back, .profile, [[.escape], [.char("i")]], "close the profile, back to the thread", hint: true),

        Binding(.send, .composer, [[.ctrl("s")]], "send the reply", hint: true),
        Binding(.templates, .composer, [[.ctrl("t")]], "pick a template", hint: true),
        Binding(.closeComposer, .composer, [[.escape]], "leave the composer (the draft is kept)", hint: true),
        Binding(.toggleNote, .composer, [[.ctrl("n")]], "internal note for the team / reply to the customer"),
        Binding(.disputeScaffold, .composer, [[.ctrl("x")]], "dispute reply: evidence, where to check it, what it means, two solutions"),
        Binding(.externalEditor, .composer, [[.ctrl("e")]], "edit the reply in $EDITOR (saved text comes back)"),
        Binding(.saveTemplate, .composer, [[.ctrl("p")]], "save this reply as a personal template (asks for a name)"),

        Binding(.insertTracking, .composer, [[.ctrl("k")]], "insert the order's tracking link(s) at the cursor"),
        Binding(.insertEvidence, .composer, [[.ctrl("g")]], "insert an evidence reference at the cursor"),
        Binding(.toggleAttachEvidence, .composer, [[.ctrl("o")]], "attach the referenced evidence (EV-…) files to the reply / stop attaching"),
        Binding(.reviewFindings, .composer, [[.ctrl("r")]], "list the reply checks' findings in full (after Ctrl-S)"),

        Binding(.pickerNext, .proofPicker, [[.down], [.ctrl("n")], [.char("j")]], "next", hint: true),
        Binding(.pickerPrevious, .proofPicker, [[.up], [.ctrl("p")], [.char("k")]], "previous", hint: true),
        Binding(.pickerInsert, .proofPicker, [[.enter]], "insert into the reply", hint: true),
        Binding(.pickerCancel, .proofPicker, [[.escape], [.char("q")]], "close (nothing inserted)", hint: true),

        Binding(.pickerNext, .picker, [[.down], [.ctrl("n")]], "next template", hint: true),
        Binding(.pickerPrevious, .picker, [[.up], [.ctrl("p")]], "previous template", hint: true),
        Binding(.pickerInsert, .picker, [[.enter]], "insert into the reply", hint: true),
        Binding(.pickerStage, .picker, [[.tab]], "filter by stage: all / pre-sale / in-sale / after-sale", hint: true),
        Binding(.pickerLanguage, .picker, [[.ctrl("o")]], "switch the template's language", hint: true),
        Binding(.pickerCancel, .picker, [[.escape]], "close the picker", hint: true),

        Binding(.help, .help, [[.escape], [.char("?")], [.char("q")]], "close help", hint: true),
        Binding(.moveDown, .help, [[.char("j")], [.down]], "scroll down", hint: true),
        Binding(.moveUp, .help, [[.char("k")], [.up]], "scroll up", hint: true),
        Binding(.pageDown, .help, [[.pageDown], [.char(" ")]], "a page down"),
        Binding(.pageUp, .help, [[.pageUp]], "a page up"),

        Binding(.moveDown, .dashboard, [[.char("j")], [.down]], "next row", hint: true),
        Binding(.moveUp, .dashboard, [[.char("k")], [.up]], "previous row"),
        Binding(.nextPane, .dashboard, [[.tab]], "switch table: agents / channels", hint: true),
        Binding(.sortPrevious, .dashboard, [[.char("<")]], "sort by the column to the left", hint: true),
        Binding(.sortNext, .dashboard, [[.char(">")]], "sort by the column to the right", hint: true),
        Binding(.reverseSort, .dashboard, [[.char("r")]], "reverse the order: best first (rows without data stay last)"),
        Binding(.togglePeriod, .dashboard, [[.char("p")]], "response times: today / last 7 days"),
        Binding(.open, .dashboard, [[.enter]], "the row's tickets in the queue", hint: true),
        Binding(.back, .dashboard, [[.escape], [.char("D")]], "back to the queue", hint: true),

        Binding(.help, .global, [[.char("?")], [.function(1)]], "help: every key of this screen", hint: true),
        Binding(.palette, .global, [[.char(":")]], "command palette (:q, :view overdue, :filter TEXT, :help)"),
        Binding(.redraw, .global, [[.ctrl("l")]], "redraw the screen"),
        Binding(.quit, .global, [[.char("q")]], "quit (drafts are kept)", hint: true),
        Binding(.forceQuit, .global, [[.ctrl("c")]], "quit from anywhere (drafts are kept)"),
    ])

    /// What a key sequence means in a context: a command, the start of a longer sequence, or nothing.
    public enum Match: Sendable, Hashable {
        case command(Command)
        case prefix
        case none
    }

    public func match(_ sequence: [Key], in context: KeyContext) -> Match {
        var isPrefix = false
        // The context's own bindings win over global ones; the composer and picker take
        // printable keys as text, so global single-character bindings do not apply there.
        let contexts: [KeyContext] = context == .composer || context == .picker || context == .help ? [context, .global] : [context, .global]
        for ctx in contexts {
            for binding in bindings where binding.context == ctx {
                if ctx == .global && (context == .composer || context == .picker) {
                    if case .char = sequence.first { continue }
                }
                for keys in binding.keys {
                    if keys == sequence { return .command(binding.command) }
                    if keys.count > sequence.count && Array(keys.prefix(sequence.count)) == sequence { isPrefix = true }
                }
            }
            if isPrefix { return .prefix }
        }
        return .none
    }

    /// The bindings help lists for a context: its own, then the global ones. In the composer and
    /// the picker printable keys type text, so a global binding is listed with its other keys
    /// only (`F1` for help, not `?`) or not at all (`:` and `q` type there).
    public func help(for context: KeyContext) -> [Binding] {
        let own = bindings.filter { $0.context == context }
        guard context != .help else { return own }
        let global = bindings.filter { $0.context == .global }.compactMap { binding -> Binding? in
            guard context == .composer || context == .picker else { return binding }
            var typed = binding
            typed.keys = binding.keys.filter { keys in if case .char = keys.first { return false }; return true }
            return typed.keys.isEmpty ? nil : typed
        }
        // A context's own binding for a key hides the global one (`q` closes the tracking picker).
        let ownKeys = Set(own.flatMap(\.keys))
        return own + global.compactMap { binding in
            var visible = binding
            visible.keys = binding.keys.filter { !ownKeys.contains($0) }
            return visible.keys.isEmpty ? nil : visible
        }
    }

    /// The hint line for a context: only keys that work there (in the composer and the picker,
    /// printable keys type text, so global letter bindings are left out).
    public func hints(for context: KeyContext) -> [Binding] {
        help(for: context).filter { binding in
            guard binding.hint else { return false }
            if binding.context == .global && (context == .composer || context == .picker) {
                return binding.keys.contains { keys in if case .char = keys.first { return false }; return true }
            }
            return true
        }
    }
}
