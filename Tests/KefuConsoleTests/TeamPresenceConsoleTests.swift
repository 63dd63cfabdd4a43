import Foundation
import Testing
import KefuCore
import KefuStore
import KefuTestSupport
@testable import KefuConsole

/// Two consoles on one real store, as two agents at peak: `n` gives each a different ticket,
/// each sees where the other is, and a reply that would cross a teammate's asks first.
@Suite("Two agents on one queue")
struct TeamPresenceConsoleTests {
    static func agent(_ name: String, store: any TicketStore, at now: Date) -> ConsoleEngine {
        var state = AppState(rows: 40, cols: 160, now: now, profile: AgentProfile(name: name, storeName: "Shop"),
                             templates: ConsoleFixtures.templates)
        state.timeZone = TimeZone(identifier: "UTC")!
        state.presence.claimsEnabled = true
        state.presence.boardEnabled = true
        let keys = LockedCounter()
        let engine = ConsoleEngine(state: state, environment: ConsoleEnvironment(
            store: store, clock: .fixed(now), makeIdempotencyKey: { "\(name)-\(keys.next())" }))
        engine.start()
        return engine
    }

    static func filled(_ tickets: Int) throws -> TemporaryStore {
        let temp = try TemporaryStore()
        _ = try temp.store.ingest((0..<tickets).map {
            Fixture.message("m\($0)", conversation: "c\($0)", at: Double($0), from: Fixture.internationalNames[$0 % 5], subject: "Ticket \($0)")
        })
        return temp
    }

    static func type(_ text: String, into engine: ConsoleEngine) {
        for character in text { engine.send(.key(.char(character))) }
    }

    @Test("n claims the most urgent free ticket: two agents get two tickets, and n again moves on")
    func claims() throws {
        let temp = try Self.filled(4)
        let now = Fixture.base.addingTimeInterval(600)
        let li = Self.agent("Li Wei", store: temp.store, at: now)
        let zhang = Self.agent("Zhang Min", store: try temp.reopen(), at: now)
        li.send(.key(.char("n")))
        zhang.send(.key(.char("n")))
        let liTicket = try #require(li.state.thread?.ticket.id)
        let zhangTicket = try #require(zhang.state.thread?.ticket.id)
        #expect(liTicket != zhangTicket)
        #expect(li.state.presence.myClaim == liTicket)
        #expect(try Set(temp.store.liveClaims(now: now).map(\.ticketID)) == [liTicket, zhangTicket])
        // n from the thread lets the ticket go and takes the next free one, not Zhang's.
        li.send(.key(.char("n")))
        let next = try #require(li.state.thread?.ticket.id)
        #expect(next != liTicket && next != zhangTicket)
        #expect(try temp.store.liveClaims(now: now).filter { $0.agent == "Li Wei" }.map(\.ticketID) == [next])
        // Quitting lets the claim go for the team.
        li.send(.key(.char("q")))
        #expect(try temp.store.liveClaims(now: now).map(\.agent) == ["Zhang Min"])
    }

    @Test("Each console shows the other agent on the row and in the thread: reading, then typing")
    func presence() throws {
        let temp = try Self.filled(3)
        let now = Fixture.base.addingTimeInterval(600)
        let li = Self.agent("Li Wei", store: temp.store, at: now)
        let zhang = Self.agent("Zhang Min", store: try temp.reopen(), at: now)
        li.send(.key(.enter))
        let id = try #require(li.state.thread?.ticket.id)
        zhang.send(.storeChanged)
        #expect(zhang.state.presence.others[id]?.kind == .reading)
        li.send(.key(.char("r")))
        zhang.send(.storeChanged)
        #expect(zhang.state.presence.others[id]?.kind == .typing)
        zhang.send(.key(.enter))
        let screen = ConsoleView.render(zhang.state)
        let clock = TimeText.clock(now, timeZone: TimeZone(identifier: "UTC")!)
        let header = screen.contains("Li Wei is typing a reply (since \(clock))"), row = screen.contains("LW✎")
        #expect(header, "the thread names who types and since when")
        #expect(row, "the queue row marks the ticket")
        // Li Wei sees Zhang Min reading the same ticket; nobody sees themselves.
        li.send(.storeChanged)
        #expect(li.state.presence.others[id]?.agent == "Zhang Min")
        #expect(zhang.state.presence.others[id]?.agent == "Li Wei")
    }

    @Test("A teammate's reply since the ticket was opened stops the send, keeps the text, y sends after all")
    func collision() throws {
        let temp = try Self.filled(1)
        let now = Fixture.base.addingTimeInterval(600)
        let li = Self.agent("Li Wei", store: temp.store, at: now)
        let zhang = Self.agent("Zhang Min", store: try temp.reopen(), at: now)
        li.send(.key(.enter))
        zhang.send(.key(.enter))
        let id = try #require(li.state.thread?.ticket.id)
        // Zhang writes a note first; Li Wei, who opened the ticket before it, writes one too.
        for engine in [zhang, li] {
            engine.send(.key(.char("r")))
            engine.send(.key(.ctrl("n")))
        }
        Self.type("Called the carrier, parcel is at the depot", into: zhang)
        zhang.send(.key(.ctrl("s")))
        Self.type("I will call the carrier", into: li)
        li.send(.key(.ctrl("s")))
        guard case .confirm(.sendDespiteNewer(let ticket, let summary, _))? = li.state.prompt?.kind else {
            Issue.record("no question before sending: \(String(describing: li.state.prompt))"); return
        }
        #expect(ticket == id)
        #expect(summary == "Zhang Min wrote a note at \(TimeText.clock(now, timeZone: TimeZone(identifier: "UTC")!))")
        #expect(li.state.composer?.editor.text == "I will call the carrier")
        #expect(li.state.thread?.messages.contains { $0.author == "Zhang Min" } == true, "what arrived is shown in the thread")
        #expect(try temp.store.messages(ticketID: id).filter { $0.author == "Li Wei" }.isEmpty)
        li.send(.key(.char("y")))
        #expect(try temp.store.messages(ticketID: id).map(\.author).suffix(2) == ["Zhang Min", "Li Wei"])
    }
}
