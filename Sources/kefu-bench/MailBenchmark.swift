import ArgumentParser
import Foundation
import KefuCore
import KefuMail

/// Issue 6's import figure: messages per second for reading and parsing a large Maildir, and
/// the peak memory while doing it (which must stay flat as the mailbox grows).
///
///     swift run -c release kefu-bench mail --count 100000
struct MailBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "Write a synthetic Maildir, then time reading and parsing every message in it."
    )

    @Option(help: "How many messages to write.")
    var count = 100_000

    @Option(help: "Write the Maildir here instead of a new temporary folder.")
    var directory: String?

    @Flag(help: "Keep the Maildir afterwards.")
    var keep = false

    @Flag(inversion: .prefixedNo, help: "Thread messages with MailThreader (its id map grows with the mailbox).")
    var threading = true

    func run() throws {
        let root = directory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("kefu-mail-bench-\(ProcessInfo.processInfo.processIdentifier)").path
        let generationStart = ContinuousClock.now
        try SyntheticMaildir.write(count: count, to: root)
        print("wrote \(count) messages to \(root) in \(format(ContinuousClock.now - generationStart))")
        defer { if !keep { try? FileManager.default.removeItem(atPath: root) } }

        let rssBefore = MemoryStatus.kilobytes("VmRSS")
        let parser = MailParser()
        let now = Date()
        var parsed = 0
        var quarantined = 0
        var attachments = 0
        var checksum = 0
        let start = ContinuousClock.now
        var threader = MailThreader()
        for item in try MaildirReader(directory: root) {
            switch parser.read(item, source: "maildir", now: now) {
            case .parsed(let mail, let entry):
                let conversation = threading ? threader.conversation(for: mail) : mail.conversationKey
                let record = mail.ingestRecord(conversation: conversation, receivedAt: entry.receivedAt ?? now)
                checksum &+= record.body.utf8.count
                attachments += mail.attachments.count
                parsed += 1
            case .quarantined:
                quarantined += 1
            }
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("read and parsed \(parsed + quarantined) messages in \(format(elapsed)) "
            + "(\(parsed) parsed, \(quarantined) quarantined, \(attachments) attachments, \(checksum) body bytes)")
        print(String(format: "throughput: %.0f messages/second (target > 5000)", Double(parsed + quarantined) / seconds))
        print("RSS before parsing: \(rssBefore) kB; peak RSS (VmHWM): \(MemoryStatus.kilobytes("VmHWM")) kB")
    }

    private func format(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return String(format: "%.2f s", seconds)
    }
}

/// Fields of /proc/self/status, in kB.
enum MemoryStatus {
    static func kilobytes(_ field: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
        for line in status.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
        }
        return -1
    }
}

