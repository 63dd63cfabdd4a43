import Testing
import KefuCore

@Suite("Order id files for kefu notify: one a line or an order column")
struct NoticeOrderFileTests {
    @Test("One id a line, blank lines and repeats skipped")
    func plain() throws {
        #expect(try NoticeOrderFile.ids(in: "114-1\r\n\n 114-2 \n114-1\n") == ["114-1", "114-2"])
    }

    @Test("A CSV with an order_id column anywhere, quoted fields with commas")
    func csv() throws {
        #expect(try NoticeOrderFile.ids(in: "name,Order_ID,total\n\"Müller, Anna\",114-1,9.90\nBo,\"114-2\",1\n") == ["114-1", "114-2"])
        #expect(try NoticeOrderFile.ids(in: "order\nA-1\n") == ["A-1"])
    }

    @Test("Refused: several columns with none named order; nothing under the header")
    func refused() {
        #expect(throws: NoticeOrderFile.Problem.self) { try NoticeOrderFile.ids(in: "id,name\n1,Anna\n") }
        #expect(throws: NoticeOrderFile.Problem.self) { try NoticeOrderFile.ids(in: "order_id\n\n") }
        #expect(throws: NoticeOrderFile.Problem.self) { try NoticeOrderFile.ids(in: "") }
    }
}
