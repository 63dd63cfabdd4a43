import Foundation

/// One MIME entity of a parsed message: its header, its type, and either a body (a range of the
/// message bytes, still transfer-encoded) or child parts.
public struct MIMEPart: Sendable, Hashable {
    public var header: MessageHeader
    /// `text/plain` when the part says nothing (RFC 2045 5.2), with its parameters.
    public var contentType: HeaderParameters
    public var disposition: HeaderParameters?
    /// Lowercased Content-Transfer-Encoding, `7bit` when absent.
    public var transferEncoding: String
    /// Where the encoded body lies in the message bytes (leaf parts).
    public var bodyRange: Range<Int>
    public var children: [MIMEPart]

    public var mediaType: String { contentType.value }
    public var isMultipart: Bool { contentType.value.hasPrefix("multipart/") }
    public var charset: String? { contentType["charset"] }

    /// The filename a sender gave, from Content-Disposition or the older Content-Type name.
    public var filename: String? {
        let name = disposition?["filename"] ?? contentType["name"]
        guard let name, !name.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return name
    }

    public var isMarkedAttachment: Bool { disposition?.value == "attachment" }
}
