import Foundation
import Testing
@testable import KefuCore

/// The scam checks on real-shaped samples: what fake marketplace mails do, and the clean relay
/// mail of the real marketplaces, which must not be flagged.
@Suite struct MessageSafetyTests {
    let safety = MessageSafety()

    private func signals(_ body: String, from: String = "Anna Müller <anna.mueller@example.de>", html: [LinkAnchor] = []) -> Set<String> {
        Set(safety.check(IncomingMessage(from: from, body: body, htmlLinks: html)).map(\.signal))
    }

    @Test func aCyrillicAInAmazonIsALookalikeByTheConfusableTable() {
        // "аmazon.com" with U+0430, as a buyer pastes it and as punycode.
        #expect(signals("Gift card: https://\u{0430}mazon.com/gift").contains("lookalike-host"))
        #expect(signals("Gift card: https://xn--mazon-3ve.com/gift").isSuperset(of: ["punycode-host", "lookalike-host"]))
        #expect(ConfusableSkeleton.of("\u{0430}mazon") == ConfusableSkeleton.of("amazon"))
    }

    @Test func asciiLookalikesAndOneLetterEditsOfProtectedNames() {
        #expect(signals("https://arnazon.com/signin").contains("lookalike-host"))
        #expect(signals("https://paypa1.com/").contains("lookalike-host"))
        #expect(signals("https://amaz0n-gift.com/claim").contains("lookalike-host"))
        #expect(signals("https://amazom.com/order").contains("lookalike-host"))
        // Short brands are not matched by one edited letter: "ups" is one letter from too much.
        #expect(!signals("https://upsa.org/").contains("lookalike-host"))
    }

    @Test func aBrandGluedToOtherLettersAndSwappedNeighbours() {
        #expect(signals("https://myamazon-support.co/signin").contains("brand-on-unrelated-domain"))
        #expect(signals("https://www.eaby-service.com/login.php").contains("lookalike-host"))
        // The brands' own glued hosts and shops on Shopify stay clean.
        #expect(signals("https://s3.amazonaws.com/bucket/photo.jpg").isEmpty)
        #expect(signals("https://lamp-store.myshopify.com/products/lamp").isEmpty)
        #expect(signals("https://www.pineapple-recipes.example/").isEmpty)
    }

