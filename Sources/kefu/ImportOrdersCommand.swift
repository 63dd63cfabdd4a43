import ArgumentParser
import Foundation
import KefuChannels
import KefuCore
import KefuStore

/// `kefu import orders FILE`.
struct ImportOrdersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orders", abstract: "Take in an order report: Amazon All Orders, Shopify orders CSV, or a format from the config.",
        discussion: """
            The format is told by the header row; --format names one (amazon, shopify, or a map in the config \
            file's orders section). Rows of one order are merged; parcels come from the tracking columns, the \
            carrier recognised from the number. A bad row is reported as FILE:LINE: reason and skipped; good rows \
            go in. Orders link to conversations by order id, and to customers by buyer email (or name). \
            Importing a report again updates the same orders. Exit status 1 when some row was bad.
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "The report format: amazon, shopify, or a name from the config's orders section.")
    var format: String?

    @Option(help: ArgumentHelp("A carrier table laid over the shipped one.", valueName: "path"))
    var carriers: String?

    @Argument(help: "The report file.")
    var file: String

    func run() throws {
        let configuration = try Wiring.configuration()
        let store = try storeOptions.openStore(creating: true)
        guard let data = FileManager.default.contents(atPath: file) else {
            throw UserError(message: "cannot read \(file): no such file or not readable")
        }
        let text = String(decoding: data, as: UTF8.self)
        let table: CarrierTable
        do {
            table = try CarrierTable.load(shipped: TrackCommand.shippedTable, user: carrierOverrides())
        } catch {
            throw UserError(message: "cannot read the carrier table: \(error)")
        }
        let report: OrderReport
        do {
            report = try OrderReport.read(text, maps: configuration.orderColumnMaps, forcedFormat: format,
                                          detector: TrackingNumberDetector(table: table))
        } catch {
            throw UserError(message: "\(file): \(error.description)")
        }
        for error in report.errors {
            FileHandle.standardError.write(Data("\(file):\(error.line): \(TerminalSanitizer.oneLine(error.reason))\n".utf8))
        }
        let linked = try store.importOrders(report.orders.map { ($0.order, $0.buyerEmail) })
        let parcels = report.orders.reduce(0) { $0 + $1.order.parcels.count }
        print("Imported \(report.orders.count) orders (\(report.goodRows) rows, \(parcels) parcels) (format \(report.format)), "
              + "linked \(linked) conversations, \(report.errors.count) bad rows skipped.")
        // The order rules see the new facts now (a store without follow-ups says so and the import stands).
        do {
            print(FollowUpChecking.summary(try FollowUpChecking.run(store, now: Date())))
        } catch let error as UserError {
            Wiring.notice("follow-up rules not run: \(error.message)")
        }
        // New orders move recency, frequency and spend: the segments follow (SQLite stores only).
        do {
            _ = try store.recomputeSegments(rules: configuration.customers, now: Date())
        } catch let error as CustomerError {
            Wiring.notice(error.description)
        }
        if !report.errors.isEmpty { throw ExitCode(1) }
    }

    /// `--carriers`, else the user's carriers.json when it exists (as `kefu track` reads it).
    private func carrierOverrides() -> URL? {
        if let carriers { return URL(fileURLWithPath: carriers) }
        let candidate = Wiring.configDirectory.appendingPathComponent("carriers.json")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }
}
