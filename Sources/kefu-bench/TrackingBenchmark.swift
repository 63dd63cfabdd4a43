import ArgumentParser
import Foundation
import KefuCore
import KefuResources

/// Carrier detection throughput: a realistic mix of tracking numbers (postal S10 from many
/// countries, UPS, FedEx, USPS with and without routing prefix, DHL, Canada Post, Chinese
/// line-haul carriers, typos and unknowns, some pasted with spaces or in lower case), detected
/// one after another on one thread. Issue 5 asks for more than 1,000,000 numbers per second.
/// Run: `swift run -c release kefu-bench tracking`.
struct TrackingBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracking",
        abstract: "Detect the carrier of 1,000,000 tracking numbers and print numbers per second."
    )

    @Option(help: "How many numbers to detect per round.")
    var count = 1_000_000

    @Option(help: "Timed rounds; the best is reported (the first warms caches).")
    var rounds = 3

    @Option(help: "Seed for the generated mix, so runs are comparable.")
    var seed: UInt64 = 5

    @Option(help: "Carrier table to use instead of the shipped one.", completion: .file(extensions: ["json"]))
    var carriers: String?

    func run() throws {
        let tableURL = carriers.map(URL.init(fileURLWithPath:))
            ?? KefuResources.carriersFile
        let detector = TrackingNumberDetector(table: try CarrierTable.load(shipped: tableURL))
        var generator = TrackingNumberMix(seed: seed)
        let numbers = (0..<count).map { _ in generator.next() }

        var tally: [TrackingStatus: Int] = [:]
        var bestWall = Double.infinity
        var bestCPU = Double.infinity
        for _ in 0..<max(1, rounds) {
            var counts = [0, 0, 0, 0]
            let wallStart = Self.seconds(CLOCK_MONOTONIC)
            let cpuStart = Self.seconds(CLOCK_THREAD_CPUTIME_ID)
            for number in numbers {
                switch detector.detect(number).status {
                case .valid: counts[0] += 1
                case .invalid: counts[1] += 1
                case .unrecognised: counts[2] += 1
                case .malformed: counts[3] += 1
                }
            }
            bestCPU = min(bestCPU, Self.seconds(CLOCK_THREAD_CPUTIME_ID) - cpuStart)
            bestWall = min(bestWall, Self.seconds(CLOCK_MONOTONIC) - wallStart)
            tally = [.valid: counts[0], .invalid: counts[1], .unrecognised: counts[2], .malformed: counts[3]]
        }
        print("tracking: detected \(count) numbers, best of \(max(1, rounds)) rounds on one thread")
        for (label, seconds) in [("wall clock", bestWall), ("thread CPU time", bestCPU)] {
            print("tracking: \(label): \(String(format: "%.3f", seconds)) s, "
                + "\(String(format: "%.2f", Double(count) / seconds / 1_000_000)) million numbers/second "
                + "(\(String(format: "%.0f", seconds / Double(count) * 1e9)) ns each)")
        }
        print("tracking: valid \(tally[.valid] ?? 0), invalid \(tally[.invalid] ?? 0),"
            + " unrecognised \(tally[.unrecognised] ?? 0), malformed \(tally[.malformed] ?? 0)")
    }
}

