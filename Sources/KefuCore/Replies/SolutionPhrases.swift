/// The kinds of solution a complaint reply can offer (seeds 000, 002, 004), each with the words
/// that name it in the customers' languages. Seed 000 asks for at least two, so the buyer chooses.
enum SolutionKind: String, Sendable, Hashable, CaseIterable {
    case partialRefund = "partial refund"
    case refund
    case reship
    case exchange
    case repair
    case discount
    case returnItem = "return"

    var phrases: PhraseList {
        switch self {
        case .partialRefund:
            PhraseList([
                "partial refund*", "partly refund*", "teilerstatt*", "teilweise erstatt*", "teilweise rückerstatt*",
                "remboursement partiel*", "rembourser une partie", "reembolso parcial", "rimborso parziale",
                "gedeeltelijke terugbetaling", "częściowy zwrot", "delvis återbetalning", "kısmi iade",
                "refund part of", "einen teil des preises", "reembolsamos una parte", "una parte del prezzo",
                "une partie du prix", "parte do valor", "часть стоимости", "частичн*", "一部返金", "一部を返金", "代金の一部",
                "部分退款", "부분 환불", "일부 환불",
            ])
        case .refund:
            PhraseList([
                "refund*", "money back", "erstatt*", "rückerstatt*", "rückzahl*", "rembours*", "reembols*",
                "rimbors*", "terugbetal*", "zwrot pieniędzy", "zwrócimy pieniądze", "återbetal*", "iade*",
                "возврат денег", "возврат средств", "вернём деньги", "вернем деньги", "вернём вам деньги",
                "вернем вам деньги", "вернуть деньги", "返金", "退款", "退还", "geld zurück*", "환불",
            ])
        case .reship:
            PhraseList([
                "reship*", "resend*", "re-send*", "send you a new*", "send a new*", "new parcel", "new package",
                "ship it again", "neu senden", "neues paket", "neuen paket", "erneut senden", "erneut verschick*", "nachsend*",
                "nachliefer*", "renvoyons", "renverrons", "renvoyer un*", "nouveau colis", "réexpédi*", "nouvel envoi", "reenví*", "reenvi*",
                "nuevo paquete", "nuevo envío", "rispedire", "rispedirle", "rispediamo", "rispedito", "rispedita", "rispediremo", "rispedire un*", "nuovo pacco", "nuova spedizione", "novo pacote",
                "nova encomenda", "novo envio", "opnieuw verzend*", "nieuw pakket", "wyślemy ponownie",
                "ponowna wysyłka", "skicka igen", "skickar igen", "nytt paket", "yeniden gönder*",
                "отправим повторно", "новую посылку", "повторн*", "заново", "再送", "重新发货", "补发", "重新发",
                "재발송", "재배송", "다시 보내",
            ])
        case .exchange:
            PhraseList([
                "replacement*", "replace*", "exchange*", "swap*", "ersatz*", "umtausch*", "austausch*", "umtauschen",
                "remplacement", "remplacer", "échange*", "échanger", "reemplaz*", "sustitu*", "cambio", "cambiar",
                "sostituzion*", "sostitui*", "substitui*", "troca*", "trocar", "omruil*", "vervang*", "wymian*",
                "byte", "byta", "değişim", "değiştir*", "замен*", "обмен*", "交換", "换货", "更换", "换成", "换一个", "교환",
            ])
        case .repair:
            PhraseList([
                "repair*", "fix it", "reparatur*", "reparier*", "répar*", "repara*", "ripara*", "reparo",
                "consert*", "reparatie", "repareren", "napraw*", "reparation", "reparera", "onarım", "tamir*",
                "ремонт*", "отремонтир*", "починим", "修理", "维修", "수리",
            ])
        case .discount:
            PhraseList([
                "discount*", "voucher*", "coupon*", "store credit", "compensation*", "compensate*", "rabatt*",
                "gutschein*", "gutschrift*", "entschädig*", "remise", "réduction", "bon d'achat", "dédommag*",
                "descuento*", "cupón", "compensación", "compensar", "sconto*", "buono*", "risarciment*",
                "desconto*", "cupom", "compensação", "korting*", "tegoed*", "vergoeding", "rabat*", "kupon*",
                "rekompens*", "kupong*", "ersättning", "indirim*", "tazminat", "скидк*", "купон*", "компенсац*",
                "割引", "クーポン", "補償", "折扣", "优惠券", "补偿", "打折", "打八", "打九", "打七", "할인", "쿠폰", "보상",
            ])
        case .returnItem:
            PhraseList([
                "return*", "send it back", "send back", "rücksend*", "zurücksend*", "zurückschick*", "retour*",
                "retourner", "reso", "retourneren", "zwrot towaru",
                "odesłać", "returnera", "retur", "geri gönder*", "вернуть товар", "возврат товара", "отправить обратно",
                "返品", "退货", "寄回", "返送", "반품", "renvoyez-nous", "nous renvoyer", "nous le renvoyer",
                "ci rispedisca", "rispedirci", "rispedisca",
            ])
        }
    }

