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
                "部分退款",
            ])
        case .refund:
            PhraseList([
                "refund*", "money back", "erstatt*", "rückerstatt*", "rückzahl*", "rembours*", "reembols*",
                "rimbors*", "terugbetal*", "zwrot pieniędzy", "zwrócimy pieniądze", "återbetal*", "iade*",
                "возврат денег", "возврат средств", "вернём деньги", "вернем деньги", "вернём вам деньги",
                "вернем вам деньги", "вернуть деньги", "返金", "退款",
            ])
        case .reship:
            PhraseList([
                "reship*", "resend*", "re-send*", "send you a new*", "send a new*", "new parcel", "new package",
                "ship it again", "neu senden", "neues paket", "neuen paket", "erneut senden", "erneut verschick*", "nachsend*",
                "nachliefer*", "renvoy*", "nouveau colis", "réexpédi*", "nouvel envoi", "reenví*", "reenvi*",
                "nuevo paquete", "nuevo envío", "rispedi*", "nuovo pacco", "nuova spedizione", "novo pacote",
                "nova encomenda", "novo envio", "opnieuw verzend*", "nieuw pakket", "wyślemy ponownie",
                "ponowna wysyłka", "skicka igen", "skickar igen", "nytt paket", "yeniden gönder*",
                "отправим повторно", "новую посылку", "повторн*", "заново", "再送", "重新发货", "补发",
            ])
        case .exchange:
            PhraseList([
                "replacement*", "replace*", "exchange*", "swap*", "ersatz*", "umtausch*", "austausch*", "umtauschen",
                "remplacement", "remplacer", "échange*", "échanger", "reemplaz*", "sustitu*", "cambio", "cambiar",
                "sostituzion*", "sostitui*", "substitui*", "troca*", "trocar", "omruil*", "vervang*", "wymian*",
                "byte", "byta", "değişim", "değiştir*", "замен*", "обмен*", "交換", "换货", "更换",
            ])
        case .repair:
            PhraseList([
                "repair*", "fix it", "reparatur*", "reparier*", "répar*", "repara*", "ripara*", "reparo",
                "consert*", "reparatie", "repareren", "napraw*", "reparation", "reparera", "onarım", "tamir*",
                "ремонт*", "починим", "修理", "维修",
            ])
        case .discount:
            PhraseList([
                "discount*", "voucher*", "coupon*", "store credit", "compensation*", "compensate*", "rabatt*",
                "gutschein*", "gutschrift*", "entschädig*", "remise", "réduction", "bon d'achat", "dédommag*",
                "descuento*", "cupón", "compensación", "compensar", "sconto*", "buono*", "risarciment*",
                "desconto*", "cupom", "compensação", "korting*", "tegoed*", "vergoeding", "rabat*", "kupon*",
                "rekompens*", "kupong*", "ersättning", "indirim*", "tazminat", "скидк*", "купон*", "компенсац*",
                "割引", "クーポン", "補償", "折扣", "优惠券", "补偿",
            ])
        case .returnItem:
            PhraseList([
                "return*", "send it back", "send back", "rücksend*", "zurücksend*", "zurückschick*", "retour*",
                "retourner", "devolu*", "devolver*", "devolv*", "reso", "restitu*", "retourneren", "zwrot towaru",
                "odesłać", "returnera", "retur", "geri gönder*", "вернуть товар", "возврат товара", "отправить обратно",
                "返品", "退货",
            ])
        }
    }

    /// The distinct kinds a text offers. A partial refund is counted once, not also as a refund.
    static func offered(in text: String) -> [SolutionKind] {
        let lower = text.lowercased()
        let partial = SolutionKind.partialRefund.phrases.allMatches(in: lower)
        return allCases.filter { kind in
            let ranges = kind.phrases.allMatches(in: lower)
            guard kind == .refund else { return !ranges.isEmpty }
            return ranges.contains { range in !partial.contains { $0.contains(range.lowerBound) } }
        }
    }
}
