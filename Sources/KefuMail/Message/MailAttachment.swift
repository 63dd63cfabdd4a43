/// A file that came with a message (a photo of a broken item, an invoice), decoded and ready to
/// be stored as evidence linked to the message.
public struct MailAttachment: Sendable, Hashable {
    /// The sender's filename (RFC 2231 / RFC 2047 decoded), or one made up from the type
    /// (`attachment-2.jpg`) when the sender gave none. Not safe as a path: callers must not use
    /// it to build one without stripping separators.
    public var filename: String
    /// Lowercased media type, like `image/jpeg`.
    public var contentType: String
    /// Content-ID without brackets, for images an HTML body refers to.
    public var contentID: String?
    /// True for parts shown inside the message (inline images) rather than attached to it.
    public var isInline: Bool
    public var data: [UInt8]

    public init(filename: String, contentType: String, contentID: String? = nil, isInline: Bool = false, data: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.contentID = contentID
        self.isInline = isInline
        self.data = data
    }
}
