import Foundation
import KefuCore

/// Why a message could not be taken in. The reason is written for the team lead who reads the
/// quarantine list; the code is for callers that match on it.
public struct MailParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable, Hashable, CaseIterable {
        case empty
        case noHeaders = "no-headers"
        case noSender = "no-sender"
        case malformedStructure = "malformed-structure"
        case messageTooLarge = "message-too-large"
        case bodyTooLarge = "body-too-large"
        case nestedTooDeep = "nested-too-deep"
        case tooManyParts = "too-many-parts"
    }

    public var code: Code
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(code.rawValue): \(reason)" }

    /// The quarantine row for the message that failed; `raw` keeps its text (bytes that are
    /// not UTF-8 shown as U+FFFD), cut at `rawLimit` bytes so a huge message stays readable.
    public func quarantined(
        bytes: [UInt8], source: String, location: String, at: Date, rawLimit: Int = 1 << 20
    ) -> QuarantinedInput {
        var raw = String(decoding: bytes.prefix(rawLimit), as: UTF8.self)
        if bytes.count > rawLimit { raw += "\n[... \(bytes.count - rawLimit) more bytes not kept]" }
        return QuarantinedInput(source: source, location: location, reason: description, raw: raw, at: at)
    }
}
