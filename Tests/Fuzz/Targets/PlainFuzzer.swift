import Foundation

/// The fuzzer that needs no compiler support: every corpus input first, then seeded mutations of
/// them, for a number of executions or until a deadline. It runs inside `swift test` and wherever
/// the toolchain lacks libFuzzer; `kefu-fuzz` uses libFuzzer itself when built with it.
public struct PlainFuzzer {
    public struct Finding: Sendable {
        public var input: [UInt8]
        public var failure: FuzzFailure
    }

    public struct Report: Sendable {
        public var executions = 0
        public var findings: [Finding] = []
    }

    public let target: FuzzTarget
    public let corpus: [[UInt8]]
    public let seed: UInt64

    public init(target: FuzzTarget, corpus: [[UInt8]], seed: UInt64) {
        self.target = target
        self.corpus = corpus.isEmpty ? [[]] : corpus
        self.seed = seed
    }

    /// Runs the corpus, then mutations until `executions` inputs in all or `seconds` have passed.
    /// Stops at the first few findings (one is enough to act on).
    public func run(executions limit: Int, seconds: Double = .infinity) -> Report {
        var report = Report()
        let deadline = Date().addingTimeInterval(seconds)
        func execute(_ input: [UInt8]) {
            report.executions += 1
            do {
                try target.check(input)
            } catch {
                report.findings.append(Finding(input: input, failure: error))
            }
        }
        for input in corpus { execute(input) }
        var mutator = Mutator(seed: seed)
        while report.executions < limit, report.findings.count < 3 {
            if report.executions % 64 == 0, Date() > deadline { break }
            let base = corpus[Int.random(in: 0..<corpus.count, using: &mutator.generator)]
            let other = corpus[Int.random(in: 0..<corpus.count, using: &mutator.generator)]
            execute(mutator.mutate(base, other: other))
        }
        return report
    }

    /// The files of a corpus folder, sorted by name (a missing folder is an empty corpus).
    public static func loadCorpus(_ folder: URL) -> [[UInt8]] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        return names.compactMap { name in
            FileManager.default.contents(atPath: folder.appendingPathComponent(name).path).map { [UInt8]($0) }
        }
    }
}
