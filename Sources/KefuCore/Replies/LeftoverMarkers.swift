import Foundation

/// Finds the fill-in-here markers that template collections are full of ("(Your name)",
/// "[name]", "Dear X,", "item#xxx", "xx% off"): text that must never reach a customer.
enum LeftoverMarkers {
    /// Words that, alone inside brackets, mean "fill me in".
    private static let bracketWords: Set<String> = [
        "name", "first name", "last name", "customer", "customer name", "buyer", "buyer name", "order number",
        "order id", "order no", "tracking number", "tracking no", "item", "item number", "item id", "amount",
        "price", "date", "link", "url", "product", "product name", "signature", "company", "store", "store name",
        "shop name", "number", "email", "address", "paypal account", "x", "xx", "xxx", "name here", "vorname",
        "nachname", "datum", "betrag", "bestellnummer", "sendungsnummer", "nom", "prénom", "numéro de commande",
        "nombre", "número de pedido", "fecha", "nome", "cognome", "numero d'ordine", "número do pedido", "имя",
        "номер заказа", "名前", "お名前",
    ]

    /// Openings of bracketed instructions: "(your name)", "[insert link]", "(Ihr Name)".
    private static let bracketOpenings: [String] = [
        "your ", "insert ", "enter ", "add ", "put ", "fill ", "ihr ", "ihre ", "votre ", "su ", "tu ", "il tuo ",
        "la tua ", "seu ", "sua ", "ваш ", "ваше ", "ваша ",
    ]

    static func find(in text: String) -> [Range<String.Index>] {
        bracketed(in: text) + placeholderLetters(in: text) + loneXAfterGreeting(in: text)
    }

    /// `(...)`, `[...]` and `<...>` whose content reads as a fill-in instruction.
    private static func bracketed(in text: String) -> [Range<String.Index>] {
        let pairs: [Character: Character] = ["(": ")", "[": "]", "<": ">", "（": "）", "【": "】"]
        var found: [Range<String.Index>] = []
        var index = text.startIndex
        while index < text.endIndex {
            let ch = text[index]
            if let closer = pairs[ch], let close = text[index...].prefix(50).firstIndex(of: closer) {
                let inner = text[text.index(after: index)..<close].trimmingCharacters(in: .whitespaces).lowercased()
                if !inner.contains("\n"), bracketWords.contains(inner) || bracketOpenings.contains(where: inner.hasPrefix) {
                    found.append(index..<text.index(after: close))
                    index = text.index(after: close)
                    continue
                }
            }
            index = text.index(after: index)
        }
        return found
    }

    /// Words made only of x's ("XXX", "xx%"), and "TODO"/"TBD" in capitals.
    private static func placeholderLetters(in text: String) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index].isLetter else { index = text.index(after: index); continue }
            let end = text[index...].firstIndex { !$0.isLetter } ?? text.endIndex
            let word = text[index..<end]
            if word.count >= 2 && word.allSatisfy({ $0 == "x" || $0 == "X" }) || word == "TODO" || word == "TBD" {
                found.append(index..<end)
            }
            index = end
        }
        return found
    }

    /// "Dear X," / "Hello X" with a capital X standing for the customer's name.
    private static func loneXAfterGreeting(in text: String) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        for greeting in ["Dear X", "Hello X", "Hi X", "Hallo X", "Bonjour X", "Hola X", "Gentile X", "Olá X"] {
            var from = text.startIndex
            while let range = text.range(of: greeting, range: from..<text.endIndex) {
                from = range.upperBound
                if range.upperBound == text.endIndex || !text[range.upperBound].isLetter {
                    found.append(text.index(before: range.upperBound)..<range.upperBound)
                }
            }
        }
        return found
    }
}