extension TrackingBenchmark {
    /// Both clocks: on a shared machine the wall clock includes time other processes held the
    /// core; the thread's CPU time does not.
    fileprivate static func seconds(_ clock: clockid_t) -> Double {
        var now = timespec()
        clock_gettime(clock, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

/// Generates tracking numbers in roughly the proportions a cross-border shop sees. Valid
/// numbers get their check digit by trying 0-9 against the public check rules, so the mix does
/// not depend on how the detector computes them.
private struct TrackingNumberMix {
    private var generator: SeededGenerator

    init(seed: UInt64) {
        generator = SeededGenerator(seed: seed)
    }

    private mutating func below(_ bound: Int) -> Int {
        generator.next(below: bound)
    }

    private mutating func digits(_ count: Int) -> String {
        String((0..<count).map { _ in Character(String(below(10))) })
    }

    private mutating func letters(_ count: Int) -> String {
        String((0..<count).map { _ in Character(Unicode.Scalar(UInt8(65 + below(26)))) })
    }

    private mutating func pick(_ choices: [String]) -> String {
        choices[below(choices.count)]
    }

    /// `prefix` + a check digit that passes `rule` + `suffix`.
    private func withCheckDigit(_ prefix: String, _ suffix: String = "", rule: CheckRule) -> String {
        for digit in 0...9 where rule.verify("\(prefix)\(digit)\(suffix)") == .passed {
            return "\(prefix)\(digit)\(suffix)"
        }
        return "\(prefix)0\(suffix)"
    }

    mutating func next() -> String {
        let roll = below(100)
        var number: String
        switch roll {
        case 0..<30:
            let country = pick(["CN", "CN", "CN", "GB", "DE", "FR", "US", "NL", "ES", "IT", "JP", "HK", "SG", "AU", "CA", "ZA"])
            number = withCheckDigit(pick(["LX", "LY", "RB", "RR", "CP", "EE", "UA", "HA"]) + digits(8), country, rule: .upuS10)
        case 30..<40:
            number = withCheckDigit("1Z" + letters(3) + digits(3) + letters(2) + digits(7), rule: .ups1Z)
        case 40..<44:
            number = withCheckDigit(digits(11), rule: .fedex12)
        case 44..<47:
            number = withCheckDigit(digits(14), rule: .fedex15)
        case 47..<49:
            number = withCheckDigit("96" + digits(19), rule: .fedex22)
        case 49..<57:
            number = withCheckDigit(pick(["92", "93", "94", "95"]) + digits(19), rule: .uspsIMpb)
        case 57..<60:
            number = "420" + digits(pick(["5", "9"]) == "5" ? 5 : 9)
                + withCheckDigit(pick(["92", "94"]) + digits(19), rule: .uspsIMpb)
        case 60..<62:
            number = withCheckDigit(digits(19), rule: .usps20)
        case 62..<66:
            let serial = Int(digits(9))!
            number = String(format: "%09d%d", serial, serial % 7)
        case 66..<68:
            number = withCheckDigit(digits(15), rule: .canadaPost16)
        case 68..<74:
            number = "YT" + digits(16)
        case 74..<78:
            number = pick(["TBA", "TBC", "TBM"]) + digits(12)
        case 78..<82:
            number = "LP00" + digits(12)
        case 82..<85:
            number = "4PX" + digits(13) + "CN"
        case 85..<87:
            number = pick(["UG", "UH", "VR"]) + digits(9) + "YP"
        case 87..<90:
            number = pick(["GM", "LX", "RX"]) + digits(16)
        case 90..<95:
            // A typo: a valid FedEx or S10 number with its last digit changed.
            let valid = below(2) == 0 ? withCheckDigit(digits(11), rule: .fedex12)
                : withCheckDigit("RB" + digits(8), "GB", rule: .upuS10)
            var characters = Array(valid)
            let position = valid.hasPrefix("RB") ? 10 : 11
            characters[position] = Character(String((characters[position].wholeNumberValue! + 1) % 10))
            number = String(characters)
        default:
            number = pick(["ZX", "QQ", "JJD"]) + digits(8 + below(10))
        }
        switch below(10) {
        case 0: number = number.lowercased()
        case 1: number = Self.grouped(number)
        default: break
        }
        return number
    }

    /// As printed on labels and pasted into messages: groups of four.
    private static func grouped(_ number: String) -> String {
        var out = ""
        for (index, character) in number.enumerated() {
            if index > 0, index % 4 == 0 { out.append(" ") }
            out.append(character)
        }
        return out
    }
}
