/// The lines a reply gets for its parcels, as the seeds advise: the number, the carrier and the
/// link where the buyer can check it, one line per parcel, in the order given (callers pass
/// newest first, as the order summary shows them).
///
/// Compact (no words, so it fits a reply in any language, and matches the shipped templates'
/// `{tracking_number} ({carrier}): {tracking_url}` line):
/// ```
/// RB123456785GB (Royal Mail): https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB
/// ```
/// Labelled, in the reply's language:
/// ```
/// Sendungsnummer: RB123456785GB · Versanddienst: Royal Mail · Sendung verfolgen: https://...
/// ```
public enum TrackingReplySnippet {
    /// Languages with labels; anything else uses the compact form.
    public enum Language: String, Sendable, Hashable, CaseIterable {
        case en, de, fr, es, it

        var labels: (number: String, carrier: String, link: String) {
            switch self {
            case .en: ("Tracking number", "Carrier", "Track it here")
            case .de: ("Sendungsnummer", "Versanddienst", "Sendung verfolgen")
            case .fr: ("Numéro de suivi", "Transporteur", "Suivre le colis")
            case .es: ("Número de seguimiento", "Transportista", "Seguimiento")
            case .it: ("Numero di tracking", "Corriere", "Traccia la spedizione")
            }
        }

        /// French typography puts a space before the colon.
        var colon: String { self == .fr ? " :" : ":" }
    }

    /// Compact lines, one per parcel.
    public static func format(_ parcels: [ParcelLink]) -> String {
        parcels.map(compactLine).joined(separator: "\n")
    }

    /// Labelled lines in `language`; a language code Kefu has no labels for (`"zh"`, `"ja"`)
    /// falls back to the compact form rather than to English.
    public static func format(_ parcels: [ParcelLink], languageCode: String) -> String {
        guard let language = Language(rawValue: languageCode.lowercased().prefix(2).description) else {
            return format(parcels)
        }
        return format(parcels, language: language)
    }

    public static func format(_ parcels: [ParcelLink], language: Language) -> String {
        let labels = language.labels
        let colon = language.colon
        return parcels.map { parcel in
            var parts = ["\(labels.number)\(colon) \(parcel.number)"]
            if let carrier = parcel.carrier, !carrier.isEmpty { parts.append("\(labels.carrier)\(colon) \(carrier)") }
            if let url = parcel.url { parts.append("\(labels.link)\(colon) \(url)") }
            return parts.joined(separator: " · ")
        }.joined(separator: "\n")
    }

    private static func compactLine(_ parcel: ParcelLink) -> String {
        var line = parcel.number
        if let carrier = parcel.carrier, !carrier.isEmpty { line += " (\(carrier))" }
        if let url = parcel.url { line += ": \(url)" }
        return line
    }
}
