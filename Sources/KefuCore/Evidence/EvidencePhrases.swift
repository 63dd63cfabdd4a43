/// The words of an evidence reference in the languages Kefu writes replies in most. Written to
/// agree with each language's word for "evidence" (de der Nachweis; fr, es, it feminine).
struct EvidencePhrases: Sendable {
    var evidence: String
    var of: String
    var whereToCheck: String
    var attached: String
    var whatItShows: String
    var colon = ":"
    var kindNames: [EvidenceKind: String]
    var meanings: [EvidenceKind: String]

    func kindName(_ kind: EvidenceKind) -> String { kindNames[kind] ?? kind.rawValue }
    func meaning(_ kind: EvidenceKind) -> String { meanings[kind] ?? EvidencePhrases.english.meanings[kind]! }

    static var all: [EvidencePhrases] { [english, german, french, spanish, italian] }

    /// The phrases for a language code (`de`, `de-AT`, `FR`); English for any other.
    static func `for`(_ languageCode: String?) -> EvidencePhrases {
        switch languageCode?.lowercased().prefix(2) {
        case "de": german
        case "fr": french
        case "es": spanish
        case "it": italian
        default: english
        }
    }

    static let english = EvidencePhrases(
        evidence: "Evidence", of: "of", whereToCheck: "Where to check it",
        attached: "It is attached to this message.", whatItShows: "What it shows",
        kindNames: [
            .photo: "photo", .weighRecord: "weigh record", .carrierScan: "carrier scan", .video: "video",
            .proofOfDelivery: "proof of delivery", .document: "document",
        ],
        meanings: [
            .photo: "the item as it was before it left our warehouse",
            .weighRecord: "the parcel's weight when it was packed, which matches the items of your order",
            .carrierScan: "the carrier took the parcel in on that date",
            .video: "your item being checked and packed",
            .proofOfDelivery: "the carrier's record that the parcel was delivered",
            .document: "the details of your order as we recorded them",
        ])

    static let german = EvidencePhrases(
        evidence: "Nachweis", of: "vom", whereToCheck: "Hier können Sie ihn prüfen",
        attached: "Er ist dieser Nachricht beigefügt.", whatItShows: "Was er zeigt",
        kindNames: [
            .photo: "Foto", .weighRecord: "Wiegeprotokoll", .carrierScan: "Scan des Versanddienstes", .video: "Video",
            .proofOfDelivery: "Zustellnachweis", .document: "Dokument",
        ],
        meanings: [
            .photo: "den Artikel, wie er vor dem Versand aus unserem Lager aussah",
            .weighRecord: "das Gewicht des Pakets beim Verpacken; es passt zu den Artikeln Ihrer Bestellung",
            .carrierScan: "der Versanddienst hat das Paket an diesem Tag übernommen",
            .video: "wie Ihr Artikel geprüft und verpackt wurde",
            .proofOfDelivery: "die Bestätigung des Versanddienstes, dass das Paket zugestellt wurde",
            .document: "die Angaben zu Ihrer Bestellung, wie wir sie erfasst haben",
        ])

    static let french = EvidencePhrases(
        evidence: "Preuve", of: "du", whereToCheck: "Où la vérifier",
        attached: "Elle est jointe à ce message.", whatItShows: "Ce qu'elle montre", colon: " :",
        kindNames: [
            .photo: "photo", .weighRecord: "relevé de pesée", .carrierScan: "scan du transporteur", .video: "vidéo",
            .proofOfDelivery: "preuve de livraison", .document: "document",
        ],
        meanings: [
            .photo: "l'article tel qu'il était avant de quitter notre entrepôt",
            .weighRecord: "le poids du colis à l'emballage, qui correspond aux articles de votre commande",
            .carrierScan: "le transporteur a pris en charge le colis à cette date",
            .video: "la vérification et l'emballage de votre article",
            .proofOfDelivery: "l'attestation du transporteur que le colis a été livré",
            .document: "les détails de votre commande tels que nous les avons enregistrés",
        ])

    static let spanish = EvidencePhrases(
        evidence: "Prueba", of: "del", whereToCheck: "Dónde comprobarla",
        attached: "Va adjunta a este mensaje.", whatItShows: "Lo que muestra",
        kindNames: [
            .photo: "foto", .weighRecord: "registro de pesaje", .carrierScan: "escaneo del transportista", .video: "vídeo",
            .proofOfDelivery: "prueba de entrega", .document: "documento",
        ],
        meanings: [
            .photo: "el artículo tal como estaba antes de salir de nuestro almacén",
            .weighRecord: "el peso del paquete al embalarlo, que coincide con los artículos de su pedido",
            .carrierScan: "el transportista recogió el paquete en esa fecha",
            .video: "la revisión y el embalaje de su artículo",
            .proofOfDelivery: "el registro del transportista de que el paquete fue entregado",
            .document: "los datos de su pedido tal como los registramos",
        ])

    static let italian = EvidencePhrases(
        evidence: "Prova", of: "del", whereToCheck: "Dove verificarla",
        attached: "È allegata a questo messaggio.", whatItShows: "Cosa mostra",
        kindNames: [
            .photo: "foto", .weighRecord: "registro di pesatura", .carrierScan: "scansione del corriere", .video: "video",
            .proofOfDelivery: "prova di consegna", .document: "documento",
        ],
        meanings: [
            .photo: "l'articolo com'era prima di lasciare il nostro magazzino",
            .weighRecord: "il peso del pacco all'imballaggio, che corrisponde agli articoli del suo ordine",
            .carrierScan: "il corriere ha preso in carico il pacco in quella data",
            .video: "il controllo e l'imballaggio del suo articolo",
            .proofOfDelivery: "la conferma del corriere che il pacco è stato consegnato",
            .document: "i dettagli del suo ordine come li abbiamo registrati",
        ])
}
