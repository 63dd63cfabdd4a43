import Foundation
import KefuConfig
import KefuCore
import Testing

/// The `mail` and `orders` sections: read when right, refused at file:line:field when wrong.
@Suite("Config: mail and orders sections")
struct ChannelSectionTests {
    @Test("mail: from, sendmail as a list or a string, outbox folder, UTC offset")
    func mail() throws {
        let read = try configuration(user: """
            mail:
              from: "Shop Team <support@shop.example>"
              sendmail: [msmtp, -C, /tmp/msmtprc, -t, -i]
              marketplace_outbox: /srv/kefu/outbox
              utc_offset: "+08:00"
            """)
        #expect(read.mail.from == MailAddress(name: "Shop Team", address: "support@shop.example"))
        #expect(read.mail.sendmail == ["msmtp", "-C", "/tmp/msmtprc", "-t", "-i"])
        #expect(read.mail.marketplaceOutbox == "/srv/kefu/outbox")
        #expect(read.mail.utcOffsetSeconds == 8 * 3600)
        #expect(read.mail.messageIDDomain == "shop.example")
        let spaced = try configuration(user: "mail:\n  sendmail: /usr/sbin/sendmail -t -i\n")
        #expect(spaced.mail.sendmail == ["/usr/sbin/sendmail", "-t", "-i"])
        #expect(try configuration().mail == MailSettings())
    }

    @Test("mail: our_addresses as a list or one address, with from among the team's addresses")
    func ourAddresses() throws {
        let read = try configuration(user: """
            mail:
              from: "Shop Team <Support@shop.example>"
              our_addresses: [sales@shop.example, "Returns <returns@shop.example>"]
            """)
        #expect(read.mail.ourAddresses == ["sales@shop.example", "returns@shop.example"])
        #expect(read.mail.teamAddresses == ["support@shop.example", "sales@shop.example", "returns@shop.example"])
        let one = try configuration(user: "mail:\n  our_addresses: sales@shop.example\n")
        #expect(one.mail.teamAddresses == ["sales@shop.example"])
        #expect(configError("mail:\n  our_addresses: [sales@shop.example, shop]\n")
                == "kefu.yaml:2: mail.our_addresses[1]: \"shop\" is not an address like support@shop.example")
    }

    @Test("mail: errors name the file, line and field")
    func mailErrors() {
        #expect(configError("mail:\n  from: nobody\n") == "kefu.yaml:2: mail.from: \"nobody\" is not an address like \"Shop Team <support@shop.example>\"")
        #expect(configError("mail:\n  utc_offset: 8\n") == "kefu.yaml:2: mail.utc_offset: \"8\" is not an offset like +08:00 or -05:00")
        #expect(configError("mail:\n  smtp_host: x\n")?.hasPrefix("kefu.yaml:2: mail.smtp_host: unknown field 'smtp_host'") == true)
    }

    @Test("mail: marketplace_command for every marketplace, or per marketplace beside the JSON Lines folder")
    func marketplaceCommand() throws {
        let all = try configuration(user: "mail:\n  marketplace_command: /opt/connector/send --live\n")
        #expect(all.mail.marketplaceCommand(for: .amazon) == ["/opt/connector/send", "--live"])
        #expect(all.mail.marketplaceCommand(for: .other) == ["/opt/connector/send", "--live"])
        let each = try configuration(user: """
            mail:
              marketplace_outbox: /srv/kefu/outbox
              marketplace_command:
                amazon: [amazon-send, --site, de]
                eBay: "ebay-send -q"
            """)
        #expect(each.mail.marketplaceCommand(for: .amazon) == ["amazon-send", "--site", "de"])
        #expect(each.mail.marketplaceCommand(for: .ebay) == ["ebay-send", "-q"])
        #expect(each.mail.marketplaceCommand(for: .etsy) == nil)
        #expect(each.mail.marketplaceOutbox == "/srv/kefu/outbox")
    }

    @Test("mail: marketplace_command errors name the file, line and field")
    func marketplaceCommandErrors() {
        #expect(configError("mail:\n  marketplace_command:\n    amazn: [x]\n")?
            .hasPrefix("kefu.yaml:3: mail.marketplace_command.amazn: \"amazn\" is not a marketplace (amazon, ebay") == true)
        #expect(configError("mail:\n  marketplace_command:\n    ebay: []\n") == "kefu.yaml:3: mail.marketplace_command.ebay: the command is empty")
        #expect(configError("mail:\n  marketplace_outbox: /srv/o\n  marketplace_command: send-all\n")?
            .hasPrefix("kefu.yaml:3: mail.marketplace_command: one command for every marketplace leaves marketplace_outbox unused") == true)
    }

    @Test("orders: a column map per format, with delimiter and marketplace")
    func orders() throws {
        let read = try configuration(user: """
            orders:
              erp:
                delimiter: ";"
                marketplace: ebay
                columns: {id: Auftrag, placed_at: Datum, tracking_number: Paket}
              tabbed:
                delimiter: tab
                columns: {id: No, placed_at: Date}
            """)
        #expect(read.orderColumnMaps.count == 2)
        let erp = read.orderColumnMaps[0]
        #expect(erp.name == "erp" && erp.delimiter == ";" && erp.marketplace == .ebay)
        #expect(erp.columns == [.id: "Auftrag", .placedAt: "Datum", .trackingNumber: "Paket"])
        #expect(read.orderColumnMaps[1].delimiter == "\t")
        #expect(read.orderColumnMaps[1].marketplace == .other)
    }

    @Test("orders: errors name the file, line and field")
    func orderErrors() {
        #expect(configError("orders:\n  erp:\n    columns: {id: A}\n") == "kefu.yaml:3: orders.erp.columns: missing column for 'placed_at'")
        #expect(configError("orders:\n  erp:\n    columns: {id: A, placed_at: B, colour: C}\n")?
            .hasPrefix("kefu.yaml:3: orders.erp.columns.colour: unknown field 'colour'") == true)
        #expect(configError("orders:\n  erp:\n    delimiter: ';;'\n    columns: {id: A, placed_at: B}\n") == "kefu.yaml:3: orders.erp.delimiter: \";;\" is not one character (or tab)")
        #expect(configError("orders:\n  erp:\n    marketplace: ebey\n    columns: {id: A, placed_at: B}\n")?
            .hasPrefix("kefu.yaml:3: orders.erp.marketplace: \"ebey\" is not a marketplace") == true)
    }
}
