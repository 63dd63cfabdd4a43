import ArgumentParser
import Foundation
import KefuCore
import KefuStore

/// `kefu report`: the dashboard's figures (as of now, or `--now`) and the feedback report of
/// the tickets solved between `--since` and `--until`, as a table, CSV or JSON.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the dashboard's figures and the feedback report (problems and responsible parties per ISO week).",
        discussion: """
            DATE is YYYY-MM-DD (a day in --time-zone: --since from its start, --until through its end) or an \
            RFC 3339 instant. Without --since the report covers the last 28 days. Percentiles are nearest-rank; \
            response times are calendar time with holds left out; "no response needed" is left out of every \
            late-reply figure.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json
    }

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: ArgumentHelp("First day (or instant) of the feedback report.", valueName: "date")) var since: String?
    @Option(help: ArgumentHelp("Last day (or instant, exclusive) of the feedback report.", valueName: "date")) var until: String?
    @Option(help: "table, csv or json.") var format: Format = .table
    @Option(help: ArgumentHelp("The time zone days and weeks are counted in (default: the local one).", valueName: "zone"))
    var timeZone: String?
    @Option(help: ArgumentHelp("Measure as of this RFC 3339 instant instead of now (reproducible reports).", valueName: "instant"))
    var now: String?

    func run() throws {
        let zone: TimeZone
        if let timeZone {
            guard let named = TimeZone(identifier: timeZone) else { throw ValidationError("--time-zone \(timeZone) is not a known time zone (e.g. Asia/Shanghai, UTC)") }
            zone = named
        } else {
            zone = .current
        }
        let asOf: Date
        if let now {
            guard let instant = RFC3339.parse(now) else { throw ValidationError("--now \(now) is not an RFC 3339 instant (e.g. 2026-11-18T16:00:00Z)") }
            asOf = instant
        } else {
            asOf = Date()
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let start = try since.map { try Self.parse($0, option: "--since", calendar: calendar, endOfDay: false) }
            ?? calendar.date(byAdding: .day, value: -27, to: calendar.startOfDay(for: asOf))!
        let end = try until.map { try Self.parse($0, option: "--until", calendar: calendar, endOfDay: true) } ?? asOf
        guard start < end else {
            // Without --until the report ends now: a --since in the future names that, not an --until never given.
            if until == nil { throw ValidationError("--since \(since ?? "") is after now (\(RFC3339.format(asOf))); give a day up to today, or --now") }
            throw ValidationError("--since must come before --until")
        }

        let store = try storeOptions.openStore(access: .readIfNotWritable)
        // Everyone on the config's team list gets a row, with or without figures.
        let members = (try Wiring.configuration()).team.members.map(\.name)
        let figures = DashboardFigures.compute(try store.meterInputs(now: asOf, timeZone: zone), members: members)
        let outcomes = try store.outcomes(since: start, until: end)
        var report = TeamReport(figures: figures, feedback: FeedbackReport(outcomes: outcomes, timeZone: zone),
                                since: start, until: end, timeZone: zone)
        report.followUps = try? store.followUpCounts(now: asOf)
        do {
            report.repeatPurchase = try store.repeatPurchase()
        } catch let error as CustomerError {
            report.repeatPurchaseNote = error.description
        }
        switch format {
        case .table: print(report.table(), terminator: "")
        case .csv: print(report.csv(), terminator: "")
        case .json: print(try report.json())
        }
    }

    /// A day (`2026-11-18`, from its start or through its end) or an RFC 3339 instant.
    static func parse(_ text: String, option: String, calendar: Calendar, endOfDay: Bool) throws -> Date {
        if let instant = RFC3339.parse(text) { return instant }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, text.count == 10,
              let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2])),
              calendar.dateComponents([.year, .month, .day], from: day) == DateComponents(year: parts[0], month: parts[1], day: parts[2]) else {
            throw ValidationError("\(option) \(text) is not a date (YYYY-MM-DD) or an RFC 3339 instant")
        }
        return endOfDay ? calendar.date(byAdding: .day, value: 1, to: day)! : day
    }
}
