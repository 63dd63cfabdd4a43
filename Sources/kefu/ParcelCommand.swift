import ArgumentParser
import Foundation
import KefuCore
import KefuStore

/// `kefu parcel add --order ID NUMBER [--carrier C]`.
struct ParcelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parcel", abstract: "Attach tracked parcels to orders by hand.", subcommands: [ParcelAddCommand.self])
}

struct ParcelAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Attach a tracking number to an order, after checking it.",
        discussion: """
            The number is checked like `kefu track` does: one that fails its check digit is refused \
            with the scheme it looked like, and one no scheme matches is refused too, unless --carrier \
            says who carries it (replies then link the carrier's page, or the universal tracker for a \
            carrier the table does not know).
            """)

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: ArgumentHelp("The order.", valueName: "id"))
    var order: String

    @Argument(help: "The tracking number; spaces, dashes and lower case are fine.")
    var number: [String]

    @Option(help: ArgumentHelp("The carrier, when the number alone does not say (a carrier-table id or name, or any name).", valueName: "name"))
    var carrier: String?

    @Option(help: ArgumentHelp("The earlier number this one took over from at a hand-off.", valueName: "number"))
    var replaces: String?

    @Option(help: ArgumentHelp("When it was shipped (YYYY-MM-DD or RFC 3339); default now.", valueName: "date"))
    var shipped: String?

    @Option(help: ArgumentHelp("A carrier table laid over the shipped one.", valueName: "path"))
    var carriers: String?

    func run() throws {
        let table: CarrierTable
        do { table = try Wiring.carrierTable(override: carriers) } catch { throw UserError(message: "\(error)") }
        let resolver = ParcelLinkResolver(table: table)
        let result = resolver.detector.detect(number.joined(separator: " "))
        let shownNumber = TerminalSanitizer.oneLine(result.number)
        guard result.status != .malformed else {
            throw UserError(message: "'\(shownNumber)' is not a tracking number: \(result.reason)")
        }
        let given = carrier?.trimmingCharacters(in: .whitespaces)
        let carrierName: String
        switch (result.status, given) {
        case (_, .some(let name)) where !name.isEmpty:
            carrierName = resolver.entry(named: name)?.name ?? name
            if result.status == .invalid {
                FileHandle.standardError.write(Data("kefu parcel: warning: \(shownNumber) \(result.reason); attached as \(TerminalSanitizer.oneLine(carrierName)) because --carrier says so\n".utf8))
            }
        case (.valid, _):
            carrierName = result.carrierName ?? ""
        case (.invalid, _):
            let carrier = result.carrierName.map { " (\($0))" } ?? ""
            throw UserError(message: "\(shownNumber) is invalid\(carrier): it \(result.reason). Not attached; give --carrier NAME to attach it anyway")
        default:
            throw UserError(message: "\(shownNumber): \(result.reason). Not attached; give --carrier NAME if you know who carries it")
        }
        let shippedAt: Date
        if let shipped {
            guard let date = RFC3339.parse(shipped) ?? RFC3339.parse(shipped + "T00:00:00Z") else {
                throw UserError(message: "--shipped '\(TerminalSanitizer.oneLine(shipped))' is not a date like 2026-11-20")
            }
            shippedAt = date
        } else {
            shippedAt = Date()
        }
        let earlier = replaces.map { resolver.detector.detect($0).number }
        let parcel = Parcel(trackingNumber: result.number, carrier: carrierName, shippedAt: shippedAt, replaces: earlier)
        let store = try storeOptions.openStore()
        let outcome: ParcelAttachment
        do {
            outcome = try store.attachParcel(parcel, toOrder: order)
        } catch let error as ParcelRegisterError {
            throw UserError(message: error.description)
        }
        let link = resolver.link(for: parcel)
        let verb = outcome == .added ? "Attached" : "Already attached (carrier updated):"
        print("\(verb) \(shownNumber) (\(TerminalSanitizer.oneLine(carrierName))) to order \(TerminalSanitizer.oneLine(order))")
        if let url = link.url { print("Track at: \(url)") }
    }
}
