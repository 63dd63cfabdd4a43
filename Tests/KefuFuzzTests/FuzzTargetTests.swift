import Foundation
import KefuFuzzTargets
import Testing

/// Every fuzz target inside `swift test`: each file of its corpus in `Tests/Fuzz/Corpus/NAME/`
/// (the seeds, and every crash a fuzzer found, kept as regression tests) must hold the target's
/// invariants, then up to 3,000 seeded mutations of them (4 s at most) must too. `.ci/run` fuzzes longer with
/// libFuzzer; `KEFU_FUZZ_SEED` repeats a run, `KEFU_FUZZ_EXECUTIONS` makes it longer.
@Suite("Fuzz targets (corpus and seeded mutations)")
struct FuzzTargetTests {
    static let corpusRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus")

    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["KEFU_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_207
    }

    static var executions: Int {
        ProcessInfo.processInfo.environment["KEFU_FUZZ_EXECUTIONS"].flatMap { Int($0) } ?? 3000
    }

    /// A time budget per target as well, so the slow targets (files on disk) stay short.
    static var seconds: Double {
        ProcessInfo.processInfo.environment["KEFU_FUZZ_SECONDS"].flatMap { Double($0) } ?? 4
    }

    @Test("every target has a corpus of its own")
    func everyTargetHasACorpus() {
        for target in FuzzTargets.all {
            let corpus = PlainFuzzer.loadCorpus(Self.corpusRoot.appendingPathComponent(target.name))
            #expect(corpus.count >= 2, "\(target.name): \(corpus.count) corpus files")
        }
    }

    @Test("corpus and mutations hold the invariants", arguments: FuzzTargets.all.map(\.name))
    func holdsItsInvariants(name: String) throws {
        let target = try #require(FuzzTargets.named(name))
        let corpus = PlainFuzzer.loadCorpus(Self.corpusRoot.appendingPathComponent(name))
        let report = PlainFuzzer(target: target, corpus: corpus, seed: Self.seed).run(executions: Self.executions, seconds: Self.seconds)
        #expect(report.executions >= min(Self.executions, corpus.count))
        for finding in report.findings {
            let preview = finding.input.prefix(120).map { byte in
                (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : String(format: "\\x%02x", byte)
            }.joined()
            Issue.record("\(name): \(finding.failure) — input (\(finding.input.count) bytes): \(preview)")
        }
    }

    /// The runner itself finds what a target refuses, and hands back the input.
    @Test("the runner reports a broken invariant with its input")
    func theRunnerReportsFindings() {
        let broken = FuzzTarget("broken") { bytes throws(FuzzFailure) in
            if bytes.contains(UInt8(ascii: "\"")) { throw FuzzFailure("a quote") }
        }
        let report = PlainFuzzer(target: broken, corpus: [Array("plain text".utf8)], seed: 1).run(executions: 5000)
        #expect(!report.findings.isEmpty)
        #expect(report.findings.allSatisfy { $0.input.contains(UInt8(ascii: "\"")) })
    }
}
