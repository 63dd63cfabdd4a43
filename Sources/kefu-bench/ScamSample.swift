import KefuCore

/// A labelled sample for the scam checks (issue 16): phishing-style messages built from the
/// public patterns of fake marketplace, payment and carrier mails (lookalike letters, punycode,
/// brand in a subdomain or label, shorteners, IP hosts, mismatched HTML link text, http login
/// pages, impostor senders, dangerous attachments, scam wording) and clean mail in the shapes
/// the real marketplaces and carriers send (Amazon's marketplace.amazon.* relay, eBay's
/// members.ebay.*, Etsy and AliExpress notices, carrier tracking pages, buyers' photos).
struct ScamSample {
    struct Item {
        var category: String
        var scam: Bool
        var message: IncomingMessage
    }

    static let brands: [(name: String, display: String, domain: String)] = [
        ("amazon", "Amazon", "amazon.de"), ("amazon", "Amazon", "amazon.fr"), ("amazon", "Amazon", "amazon.co.uk"),
        ("amazon", "Amazon", "amazon.com"), ("ebay", "eBay", "ebay.de"), ("ebay", "eBay", "ebay.co.uk"),
        ("paypal", "PayPal", "paypal.com"), ("aliexpress", "AliExpress", "aliexpress.com"), ("walmart", "Walmart", "walmart.com"),
        ("etsy", "Etsy", "etsy.com"), ("dhl", "DHL", "dhl.de"), ("royalmail", "Royal Mail", "royalmail.com"),
    ]
    static let tlds = ["co", "ru", "top", "xyz", "info", "net", "shop", "online", "site", "cn"]
    static let paths = ["/signin", "/account/verify", "/gift?id=8812", "/order/confirm", "/login.php", "/pay/card", "/de/konto"]
    static let punycode = [
        "xn--mazon-3ve.com", "xn--pypal-4ve.com", "xn--eby-7cd.de", "xn--liexpress-zyh.com", "xn--wlmart-3nf.com",
        "xn--tsy-qdd.com", "xn--shopif-1rf.com", "xn--dhl-pket-56g.de", "xn--pple-43d.com", "xn--mazon-gift-yqi.fr",
    ]
    /// Lookalike letters: Cyrillic а е о р с у, Greek ο, and the ASCII tricks rn, 0, 1.
    static func lookalike(_ name: String, variant: Int) -> String {
        let swaps: [(Character, String)] = [("a", "\u{0430}"), ("e", "\u{0435}"), ("o", "\u{03BF}"), ("p", "\u{0440}"), ("c", "\u{0441}"), ("y", "\u{0443}"), ("m", "rn"), ("o", "0"), ("l", "1")]
        let candidates = swaps.filter { name.contains($0.0) }
        guard !candidates.isEmpty else { return name + "-secure" }
        let swap = candidates[variant % candidates.count]
        guard let index = name.firstIndex(of: swap.0) else { return name }
        return name[..<index] + swap.1 + name[name.index(after: index)...]
    }
    static func typo(_ name: String, variant: Int) -> String {
        var letters = Array(name)
        switch variant % 3 {
        case 0: letters.insert(letters[letters.count / 2], at: letters.count / 2)  // doubled letter
        case 1: letters.swapAt(1, 2)  // swapped neighbours
        default: letters.remove(at: letters.count - 2)  // dropped letter
        }
        return String(letters)
    }

    static let buyers = ["Anna Müller <anna.mueller@example.de>", "Zoé Lefèvre <zoe.lefevre@example.fr>", "John Smith <john.smith@example.co.uk>",
                         "María García <maria.garcia@example.es>", "Luca Rossi <luca.rossi@example.it>", "佐藤 花子 <hanako@example.jp>"]
    static let forwards = [
        "Hello, I got this mail, is it from you? ---------- Forwarded message ---------- ",
        "Hallo, ist diese Mail von Ihnen? Ich habe sie heute bekommen: ",
        "Bonjour, j'ai reçu ce message, est-ce vous ? ",
        "Hola, ¿este correo es suyo? ",
        "Buongiorno, questa email è vostra? ",
    ]

