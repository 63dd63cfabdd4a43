/// Greetings and thanks in the languages Kefu's customers write, so the checks can tell a reply
/// that opens politely and thanks the buyer (seed 000: thanks come first) from one that does not.
enum CourtesyPhrases {
    static let greetings = PhraseList([
        // English
        "hello", "hi", "hey", "dear", "good morning", "good afternoon", "good evening", "greetings",
        // German
        "hallo", "liebe", "lieber", "sehr geehrte*", "guten tag", "guten morgen", "guten abend", "moin", "servus",
        "grüß gott",
        // French
        "bonjour", "bonsoir", "cher", "chère", "madame", "monsieur", "salut",
        // Spanish
        "hola", "estimad*", "buenos días", "buenas tardes", "buenas noches", "querid*",
        // Italian
        "ciao", "gentile", "gentilissim*", "salve", "buongiorno", "buonasera", "egregi*", "caro", "cara",
        // Portuguese
        "olá", "ola", "prezad*", "bom dia", "boa tarde", "boa noite", "oi",
        // Dutch, Polish, Swedish, Turkish
        "beste", "geachte", "goedemorgen", "goedemiddag", "goedenavond", "hoi", "dzień dobry", "witam", "szanown*",
        "cześć", "hej", "hejsan", "hallå", "god morgon", "god dag", "bästa", "merhaba", "sayın", "iyi günler",
        "selam",
        // Russian, Ukrainian
        "здравствуйте", "добрый день", "добрый вечер", "доброе утро", "уважаем*", "привет", "дорог*", "вітаю",
        "добрий день", "шановн*",
        // Japanese, Chinese, Korean, Arabic
        "こんにちは", "こんばんは", "おはよう", "様", "さま", "お世話になって", "您好", "你好", "亲爱的", "안녕하세요", "님",
        "مرحبا", "السلام عليكم", "عزيزي", "عزيزتي",
    ])

    static let thanks = PhraseList([
        "thank*", "appreciate*", "grateful", "danke*", "dank", "bedank*", "merci*", "remerci*", "gracias",
        "agradec*", "grazie", "ringrazi*", "obrigad*", "agradeç*", "bedankt", "dank je", "dank u", "dankjewel",
        "dankuwel", "dziękuj*", "dzięki", "tack*", "teşekkür*", "sağ ol*", "спасибо", "благодар*", "дякую",
        "ありがとう", "感謝", "谢谢", "感谢", "謝謝", "감사", "고맙", "شكرا", "شكر*",
    ])
}
