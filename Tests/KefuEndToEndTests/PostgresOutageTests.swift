import Foundation
import Glibc
import Testing
import KefuCore
import KefuPostgres
import KefuTestSupport

/// The shared store's server goes away under a running console (stopped as an outage would
/// stop it): the status bar says OFFLINE, the agent keeps typing, the draft is kept on this
/// machine (even through kill -9), a send is refused with the reply left in the composer, and
/// once the server is back the console says so by itself and the store has the draft.
@Suite("PostgreSQL server lost under the console", .serialized)
struct PostgresOutageTests {
    @Test("OFFLINE on the status bar, the draft kept on this machine through kill -9, and in the store once the server is back")
    func outage() throws {
        let server = try TestPostgresServer.dedicated()
        let address = try server.newDatabase()
        let url = address.description + "?sslmode=disable"
        let scratch = try Scratch()
        let line = StoreSharingTests.line(id: "o1", conversation: "amz-1", minutesAgo: 30, from: "Anna Müller <anna@example.de>", subject: "Wo ist mein Paket?", body: "Hallo?")
        try KefuBinary.run(["ingest", "--db", url, "-"], input: line)
        let environment = ["XDG_DATA_HOME": scratch.path("data")]
        let folder = scratch.path("data") + "/kefu/postgres-127.0.0.1-\(server.port)-\(address.database)-drafts"

        var console = try Tmux(command: [KefuBinary.path, "--db", url], environment: environment)
        try console.waitFor(text: "Anna Mü")
        try console.press("r")
        try console.waitFor(text: "Reply to Anna Müller")
        try console.type("Guten Tag Anna,")
        try server.stop()
        try console.waitFor("the status bar to say the server is lost", timeout: 10) {
            $0.contains("OFFLINE: 127.0.0.1:\(server.port) lost at") && $0.contains("drafts kept on this machine")
        }
        try console.type(" Ihr Paket kommt morgen, danke!")
        let kept = try waitForFile(in: folder, containing: "Ihr Paket kommt morgen, danke!")
        try console.press("C-s")
        try console.waitFor("the send to be refused", timeout: 10) { screen in
            if screen.contains("Send anyway? y/n") { try? console.press("y") }
            return screen.contains("Not sent: the store at 127.0.0.1:\(server.port) cannot be reached")
        }
        #expect(console.screen().contains("Ihr Paket kommt morgen, danke!"), "the reply left the composer")

        // The server comes back: the console notices by itself; the store gets the draft.
        try server.start()
        try console.waitFor("the console to reconnect", timeout: 15) { !$0.contains("OFFLINE") }
        let store = try PostgresTicketStore(address: address, policy: TestPolicy.standard, environment: [:])
        let ticket = try #require(try store.queue(QueueQuery(now: Date()), after: nil, limit: 1).first)
        try waitUntil("the kept draft to reach the store", timeout: 10) {
            (try? store.draft(ticketID: ticket.id)) == "Guten Tag Anna, Ihr Paket kommt morgen, danke!"
        }
        #expect(!FileManager.default.fileExists(atPath: kept), "the draft stayed on this machine after the store had it")

        // Lost again, more typed, then the console is killed before the server is back.
        try server.stop()
        try console.waitFor(text: "OFFLINE", timeout: 10)
        try console.type(" Viele Grüße")
        _ = try waitForFile(in: folder, containing: "Viele Grüße")
        kill(try console.panePID(), SIGKILL)
        try server.start()
        console = try Tmux(command: [KefuBinary.path, "--db", url], environment: environment)
        try console.waitFor(text: "Anna Mü")
        try waitUntil("the draft kept before kill -9 to reach the store", timeout: 10) {
            (try? store.draft(ticketID: ticket.id)) == "Guten Tag Anna, Ihr Paket kommt morgen, danke! Viele Grüße"
        }
        try console.press("r")
        try console.waitFor(text: "Ihr Paket kommt morgen, danke! Viele Grüße")
        try console.press("Escape")
        try console.press("q")
    }

    /// The kept draft's file once it holds `text`; its path.
    private func waitForFile(in folder: String, containing text: String) throws -> String {
        var found = ""
        try waitUntil("a draft file holding \(text.debugDescription) in \(folder)", timeout: 10) {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
                let path = folder + "/" + name
                if let data = FileManager.default.contents(atPath: path), String(decoding: data, as: UTF8.self).contains(text) {
                    found = path
                    return true
                }
            }
            return false
        }
        return found
    }

    private func waitUntil(_ description: String, timeout: TimeInterval, _ condition: () -> Bool) throws {
        let start = Date()
        while Date().timeIntervalSince(start) < timeout {
            if condition() { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw E2EError("timed out waiting for \(description)")
    }
}