    @Test func aHostWorkedOutOnceGivesTheSameVerdictFromTheCache() {
        let body = "See https://amazon.com.verify-login.ru/a and https://amazon.com.verify-login.ru/b"
        let findings = safety.check(IncomingMessage(from: "a@b.example", body: body))
        #expect(findings.filter { $0.signal == "brand-on-unrelated-domain" }.map(\.shown)
                == ["hxxps://amazon[.]com[.]verify-login[.]ru/a", "hxxps://amazon[.]com[.]verify-login[.]ru/b"])
        #expect(safety.check(IncomingMessage(from: "a@b.example", body: body)) == findings)
    }

    @Test func theConfusableTableIsICUsAndTheASCIIShortcutAgreesWithIt() {
        #expect(ConfusableSkeleton.table.count > 5_000)
        #expect(ConfusableSkeleton.table[0x430] == ["a"])  // Cyrillic а
        #expect(ConfusableSkeleton.table[0x3BF] == ["o"])  // Greek ο
        #expect(ConfusableSkeleton.of("ѕhopify") == ConfusableSkeleton.of("shopify"))  // Cyrillic ѕ
        for scalar in (0x21...0x7E).compactMap(Unicode.Scalar.init) {
            let text = String(Character(scalar)).lowercased()
            let viaTable = (ConfusableSkeleton.table[text.unicodeScalars.first!.value].map { String(String.UnicodeScalarView($0)) } ?? text).lowercased()
            #expect(ConfusableSkeleton.of(text) == viaTable, "\(text)")
        }
    }

    @Test func subdomainTricksShortenersAndNumericHosts() {
        #expect(signals("Confirm: https://amazon.com.verify-login.ru/confirm").contains("brand-on-unrelated-domain"))
        #expect(signals("Track: https://bit.ly/3xYz12").contains("shortener"))
        #expect(signals("Click http://192.168.10.4/amazon/login").contains("numeric-host"))
        #expect(signals("https://www.amazon.de@evil.example/").contains("userinfo-before-host"))
        #expect(signals("Pay at http://secure-payments.example/checkout").contains("insecure-sensitive-page"))
    }

    @Test func htmlLinkTextThatNamesAnotherHostSaysBoth() throws {
        let findings = safety.check(IncomingMessage(
            from: "Amazon <no-reply@amazon-verify-account.co>", body: "Your order\nwww.amazon.com (https://amazon-verify-account.co/x)",
            htmlLinks: [LinkAnchor(url: "https://amazon-verify-account.co/x", text: "www.amazon.com")]))
        let link = try #require(findings.first { $0.signal == "link-text-mismatch" })
        #expect(link.detail.contains("link text says www.amazon.com, goes to amazon-verify-account.co"))
        #expect(link.shown == "hxxps://amazon-verify-account[.]co/x")
        #expect(link.key == "amazon-verify-account.co")
    }

    @Test func impostorSendersAndFailedAuthentication() {
        let fake = safety.check(IncomingMessage(from: "Amazon Seller Support <seller-support@amazon-seller-help.com>", body: "Hello"))
        #expect(fake.contains { $0.signal == "claims-brand" && $0.key == "amazon-seller-help.com" })
        let freemail = safety.check(IncomingMessage(from: "eBay Team <ebay.team.help@gmail.com>", body: "Hello"))
        // Claims eBay from a mail provider: flagged, but the provider is no scam wave's host.
        #expect(freemail.contains { $0.signal == "claims-brand" && $0.key == nil })
        let spoofed = safety.check(IncomingMessage(
            from: "Amazon <account-update@amazon.com>", body: "Hello",
            authenticationResults: ["mx.shop.example; spf=fail smtp.mailfrom=amazon.com; dkim=none; dmarc=fail header.from=amazon.com"]))
        #expect(spoofed.contains { $0.signal == "authentication-failed" && $0.detail.contains("dmarc, spf") })
    }

    @Test func dangerousAttachmentsAreFlaggedByNameTypeAndContentNeverOpened() {
        func signals(_ name: String, _ type: String = "application/octet-stream", _ data: [UInt8] = []) -> [AttachmentSignal] {
            AttachmentSafety.check(filename: name, contentType: type, data: data)
        }
        #expect(signals("invoice.pdf.exe") == [.doubleExtension, .executable])
        #expect(signals("invoice\u{202E}fdp.exe").contains(.doubleExtension))
        #expect(AttachmentSafety.shownName("invoice\u{202E}fdp.exe") == "invoice<U+202E>fdp.exe")
        #expect(signals("label.html", "text/html") == [.htmlAttachment])
        #expect(signals("order.docm") == [.officeMacro])
        #expect(signals("order.doc", "application/msword", Array("....vbaProject.bin....".utf8)) == [.officeMacro])
        #expect(signals("parcel.zip", "application/zip", Self.zip(named: "DHL-label.pdf.js")) == [.archiveWithDanger])
        #expect(signals("photos.zip", "application/zip", Self.zip(named: "IMG_2041.jpg")).isEmpty)
        #expect(signals("IMG_2041.jpg", "image/jpeg").isEmpty)
        #expect(signals("Rechnung.pdf", "application/pdf").isEmpty)
    }

    @Test func scamWordingInTheTemplateLanguages() {
        #expect(signals("Ich habe eine Mail bekommen: Ihr Konto wurde gesperrt. Ist das echt?").contains("scam-phrase"))
        #expect(signals("J'ai reçu: vous avez gagné une carte cadeau").contains("scam-phrase"))
        #expect(signals("Where is my parcel? I ordered on Monday.").isEmpty)
    }

    @Test func cleanMailFromTheRealMarketplacesIsNotFlagged() {
        let clean: [(String, String)] = [
            ("Anna - Amazon Marketplace <x7k2m9q4p1@marketplace.amazon.de>",
             "Hallo, wo bleibt mein Paket? Bestellung 302-1234567-1234567. https://www.amazon.de/gp/your-account/order-details?orderID=302-1234567-1234567"),
            ("john_buyer <john_buyer@members.ebay.co.uk>",
             "Hi, item not received yet. https://www.ebay.co.uk/itm/284512345678 and https://www.ebay.co.uk/mesg/ViewMessages"),
            ("Etsy <transaction@etsy.com>", "You sold an item! https://www.etsy.com/your/orders/sold"),
            ("Kunde <kunde@example.de>",
             "Tracking: https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode=00340434161094042557 und https://t.17track.net/en#nums=RB123456785GB"),
            ("AliExpress <transaction@notice.aliexpress.com>", "Order shipped https://www.aliexpress.com/p/order/detail.html?orderId=8123"),
            ("Marie <marie@example.fr>", "Bonjour, le suivi https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901 ne bouge pas."),
        ]
        for (from, body) in clean {
            let findings = safety.check(IncomingMessage(from: from, body: body))
            #expect(findings.isEmpty, "\(from): \(findings.map(\.detail))")
        }
    }

    @Test func theTeamsOwnDomainsAndAllowedHostsFromTheSettings() {
        var settings = SafetySettings()
        settings.ownDomains = ["shop-example.com"]
        settings.allowedHosts = ["tinyurl.com"]
        let configured = MessageSafety(policy: settings.policy(protectedDomains: ["www.yuntrack.com"]))
        func flagged(_ body: String) -> Bool { !configured.check(IncomingMessage(from: "a@b.example", body: body)).isEmpty }
        #expect(flagged("https://shop-exarnple.com/account"))
        #expect(!flagged("https://shop-example.com/account"))
        #expect(!flagged("https://tinyurl.com/abc"))
        #expect(flagged("https://www.yuntrak.com/parcelTracking?id=YT2412345678901234"))
        #expect(!flagged("https://www.yuntrack.com/parcelTracking?id=YT2412345678901234"))
    }

    @Test func defangedLinksCannotBeClicked() {
        #expect(Defang.url("https://amazon-verify.co/login?x=1") == "hxxps://amazon-verify[.]co/login?x=1")
        #expect(Defang.url("http://1.2.3.4/a.b") == "hxxp://1[.]2[.]3[.]4/a.b")
        #expect(Defang.url("www.evil.example/x") == "www[.]evil[.]example/x")
    }

    /// A ZIP with one stored file of that name (local header only, as the checks read it).
    static func zip(named name: String) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        var header: [UInt8] = [0x50, 0x4B, 0x03, 0x04, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        header += [4, 0, 0, 0, 4, 0, 0, 0]  // compressed and uncompressed size
        header += [UInt8(nameBytes.count), 0, 0, 0]
        return header + nameBytes + Array("data".utf8) + [0x50, 0x4B, 0x05, 0x06] + Array(repeating: 0, count: 18)
    }
}
