import KefuCore

/// The composer's text: lines of characters (grapheme clusters, so an accented letter or an emoji
/// with a modifier moves as one) and a cursor. Pure value; every edit can be undone.
public struct TextEditor: Sendable, Hashable {
    public private(set) var lines: [[Character]]
    public private(set) var line: Int
    public private(set) var column: Int
    private var undoStack: [Snapshot] = []
    private var redoStack: [Snapshot] = []
    /// Consecutive typing is one undo step; a cursor move or another kind of edit starts a new one.
    private var lastEditWasTyping = false

    private struct Snapshot: Sendable, Hashable {
        var lines: [[Character]]
        var line: Int
        var column: Int
    }

    public init(text: String = "") {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
        if lines.isEmpty { lines = [[]] }
        line = lines.count - 1
        column = lines[line].count
    }

    public var text: String { lines.map { String($0) }.joined(separator: "\n") }
    public var isEmpty: Bool { lines.count == 1 && lines[0].isEmpty }

    // MARK: Editing

    /// Inserts text at the cursor (typing or a paste; line breaks split lines).
    public mutating func insert(_ text: String) {
        guard !text.isEmpty else { return }
        let typing = text.count == 1 && text != "\n"
        if !(typing && lastEditWasTyping) { checkpoint() }
        lastEditWasTyping = typing
        let pieces = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        let tail = Array(lines[line][column...])
        lines[line].removeSubrange(column...)
        for (i, piece) in pieces.enumerated() {
            if i > 0 {
                lines.insert([], at: line + 1)
                line += 1
                column = 0
            }
            lines[line].append(contentsOf: piece)
            column = lines[line].count
        }
        lines[line].append(contentsOf: tail)
    }

    public mutating func newline() { insert("\n") }

    public mutating func backspace() {
        guard column > 0 || line > 0 else { return }
        checkpoint()
        if column > 0 {
            lines[line].remove(at: column - 1)
            column -= 1
        } else {
            let current = lines.remove(at: line)
            line -= 1
            column = lines[line].count
            lines[line].append(contentsOf: current)
        }
    }

    public mutating func deleteForward() {
        guard column < lines[line].count || line < lines.count - 1 else { return }
        checkpoint()
        if column < lines[line].count {
            lines[line].remove(at: column)
        } else {
            let next = lines.remove(at: line + 1)
            lines[line].append(contentsOf: next)
        }
    }

    /// Deletes the word before the cursor (Ctrl-W), with the spaces after it.
    public mutating func deleteWordBackward() {
        guard column > 0 || line > 0 else { return }
        let start = wordStartBefore()
        checkpoint()
        if start.line == line {
            lines[line].removeSubrange(start.column..<column)
        } else {
            let rest = Array(lines[line][column...])
            lines.removeSubrange((start.line + 1)...line)
            lines[start.line].removeSubrange(start.column...)
            lines[start.line].append(contentsOf: rest)
        }
        line = start.line
        column = start.column
    }

    /// Deletes from the cursor to the end of the line (Ctrl-K).
    public mutating func deleteToLineEnd() {
        guard column < lines[line].count else { deleteForward(); return }
        checkpoint()
        lines[line].removeSubrange(column...)
    }

    /// Replaces `expected` where it starts at (line, column), 0-based in characters, and puts the
    /// cursor after the new text; false (and nothing changed) when the text there differs.
    @discardableResult
    public mutating func replace(line target: Int, column start: Int, expected: String, with replacement: String) -> Bool {
        let old = Array(expected)
        guard lines.indices.contains(target), start >= 0, start + old.count <= lines[target].count,
            Array(lines[target][start..<(start + old.count)]) == old, !replacement.contains("\n")
        else { return false }
        checkpoint()
        lines[target].replaceSubrange(start..<(start + old.count), with: Array(replacement))
        line = target
        column = start + replacement.count
        return true
    }

    /// Moves the cursor to (line, column), clamped to the text.
    public mutating func moveTo(line target: Int, column target2: Int) {
        lastEditWasTyping = false
        line = min(max(0, target), lines.count - 1)
        column = min(max(0, target2), lines[line].count)
    }

    /// Replaces the whole text (a template on an empty reply, the text back from $EDITOR).
    public mutating func replaceAll(with text: String) {
        checkpoint()
        self = TextEditor(text: text, keepingHistoryOf: self)
    }

    private init(text: String, keepingHistoryOf old: TextEditor) {
        self.init(text: text)
        undoStack = old.undoStack
        redoStack = []
    }

    public mutating func undo() {
        guard let snapshot = undoStack.popLast() else { return }
        redoStack.append(Snapshot(lines: lines, line: line, column: column))
        restore(snapshot)
    }

    public mutating func redo() {
        guard let snapshot = redoStack.popLast() else { return }
        undoStack.append(Snapshot(lines: lines, line: line, column: column))
        restore(snapshot)
    }

    private mutating func restore(_ snapshot: Snapshot) {
        lines = snapshot.lines
        line = snapshot.line
        column = snapshot.column
        lastEditWasTyping = false
    }

