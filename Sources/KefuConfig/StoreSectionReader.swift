import Foundation
import KefuCore

/// Reads the `store` section: where the team's store lives when `--db` and `KEFU_DB` say
/// nothing, and how long a write waits for another kefu's lock on a SQLite store.
///
///     store:
///       url: postgres://zhangmin@db.shop.example/kefu    # or a SQLite file path
///       lock_timeout: 30s                                 # 30s (the default), 2m, or seconds
///
/// A URL Kefu cannot use is an error at its line, never taken as a file name.
enum StoreSectionReader {
    struct Section {
        var location: StoreLocation?
        var lockTimeout: TimeInterval?
    }

    static func read(_ section: ConfigNode) throws -> Section {
        let fields = try section.fields(["url", "lock_timeout"])
        guard fields["url"] != nil || fields["lock_timeout"] != nil else {
            throw section.error("missing field 'url' (a postgres:// URL or a SQLite file path)")
        }
        var result = Section()
        if let node = fields["url"] {
            do {
                result.location = try StoreLocation(parsing: try node.text())
            } catch let error as StoreLocationError {
                throw node.error(error.description)
            }
        }
        if let node = fields["lock_timeout"] {
            let text = try node.text()
            guard let seconds = lockTimeout(text) else {
                throw node.error("\"\(text.prefix(40))\" is not a wait like 30s, 2m or 45 (seconds, from 0 to 3600)")
            }
            result.lockTimeout = seconds
        }
        return result
    }

    /// `30s`, `2m`, `45` (seconds), `1.5s`; nil for anything else or outside 0...3600 s.
    static func lockTimeout(_ text: String) -> TimeInterval? {
        var number = text.trimmingCharacters(in: .whitespaces)
        var unit: TimeInterval = 1
        if number.hasSuffix("ms") { unit = 0.001; number.removeLast(2) }
        else if number.hasSuffix("s") { number.removeLast() }
        else if number.hasSuffix("m") { unit = 60; number.removeLast() }
        guard let value = Double(number), value.isFinite, value >= 0, value * unit <= 3600 else { return nil }
        return value * unit
    }
}

extension KefuConfiguration {
    /// A lock wait as `store.lock_timeout` and `KEFU_LOCK_TIMEOUT` take it (`30s`, `2m`, `45`).
    public static func lockTimeout(parsing text: String) -> TimeInterval? {
        StoreSectionReader.lockTimeout(text)
    }
}
