import KefuCore

/// The outcome prompt of `S`: the keys of each field in plain sight, the field being asked for
/// marked `▶`, the choices made so far spelled out.
enum OutcomePromptView {
    static func draw(_ state: AppState, on screen: inout ScreenBuffer) {
        guard let prompt = state.outcomePrompt else { return }
        let width = min(92, screen.cols)
        let inner = width - 4
        let problems = flow(Problem.allCases.map { "\($0.key) \($0.title)" }, width: inner - 2)
        let parties = flow(ResponsibleParty.allCases.map { "\($0.key) \($0.title)" }, width: inner - 2)
        let resolutions = flow(Resolution.allCases.map { "\($0.key) \($0.title)" }, width: inner - 2)
        let height = 9 + problems.count + parties.count + resolutions.count
        let box = OverlayBox.rect(rows: screen.rows - 2, cols: screen.cols, wantedHeight: height, wantedWidth: width)
        let verb = prompt.mode == .solve ? "Solve" : "Outcome of"
        // The customer's name when known (`S` on a ticket); `:outcome ID` knows only the number.
        let name = prompt.customerName.isEmpty || prompt.customerName == "#\(prompt.ticketID)" ? "" : " " + DisplayWidth.truncate(prompt.customerName, to: 24)
        OverlayBox.draw(title: "\(verb) #\(prompt.ticketID)\(name)", rect: box, on: &screen)
        var row = box.top + 1
        let left = box.left + 2
        func section(_ title: String, _ lines: [String], active: Bool, chosen: String?) {
            guard row < box.bottom - 1 else { return }
            let mark = active ? "▶ " : "  "
            screen.put(mark + title + (chosen.map { ": " + $0 } ?? ""), row: row, col: left, role: active ? .prompt : .title, limit: inner)
            row += 1
            for line in lines where row < box.bottom - 1 {
                screen.put("  " + line, row: row, col: left, role: active ? .normal : .dim, limit: inner)
                row += 1
            }
        }
        let asking = prompt.problem == nil
        section("1st key — the problem", problems, active: asking, chosen: prompt.problem?.title)
        section("2nd key — who was responsible (solves)", parties, active: !asking, chosen: nil)
        let preset = prompt.effectiveResolution.map { $0.title + (prompt.resolution == nil ? " (preset for this problem)" : "") }
        section("Resolution — a digit before the 2nd key changes it", resolutions, active: false, chosen: preset)
        if row < box.bottom - 1 {
            screen.put("Esc cancels · Backspace goes back a step", row: box.bottom - 2, col: left, role: .dim, limit: inner)
        }
    }

    /// Items joined by two spaces, wrapped to `width` columns.
    static func flow(_ items: [String], width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for item in items {
            let candidate = line.isEmpty ? item : line + "   " + item
            if DisplayWidth.of(candidate) > width, !line.isEmpty {
                lines.append(line)
                line = item
            } else {
                line = candidate
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
