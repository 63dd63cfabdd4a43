/// The names the link checks know: brands that phishing imitates, URL shorteners, and words
/// that mark a login or payment page. Short, curated lists; a missing name only means a
/// missed warning, never a false block.
enum LinkSafetyLists {
    /// Marketplaces, payment services and carriers whose names phishing borrows.
    static let brands: [String] = [
        "amazon", "amzn", "ebay", "paypal", "aliexpress", "alibaba", "walmart", "etsy", "shopify", "shopee", "apple",
        "icloud", "google", "microsoft", "dhl", "fedex", "ups", "usps", "royalmail", "dpd", "gls", "hermes",
        "laposte", "colissimo", "correos", "postnl", "cainiao", "yunexpress", "stripe", "klarna", "visa",
        "mastercard", "wise", "payoneer",
    ]

    /// Domains owned by a brand whose registered label is not the bare brand name.
    static let brandOwnedDomains: Set<String> = [
        "media-amazon.com", "ssl-images-amazon.com", "amazon-adsystem.com", "ebay-kleinanzeigen.de",
        "dhl-usa.com", "paypal-community.com", "apple-cloudkit.com",
        // Hosts that carry a brand glued to other letters: images, mail and shops of the brand.
        "amazonaws.com", "amazontrust.com", "amazonses.com", "amazonpay.com", "amazonpay.de", "paypalobjects.com",
        "ebayimg.com", "ebaystatic.com", "ebaydesc.com", "ebayinc.com", "myshopify.com", "shopifycdn.com",
        "shopifyemail.com", "shopifysvc.com", "walmartimages.com", "walmartlabs.com", "correosexpress.com",
        "aliexpress-media.com", "etsystatic.com", "royalmailgroup.com", "laposte.net", "laposte.fr",
    ]

    /// Brands whose names sit inside ordinary words or other companies' names (`pineapple`,
    /// `googleusercontent` is Google's own but countless others are not), so they are only
    /// matched as whole words of a host.
    static let commonWordBrands: Set<String> = ["apple", "google", "hermes", "stripe", "icloud", "wise", "visa"]

    /// Services whose links only redirect elsewhere.
    static let shorteners: Set<String> = [
        "bit.ly", "bitly.com", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "v.gd", "buff.ly", "rebrand.ly",
        "cutt.ly", "shorturl.at", "rb.gy", "t.ly", "tiny.cc", "s.id", "amzn.to", "amzn.eu", "a.co", "lnkd.in",
        "bl.ink", "shorte.st", "adf.ly", "qrco.de", "tiny.one", "surl.li", "u.to", "clck.ru", "dwz.cn", "url.cn",
        "short.io", "x.gd",
    ]

    /// Words in a host or path that mark a page asking for a password or payment.
    static let sensitiveWords: [String] = [
        "login", "log-in", "signin", "sign-in", "logon", "account", "password", "passwd", "verify",
        "verification", "payment", "pay", "checkout", "billing", "wallet", "card", "bank", "secure", "auth",
        "credential", "confirm", "unlock",
    ]
}
