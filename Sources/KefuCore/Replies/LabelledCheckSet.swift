import Foundation

/// The labelled messages and reply passages the complaint detector and the solution counter are
/// measured on (`Resources/checks/`), and the precision and recall they reach.
///
/// Each set keeps a held-out part: the phrase lists were written against the `dev` lines only,
/// so the `held` lines say how the checks do on text they were not tuned to.
public enum LabelledCheckSet {
    public enum Split: String, Sendable, Hashable, CaseIterable {
        case dev, held
    }

    /// A customer message with whether it complains.
    public struct Message: Sendable, Hashable {
        public var split: Split
        public var isComplaint: Bool
        public var language: String
        public var subject: String
        public var body: String
        /// 1-based line in the file, for messages that name a miss.
        public var line: Int
    }

    /// A reply passage with the solutions it offers.
    public struct Passage: Sendable, Hashable {
        public var split: Split
        public var language: String
        public var solutions: Set<String>
        public var text: String
        public var line: Int
    }

    public struct FormatError: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    /// `SPLIT LABEL LANG | subject | body`; `#` starts a comment line.
    public static func messages(_ text: String) throws -> [Message] {
        try records(text).map { line, head, fields in
            guard head.count == 3, let split = Split(rawValue: head[0]), ["complaint", "other"].contains(head[1]),
                fields.count == 2
            else { throw FormatError(line: line, reason: "expected 'dev|held complaint|other LANG | subject | body'") }
            return Message(split: split, isComplaint: head[1] == "complaint", language: head[2], subject: fields[0], body: fields[1], line: line)
        }
    }

    /// `SPLIT LANG | kinds | text`, kinds comma-separated or `none`.
    public static func passages(_ text: String) throws -> [Passage] {
        try records(text).map { line, head, fields in
            guard head.count == 2, let split = Split(rawValue: head[0]), fields.count == 2 else {
                throw FormatError(line: line, reason: "expected 'dev|held LANG | kinds | text'")
            }
            let kinds = fields[0] == "none" ? [] : fields[0].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            for kind in kinds where SolutionKind(rawValue: kind) == nil {
                throw FormatError(line: line, reason: "unknown solution '\(kind)'")
            }
            return Passage(split: split, language: head[1], solutions: Set(kinds), text: fields[1], line: line)
        }
    }

    private static func records(_ text: String) throws -> [(Int, [String], [String])] {
        var result: [(Int, [String], [String])] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            let parts = line.components(separatedBy: " | ")
            guard parts.count >= 2 else { throw FormatError(line: index + 1, reason: "no ' | ' between the fields") }
            result.append((index + 1, parts[0].split(separator: " ").map(String.init), parts.dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }))
        }
        return result
    }

    /// The solutions the counter finds in a passage, by name (`refund`, `partial refund`, ...).
    public static func solutionsFound(in text: String) -> Set<String> {
        Set(SolutionKind.offered(in: text).map(\.rawValue))
    }
}

/// Precision and recall of a detector over labelled cases.
public struct DetectionScore: Sendable, Hashable, CustomStringConvertible {
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var trueNegatives = 0

    public init() {}

    public mutating func add(expected: Bool, found: Bool) {
        switch (expected, found) {
        case (true, true): truePositives += 1
        case (false, true): falsePositives += 1
        case (true, false): falseNegatives += 1
        case (false, false): trueNegatives += 1
        }
    }

    /// Of what was flagged, the share that should have been (1 when nothing was flagged).
    public var precision: Double {
        truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives)
    }

    /// Of what should have been flagged, the share that was (1 when nothing should have been).
    public var recall: Double {
        truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives)
    }

    public var cases: Int { truePositives + falsePositives + falseNegatives + trueNegatives }

    public var description: String {
        "precision \(Self.format(precision)) recall \(Self.format(recall)) (\(cases) cases: \(truePositives) TP, \(falsePositives) FP, \(falseNegatives) FN)"
    }

    private static func format(_ value: Double) -> String {
        let thousandths = Int((value * 1000).rounded())
        return "\(thousandths / 1000).\(String(repeating: "0", count: 3 - String(thousandths % 1000).count))\(thousandths % 1000)"
    }
}

extension LabelledCheckSet {
    /// The complaint detector's score on messages (subject and body read together, as the
    /// console reads a thread), with the lines it got wrong.
    public static func scoreComplaints(_ messages: [Message]) -> (score: DetectionScore, misses: [Message]) {
        var score = DetectionScore()
        var misses: [Message] = []
        for message in messages {
            let found = ComplaintDetector.isComplaint(subject: message.subject, messages: [message.body])
            score.add(expected: message.isComplaint, found: found)
            if found != message.isComplaint { misses.append(message) }
        }
        return (score, misses)
    }

    /// The solution counter's score over (passage, kind) pairs: each kind a passage offers or
    /// does not offer is one case.
    public static func scoreSolutions(_ passages: [Passage]) -> (score: DetectionScore, misses: [(Passage, Set<String>)]) {
        var score = DetectionScore()
        var misses: [(Passage, Set<String>)] = []
        for passage in passages {
            let found = solutionsFound(in: passage.text)
            for kind in SolutionKind.allCases.map(\.rawValue) {
                score.add(expected: passage.solutions.contains(kind), found: found.contains(kind))
            }
            if found != passage.solutions { misses.append((passage, found)) }
        }
        return (score, misses)
    }
}
