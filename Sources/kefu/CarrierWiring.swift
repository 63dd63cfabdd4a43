import Foundation
import KefuCore
import KefuConsole
import KefuResources
import KefuStore

extension Wiring {
    /// The shipped carrier table with the user's laid over it: `override` when given, else
    /// `$XDG_CONFIG_HOME/kefu/carriers.json` (or `~/.config/kefu/carriers.json`) when it exists.
    static func carrierTable(override: String? = nil) throws -> CarrierTable {
        try CarrierTable.load(shipped: KefuResources.carriersFile, user: userCarrierTable(override: override))
    }

    static func userCarrierTable(override: String?) -> URL? {
        if let override { return URL(fileURLWithPath: override) }
        let candidate = configDirectory.appendingPathComponent("carriers.json")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }

    /// Evidence settings (size limit, public base URL) from the config file.
    static func evidenceSettings() throws -> EvidenceSettings {
        try configuration().evidence
    }
}

extension Wiring {
    /// What the console needs for `T` and `E`: the carrier table (with the user's overrides) and
    /// the evidence locker over the store (records in the store, files on this machine: see
    /// `StoreOptions.evidenceFolder`), with the configured public base URL.
    static func proofLoader(store: any TicketStore, options: StoreOptions) throws -> ProofLoader {
        let settings = try evidenceSettings()
        return ProofLoader(carriers: try carrierTable(), evidence: try options.openLocker(store, settings: settings), settings: settings)
    }
}
