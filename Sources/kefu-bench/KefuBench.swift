import ArgumentParser

/// Benchmark programs: each prints the figures an issue asks for. Run with
/// `swift run -c release kefu-bench <name>`.
@main
struct KefuBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kefu-bench",
        abstract: "Kefu's benchmarks: each prints the figures its issue names.",
        subcommands: KefuBench.all
    )

    /// Every benchmark; add a new one here.
    static let all: [ParsableCommand.Type] = [
        ConsoleBenchmark.self, DashboardBenchmark.self, TrackingBenchmark.self, SLABenchmark.self, PickerBenchmark.self, MailBenchmark.self,
        MailImportBenchmark.self, LinksBenchmark.self, TriageBenchmark.self, CrashBenchmark.self, ChecksBenchmark.self,
        ScaleBenchmark.self, LiveBenchmark.self, ClaimsBenchmark.self, StoreCopyBenchmark.self, DeliverersBenchmark.self,
        CustomersBenchmark.self, NotifyBenchmark.self,
    ]
}
