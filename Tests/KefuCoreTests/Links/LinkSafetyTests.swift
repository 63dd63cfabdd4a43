import Testing
@testable import KefuCore

@Suite struct LinkSafetyTests {
    private func signals(_ text: String) -> Set<LinkSignal> {
        Set(LinkSafety.check(text).map(\.signal))
    }

    @Test func officialLinksAreClean() {
        for text in [
            "Track it at https://www.royalmail.com/track-your-item#/tracking-results/RB123456785GB.",
            "See https://www.amazon.co.uk/gp/your-account/order-history",
            "https://sellercentral.amazon.de/messaging and https://www.ebay.com/itm/1234",
            "Order page: www.aliexpress.com/p/order/index.html",
            "Pay with https://www.paypal.com/checkout?token=1",
            "Tracking: https://t.17track.net/en#nums=RB123456785GB",
            "Shop: https://sunny-home.myshopify.com/products/lamp",
        ] {
            #expect(LinkSafety.check(text).isEmpty, "\(text) -> \(LinkSafety.check(text).map(\.detail))")
        }
    }

    @Test func userinfoBeforeHost() throws {
        let finding = try #require(LinkSafety.check("Confirm at https://www.amazon.com@evil.example/confirm").first)
        #expect(finding.signal == .userinfoBeforeHost)
        #expect(finding.host == "evil.example")
        #expect(finding.detail.contains("evil.example"))
        #expect(!signals("https://www.amazon.com/confirm").contains(.userinfoBeforeHost))
    }

    @Test func numericHostsInEveryForm() {
        for url in ["http://192.168.0.1/login", "http://3232235521/", "http://0xC0A80001/", "http://0300.0250.0.1/",
            "https://[2001:db8::1]/pay", "http://0x7f.0.0.1/"]
        {
            #expect(signals(url).contains(.numericHost), "\(url)")
        }
        #expect(!signals("https://www.dhl.com/track").contains(.numericHost))
        #expect(!signals("https://web2.example.com/").contains(.numericHost))
    }

    @Test func punycodeHostIsShownDecoded() throws {
        let finding = try #require(LinkSafety.check("https://xn--mazon-3ve.com/gift").first { $0.signal == .punycodeHost })
        #expect(finding.detail.contains("аmazon.com"))
        #expect(Punycode.decode("mazon-3ve") == "аmazon")
        #expect(Punycode.decode("bcher-kva") == "bücher")
        #expect(!signals("https://www.amazon.com/gift").contains(.punycodeHost))
    }

    @Test func mixedScriptAndLookalikeHosts() {
        // Cyrillic а in a Latin name.
        #expect(signals("https://www.аmazon.com/gift-card").contains(.mixedScriptHost))
        // All-Cyrillic letters that read as Latin "paypal" would need р, а, у, р, а, ӏ.
        #expect(signals("https://раураӏ.com/").contains(.mixedScriptHost))
        // A genuine Cyrillic or German name is fine.
        #expect(!signals("https://пример.рф/").contains(.mixedScriptHost))
        #expect(!signals("https://bücher.de/").contains(.mixedScriptHost))
    }

    @Test func brandOnSomeoneElsesDomain() throws {
        let finding = try #require(LinkSafety.check("https://amazon.com.verify-order.example/").first)
        #expect(finding.signal == .brandOnUnrelatedDomain)
        #expect(finding.detail.contains("verify-order.example"))
        #expect(signals("https://paypal-login.example/").contains(.brandOnUnrelatedDomain))
        #expect(signals("https://dhl.tracking-parcel.example/").contains(.brandOnUnrelatedDomain))
        #expect(!signals("https://www.amazon.co.jp/").contains(.brandOnUnrelatedDomain))
        #expect(!signals("https://www.fedex.com/fedextrack/?trknbr=986578788855").contains(.brandOnUnrelatedDomain))
        #expect(!signals("https://groups.example.org/").contains(.brandOnUnrelatedDomain))
    }

    @Test func linkTextNamingAnotherSite() {
        #expect(signals("[www.amazon.com](https://evil.example/login)").contains(.linkTextMismatch))
        #expect(signals("<a href=\"https://evil.example/\">https://www.paypal.com</a>").contains(.linkTextMismatch))
        #expect(signals("<A HREF='https://evil.example/'>Your Amazon order</A>").contains(.linkTextMismatch))
        #expect(!signals("[www.amazon.com](https://www.amazon.com/orders)").contains(.linkTextMismatch))
        #expect(!signals("[track your parcel](https://www.dhl.com/track)").contains(.linkTextMismatch))
        #expect(!signals("<a href=\"https://smile.amazon.com/x\">amazon.com</a>").contains(.linkTextMismatch))
    }

    @Test func urlShorteners() {
        for url in ["https://bit.ly/3abc", "https://tinyurl.com/y2k", "https://t.co/xyz", "http://goo.gl/abc", "https://amzn.to/3x"] {
            #expect(signals(url).contains(.shortener), "\(url)")
        }
        #expect(!signals("https://www.ups.com/track?tracknum=1Z5R89390357567127").contains(.shortener))
    }

    @Test func plainHTTPForLoginOrPayment() {
        #expect(signals("http://shop.example/account/login").contains(.insecureSensitivePage))
        #expect(signals("http://pay.example.net/checkout").contains(.insecureSensitivePage))
        #expect(!signals("https://shop.example/account/login").contains(.insecureSensitivePage))
        #expect(!signals("http://shop.example/catalog/lamps").contains(.insecureSensitivePage))
    }

    @Test func extractionHandlesPunctuationBracketsAndPositions() throws {
        let text = "Bitte hier prüfen (https://www.dhl.de/de/privatkunden.html). Danke! 追跡：https://t.17track.net/en#nums=1。"
        let links = LinkExtractor.links(in: text)
        #expect(links.map(\.url) == ["https://www.dhl.de/de/privatkunden.html", "https://t.17track.net/en#nums=1"])
        #expect(text[links[0].range] == "https://www.dhl.de/de/privatkunden.html")
        let markdown = try #require(LinkExtractor.links(in: "see [here](https://bit.ly/x).").first)
        #expect(markdown.linkText == "here")
        #expect(markdown.host == "bit.ly")
        #expect(LinkExtractor.links(in: "no links, just e.g. a.b and email@example.com").isEmpty)
    }
}
