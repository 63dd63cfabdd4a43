import Foundation
import Testing

/// `kefu-bench crash` with 10 kills per scenario (the benchmark runs 100): `kefu ingest`,
/// `kefu import maildir` and `kefu deliver` (msmtp to aiosmtpd on loopback) killed with SIGKILL
/// at random points, then every message exactly once, every acknowledged reply received exactly
/// once (repeats allowed only when the handoff itself was killed, README's documented window),
/// and the store's integrity check ok. A failing seed is printed; `--seed` repeats it.
@Suite("Crash loops (kefu-bench crash, 10 kills each)", .serialized)
struct CrashLoopTests {
    static var bench: String {
        URL(fileURLWithPath: KefuBinary.path).deletingLastPathComponent().appendingPathComponent("kefu-bench").path
    }

    @Test("ingest, import maildir and deliver killed 10 times each: everything exactly once, integrity ok", arguments: ["ingest", "maildir", "deliver"])
    func crashLoop(scenario: String) throws {
        let result = try Shell.run(
            [Self.bench, "crash", "--count", "10", "--only", scenario, "--messages", "600", "--kefu", KefuBinary.path], check: false)
        print(result.output)
        #expect(result.status == 0, "\(result.output)\n\(result.error)")
        #expect(result.output.contains("every check held"))
        #expect(result.output.contains("10 rounds"))
    }
}
