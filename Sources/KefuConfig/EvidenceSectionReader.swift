import Foundation
import KefuCore

/// Reads the `evidence` section of a config file:
///
///     evidence:
///       size_limit: 50MB                                  # bytes, or with KB, MB, GB (powers of 1024)
///       public_base_url: https://proof.example.com/ev/    # optional: where buyers can open the files
enum EvidenceSectionReader {
    static func read(_ section: ConfigNode) throws -> EvidenceSettings {
        var settings = EvidenceSettings()
        let fields = try section.fields(["size_limit", "public_base_url"])
        if let limit = fields["size_limit"] {
            let text = try limit.text()
            guard let bytes = byteCount(text), bytes > 0 else {
                throw limit.error("\"\(text)\" is not a size like 50MB, 500KB or 1GB")
            }
            settings.sizeLimit = bytes
        }
        if let base = fields["public_base_url"] {
            let text = try base.text()
            guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http",
                url.host?.isEmpty == false
            else {
                throw base.error("\"\(text)\" is not an http(s) address like https://proof.example.com/evidence/")
            }
            settings.publicBaseURL = text
        }
        return settings
    }

    /// `52428800`, `50MB`, `50 MiB`, `500kb`, `1GB`: units are powers of 1024.
    static func byteCount(_ text: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let digits = trimmed.prefix { $0.isNumber }
        guard !digits.isEmpty, let number = Int64(digits) else { return nil }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        let multiplier: Int64
        switch unit {
        case "", "B": multiplier = 1
        case "K", "KB", "KIB": multiplier = 1 << 10
        case "M", "MB", "MIB": multiplier = 1 << 20
        case "G", "GB", "GIB": multiplier = 1 << 30
        default: return nil
        }
        let (product, overflow) = number.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : product
    }
}
