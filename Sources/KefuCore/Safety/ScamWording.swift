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

    /// The phrases as bytes, by their first byte, for one pass over a message's bytes.
    private static let byFirstByte: [[(bytes: [UInt8], index: Int)]] = {
        var table = Array(repeating: [(bytes: [UInt8], index: Int)](), count: 256)
        for (index, entry) in phrases.enumerated() {
            let bytes = Array(entry.phrase.utf8)
            table[Int(bytes[0])].append((bytes, index))
        }
        return table
    }()

    /// The first scam phrase in `text` (ASCII letters in any case), if any. One pass over the
    /// bytes: Foundation's `contains` per phrase was three quarters of the checks' time.
    static func find(in text: String) -> (phrase: String, key: String)? {
        var text = text
        return text.withUTF8 { bytes -> (phrase: String, key: String)? in
            let count = bytes.count
            var i = 0
            while i < count {
                let first = lower(bytes[i])
                for candidate in byFirstByte[Int(first)] where i + candidate.bytes.count <= count {
                    var j = 1
                    while j < candidate.bytes.count, lower(bytes[i + j]) == candidate.bytes[j] { j += 1 }
                    if j == candidate.bytes.count { return phrases[candidate.index] }
                }
                i += 1
            }
            return nil
        }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }
}
