import Foundation
import KefuCore

/// Reads the `safety` section of a config file (scam and phishing checks):
///
///     safety:
///       brands: [mybrand]                     # added to the shipped marketplaces, carriers, payment services
///       own_domains: [shop-example.com]       # lookalikes of these are flagged (mail.from's domain is added)
///       allowed_hosts: [pay.shop-example.com] # never flagged, nor anything under them
///       wave: {customers: 3, window: 6h}      # a scam wave: this many customers within this long
enum SafetySectionReader {
    static func read(_ section: ConfigNode) throws -> SafetySettings {
        var settings = SafetySettings()
        let fields = try section.fields(["brands", "own_domains", "allowed_hosts", "wave"])
        if let brands = fields["brands"] {
            settings.extraBrands = try brands.list(expected: "a brand name of letters and digits like mybrand") { text in
                let name = text.lowercased()
                return !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber } ? name : nil
            }
        }
        if let domains = fields["own_domains"] {
            settings.ownDomains = try domains.list(expected: "a domain name like shop-example.com", domain)
        }
        if let hosts = fields["allowed_hosts"] {
            settings.allowedHosts = try hosts.list(expected: "a host name like pay.shop-example.com", domain)
        }
        if let wave = fields["wave"] {
            let waveFields = try wave.fields(["customers", "window"])
            if let customers = waveFields["customers"] {
                let text = try customers.text()
                guard let count = Int(text), count >= 2 else {
                    throw customers.error("\"\(text)\" is not a number of customers of 2 or more")
                }
                settings.wave.minimumCustomers = count
            }
            if let window = waveFields["window"] {
                let text = try window.text()
                guard case .calendar(let seconds)? = SLADuration(parsing: text) else {
                    throw window.error("\"\(text)\" is not a calendar duration like 6h, 90m or 2d")
                }
                settings.wave.window = seconds
            }
        }
        return settings
    }

    private static func domain(_ text: String) -> String? {
        let host = text.lowercased().trimmingCharacters(in: .whitespaces)
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } })
        else { return nil }
        return host
    }
}