    static func build() -> [Item] {
        var items: [Item] = []
        func scam(_ category: String, _ message: IncomingMessage) { items.append(Item(category: category, scam: true, message: message)) }
        func clean(_ category: String, _ message: IncomingMessage) { items.append(Item(category: category, scam: false, message: message)) }
        for (index, brand) in brands.enumerated() {
            let buyer = buyers[index % buyers.count], intro = forwards[index % forwards.count]
            let tld = tlds[index % tlds.count], path = paths[index % paths.count]
            for variant in 0..<3 {
                scam("lookalike letters", IncomingMessage(from: buyer, body: intro + "Your order could not be shipped: https://\(lookalike(brand.name, variant: variant + index)).\(tld)\(path)"))
                scam("one letter edited", IncomingMessage(from: buyer, body: intro + "Confirm your order at https://www.\(typo(brand.name.count >= 6 ? brand.name : brand.name + "-service", variant: variant)).com\(path)"))
                scam("brand in a subdomain", IncomingMessage(from: buyer, body: intro + "https://\(brand.domain).\(["verify-login", "secure-account", "order-status"][variant]).\(tld)\(path)"))
                scam("brand in another domain's label", IncomingMessage(from: buyer, body: intro + "https://\(["", "secure-", "my"][variant])\(brand.name)-\(["verify", "gift", "support"][variant]).\(tld)\(path)"))
                scam("mismatched HTML link text", IncomingMessage(
                    from: "\(brand.display) <no-reply@\(["mail-notice", "service-center", "info-update"][variant]).\(tld)>", body: "Please check your order\nwww.\(brand.domain) (https://order-\(variant)-check.\(tld)\(path))",
                    htmlLinks: [LinkAnchor(url: "https://order-\(variant)-check.\(tld)\(path)", text: "www.\(brand.domain)")]))
            }
            scam("punycode host", IncomingMessage(from: buyer, body: intro + "https://\(punycode[index % punycode.count])\(path)"))
            scam("URL shortener", IncomingMessage(from: buyer, body: intro + "Track your parcel: https://\(["bit.ly", "tinyurl.com", "cutt.ly", "rb.gy"][index % 4])/\(brand.name)\(index)x"))
            scam("IP-address host", IncomingMessage(from: buyer, body: intro + "http://185.\(100 + index).23.\(7 + index)/\(brand.name)\(path)"))
            scam("userinfo before the host", IncomingMessage(from: buyer, body: intro + "https://www.\(brand.domain)@\(["login-help", "verify-now"][index % 2]).\(tld)\(path)"))
            scam("http login page", IncomingMessage(from: buyer, body: intro + "http://customer-\(index).\(tld)/login?next=/account"))
            scam("impostor sender", IncomingMessage(from: "\(brand.display) Seller Support <seller-support@\(brand.name)-seller-help.\(tld)>", body: "Dear seller, your account is under review. Reply with the documents."))
            scam("impostor on a mail provider", IncomingMessage(from: "\(brand.display) Team <\(brand.name).team.help\(index)@gmail.com>", body: "Dear seller, please send your invoice."))
            scam("forged sender (DMARC fail)", IncomingMessage(
                from: "\(brand.display) <account-update@\(brand.domain)>", body: "Dear customer, your payment was declined.",
                authenticationResults: ["mx.shop.example; spf=fail smtp.mailfrom=\(brand.domain); dmarc=fail header.from=\(brand.domain)"]))
            scam("dangerous attachment", IncomingMessage(
                from: "Billing <billing@invoices-\(index).\(tld)>", body: "Please find the invoice attached.",
                attachments: [IncomingAttachment(filename: ["invoice-\(index).pdf.exe", "label-\(index).html", "order-\(index).docm", "Rechnung\(index).pdf.scr"][index % 4], contentType: "application/octet-stream")]))
            scam("scam wording", IncomingMessage(from: buyer, body: intro + ["Your account has been suspended. Verify your account within 24 hours.", "Sie haben eine Geschenkkarte gewonnen!", "Félicitations, vous avez gagné une carte cadeau", "Su cuenta ha sido suspendida", "Ha vinto un buono da 500 euro"][index % 5]))

            // Clean: the real marketplaces' relay mail and the buyers' own.
            let relay = ["marketplace.amazon.de", "marketplace.amazon.fr", "marketplace.amazon.co.uk", "marketplace.amazon.com"][index % 4]
            clean("Amazon relay, no link", IncomingMessage(from: "\(buyer.split(separator: "<")[0])- Amazon Marketplace <k\(index)x7m2p9q@\(relay)>", body: "Hallo, wo ist mein Paket? Die Bestellung 302-123456\(index)-1234567 ist seit zehn Tagen unterwegs."))
            clean("Amazon relay, order link", IncomingMessage(from: "Buyer <k\(index)q4@\(relay)>", body: "Hello, the order https://www.\(relay.dropFirst(12))/gp/your-account/order-details?orderID=302-123456\(index)-1234567 shows delivered but nothing came."))
            clean("eBay members relay", IncomingMessage(from: "buyer_\(index) <buyer_\(index)@members.ebay.\(["de", "co.uk", "com", "fr"][index % 4])>", body: "Hi, item https://www.ebay.\(["de", "co.uk", "com", "fr"][index % 4])/itm/28451234567\(index) arrived broken, photos attached.", attachments: [IncomingAttachment(filename: "IMG_20\(index)1.jpg", contentType: "image/jpeg")]))
            clean("eBay notice", IncomingMessage(from: "eBay <ebay@ebay.com>", body: "You have a new message from buyer_\(index). https://www.ebay.com/mesg/ViewMessages", htmlLinks: [LinkAnchor(url: "https://www.ebay.com/mesg/ViewMessages", text: "Reply on eBay")]))
            clean("Etsy notice", IncomingMessage(from: "Etsy <transaction@etsy.com>", body: "You sold an item! https://www.etsy.com/your/orders/sold", htmlLinks: [LinkAnchor(url: "https://www.etsy.com/your/orders/sold", text: "View order on Etsy")]))
            clean("AliExpress notice", IncomingMessage(from: "AliExpress <transaction@notice.aliexpress.com>", body: "Order 81234\(index) shipped https://www.aliexpress.com/p/order/detail.html?orderId=81234\(index)"))
            clean("carrier tracking link", IncomingMessage(from: buyer, body: intro + ["https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161094042557", "https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB", "https://www.laposte.fr/outils/suivre-vos-envois?code=6A1234567890\(index)", "https://t.17track.net/en#nums=RB123456785GB", "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111206206406260787", "https://www.ups.com/track?tracknum=1Z5R89390357567127"][index % 6] + " says nothing since Monday."))
            clean("buyer's photos and video", IncomingMessage(from: buyer, body: "The lamp arrived broken, see the video https://www.youtube.com/watch?v=dQw4w9WgXc\(index) and photos https://drive.google.com/file/d/1a2b3c\(index)/view", attachments: [IncomingAttachment(filename: "photo\(index).jpg", contentType: "image/jpeg"), IncomingAttachment(filename: "Rechnung-\(index).pdf", contentType: "application/pdf")]))
            clean("buyer asks about a gift card", IncomingMessage(from: buyer, body: "Hello, can I buy a gift card for my sister, or pay with PayPal? Thank you!"))
            clean("Walmart notice", IncomingMessage(from: "Walmart Marketplace <noreply@walmart.com>", body: "Customer message about order 1234\(index): https://seller.walmart.com/orders/1234\(index)"))
        }
        return items
    }

