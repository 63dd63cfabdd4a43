import Foundation
import KefuCore

/// `kefu ingest` lines. A line the parser accepts, written back out by Foundation's JSON encoder,
/// is accepted again as the same record: the hand-written JSON reader and the reference agree
/// on every string it let through (escapes, surrogate pairs, control characters).
enum JSONLinesFuzz {
    static let target = FuzzTarget("jsonl") { bytes throws(FuzzFailure) in
        let text = bytes.text
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard case .success(let record) = IngestParser.parse(line: line, number: index + 1) else { continue }
            // The reference: Foundation must read the line as an object too.
            let reference = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            try require(reference != nil, "line \(index + 1) accepted by the ingest parser but not by JSONSerialization")
            if let reference, let id = reference["id"] as? String {
                try require(id == record.id, "the id read differs from JSONSerialization's")
            }
            if let reference, let body = reference["body"] as? String {
                try require(body == record.body, "the body read differs from JSONSerialization's")
            }
            var again = try reencoded(record)
            // Written back to the second; a fraction in the line is not what this checks.
            try require(RFC3339.format(again.at) == RFC3339.format(record.at), "the time written back out reads differently")
            again.at = record.at
            try require(again == record, "line \(index + 1): the record written back out does not read as the same record")
        }
    }

    private static func reencoded(_ record: IngestRecord) throws(FuzzFailure) -> IngestRecord {
        var object: [String: Any] = [
            "id": record.id, "conversation": record.conversation, "channel": record.channel.rawValue,
            "marketplace": record.marketplace.rawValue, "direction": record.direction.rawValue,
            "from": record.from, "to": record.to, "at": RFC3339.format(record.at),
            "subject": record.subject, "body": record.body,
        ]
        if let order = record.order { object["order"] = order }
        if let language = record.language { object["language"] = language }
        if let kind = record.kind { object["kind"] = kind.rawValue }
        if !record.tags.isEmpty { object["tags"] = record.tags.sorted() }
        if let segment = record.segment { object["segment"] = segment }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            throw FuzzFailure("an accepted record cannot be written as JSON")
        }
        switch IngestParser.parse(line: Substring(String(decoding: data, as: UTF8.self)), number: 1) {
        case .success(let again): return again
        case .failure(let error): throw FuzzFailure("the record written back out is refused: \(error.reason)")
        }
    }
}
