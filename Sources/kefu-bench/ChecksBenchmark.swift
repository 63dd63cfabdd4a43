import ArgumentParser
import Foundation
import KefuCore
import KefuResources

/// Precision and recall of the reply checks that decide whether a reply must offer a choice:
/// the complaint detector over labelled customer messages and the solution counter over
/// labelled reply passages (`Resources/checks/`), each on the dev lines the phrase lists were
/// written against and on the held-out lines. Issue 18 asks for at least 0.9 of both.
/// Run: `swift run -c release kefu-bench checks` (`--misses` lists what each got wrong).
struct ChecksBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "Print precision and recall of the complaint detector and the solution counter on the labelled sets."
    )

    @Flag(help: "List every message or passage the checks got wrong.")
    var misses = false

    @Option(help: "Folder with complaints.txt and solutions.txt instead of the shipped one.", completion: .directory)
    var folder: String?

    func run() throws {
        let base = folder.map { URL(fileURLWithPath: $0) } ?? KefuResources.checksFolder
        let messages = try LabelledCheckSet.messages(String(contentsOf: base.appendingPathComponent("complaints.txt"), encoding: .utf8))
        let passages = try LabelledCheckSet.passages(String(contentsOf: base.appendingPathComponent("solutions.txt"), encoding: .utf8))
        let languages = Set(messages.map(\.language)).sorted()
        print("Complaint detector: \(messages.count) messages in \(languages.count) languages (\(languages.joined(separator: " ")))")
        for split in LabelledCheckSet.Split.allCases {
            let part = messages.filter { $0.split == split }
            let (score, wrong) = LabelledCheckSet.scoreComplaints(part)
            print("  \(split == .dev ? "dev     " : "held-out") \(score)")
            if misses {
                for message in wrong {
                    print("    line \(message.line) [\(message.language)] expected \(message.isComplaint ? "complaint" : "other"): \(message.subject) | \(message.body)")
                }
            }
        }
        print("  all      \(LabelledCheckSet.scoreComplaints(messages).score)")
        for language in languages {
            print("    \(language) \(LabelledCheckSet.scoreComplaints(messages.filter { $0.language == language }).score)")
        }
        print("Solution counter: \(passages.count) passages, scored per (passage, kind)")
        for split in LabelledCheckSet.Split.allCases {
            let part = passages.filter { $0.split == split }
            let (score, wrong) = LabelledCheckSet.scoreSolutions(part)
            print("  \(split == .dev ? "dev     " : "held-out") \(score)")
            if misses {
                for (passage, found) in wrong {
                    print("    line \(passage.line) [\(passage.language)] expected \(passage.solutions.sorted()) found \(found.sorted()): \(passage.text)")
                }
            }
        }
        print("  all      \(LabelledCheckSet.scoreSolutions(passages).score)")
        let start = DispatchTime.now().uptimeNanoseconds
        var flagged = 0
        for _ in 0..<20 { for message in messages where ComplaintDetector.isComplaint(subject: message.subject, messages: [message.body]) { flagged += 1 } }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        print(String(format: "Speed: %.1f µs per message (complaint detector, %d runs)", seconds / Double(20 * messages.count) * 1e6, 20 * messages.count))
    }
}
