/// What a piece of evidence is. The seeds name these as the proof a dispute reply should give:
/// photos, the packing weigh record (底单称重), the carrier's scan, a video of the packing table,
/// proof of delivery, and any other document.
public enum EvidenceKind: String, Sendable, Hashable, CaseIterable, Codable {
    case photo
    case weighRecord = "weigh-record"
    case carrierScan = "carrier-scan"
    case video
    case proofOfDelivery = "proof-of-delivery"
    case document

    /// The accepted spellings, for error messages: `photo, weigh-record, ...`.
    public static var spellings: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Reads what an agent types: the kind's name in any case, `_` for `-` allowed.
    public init?(parsing text: String) {
        self.init(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "_", with: "-"))
    }
}
