import Foundation
import KefuCore

/// A carrier events file (`kefu import events`): CSV with a header row naming
/// `tracking_number`, `time`, `status` and optionally `text`, in any order. Each bad row is
/// reported with its line and skipped.
public struct CarrierEventFile: Sendable {
    public var events: [CarrierEvent]
    public var errors: [OrderReport.RowError]

    public enum FormatError: Error, Sendable, Hashable, CustomStringConvertible {
        case empty
        case missingColumns([String])
        public var description: String {
            switch self {
            case .empty: "the file holds no header row"
            case .missingColumns(let names): "line 1: the events file needs the column(s) \(names.map { "'\($0)'" }.joined(separator: ", ")) (tracking_number,time,status,text)"
            }
        }
    }

    public static func read(_ text: String, detector: TrackingNumberDetector) throws(FormatError) -> CarrierEventFile {
        let parsed = DelimitedTextReader.rows(text, delimiter: ",", quoting: true)
        guard let header = parsed.rows.first else { throw .empty }
        let names = header.fields.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\u{FEFF} ")).lowercased() }
        let missing = ["tracking_number", "time", "status"].filter { !names.contains($0) }
        guard missing.isEmpty else { throw .missingColumns(missing) }
        let number = names.firstIndex(of: "tracking_number")!, time = names.firstIndex(of: "time")!
        let status = names.firstIndex(of: "status")!, words = names.firstIndex(of: "text")
        var file = CarrierEventFile(events: [], errors: [])
        for row in parsed.rows.dropFirst() {
            func field(_ index: Int?) -> String {
                guard let index, index < row.fields.count else { return "" }
                return row.fields[index].trimmingCharacters(in: .whitespaces)
            }
            func fail(_ reason: String) { file.errors.append(OrderReport.RowError(line: row.line, reason: reason)) }
            if row.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let raw = field(number)
            let normalized = detector.detect(raw).number
            guard !normalized.isEmpty else { fail("tracking number \"\(raw.prefix(40))\" holds no letters or digits"); continue }
            let timeText = field(time)
            guard let at = OrderDates.parse(timeText) else { fail("time \"\(timeText.prefix(40))\" is not a date like 2026-11-20T10:15:00Z"); continue }
            let code = field(status)
            guard !code.isEmpty, code.count <= 64 else { fail("no status (delivered, in_transit, customs_hold...)"); continue }
            let text = String(field(words).prefix(500))
            file.events.append(CarrierEvent(trackingNumber: normalized, at: at, code: code, text: text))
        }
        if case .unterminatedQuote(let line) = parsed.problem {
            file.errors.append(OrderReport.RowError(line: line, reason: "a quoted field is never closed; the rest of the file was not read"))
        }
        return file
    }
}
