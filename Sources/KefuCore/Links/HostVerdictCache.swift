import Foundation

/// What the link checks say about a host on its own (lookalike, punycode, brand on another
/// domain, shortener…), and how it displays.
struct HostVerdict: Sendable {
    var shown: String
    var signals: [(LinkSignal, String)]
}

/// Remembers each host's verdict during an import: mail links go to the same few hosts again
/// and again (the marketplaces, the carriers), and working a host out is most of the checks'
/// cost. Shared by the import's parsing threads behind a lock; emptied when it grows large.
final class HostVerdictCache: @unchecked Sendable {
    private let lock = NSLock()
    private var verdicts: [String: HostVerdict] = [:]
    private let limit: Int

    init(limit: Int = 20_000) {
        self.limit = limit
    }

    func verdict(for host: String, compute: () -> HostVerdict) -> HostVerdict {
        lock.lock()
        if let known = verdicts[host] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let verdict = compute()
        lock.lock()
        if verdicts.count >= limit { verdicts.removeAll(keepingCapacity: true) }
        verdicts[host] = verdict
        lock.unlock()
        return verdict
    }
}
