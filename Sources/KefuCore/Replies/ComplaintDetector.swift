/// Whether a customer complains about the order (late, lost, wrong, missing, broken, faulty,
/// or asks for money back), in the languages Kefu's customers write. A complaint must be
/// answered with at least two solutions to choose from (seed 000), so the reply checks ask.
///
/// A thread is read whole: the subject often says what the body only describes ("Wrong item
/// received" over "I ordered the blue one but got a white one"), and a chaser ("Any news?")
/// stays a complaint when the first message was one. A damage word right after a negation
/// ("nothing broken", "rien de cassé") does not count.
///
/// Measured on `Resources/checks/complaints.txt` by `kefu-bench checks` (precision and recall
/// on the dev and the held-out lines).
public enum ComplaintDetector {
    public static func isComplaint(_ message: String) -> Bool {
        let lower = message.lowercased()
        return phrases.allMatches(in: lower).contains { !isNegated(lower, $0) }
    }

    /// The subject and the customer's messages of a thread read together.
    public static func isComplaint(subject: String?, messages: [String]) -> Bool {
        ([subject].compactMap { $0 } + messages).contains(where: isComplaint)
    }

    /// "nothing broken", "not damaged", "rien de cassé", "nada roto", "niente di rotto", "nada
    /// quebrado", "ничего не разбилось", "没有破损", "破損もなく", "파손 없이": a negation just
    /// before the match (or, in Japanese and Korean, just after it).
    static func isNegated(_ text: String, _ range: Range<String.Index>) -> Bool {
        let start = text.index(range.lowerBound, offsetBy: -min(16, text.distance(from: text.startIndex, to: range.lowerBound)))
        let before = text[start..<range.lowerBound]
        let after = text[range.upperBound...].prefix(6)
        let words = before.split { !$0.isLetter }.suffix(2).map(String.init)
        if let last = words.last, before.last?.isLetter != true || before.isEmpty,
            ["no", "not", "nothing", "without", "kein", "keine", "nichts", "ohne", "nicht", "sans", "rien", "pas", "sin",
             "nada", "senza", "niente", "nulla", "sem", "без", "ничего", "ни", "не", "de", "di", "d"].contains(last) {
            // "de"/"di" only after "rien"/"niente"/"nada": "rien de cassé", "niente di rotto".
            if ["de", "di", "d"].contains(last) {
                return words.count == 2 && ["rien", "niente", "nulla", "nada"].contains(words[0])
            }
            return true
        }
        if ["没有", "没", "无", "未"].contains(where: { before.hasSuffix($0) }) && !text[range].hasPrefix("没") { return true }
        // After the match, allowing for the rest of a word ("破" of Chinese matching "破損").
        return ["もなく", "もなし", "없이", " 없이", "은 없", "는 없"].contains { after.hasPrefix($0) || after.dropFirst().hasPrefix($0) }
            || text[range.upperBound...].prefix(8).contains("하나 없이")
    }

    /// By language, then roughly by kind: damage, faults, wrong or missing goods, late or lost
    /// parcels, money back, displeasure. Forms are spelled out where a language inflects.
    static let phrases = PhraseList(english + german + french + spanish + italian + portuguese + russian + japanese + chinese + korean)

