/// Why the words of a message look like a scam mail (the buyer forwarding one, or the scam itself).
public enum WordingSignal: String, Sendable, Hashable, CaseIterable, Codable {
    /// Phrases the fake marketplace mails use: "verify your account", "you have won a gift card",
    /// "Ihr Konto wurde gesperrt"… in the template languages.
    case scamPhrase = "scam-phrase"
}

/// The phrases of fake marketplace mails, in the template languages (en, de, fr, es, it). A
/// scam wave groups on the phrase's key, so the German and the English gift card are one wave.
enum ScamWording {
    /// Lowercased phrase → the key its wave is counted under.
    static let phrases: [(phrase: String, key: String)] = [
        ("verify your account", "verify your account"), ("confirm your account", "verify your account"),
        ("account has been suspended", "account suspended"), ("account has been locked", "account suspended"),
        ("account will be suspended", "account suspended"), ("won a gift card", "gift card prize"),
        ("claim your gift card", "gift card prize"), ("claim your reward", "gift card prize"),
        ("update your payment", "update payment details"), ("confirm your payment details", "update payment details"),
        ("order could not be shipped", "order cannot ship"), ("order cannot be shipped", "order cannot ship"),
        ("konto bestätigen", "verify your account"), ("konto verifizieren", "verify your account"),
        ("konto wurde gesperrt", "account suspended"), ("geschenkkarte gewonnen", "gift card prize"),
        ("gutschein gewonnen", "gift card prize"), ("zahlungsdaten aktualisieren", "update payment details"),
        ("confirmer votre compte", "verify your account"), ("vérifier votre compte", "verify your account"),
        ("compte a été suspendu", "account suspended"), ("gagné une carte cadeau", "gift card prize"),
        ("mettre à jour vos informations de paiement", "update payment details"),
        ("verificar su cuenta", "verify your account"), ("verifique su cuenta", "verify your account"),
        ("cuenta ha sido suspendida", "account suspended"), ("ganado una tarjeta regalo", "gift card prize"),
        ("actualizar sus datos de pago", "update payment details"),
        ("verificare il tuo account", "verify your account"), ("verifica il tuo account", "verify your account"),
        ("account è stato sospeso", "account suspended"), ("vinto una carta regalo", "gift card prize"),
        ("vinto un buono", "gift card prize"), ("aggiornare i dati di pagamento", "update payment details"),
    ]

    /// The first scam phrase in `text`, if any.
    static func find(in text: String) -> (phrase: String, key: String)? {
        let lower = text.lowercased()
        return phrases.first { lower.contains($0.phrase) }
    }
}
