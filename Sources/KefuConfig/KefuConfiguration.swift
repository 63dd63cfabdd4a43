import Foundation
import KefuCore
import Yams

/// Everything Kefu reads from configuration: the shipped defaults with the user's file laid
/// over them. Each top-level key of the user's file is one section; today `sla`. A section the
/// reader does not know is an error at its line rather than ignored, so a typo never passes
/// for a setting.
///
///     let configuration = try KefuConfiguration.load(shippedSLA: KefuResources.slaFile, user: userFile)
///     let policy: any DeadlinePolicy = try configuration.deadlinePolicy()
///
/// Adding a section: a field here, its name in `sections`, and a case in `read(_:)`.
public struct KefuConfiguration: Sendable {
    /// Reply-deadline policies, business calendars and holidays.
    public var sla: SLAConfiguration
    /// A digest of the texts this configuration was read from: when it changes, the store
    /// recomputes open deadlines. Code that alters `sla` after loading should alter it too.
    public var fingerprint: String
    /// How replies leave (sendmail command, From, marketplace outbox); user file only.
    public var mail = MailSettings()
    /// Column maps for CSV order reports; user file only.
    public var orderColumnMaps: [OrderColumnMap] = []
    /// The evidence locker's size limit and public base URL.
    public var evidence = EvidenceSettings()
    /// The team and its roles; user file only. Empty: no roles, everyone may do everything.
    public var team = TeamRoster.none
    /// How claims behave (`team.capacity`, `team.claim_idle`).
    public var claims = ClaimRules()
    /// The scam checks' brands, own domains, allowed hosts and wave rule; user file only.
    public var safety = SafetySettings()
    /// The console's behaviour (send and next, or stay); user file only.
    public var console = ConsoleSettings()
    /// The customer segments' thresholds and the vip list (`customers:`).
    public var customers = SegmentRules.standard
    /// Where the store lives (`store.url`); user file only. `--db` and `KEFU_DB` come first.
    public var store: StoreLocation?
    /// How long a write waits for another kefu's lock on a SQLite store (`store.lock_timeout`);
    /// nil: `KEFU_LOCK_TIMEOUT`, else the default.
    public var storeLockTimeout: TimeInterval?
    /// The order-driven follow-up rules (`followups:`); the shipped defaults without the section.
    public var followUpRules = FollowUpRules.defaults
    /// How notices go out: rates per channel, marketplaces that forbid marketing (`notify:`).
    public var notify = NoticeRules.standard

    public init(sla: SLAConfiguration, fingerprint: String = "") {
        self.sla = sla
        self.fingerprint = fingerprint
    }

    /// The top-level keys a config file may have.
    public static let sections = ["sla", "mail", "orders", "evidence", "team", "safety", "console", "store", "followups", "customers", "notify"]

    /// Reads the shipped `sla.yaml` and, when given and present, the user's file. Throws a
    /// `ConfigError` naming the file, line and field of the first problem; a user file that
    /// does not exist is no error (the defaults apply), one that cannot be read is.
    public static func load(shippedSLA: URL, user: URL?) throws -> KefuConfiguration {
        let shipped = try text(of: shippedSLA)
        var userText: (String, String)?
        if let user, FileManager.default.fileExists(atPath: user.path) { userText = (try text(of: user), user.path) }
        return try parse(shipped: (shipped, shippedSLA.path), user: userText)
    }

    /// The same from texts, with the names errors should give for them.
    public static func parse(shipped: (text: String, file: String), user: (text: String, file: String)?) throws -> KefuConfiguration {
        let shippedSections = try read(shipped.text, file: shipped.file)
        guard let shippedSLA = shippedSections.sla else {
            throw ConfigError(file: shipped.file, message: "no 'sla' section")
        }
        let userSections = try user.map { try read($0.text, file: $0.file) }
        var configuration = KefuConfiguration(
            sla: try SLASectionMerge.merge(shipped: shippedSLA, user: userSections?.sla),
            fingerprint: Self.digest((shippedSections.slaText ?? "") + "\u{0}" + (userSections?.slaText ?? "")))
        if let mail = userSections?.mail { configuration.mail = mail }
        configuration.orderColumnMaps = userSections?.orders ?? []
        if let evidence = userSections?.evidence ?? shippedSections.evidence { configuration.evidence = evidence }
        configuration.team = userSections?.team?.roster ?? .none
        configuration.claims = userSections?.team?.claims ?? ClaimRules()
        configuration.safety = userSections?.safety ?? SafetySettings()
        configuration.console = userSections?.console ?? ConsoleSettings()
        configuration.store = userSections?.store?.location
        configuration.storeLockTimeout = userSections?.store?.lockTimeout
        if let rules = userSections?.followUps { configuration.followUpRules = rules }
        configuration.customers = userSections?.customers ?? .standard
        configuration.notify = userSections?.notify ?? .standard
        return configuration
    }

    /// The SLA engine for this configuration, to hand to the store and the console.
    public func deadlinePolicy() throws -> SLAEngine {
        var engine = try SLAEngine(sla)
        engine.fingerprint = fingerprint.isEmpty ? nil : fingerprint
        return engine
    }

    /// FNV-1a, 64 bits, as hex: stable across runs (unlike `Hasher`), enough to tell texts apart.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    // MARK: - Reading one file

    private struct Sections {
        var sla: SLASectionDraft?
        /// The `sla` section written back out canonically: the fingerprint follows the deadline
        /// rules only, not comments, layout or the other sections.
        var slaText: String?
        var mail: MailSettings?
        var orders: [OrderColumnMap]?
        var evidence: EvidenceSettings?
        var team: (roster: TeamRoster, claims: ClaimRules)?
        var safety: SafetySettings?
        var console: ConsoleSettings?
        var store: StoreSectionReader.Section?
        var followUps: FollowUpRules?
        var customers: SegmentRules?
        var notify: NoticeRules?
    }

    private static func read(_ text: String, file: String) throws -> Sections {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw describe(error, file: file)
        }
        var sections = Sections()
        guard let root else { return sections }
        let document = ConfigNode(node: root, file: file, path: "")
        for (key, value) in try document.mapping() {
            switch key {
            case "sla":
                sections.sla = try SLASectionReader.read(value)
                sections.slaText = try? Yams.serialize(node: value.node)
            case "mail": sections.mail = try MailSectionReader.read(value)
            case "orders": sections.orders = try OrdersSectionReader.read(value)
            case "evidence": sections.evidence = try EvidenceSectionReader.read(value)
            case "team": sections.team = try TeamSectionReader.read(value)
            case "safety": sections.safety = try SafetySectionReader.read(value)
            case "console": sections.console = try ConsoleSectionReader.read(value)
            case "store": sections.store = try StoreSectionReader.read(value)
            case "followups": sections.followUps = try FollowUpSectionReader.read(value)
            case "customers": sections.customers = try CustomersSectionReader.read(value)
            case "notify": sections.notify = try NotifySectionReader.read(value)
            default:
                throw ConfigError(file: file, line: value.line,
                                  message: "unknown section '\(key)' (known: \(KefuConfiguration.sections.joined(separator: ", ")))")
            }
        }
        return sections
    }

    private static func text(of url: URL) throws -> String {
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigError(file: url.path, message: "cannot read the file (\(error.localizedDescription))")
        }
    }

    private static func describe(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ConfigError(file: file, line: mark.line, message: "not valid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ConfigError(file: file, line: context.mark.line, message: "'\(duplicates.joined(separator: "', '"))' is given twice")
        default:
            return ConfigError(file: file, message: "not valid YAML: \(error)")
        }
    }
}
