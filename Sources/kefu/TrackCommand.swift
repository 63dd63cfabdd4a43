import ArgumentParser
import Foundation
import KefuCore
import KefuResources

/// `kefu track NUMBER [--json] [--carriers PATH]`: what Kefu makes of a tracking number, for
/// scripts and for agents checking a number outside the console.
struct TrackCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "track",
        abstract: "Recognise a tracking number's carrier, check its check digit, print where to track it.",
        discussion: """
            Exit status: 0 for a valid number, 1 for an invalid (wrong check digit), unrecognised \
            or malformed one, 2 when the carrier table cannot be read.
            """
    )

    @Argument(help: "The tracking number; spaces, dashes and lower case are fine (several words are joined).")
    var number: [String]

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(
        help: ArgumentHelp(
            "A carrier table laid over the shipped one (entries replace shipped ones by id).",
            discussion: "Default: $XDG_CONFIG_HOME/kefu/carriers.json (or ~/.config/kefu/carriers.json) when it exists.",
            valueName: "path"))
    var carriers: String?

    func run() throws {
        let table: CarrierTable
        do {
            table = try CarrierTable.load(shipped: Self.shippedTable, user: userTable())
        } catch {
            FileHandle.standardError.write(Data("kefu track: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let result = TrackingNumberDetector(table: table).detect(number.joined(separator: " "))
        print(json ? try Self.json(result) : Self.text(result))
        if result.status != .valid { throw ExitCode(1) }
    }

    /// The shipped `carriers.json`, which SwiftPM copies next to `sla.yaml`.
    static var shippedTable: URL {
        KefuResources.carriersFile
    }

    private func userTable() -> URL? {
        if let carriers { return URL(fileURLWithPath: carriers) }
        let environment = ProcessInfo.processInfo.environment
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
        let candidate = configHome.appendingPathComponent("kefu/carriers.json")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }

    static func text(_ result: TrackingResult) -> String {
        var lines = [
            "Number:   \(result.number)",
            "Status:   \(result.status.rawValue)",
            "Carrier:  \(result.carrierName ?? "unknown")",
            "Scheme:   \(result.scheme ?? "none")",
            "Reason:   \(result.reason)",
        ]
        if let url = result.trackingURL {
            lines.append("Track at: \(url)" + (result.trackingSiteName.map { " (\($0))" } ?? ""))
        } else {
            lines.append("Track at: no link (\(result.status == .invalid ? "check the number first" : "nothing to track"))")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ result: TrackingResult) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(TrackReport(result)), as: UTF8.self)
    }
}

/// The `--json` shape: every key always present (null when not applicable), so scripts can
/// rely on it; snake_case like `kefu queue --json`.
private struct TrackReport: Encodable {
    let result: TrackingResult

    init(_ result: TrackingResult) {
        self.result = result
    }

    enum CodingKeys: String, CodingKey {
        case number, status, valid, carrier, scheme, reason
        case carrierId = "carrier_id"
        case trackingURL = "tracking_url"
        case trackingSite = "tracking_site"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(result.number, forKey: .number)
        try container.encode(result.status, forKey: .status)
        try container.encode(result.isValid, forKey: .valid)
        try container.encode(result.carrierName, forKey: .carrier)
        try container.encode(result.carrier?.id, forKey: .carrierId)
        try container.encode(result.scheme, forKey: .scheme)
        try container.encode(result.reason, forKey: .reason)
        try container.encode(result.trackingURL, forKey: .trackingURL)
        try container.encode(result.trackingSiteName, forKey: .trackingSite)
    }
}
