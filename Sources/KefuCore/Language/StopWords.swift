/// The common short words (and letters) that tell Latin-script languages apart. Words shared by
/// several languages count for each, divided between them.
enum StopWords {
    static let lists: [String: [String]] = [
        "en": [
            "the", "and", "is", "are", "you", "your", "my", "i", "it", "to", "of", "for", "with", "this", "that",
            "have", "has", "not", "was", "please", "thank", "thanks", "where", "when", "what", "would", "could",
            "will", "can", "be", "me", "we", "our", "hello", "hi", "dear", "received", "still", "yet", "just",
            "about", "from", "but", "do", "does", "did", "there", "they", "any", "got", "order", "an", "if", "sorry",
            "regards", "kind", "which", "on", "at", "by", "us",
        ],
        "de": [
            "der", "die", "das", "und", "ist", "ich", "nicht", "sie", "es", "ein", "eine", "einen", "mit", "auf",
            "für", "zu", "den", "dem", "des", "von", "wir", "bitte", "danke", "meine", "mein", "meinen", "noch",
            "habe", "hat", "haben", "wo", "wann", "warum", "bestellung", "paket", "aber", "auch", "schon", "wurde",
            "kein", "keine", "hallo", "vielen", "dank", "ihr", "ihre", "ihnen", "wie", "was", "bei", "sehr", "uns",
            "grüßen", "freundlichen", "können", "ist", "sind", "wird", "werden", "oder",
        ],
        "fr": [
            "le", "la", "les", "et", "est", "je", "vous", "nous", "pas", "une", "un", "des", "du", "pour", "avec",
            "mon", "ma", "mes", "votre", "vos", "sur", "dans", "ce", "cette", "qui", "que", "bonjour", "merci",
            "commande", "colis", "reçu", "toujours", "où", "quand", "pourquoi", "il", "elle", "au", "aux", "ai",
            "avez", "suis", "été", "mais", "aussi", "très", "j", "c", "l", "d", "qu", "n", "cordialement", "nos",
            "sont", "être", "ou", "si",
        ],
        "es": [
            "el", "la", "los", "las", "y", "es", "que", "de", "en", "un", "una", "por", "para", "con", "mi", "mis",
            "su", "sus", "no", "pedido", "hola", "gracias", "todavía", "aún", "dónde", "cuándo", "porque", "qué",
            "está", "están", "he", "ha", "recibido", "paquete", "pero", "muy", "ya", "lo", "le", "del", "al", "usted",
            "nos", "como", "esto", "este", "esta", "saludos", "o", "si", "puede", "hemos",
        ],
        "it": [
            "il", "lo", "la", "gli", "le", "e", "è", "di", "che", "non", "un", "una", "per", "con", "mio", "mia",
            "miei", "ho", "ha", "sono", "ancora", "dove", "quando", "perché", "ordine", "pacco", "ricevuto", "ciao",
            "grazie", "buongiorno", "della", "del", "dei", "delle", "nel", "nella", "al", "alla", "ma", "anche",
            "molto", "questo", "questa", "vostro", "vostra", "mi", "si", "ci", "cordiali", "saluti", "suo", "sua",
            "abbiamo", "o", "se", "può",
        ],
        "pt": [
            "o", "a", "os", "as", "e", "é", "de", "do", "da", "dos", "das", "que", "não", "um", "uma", "para", "com",
            "meu", "minha", "seu", "sua", "no", "na", "em", "pedido", "olá", "obrigado", "obrigada", "ainda", "onde",
            "quando", "porque", "recebi", "encomenda", "pacote", "mas", "muito", "já", "você", "vocês", "está", "foi",
            "tenho", "pelo", "pela", "atenciosamente", "ou", "se", "pode", "nós",
        ],
        "nl": [
            "de", "het", "een", "en", "is", "ik", "niet", "van", "dat", "je", "u", "mijn", "op", "te", "voor", "met",
            "zijn", "wij", "we", "maar", "nog", "geen", "heb", "hebt", "heeft", "bestelling", "pakket", "waar",
            "wanneer", "waarom", "hallo", "bedankt", "dank", "alstublieft", "graag", "ontvangen", "uw", "ook", "al",
            "er", "bij", "groet", "vriendelijke", "kunt", "wordt",
        ],
        "pl": [
            "i", "w", "z", "na", "nie", "to", "jest", "się", "że", "do", "jak", "mój", "moja", "moje", "moim",
            "zamówienie", "paczka", "paczki", "gdzie", "kiedy", "dlaczego", "dzień", "dobry", "dziękuję", "proszę",
            "jeszcze", "już", "ale", "czy", "od", "po", "tak", "mam", "przesyłka", "otrzymałem", "otrzymałam", "dla",
            "pozdrawiam", "są", "być",
        ],
        "sv": [
            "och", "att", "det", "som", "en", "ett", "är", "jag", "inte", "på", "för", "med", "min", "mitt", "mina",
            "har", "hade", "av", "till", "den", "de", "vi", "ni", "er", "hej", "tack", "beställning", "paket", "var",
            "när", "varför", "fortfarande", "ännu", "men", "också", "kan", "om", "så", "hälsningar", "vänliga",
        ],
        "tr": [
            "ve", "bir", "bu", "da", "de", "için", "ile", "ne", "mi", "mı", "çok", "ben", "sen", "siz", "benim",
            "sipariş", "siparişim", "kargo", "paket", "nerede", "zaman", "neden", "merhaba", "teşekkür",
            "teşekkürler", "lütfen", "hâlâ", "henüz", "ama", "gibi", "var", "yok", "değil", "olarak", "aldım",
            "gelmedi", "saygılarımla", "siparişiniz", "size",
        ],
    ]

    /// Word → the languages that use it.
    static let index: [String: [String]] = {
        var index: [String: [String]] = [:]
        for (language, words) in lists {
            for word in Set(words) { index[word, default: []].append(language) }
        }
        return index
    }()

    /// Letters that, among these ten languages, only one writes.
    static let distinctiveLetters: [Unicode.Scalar: String] = [
        "ß": "de", "ñ": "es", "¿": "es", "¡": "es", "ã": "pt", "õ": "pt", "ł": "pl", "ś": "pl", "ź": "pl",
        "ż": "pl", "ą": "pl", "ę": "pl", "ń": "pl", "å": "sv", "ğ": "tr", "ı": "tr", "ş": "tr",
    ]
}
