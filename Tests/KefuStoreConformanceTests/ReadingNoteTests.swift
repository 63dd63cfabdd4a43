import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// How a broken mail was read is stored with its message on either backend and comes back
/// with the thread, in order; a sound message has none.
@Suite("Reading notes in the store")
struct ReadingNoteTests {
    @Test("Notes come back with their message, in order", arguments: StoreBackend.allCases)
    func stored(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        var broken = Fixture.message("broken", conversation: "c1", at: 0, from: "Anna <anna@example.de>", subject: "Paket")
        broken.readingNotes = ["multipart/mixed without a boundary parameter", "the body was read as plain text"]
        _ = try temp.store.ingest([broken, Fixture.message("sound", conversation: "c1", at: 60)])
        let ticket = try #require(try temp.store.queue(QueueQuery(view: .allOpen, now: Fixture.base), after: nil, limit: 10).first)
        let messages = try temp.store.messages(ticketID: ticket.id)
        #expect(messages.first { $0.externalID == "broken" }?.readingNotes == broken.readingNotes)
        #expect(messages.first { $0.externalID == "sound" }?.readingNotes == [])
    }
}
