import Foundation

/// Why a reply asking for attachments was not queued.
public enum ReplyAttachmentError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownEvidence(String)

    public var description: String {
        switch self {
        case .unknownEvidence(let id):
            "\(id) is not in the evidence locker (removed, or mistyped): delete it from the text or stop attaching the evidence"
        }
    }
}