    /// Everyday traffic for the throughput figure: mostly plain customer messages, some with
    /// marketplace or tracking links, a few HTML notices, one in fifty a phishing pattern.
    static func traffic(count: Int) -> [IncomingMessage] {
        let sample = build()
        let scams = sample.filter(\.scam).map(\.message), cleans = sample.filter { !$0.scam }.map(\.message)
        let plain = [
            "Hallo, wo bleibt mein Paket? Ich habe am Montag bestellt und die Sendungsverfolgung zeigt seit fünf Tagen nichts Neues. Können Sie bitte nachsehen? Vielen Dank, Anna",
            "Bonjour, j'ai reçu le mauvais article : j'avais commandé la taille M en bleu et j'ai reçu un L en noir. Que dois-je faire ? Merci d'avance.",
            "Hi, the item arrived damaged, the box was crushed and the glass is broken. I would like a replacement or a refund please.",
            "Hola, ¿cuándo llegará mi pedido? Lo necesito antes del viernes para un regalo. Gracias.",
            "Buongiorno, vorrei restituire l'articolo perché non è della misura giusta. Come posso fare il reso?",
            "您好，我的包裹什么时候到？已经两个星期了。谢谢。",
        ]
        var out: [IncomingMessage] = []
        out.reserveCapacity(count)
        for index in 0..<count {
            switch index % 50 {
            case 0: out.append(scams[(index / 50) % scams.count])
            case 1...12: out.append(cleans[index % cleans.count])
            default: out.append(IncomingMessage(from: buyers[index % buyers.count], subject: "Order question", body: plain[index % plain.count]))
            }
        }
        return out
    }
}
