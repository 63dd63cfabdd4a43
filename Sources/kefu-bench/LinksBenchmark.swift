import ArgumentParser
import Foundation
import KefuCore

/// Issue 16's figures: the scam checks' speed on 100,000 messages on one thread (≥ 50,000
/// messages/s, so import stays within 10 % of its speed), and the detection and false-positive
/// rates on a labelled sample (`ScamSample`). Run: `swift run -c release kefu-bench links`.
struct LinksBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Time the scam checks on 100,000 messages and print detection and false-positive rates on a labelled sample."
    )

    @Option(help: "Messages per round.")
    var count = 100_000

    @Option(help: "Timed rounds; the best is reported.")
    var rounds = 3

    @Flag(help: "Also list every sample the checks got wrong.")
    var verbose = false

    func run() throws {
        let safety = MessageSafety()
        let sample = ScamSample.build()
        var byCategory: [String: (scam: Bool, total: Int, flagged: Int)] = [:]
        var wrong: [String] = []
        for item in sample {
            let flagged = !safety.check(item.message).isEmpty
            var entry = byCategory[item.category] ?? (item.scam, 0, 0)
            entry.total += 1
            if flagged { entry.flagged += 1 }
            byCategory[item.category] = entry
            if flagged != item.scam {
                wrong.append("\(item.scam ? "missed" : "false positive") [\(item.category)]: \(item.message.from) | \(item.message.body.prefix(120))")
            }
        }
        let scams = sample.filter(\.scam).count, cleans = sample.count - scams
        let detected = byCategory.values.filter(\.scam).map(\.flagged).reduce(0, +)
        let falsePositives = byCategory.values.filter { !$0.scam }.map(\.flagged).reduce(0, +)
        print("links: labelled sample of \(sample.count) messages: \(scams) phishing-style, \(cleans) clean")
        print("links: detection rate \(percent(detected, scams)) (\(detected)/\(scams)), false-positive rate \(percent(falsePositives, cleans)) (\(falsePositives)/\(cleans))")
        for (category, entry) in byCategory.sorted(by: { ($0.value.scam ? 0 : 1, $0.key) < ($1.value.scam ? 0 : 1, $1.key) }) {
            print("links:   \(entry.scam ? "phishing" : "clean   ") \(category): \(entry.flagged)/\(entry.total) flagged")
        }
        if verbose { for line in wrong { print("links:   \(line)") } }

        let traffic = ScamSample.traffic(count: count)
        var best = Double.infinity, bestCPU = Double.infinity
        var flagged = 0
        for _ in 0..<max(1, rounds) {
            flagged = 0
            let wall = Self.seconds(CLOCK_MONOTONIC), cpu = Self.seconds(CLOCK_THREAD_CPUTIME_ID)
            for message in traffic where !safety.check(message).isEmpty { flagged += 1 }
            bestCPU = min(bestCPU, Self.seconds(CLOCK_THREAD_CPUTIME_ID) - cpu)
            best = min(best, Self.seconds(CLOCK_MONOTONIC) - wall)
        }
        print("links: checked \(count) messages (1 in 50 phishing-style, a quarter with links), best of \(max(1, rounds)) rounds on one thread; \(flagged) flagged")
        for (label, seconds) in [("wall clock", best), ("thread CPU time", bestCPU)] {
            print("links: \(label): \(String(format: "%.3f", seconds)) s, \(String(format: "%.0f", Double(count) / seconds)) messages/second (\(String(format: "%.1f", seconds / Double(count) * 1e6)) µs each)")
        }
    }

    private func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "—" : String(format: "%.1f %%", Double(part) * 100 / Double(whole))
    }

    static func seconds(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