    /// The distinct kinds a text offers, read sentence by sentence. Besides the phrases, three
    /// readings that need two words of a sentence together:
    /// - a refund word next to a percentage ("refund 30% of the price", "30%を返金") is a
    ///   partial refund, not also a full one;
    /// - "give back" verbs (devolver, restituire, вернуть) are a refund next to money ("le
    ///   devolvemos el dinero"), else a return ("devuélvanos el artículo");
    /// - a send verb with "missing", "new" or "again" ("we will send the missing LED lights
    ///   today", "ship you a new one") is a reship, unless the sentence is about a tracking
    ///   number; a send verb with "back" ("send the item back") is a return.
    static func offered(in text: String) -> [SolutionKind] {
        var found = Set<SolutionKind>()
        for sentence in sentences(of: text.lowercased()) { found.formUnion(offered(inSentence: sentence)) }
        return allCases.filter(found.contains)
    }

    private static func offered(inSentence sentence: String) -> Set<SolutionKind> {
        var found = Set<SolutionKind>()
        let percents = percentRanges(in: sentence)
        let discounts = SolutionKind.discount.phrases.allMatches(in: sentence)
        func nearPercent(_ range: Range<String.Index>) -> Bool {
            percents.contains { p in
                let gap = p.lowerBound >= range.upperBound
                    ? sentence[range.upperBound..<p.lowerBound] : p.upperBound <= range.lowerBound ? sentence[p.upperBound..<range.lowerBound] : ""
                return gap.count <= 25 && !discounts.contains { d in d.lowerBound >= min(p.lowerBound, range.lowerBound) && d.upperBound <= max(p.upperBound, range.upperBound) }
                    && !discounts.contains { d in sentence[p.upperBound...].prefix(4).contains(sentence[d].first ?? " ") && sentence.distance(from: p.upperBound, to: d.lowerBound) >= 0 && sentence.distance(from: p.upperBound, to: d.lowerBound) <= 3 }
            }
        }
        let partial = SolutionKind.partialRefund.phrases.allMatches(in: sentence)
        if !partial.isEmpty { found.insert(.partialRefund) }
        for range in SolutionKind.refund.phrases.allMatches(in: sentence) where !partial.contains(where: { $0.contains(range.lowerBound) }) {
            if nearPercent(range) { found.insert(.partialRefund) } else { found.insert(.refund) }
        }
        for range in giveBack.allMatches(in: sentence) {
            if nearPercent(range) { found.insert(.partialRefund); continue }
            let after = sentence[range.upperBound...].prefix(30)
            if money.matches(String(after)) { found.insert(.refund) } else { found.insert(.returnItem) }
        }
        for kind in [SolutionKind.reship, .exchange, .repair, .discount, .returnItem] where kind.phrases.matches(sentence) {
            found.insert(kind)
        }
        if sendVerbs.matches(sentence) {
            let backs = back.allMatches(in: sentence).filter { range in
                // "das Geld zurück", "money back": a refund, not a return.
                !money.matches(String(sentence[..<range.lowerBound].suffix(12)))
            }
            if !backs.isEmpty {
                found.insert(.returnItem)
            } else if (missing.matches(sentence) || newThing.matches(sentence) || again.matches(sentence)) && !trackingWords.matches(sentence) {
                found.insert(.reship)
            }
        }
        return found
    }

