import Foundation
import KefuCore

/// Reads the `mail` section (how replies leave; see `MailSettings`):
///
///     mail:
///       from: "Shop Team <support@shop.example>"
///       sendmail: [msmtp, -t, -i]          # or one string split on spaces
///       marketplace_outbox: /srv/kefu/outbox
///       marketplace_command: [amazon-send, --live]   # every marketplace; or per marketplace:
///       # marketplace_command: {amazon: [amazon-send], ebay: "ebay-send --site de"}
///       utc_offset: "+08:00"
///       our_addresses: [sales@shop.example]   # mail from these (and from) is the team's own
enum MailSectionReader {
    static func read(_ section: ConfigNode) throws -> MailSettings {
        var settings = MailSettings()
        let fields = try section.fields(["from", "sendmail", "marketplace_outbox", "marketplace_command", "utc_offset", "our_addresses"])
        if let node = fields["from"] {
            let address = MailAddress(parsing: try node.text())
            guard address.address.contains("@"), !address.address.contains(" ") else {
                throw node.error("\"\(try node.text())\" is not an address like \"Shop Team <support@shop.example>\"")
            }
            settings.from = address
        }
        if let node = fields["sendmail"] {
            settings.sendmail = try command(node)
        }
        if let node = fields["marketplace_command"] {
            if case .mapping = node.node {
                for (key, value) in try node.mapping() {
                    guard let marketplace = Marketplace(rawValue: key.lowercased()) else {
                        throw value.error("\"\(key)\" is not a marketplace (\(Marketplace.allCases.map(\.rawValue).joined(separator: ", ")))")
                    }
                    settings.marketplaceCommands[marketplace.rawValue] = try command(value)
                }
            } else {
                settings.marketplaceCommands[MailSettings.allMarketplaces] = try command(node)
                if fields["marketplace_outbox"] != nil {
                    throw node.error("one command for every marketplace leaves marketplace_outbox unused: name the marketplaces (amazon: [...]) or remove one of the two")
                }
            }
        }
        if let node = fields["marketplace_outbox"] {
            settings.marketplaceOutbox = (try node.text() as NSString).expandingTildeInPath
        }
        if let node = fields["our_addresses"] {
            let items: [ConfigNode]
            if case .scalar = node.node { items = [node] } else { items = try node.items() }
            settings.ourAddresses = try items.map { item in
                let text = try item.text()
                let address = MailAddress(parsing: text).address
                guard address.contains("@"), !address.contains(" ") else {
                    throw item.error("\"\(text)\" is not an address like support@shop.example")
                }
                return address
            }
        }
        if let node = fields["utc_offset"] {
            let text = try node.text()
            guard let seconds = offsetSeconds(text) else { throw node.error("\"\(text)\" is not an offset like +08:00 or -05:00") }
            settings.utcOffsetSeconds = seconds
        }
        return settings
    }

    /// A command as a list (`[msmtp, -t, -i]`) or one string split on spaces.
    static func command(_ node: ConfigNode) throws -> [String] {
        let words: [String]
        if case .scalar = node.node {
            words = try node.text().split(separator: " ").map(String.init)
        } else {
            words = try node.items().map { try $0.text() }
        }
        guard let program = words.first, !program.isEmpty else { throw node.error("the command is empty") }
        return words
    }

    static func offsetSeconds(_ text: String) -> Int? {
        let parts = text.dropFirst().split(separator: ":")
        guard let sign = text.first, sign == "+" || sign == "-", parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...14).contains(hours), (0..<60).contains(minutes), parts[0].count == 2, parts[1].count == 2 else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
    }
}

/// Reads the `orders` section: one column map per CSV order-report format (see `OrderColumnMap`).
///
///     orders:
///       erp:
///         delimiter: ";"                   # default ","; "tab" for tab-separated
///         marketplace: ebay                # default other
///         columns: {id: "Order No", placed_at: "Date", buyer_email: "Mail", tracking_number: "Tracking"}
enum OrdersSectionReader {
    static func read(_ section: ConfigNode) throws -> [OrderColumnMap] {
        try section.mapping().map { name, node in
            guard SLASectionReader.isName(name) else { throw node.error("\"\(name)\" is not a name (letters, digits, - and _)") }
            let fields = try node.fields(["delimiter", "marketplace", "columns"])
            var map = OrderColumnMap(name: name, columns: [:])
            if let delimiter = fields["delimiter"] {
                let text = try delimiter.text()
                if text == "tab" || text == "\t" {
                    map.delimiter = "\t"
                } else {
                    guard text.count == 1, let character = text.first, character != "\"" else {
                        throw delimiter.error("\"\(text)\" is not one character (or tab)")
                    }
                    map.delimiter = character
                }
            }
            if let marketplace = fields["marketplace"] {
                let text = try marketplace.text()
                guard let value = Marketplace(rawValue: text.lowercased()) else {
                    throw marketplace.error("\"\(text)\" is not a marketplace (\(Marketplace.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                map.marketplace = value
            }
            guard let columns = fields["columns"] else { throw node.error("missing field 'columns'") }
            for (key, value) in try columns.mapping() {
                guard let field = OrderColumnMap.Field(rawValue: key) else {
                    throw value.error("unknown field '\(key)' (known here: \(OrderColumnMap.Field.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                map.columns[field] = try value.text()
            }
            for field in OrderColumnMap.requiredFields where map.columns[field] == nil {
                throw columns.error("missing column for '\(field.rawValue)'")
            }
            return map
        }
    }
}
