import Foundation
import Testing
@testable import KefuCore

/// The complaint detector and the solution counter on the labelled sets in `Resources/checks/`
/// (issue 18, item 4). `kefu-bench checks` prints the same figures, held-out part included.
@Suite struct LabelledCheckSetTests {
    static let folder: URL = ShippedTemplates.folder.deletingLastPathComponent().appendingPathComponent("checks")

    static func messages() throws -> [LabelledCheckSet.Message] {
        try LabelledCheckSet.messages(String(contentsOf: folder.appendingPathComponent("complaints.txt"), encoding: .utf8))
    }

    static func passages() throws -> [LabelledCheckSet.Passage] {
        try LabelledCheckSet.passages(String(contentsOf: folder.appendingPathComponent("solutions.txt"), encoding: .utf8))
    }

    @Test func theSetHoldsOver200MessagesInEveryTemplateLanguageWithAHeldOutPart() throws {
        let messages = try Self.messages()
        #expect(messages.count >= 200)
        #expect(Set(messages.map(\.language)) == ["en", "de", "fr", "es", "it", "pt", "ru", "ja", "zh", "ko"])
        for language in Set(messages.map(\.language)) {
            let own = messages.filter { $0.language == language }
            #expect(own.contains { $0.isComplaint } && own.contains { !$0.isComplaint }, "\(language)")
            #expect(own.contains { $0.split == .held }, "\(language) has no held-out line")
        }
        #expect(try Self.passages().count >= 100)
    }

    @Test func onTheDevLinesBothChecksReachPointNine() throws {
        let complaints = LabelledCheckSet.scoreComplaints(try Self.messages().filter { $0.split == .dev })
        #expect(complaints.score.precision >= 0.9 && complaints.score.recall >= 0.9,
                "\(complaints.score): \(complaints.misses.map { "line \($0.line)" })")
        let solutions = LabelledCheckSet.scoreSolutions(try Self.passages().filter { $0.split == .dev })
        #expect(solutions.score.precision >= 0.9 && solutions.score.recall >= 0.9, "\(solutions.score)")
    }

    /// Precision holds on text the lists were never tuned on: what is flagged is a complaint.
    @Test func onTheHeldOutLinesWhatIsFlaggedIsRight() throws {
        let complaints = LabelledCheckSet.scoreComplaints(try Self.messages().filter { $0.split == .held })
        #expect(complaints.score.cases >= 50)
        #expect(complaints.score.precision >= 0.9, "\(complaints.score)")
        let solutions = LabelledCheckSet.scoreSolutions(try Self.passages().filter { $0.split == .held })
        #expect(solutions.score.precision >= 0.9, "\(solutions.score)")
    }

    /// The demo's own complaints (#57 "Mauvais article reçu", #15 "Wrong item received",
    /// #134/#166 "Arrived broken … box was crushed", the missing LED lights, the lights that
    /// stopped working) are caught in all six demo languages, reading subject and body as the
    /// console does; its questions are not.
    @Test func theDemosComplaintsAreAllCaught() throws {
        let recipe = try JSONSerialization.jsonObject(with: Data(contentsOf: ShippedTemplates.folder.deletingLastPathComponent()
            .appendingPathComponent("demo.json"))) as! [String: Any]
        let situations = recipe["situations"] as! [[String: Any]]
        let complaints: Set<String> = ["wrong-item", "damaged", "missing-item", "quality", "refund-request", "where-is-my-parcel"]
        var seen = 0
        for situation in situations {
            let kind = situation["kind"] as! String
            for language in ["en", "de", "fr", "es", "ru", "ja"] {
                let pair = situation[language] as! [String]
                let found = ComplaintDetector.isComplaint(subject: pair[0], messages: [pair[1]])
                #expect(found == complaints.contains(kind), "\(kind)/\(language): \(pair[0])")
                seen += 1
            }
        }
        #expect(seen == 60)
        // A chaser keeps the thread a complaint.
        #expect(ComplaintDetector.isComplaint(subject: "Arrived broken", messages: ["Thanks, but I still haven't heard anything. Any news?"]))
    }

    @Test func sendingTheMissingLightsIsASolution() {
        #expect(LabelledCheckSet.solutionsFound(in: "We will send the missing LED lights today.") == ["reship"])
        #expect(LabelledCheckSet.solutionsFound(in: "We will send you the tracking number today.").isEmpty)
        #expect(LabelledCheckSet.solutionsFound(in: "We can refund 30% of the price, or ship you a new one.") == ["partial refund", "reship"])
        #expect(LabelledCheckSet.solutionsFound(in: "Le devolvemos el dinero o se lo volvemos a enviar.") == ["refund", "reship"])
    }

    @Test func aNegatedDamageWordIsNoComplaint() {
        #expect(!ComplaintDetector.isComplaint("Everything arrived safely, nothing broken."))
        #expect(!ComplaintDetector.isComplaint("Tout est arrivé, rien de cassé."))
        #expect(ComplaintDetector.isComplaint("The lamp arrived broken."))
    }

    @Test func aMalformedLineIsNamed() {
        #expect(throws: LabelledCheckSet.FormatError.self) { try LabelledCheckSet.messages("dev complaint en | only a subject") }
        do {
            _ = try LabelledCheckSet.passages("# comment\ndev en | teleport | We teleport it to you.")
        } catch let error as LabelledCheckSet.FormatError {
            #expect(error.line == 2 && error.description.contains("teleport"))
        } catch { Issue.record("unexpected \(error)") }
    }
}
