/// The media type an evidence file travels with, from its original name's extension: evidence
/// is photos, scans, PDFs and short videos, and the receiving mail program or connector needs
/// the type to show it inline; anything unknown goes as `application/octet-stream`.
public enum EvidenceMediaType {
    static let byExtension: [String: String] = [
        "jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp",
        "heic": "image/heic", "bmp": "image/bmp", "tif": "image/tiff", "tiff": "image/tiff",
        "pdf": "application/pdf", "txt": "text/plain", "csv": "text/csv", "json": "application/json",
        "mp4": "video/mp4", "mov": "video/quicktime", "webm": "video/webm",
        "zip": "application/zip", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]

    public static func of(filename: String) -> String {
        guard let dot = filename.lastIndex(of: "."), dot != filename.startIndex else { return "application/octet-stream" }
        let ext = filename[filename.index(after: dot)...].lowercased()
        return byExtension[ext] ?? "application/octet-stream"
    }
}
