/// Whether a customer's message complains about the order (late, lost, wrong, missing, broken,
/// faulty, or asks for money back), in the languages Kefu's customers write. A complaint must
/// be answered with at least two solutions to choose from (seed 000), so the reply checks ask.
public enum ComplaintDetector {
    public static func isComplaint(_ message: String) -> Bool {
        phrases.matches(message.lowercased())
    }

    static let phrases = PhraseList([
        // English
        "damaged", "broken", "cracked", "smashed", "defective", "faulty", "doesn't work", "does not work", "stopped working",
        "wrong item", "wrong size", "wrong colour", "wrong color", "missing", "not received", "never received", "never arrived",
        "hasn't arrived", "has not arrived", "still not arrived", "lost", "refund*", "money back", "complain*", "disappointed",
        "poor quality", "bad quality", "not as described",
        // German
        "kaputt", "beschädigt", "defekt", "funktioniert nicht", "falsche*", "falschen", "fehlt", "fehlen", "nicht angekommen",
        "nicht erhalten", "noch nicht da", "verloren", "erstatt*", "rückerstatt*", "reklamation", "beschwerde", "enttäuscht",
        // French
        "cassé*", "endommagé*", "abîmé*", "défectueu*", "ne fonctionne pas", "mauvais article", "mauvaise taille",
        "manquant*", "pas reçu", "jamais reçu", "pas arrivé", "perdu", "rembours*", "réclamation", "déçu*",
        // Spanish
        "roto", "rota", "dañad*", "defectuos*", "no funciona", "equivocad*", "falta", "no he recibido", "no ha llegado",
        "no llegó", "perdido", "reembols*", "reclamación", "decepcionad*",
        // Italian
        "rotto", "rotta", "danneggiat*", "difettos*", "non funziona", "sbagliat*", "manca", "mancante", "non ricevuto",
        "non è arrivato", "non e arrivato", "smarrit*", "rimbors*", "reclamo", "deluso", "delusa",
        // Portuguese
        "quebrado", "danificad*", "não funciona", "errado", "não recebi", "não chegou", "perdid*", "reembolso",
        // Russian
        "сломан*", "поврежд*", "разбит*", "брак", "не работает", "не тот", "не та", "не пришл*", "не получил*",
        "не дошл*", "потерял*", "возврат*", "верните деньги", "жалоб*",
        // Japanese, Chinese
        "壊れ", "破損", "不良", "動かない", "間違", "届かない", "届いていない", "届きません", "返金", "紛失",
        "坏了", "破损", "错发", "没收到", "未收到", "丢失", "退款",
    ])
}