/// A Maildir whose messages mix what real mailboxes hold: Amazon and eBay relays, UTF-8
/// quoted-printable, GB2312/Shift_JIS/KOI8-R base64 and 8bit bodies, multipart/alternative with
/// HTML, HTML-only mail, attachments, replies with References, and one broken message in 500.
enum SyntheticMaildir {
    static func write(count: Int, to root: String) throws {
        for folder in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
        }
        let gb = base64(encode("您好，我的订单还没有收到，请帮忙查一下物流信息。谢谢！", "GB18030"))
        let sjis = encode("商品が届きません。確認してください。よろしくお願いします。", "SHIFT_JIS")
        let koi8 = encode("Здравствуйте, посылка не пришла. Где мой заказ?", "KOI8-R")
        let photo = base64((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        for number in 0..<count {
            let message = Self.message(number, gb: gb, sjis: sjis, koi8: koi8, photo: photo)
            let folder = number % 3 == 0 ? "new" : "cur"
            let name = "\(1_700_000_000 + number).M\(number)P1.bench" + (folder == "cur" ? ":2,S" : "")
            let path = "\(root)/\(folder)/\(name)"
            guard FileManager.default.createFile(atPath: path, contents: Data(message)) else {
                throw ValidationError("cannot write \(path)")
            }
        }
    }

    static func message(_ number: Int, gb: String, sjis: [UInt8], koi8: [UInt8], photo: String) -> [UInt8] {
        let order = String(format: "%03d-%07d-%07d", 100 + number % 900, number % 10_000_000, (number * 7) % 10_000_000)
        let date = "Mon, 23 Nov 2026 \(10 + number % 10):\(10 + number % 50):00 +0100"
        var head = "Received: from mx.example by mail.seller.example; \(date)\nDate: \(date)\nMessage-ID: <bench-\(number)@client.example>\nMIME-Version: 1.0\nTo: Shop <shop@seller.example>\n"
        let plain = "Hello,\n\nI ordered \(order) two weeks ago and it has not arrived yet.\nCould you please send me the tracking number?\n\nThank you,\nBuyer \(number)\n"
        switch number % 8 {
        case 0:
            head += "From: \"Anna =?UTF-8?Q?M=C3=BCller?=\" <buyer\(number % 977)@marketplace.amazon.de>\nSubject: =?UTF-8?Q?Frage_zur_Bestellung_\(order)?=\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
            return Array((head + "Hallo, wo ist mein Paket? K=C3=B6nnen Sie mir bitte die Sendungsnummer schicken? Gr=\n=C3=BC=C3=9Fe\n" + plain).utf8)
        case 1:
            head += "From: buyer\(number)@members.ebay.co.uk\nSubject: Item 2845\(String(format: "%08d", number)) not received\nContent-Type: multipart/alternative; boundary=\"alt\(number)\"\n\n"
            return Array((head + "--alt\(number)\nContent-Type: text/plain; charset=utf-8\n\n\(plain)\n--alt\(number)\nContent-Type: text/html; charset=utf-8\n\n<p>\(plain)</p>\n--alt\(number)--\n").utf8)
        case 2:
            head += "From: =?GB2312?B?" + base64(encode("王先生", "GB18030")) + "?= <wang\(number)@client.cn>\nSubject: =?GB2312?B?" + base64(encode("物流查询", "GB18030")) + "?=\nContent-Type: text/plain; charset=gb2312\nContent-Transfer-Encoding: base64\n\n"
            return Array((head + gb + "\n").utf8)
        case 3:
            head += "From: customer\(number)@client.example\nSubject: Problem with my order\nContent-Type: text/html; charset=utf-8\n\n"
            return Array((head + "<html><head><style>p{color:red}</style></head><body><h1>Order problem</h1><p>Hello&nbsp;team,</p><ul><li>Item: lamp</li><li>Order #\(number)</li></ul><p>See <a href=\"https://tracking.example/\(number)\">tracking</a>.</p></body></html>\n").utf8)
        case 4:
            head += "From: tanaka\(number)@client.jp\nSubject: =?ISO-2022-JP?B?GyRCSlZJSxsoQg==?=\nContent-Type: text/plain; charset=Shift_JIS\nContent-Transfer-Encoding: 8bit\n\n"
            return Array(head.utf8) + sjis + [0x0A]
        case 5:
            head += "From: Tom <tom\(number)@client.example>\nSubject: Photo of the damage\nContent-Type: multipart/mixed; boundary=\"mix\(number)\"\n\n"
            return Array((head + "--mix\(number)\nContent-Type: text/plain; charset=utf-8\n\nThe box was crushed, see the photo.\n--mix\(number)\nContent-Type: image/jpeg\nContent-Disposition: attachment; filename*=UTF-8''%E7%85%A7%E7%89%87.jpg\nContent-Transfer-Encoding: base64\n\n\(photo)\n--mix\(number)--\n").utf8)
        case 6:
            head += "From: ivan\(number)@client.ru\nSubject: Re: AW: order\nIn-Reply-To: <bench-\(number - 6)@client.example>\nReferences: <bench-\(number - 6)@client.example>\nContent-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: 8bit\n\n"
            return Array(head.utf8) + koi8 + [0x0A]
        default:
            if number % 500 == 7 {
                return Array("This is not a mail message at all.\n".utf8)
            }
            head += "From: Lucy <lucy\(number)@client.example>\nSubject: Where is Order #\(number)?\nContent-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
            return Array((head + "Caf=E9 lamp, =93fragile=94 =96 where is it?\n" + plain).utf8)
        }
    }

    static func encode(_ text: String, _ charset: String) -> [UInt8] {
        Iconv.convert(Array(text.utf8), from: "UTF-8", to: charset)?.bytes ?? Array(text.utf8)
    }

    static func base64(_ bytes: [UInt8]) -> String {
        String(decoding: Base64Encoder.encodeBytes(bytes, lineLength: 76), as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }
}
