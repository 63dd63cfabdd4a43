import Foundation
import KefuCore

/// Reads the `store` section: where the team's store lives when `--db` and `KEFU_DB` say nothing.
///
///     store:
///       url: postgres://zhangmin@db.shop.example/kefu    # or a SQLite file path
///
/// A URL Kefu cannot use is an error at its line, never taken as a file name.
enum StoreSectionReader {
    static func read(_ section: ConfigNode) throws -> StoreLocation {
        let fields = try section.fields(["url"])
        guard let node = fields["url"] else { throw section.error("missing field 'url' (a postgres:// URL or a SQLite file path)") }
        do {
            return try StoreLocation(parsing: try node.text())
        } catch let error as StoreLocationError {
            throw node.error(error.description)
        }
    }
}
