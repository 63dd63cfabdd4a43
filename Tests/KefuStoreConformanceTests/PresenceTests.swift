import Foundation
import Testing
import KefuCore
import KefuTestSupport

/// Presence through the store: what one console announces another reads, `since` keeps the
/// start of the activity, and a console that stops renewing leaves no ghost.
@Suite("Presence")
struct PresenceTests {
    @Test("Reading, then typing, seen by another connection; lapses without renewal", arguments: StoreBackend.allCases)
    func board(_ backend: StoreBackend) throws {
        let temp = try BackendStore(backend)
        _ = try temp.store.ingest([Fixture.message("m1", conversation: "c1", at: 0), Fixture.message("m2", conversation: "c2", at: 1)])
        let mine = try #require(temp.store as? any PresenceBoard)
        let theirs = try #require(try temp.reopen() as? any PresenceBoard)
        let t0 = Fixture.base.addingTimeInterval(3600)
        try mine.announcePresence(agent: "Zhang Min", ticketID: 1, activity: .reading, ttl: 90, now: t0)
        try mine.announcePresence(agent: "Zhang Min", ticketID: 1, activity: .typing, ttl: 90, now: t0.addingTimeInterval(10))
        try mine.announcePresence(agent: "Zhang Min", ticketID: 1, activity: .typing, ttl: 90, now: t0.addingTimeInterval(40))
        let seen = try theirs.presence(now: t0.addingTimeInterval(41))
        #expect(seen.count == 1)
        #expect(seen.first?.activity == .typing)
        #expect(seen.first?.since == t0.addingTimeInterval(10), "since is the first keystroke, not the last renewal")
        #expect(seen.first?.until == t0.addingTimeInterval(130))
        #expect(try theirs.presence(now: t0.addingTimeInterval(131)).isEmpty, "a console that stopped renewing leaves no ghost")
        // Moving to another ticket starts a new since; leaving clears the entry.
        try mine.announcePresence(agent: "Zhang Min", ticketID: 2, activity: .typing, ttl: 90, now: t0.addingTimeInterval(50))
        #expect(try theirs.presence(now: t0.addingTimeInterval(51)).map(\.since) == [t0.addingTimeInterval(50)])
        try mine.announcePresence(agent: "Zhang Min", ticketID: nil, activity: .reading, ttl: 90, now: t0.addingTimeInterval(60))
        #expect(try theirs.presence(now: t0.addingTimeInterval(61)).isEmpty)
    }

    @Test("The row shows others only, typing over reading over holding")
    func rowMarks() {
        let t = Date(timeIntervalSince1970: 0)
        let presence = [
            Presence(agent: "Li Wei", ticketID: 1, activity: .reading, since: t, until: t),
            Presence(agent: "Zhang Min", ticketID: 1, activity: .typing, since: t, until: t),
            Presence(agent: "Me Myself", ticketID: 2, activity: .typing, since: t, until: t),
        ]
        let claims = [TicketClaim(ticketID: 3, agent: "Anna Berg", since: t, until: t), TicketClaim(ticketID: 1, agent: "Li Wei", since: t, until: t)]
        let shown = TicketPresence.byTicket(presence: presence, claims: claims, excluding: "me myself")
        #expect(shown[1]?.rowMark == "ZM✎")
        #expect(shown[2] == nil)
        #expect(shown[3]?.rowMark == "AB ")
    }
}