    private static func sentences(of text: String) -> [String] {
        text.split { ".!?。！？\n;".contains($0) }.map(String.init)
    }

    /// `30%`, `30 %`, `15,5 %`: where a sentence names a share.
    private static func percentRanges(in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var index = text.startIndex
        while index < text.endIndex {
            guard text[index].isNumber else { index = text.index(after: index); continue }
            var end = index
            while end < text.endIndex, text[end].isNumber || text[end] == "," || text[end] == "." { end = text.index(after: end) }
            var probe = end
            while probe < text.endIndex, text[probe] == " " || text[probe] == "\u{00A0}" || text[probe] == "\u{202F}" { probe = text.index(after: probe) }
            let rest = text[probe...]
            let before = index > text.startIndex ? text[text.index(before: index)] : " "
            let unit = Self.amountUnits.first { unit in
                guard rest.hasPrefix(unit) else { return false }
                // "5 euros" but not "5 europeans": a unit of letters ends its word.
                guard unit.first!.isLetter, unit.unicodeScalars.first!.value < 0x2E80 else { return true }
                return rest.dropFirst(unit.count).first.map { !$0.isLetter } ?? true
            }
            if let unit {
                let end = text.index(probe, offsetBy: unit.count)
                ranges.append(index..<end)
                index = end
            } else if "€$£¥".contains(before) {
                ranges.append(text.index(before: index)..<end)
                index = end
            } else {
                index = end
            }
        }
        return ranges
    }

    /// What follows a number that is a share or an amount: `30 %`, `5 euros`, `1,000円`.
    private static let amountUnits = ["%", "％", "€", "$", "£", "eur", "euro", "euros", "dollar", "dollars", "usd", "reais", "real",
        "руб", "рубл", "円", "元", "원", "块"]

    private static let giveBack = PhraseList([
        "devolv*", "devuélv*", "devolu*", "restitu*", "вернуть", "вернём", "вернем", "zurückzahl*",
    ])
    private static let money = PhraseList([
        "money", "geld", "argent", "dinero", "importe", "soldi", "denaro", "importo", "dinheiro", "valor pago", "деньги", "средства",
        "钱", "货款", "금액",
    ])
    private static let sendVerbs = PhraseList([
        "send*", "ship*", "post", "mail", "dispatch*", "schick*", "zuschick*", "senden", "sende", "versend*", "verschick*", "envo*", "envi*", "spedi*", "invi*",
        "отправ*", "пришл*", "発送", "お送り", "送り", "发", "寄", "보내", "발송",
    ])
    private static let back = PhraseList(["back", "zurück", "обратно", "寄回", "返送"])
    private static let missing = PhraseList([
        "missing", "fehlende*", "manquant*", "que falta", "que faltan", "mancant*", "que faltou", "faltou", "недостающ*",
        "不足", "缺少", "缺的", "누락",
    ])
    private static let newThing = PhraseList([
        "new", "fresh", "another", "neue", "neuen", "neues", "neuer", "nouveau", "nouvel", "nouvelle", "nouveaux",
        "nouvelles", "autre", "nuevo", "nueva", "nuevos", "nuevas", "otro", "otra", "nuovo", "nuova", "nuovi", "nuove",
        "altro", "altra", "novo", "nova", "novos", "novas", "outro", "outra", "новый", "новую", "новое", "новые", "новых",
        "другой", "другую", "新しい", "新品", "代わりの", "新的", "另一个", "새 ", "새로운", "새로",
    ])
    private static let again = PhraseList([
        "again", "erneut", "noch einmal", "à nouveau", "de nouveau", "di nuovo", "novamente", "de novo", "volver* a enviar",
        "volvemos a enviar", "заново", "повторно", "再", "重新", "다시",
    ])
    private static let trackingWords = PhraseList([
        "tracking", "number", "sendungsnummer", "suivi", "seguimiento", "tracciamento", "rastreio", "código", "трек*",
        "追跡", "单号", "运单", "운송장",
    ])
}
