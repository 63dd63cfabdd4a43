import Testing
@testable import KefuConsole

@Suite("The composer's text editor")
struct TextEditorTests {
    @Test func typingAndLines() {
        var editor = TextEditor()
        editor.insert("Hallo")
        editor.newline()
        editor.insert("Jürgen 🙂")
        #expect(editor.text == "Hallo\nJürgen 🙂")
        #expect(editor.line == 1)
        #expect(editor.displayColumn == 9)
        editor.backspace()
        #expect(editor.text == "Hallo\nJürgen ")
        editor.moveLineStart()
        editor.backspace()
        #expect(editor.text == "HalloJürgen ")
    }

    @Test("Moving up and down keeps the screen column across wide characters")
    func verticalMoves() {
        var editor = TextEditor(text: "日本語テキスト\nabcdefghij")
        editor.moveLineEnd()
        editor.moveLeft(); editor.moveLeft(); editor.moveLeft()
        #expect(editor.displayColumn == 7)
        editor.moveUp()
        #expect(editor.displayColumn == 6)  // inside a wide character: the cursor lands before it
        editor.moveDown()
        #expect(editor.column == 6)
    }

    @Test func wordsAndDeletion() {
        var editor = TextEditor(text: "refund or reship")
        editor.moveWordLeft()
        #expect(editor.column == 10)
        editor.deleteWordBackward()
        #expect(editor.text == "refund reship")
        editor.moveLineStart()
        editor.moveWordRight()
        #expect(editor.column == 6)
        editor.deleteToLineEnd()
        #expect(editor.text == "refund")
    }

    @Test("Undo takes back typing as one step, redo brings it back")
    func undoRedo() {
        var editor = TextEditor()
        for c in "hello" { editor.insert(String(c)) }
        editor.newline()
        for c in "world" { editor.insert(String(c)) }
        editor.undo()
        #expect(editor.text == "hello\n")
        editor.undo()
        #expect(editor.text == "hello")
        editor.redo()
        editor.redo()
        #expect(editor.text == "hello\nworld")
    }

    @Test("A large paste arrives whole, line breaks included")
    func paste() {
        var editor = TextEditor(text: "Start ")
        let block = (1...2000).map { "line \($0) mit Umlauten äöü 中文" }.joined(separator: "\n")
        editor.insert(block)
        #expect(editor.lines.count == 2000)
        #expect(editor.text == "Start " + block)
    }

    @Test("Wrapping breaks at spaces and never splits a wide character")
    func wrapping() {
        let editor = TextEditor(text: "Thank you for your patience with the parcel 日本語テキスト")
        let (rows, _, _) = editor.wrapped(width: 16)
        #expect(rows.first == "Thank you for ")
        for row in rows { #expect(KefuCore.DisplayWidth.of(row) <= 15) }
        #expect(rows.joined() == editor.text)
    }
}

import KefuCore