    static let english = [
        "damaged", "broken", "break", "crack", "cracked", "chip", "chipped", "dent", "dented", "scratch*", "smashed",
        "shattered", "crushed", "torn", "ripped", "bent", "loose in the box", "came loose", "soaking wet", "wet", "leak*",
        "stain*", "defective", "faulty", "dead on arrival", "doesn't work", "does not work", "don't work", "not working",
        "stopped working", "don't turn on", "doesn't turn on", "won't turn on", "don't light", "doesn't light",
        "won't charge", "doesn't charge", "don't charge", "hold a charge", "hold the charge", "malfunction*", "switches off",
        "wrong item", "wrong size", "wrong colour", "wrong color", "wrong one", "incorrect item", "not what i ordered",
        "not as described", "different from the photo", "completely different", "instead of the", "missing",
        "only got", "not received", "never received", "never arrived", "haven't got", "have not got", "haven't received",
        "has not moved", "hasn't moved", "not moved", "not moving", "no update*", "hasn't arrived", "has not arrived",
        "still not arrived", "still haven't", "still waiting", "says delivered", "marked as delivered", "shows delivered",
        "not at my door", "late", "delay*", "stuck", "lost", "refund*", "money back", "reimburse*", "send this back",
        "send it back", "complain*", "disappointed", "angry", "upset", "annoyed", "not happy", "unhappy", "ridiculous",
        "unacceptable", "not acceptable", "poor quality", "bad quality", "sort* out",
    ]
    static let german = [
        "kaputt", "beschädigt", "zerbrochen", "gebrochen", "gesprungen", "riss", "sprung", "angeschlagen", "abgebrochen",
        "delle", "verbeult", "eingedrückt", "kratzer", "zerkratzt", "zerrissen", "gerissen", "nass", "undicht", "tropft",
        "scherben", "defekt", "funktioniert nicht", "funktioniert nicht richtig", "geht nicht mehr", "gehen sie gar nicht",
        "leuchtet nicht", "leuchten nicht", "lädt nicht", "laden nicht", "schaltet sich", "falsche*", "falschen",
        "statt der", "statt des", "anders als auf dem foto", "völlig anders", "so nicht bestellt", "fehlt", "fehlen",
        "nicht angekommen", "nichts angekommen", "nicht erhalten", "noch nicht da", "immer noch nicht", "nichts neues",
        "bewegt sich nicht", "keine bewegung", "warte ich", "verspätet", "verspätung", "verloren", "erstatt*",
        "rückerstatt*", "geld zurück*", "reklamation", "beschwerde", "enttäuscht", "verärgert", "ärgerlich",
        "unzufrieden", "so geht das nicht", "nicht in ordnung",
    ]
    static let french = [
        "cassé*", "brisé*", "fêlé*", "fissur*", "ébréché*", "éclat", "rayé*", "rayure*", "cabossé*", "tordu*", "déchiré*",
        "écrasé*", "mouillé*", "taché*", "abîmé*", "endommagé*", "fuit", "fuite", "défectueu*", "en panne",
        "ne fonctionne pas", "ne fonctionne plus", "ne marche pas", "ne marche plus", "ne s'allume pas",
        "ne s'allument pas", "ne s'allume plus", "ne s'allument plus", "ne charge pas", "ne chargent pas",
        "ne tiennent pas la charge", "ne tient pas la charge", "s'éteint", "mauvais article", "mauvaise taille",
        "mauvaise couleur", "au lieu du", "au lieu de la", "rien à voir", "pas ce que j'ai commandé", "manquant*", "manque",
        "pas reçu", "rien reçu", "jamais reçu", "pas arrivé", "toujours pas", "toujours rien", "pas bougé", "ne bouge pas",
        "bloqué", "j'attends", "en retard", "retard*", "perdu", "rembours*", "réclamation", "déçu*", "mécontent*",
        "en colère", "énervé*", "inadmissible", "inacceptable", "pas acceptable",
    ]
    static let spanish = [
        "roto", "rota", "rotos", "rotas", "partido", "partida", "rajad*", "grieta", "desconchad*", "astillad*", "golpe",
        "golpead*", "abollad*", "rayad*", "arañazo*", "aplastad*", "rasgad*", "doblad*", "mojad*", "manchad*", "dañad*",
        "pierde agua", "gotea", "averiad*", "estropead*", "defectuos*", "no funciona", "dejó de funcionar",
        "no enciende", "no se encienden", "no se enciende", "no carga", "no cargan", "no aguanta la carga",
        "no aguantan la carga", "se apaga", "equivocad*", "en lugar de la", "en lugar del", "en vez de la", "en vez del",
        "nada que ver", "no es lo que pedí", "falta", "faltan", "no he recibido", "no ha llegado", "no me ha llegado",
        "no llegó", "sigo esperando", "sigo sin", "no se mueve", "retraso", "atascad*", "perdido", "reembols*",
        "devuelvan el dinero", "mi dinero", "reclamación", "decepcionad*", "molest*", "enfadad*", "vergüenza",
        "inaceptable", "no es aceptable",
    ]
    static let italian = [
        "rotto", "rotta", "rotti", "rotte", "spaccat*", "incrinat*", "crepa", "scheggiat*", "scheggia", "ammaccat*",
        "graffi*", "schiacciat*", "strappat*", "piegat*", "bagnat*", "macchiat*", "danneggiat*", "rovinat*", "frantumi",
        "perde acqua", "guast*", "difettos*", "non funziona", "non si accende", "non si accendono", "non si carica",
        "non tiene la carica", "non tengono la carica", "si spegne", "articolo sbagliato", "prodotto sbagliato",
        "taglia sbagliata", "colore sbagliato", "invece della", "invece del", "non c'entra", "non è quello che ho ordinato",
        "manca", "mancano", "mancante", "non ricevuto", "non ho ricevuto", "non è arrivato", "non e arrivato",
        "ancora niente", "sto ancora aspettando", "aspetto il mio", "è fermo", "non si muove", "bloccat*", "ritardo",
        "smarrit*", "perso", "rimbors*", "soldi indietro", "reclamo", "deluso", "delusa", "arrabbiat*", "inaccettabile",
        "non va bene",
    ]
    static let portuguese = [
        "quebrad*", "trincad*", "rachad*", "rachadura", "lascad*", "lasca", "amassad*", "arranh*", "rasgad*", "molhad*",
        "manchad*", "danificad*", "estragad*", "vazando", "vaza", "com defeito", "defeito", "defeituos*", "não funciona",
        "parou de funcionar", "não acende", "não acendem", "não carrega", "não carregam", "não segura a carga",
        "não seguram a carga", "desliga", "errado", "errada", "em vez do", "em vez da", "nada a ver",
        "não foi isso que eu pedi", "faltando", "faltou", "falta", "não recebi", "não chegou", "até agora nada",
        "ainda estou esperando", "parado há", "atraso", "atrasad*", "extraviad*", "perdid*", "reembolso",
        "dinheiro de volta", "meu dinheiro", "decepcionad*", "chatead*", "irritad*", "absurdo", "inaceitável",
        "não é aceitável",
    ]
    static let russian = [
        "сломан*", "разбит*", "разбил*", "треснул*", "треснувш*", "трещин*", "скол", "сколы", "сколом", "со сколом", "вмятин*", "поцарапан*",
        "царапин*", "смят*", "порван*", "погнут*", "мокр*", "протека*", "пятн*", "поврежд*", "испорчен*", "брак*",
        "неисправ*", "не работает", "не работают", "перестал*", "не включа*", "не горит", "не горят", "не заряжа*",
        "не держ*", "выключается", "не тот", "не та", "не то", "вместо", "не как на фото", "заказывал* другое",
        "не хватает", "нет светодиод*", "не пришл*", "не получил*", "ничего не получил*", "не дошл*", "жду",
        "всё нет", "все нет", "не обновляется", "не двигается", "застрял*", "задерж*", "опозда*", "потерял*",
        "возврат*", "вернуть деньги", "верните деньги", "вернуть мне деньги", "деньги обратно", "жалоб*",
        "расстроен*", "недовол*", "безобразие", "неприемлемо",
    ]
    static let japanese = [
        "壊れ", "割れ", "ひび", "欠け", "へこ", "傷", "つぶれ", "破れ", "曲が", "濡れ", "漏れ", "汚れ", "破損",
        "動かない", "動かなく", "点かない", "点きません", "故障", "不良", "充電できない", "充電を保たない",
        "充電が持たない", "消えてしまい", "違う商品", "間違った", "異なる", "色が違", "違います", "注文したのに",
        "足りません", "足りない", "入っていません", "届かない", "届いていない", "届いていません", "届きません",
        "受け取っていません", "更新されていません", "止まった", "遅れ", "遅い", "紛失", "返金", "残念", "困って",
        "納得できません",
    ]
    static let chinese = [
        "坏", "碎", "裂", "磕", "凹", "划痕", "压坏", "破", "弯了", "湿了", "漏", "脏", "损坏", "不亮", "不能用",
        "故障", "充不进电", "充不上电", "不工作", "自动关", "错发", "发错", "寄错", "不对", "不一样", "却是", "少发",
        "没有收到", "没收到", "未收到", "还没到", "没有更新", "不动", "卡在", "延迟", "丢失", "丢了", "退款", "退钱",
        "失望", "不满", "太过分", "不能接受",
    ]
    static let korean = [
        "깨지", "깨졌", "깨진", "깨져", "금이", "이가 나", "찌그러", "흠집", "긁힘", "찢어", "휘어", "젖어", "샙니다",
        "새요", "얼룩", "파손", "망가", "작동하지 않", "안 켜", "켜지지 않", "꺼집니다", "고장", "불량", "충전이 안",
        "충전되지 않", "다른 상품", "잘못 온", "잘못 보내", "틀려", "틀린", "다릅니다", "달라요", "빠졌", "없습니다",
        "안 왔", "못 받", "받지 못", "아직도", "그대로입니다", "멈춰", "지연", "늦어", "분실", "환불", "돈을 돌려",
        "돌려받", "실망", "화가", "너무합니다",
    ]
}