    private mutating func checkpoint() {
        undoStack.append(Snapshot(lines: lines, line: line, column: column))
        if undoStack.count > 200 { undoStack.removeFirst(undoStack.count - 200) }
        redoStack.removeAll()
        lastEditWasTyping = false
    }

    // MARK: Moving

    public mutating func moveLeft() {
        lastEditWasTyping = false
        if column > 0 { column -= 1 } else if line > 0 { line -= 1; column = lines[line].count }
    }

    public mutating func moveRight() {
        lastEditWasTyping = false
        if column < lines[line].count { column += 1 } else if line < lines.count - 1 { line += 1; column = 0 }
    }

    public mutating func moveUp() {
        lastEditWasTyping = false
        guard line > 0 else { column = 0; return }
        let x = displayColumn
        line -= 1
        column = index(atDisplayColumn: x, in: lines[line])
    }

    public mutating func moveDown() {
        lastEditWasTyping = false
        guard line < lines.count - 1 else { column = lines[line].count; return }
        let x = displayColumn
        line += 1
        column = index(atDisplayColumn: x, in: lines[line])
    }

    public mutating func moveLineStart() { lastEditWasTyping = false; column = 0 }
    public mutating func moveLineEnd() { lastEditWasTyping = false; column = lines[line].count }

    public mutating func moveWordLeft() {
        lastEditWasTyping = false
        let start = wordStartBefore()
        line = start.line
        column = start.column
    }

    public mutating func moveWordRight() {
        lastEditWasTyping = false
        var l = line, c = column
        if c >= lines[l].count, l < lines.count - 1 { l += 1; c = 0 }
        while c < lines[l].count, !Self.isWordCharacter(lines[l][c]) { c += 1 }
        while c < lines[l].count, Self.isWordCharacter(lines[l][c]) { c += 1 }
        line = l
        column = c
    }

    private func wordStartBefore() -> (line: Int, column: Int) {
        var l = line, c = column
        if c == 0 { return l > 0 ? (l - 1, lines[l - 1].count) : (0, 0) }
        while c > 0, !Self.isWordCharacter(lines[l][c - 1]) { c -= 1 }
        while c > 0, Self.isWordCharacter(lines[l][c - 1]) { c -= 1 }
        if c == 0 && l > 0 && column == 0 { l -= 1; c = lines[l].count }
        return (l, c)
    }

    private static func isWordCharacter(_ c: Character) -> Bool {
        c.isLetter || c.isNumber || c == "_" || c == "'"
    }

    /// The cursor's column on screen within its line (wide characters count two).
    public var displayColumn: Int {
        lines[line][..<column].reduce(0) { $0 + DisplayWidth.of(String($1)) }
    }

    private func index(atDisplayColumn x: Int, in characters: [Character]) -> Int {
        var width = 0
        for (i, c) in characters.enumerated() {
            let w = DisplayWidth.of(String(c))
            if width + w > x { return i }
            width += w
        }
        return characters.count
    }

    // MARK: Drawing

    /// The text wrapped to `width` columns at spaces (mid-word only when a word is longer than a
    /// row), with the cursor's place among the wrapped rows.
    public func wrapped(width: Int) -> (rows: [String], cursorRow: Int, cursorColumn: Int) {
        let wrapped = wrappedRows(width: width)
        return (wrapped.rows, wrapped.cursorRow, wrapped.cursorColumn)
    }

    /// As `wrapped`, with the (0-based) text line each row belongs to, so a margin can number
    /// the lines the checks name.
    public func wrappedRows(width: Int) -> (rows: [String], lineOfRow: [Int], cursorRow: Int, cursorColumn: Int) {
        guard width > 1 else { return ([], [], 0, 0) }
        let limit = width - 1
        var rows: [String] = []
        var lineOfRow: [Int] = []
        var cursorRow = 0, cursorColumn = 0
        for (l, characters) in lines.enumerated() {
            let widths = characters.map { DisplayWidth.of(String($0)) }
            // Row breaks for this line: indices where a new row starts.
            var starts = [0]
            var rowWidth = 0
            var lastSpace: Int?
            var i = 0
            while i < characters.count {
                if rowWidth + widths[i] > limit {
                    if let space = lastSpace, space + 1 > starts.last! {
                        starts.append(space + 1)
                        rowWidth = widths[(space + 1)..<i].reduce(0, +)
                    } else {
                        starts.append(i)
                        rowWidth = 0
                    }
                    lastSpace = nil
                }
                if characters[i] == " " { lastSpace = i }
                rowWidth += widths[i]
                i += 1
            }
            for (r, start) in starts.enumerated() {
                let end = r + 1 < starts.count ? starts[r + 1] : characters.count
                if l == line && column >= start && (column < end || r == starts.count - 1) {
                    cursorRow = rows.count
                    cursorColumn = widths[start..<column].reduce(0, +)
                }
                rows.append(String(characters[start..<end]))
                lineOfRow.append(l)
            }
        }
        return (rows, lineOfRow, cursorRow, cursorColumn)
    }
}
