import ArgumentParser
import Foundation
import KefuCore
import KefuChannels

/// `kefu import events FILE`: carrier events (CSV with a header row: tracking_number, time,
/// status, text), then the follow-up rules run.
struct ImportEventsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "events", abstract: "Take in carrier events (CSV: tracking_number,time,status,text), then run the follow-up rules.",
        discussion: """
            One event a row; the header names the columns (tracking_number, time, status are needed, text is \
            optional). time is RFC 3339 or a date; status is the carrier's word or code (delivered, DLV, \
            customs_hold, in_transit...). A repeat of a stored event is skipped. A bad row is reported as \
            FILE:LINE: reason and skipped; exit status 1 when some row was bad.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: "The events file.")
    var file: String

    @Option(help: ArgumentHelp("Run the rules as at this time instead of now.", valueName: "time"))
    var now: String?

    func run() throws {
        let now = try FollowUpsCommand.instant(self.now)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw UserError(message: "cannot read \(file): no such file or not readable")
        }
        let read: CarrierEventFile
        do { read = try CarrierEventFile.read(String(decoding: data, as: UTF8.self), detector: TrackingNumberDetector(table: try Wiring.carrierTable(override: nil))) } catch {
            throw UserError(message: "\(file): \(error)")
        }
        for problem in read.errors {
            FileHandle.standardError.write(Data("\(file):\(problem.line): \(TerminalSanitizer.oneLine(problem.reason))\n".utf8))
        }
        let store = try storeOptions.openStore(creating: true)
        let added: Int
        do { added = try store.importCarrierEvents(read.events, now: now) } catch let error as FollowUpError {
            throw UserError(message: error.description)
        }
        print("Imported \(CountText.of(added, "carrier event")) (\(read.events.count - added) already stored), \(read.errors.count) bad rows skipped.")
        print(FollowUpChecking.summary(try FollowUpChecking.run(store, now: now)))
        if !read.errors.isEmpty { throw ExitCode(1) }
    }
}
