import ArgumentParser
import Foundation
import KefuCore
import KefuEvidenceFiles
import KefuStore

/// `kefu store copy FROM TO`: moves a whole store between backends (a team starting alone on
/// SQLite moves to PostgreSQL, or back), resumable, with the counts checked at the end.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store", abstract: "Work on whole stores: copy one into another (SQLite and PostgreSQL).",
        subcommands: [Copy.self])

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy", abstract: "Copy every ticket, message, draft, record and log of one store into a new one.",
            discussion: """
                FROM and TO are SQLite paths or postgres:// URLs (a PostgreSQL database must exist: createdb). \
                TO must be empty, or a copy of FROM that was interrupted: run the same command again and it goes on \
                where it stopped. Stop other kefu processes on FROM first. Evidence files are copied beside TO. \
                The row counts of every table are compared at the end and printed.
                """)

        @Argument(help: ArgumentHelp("The store to copy.", valueName: "from")) var from: String
        @Argument(help: ArgumentHelp("The empty store to copy into (made if it is a new SQLite path).", valueName: "to")) var to: String
        @Option(help: ArgumentHelp("Rows per transaction.", valueName: "n")) var batch: Int = 500

        func validate() throws {
            if batch < 1 { throw ValidationError("--batch must be at least 1 (got \(batch))") }
        }

        func run() throws {
            let source = try StoreOptions.parse(["--db", from])
            let target = try StoreOptions.parse(["--db", to])
            let (fromLocation, _) = try source.location()
            let (toLocation, _) = try target.location()
            if Self.sameStore(fromLocation, toLocation) {
                throw UserError(message: "FROM and TO are the same store (\(fromLocation)): copy into another one")
            }
            if case .sqlite(let path) = fromLocation, !FileManager.default.fileExists(atPath: path) {
                throw UserError(message: "FROM names \(path), which does not exist (check the path)")
            }
            let fromStore = try source.openStore(access: .readIfNotWritable)
            guard let reading = fromStore as? any StoreRowCopying else { throw UserError(message: "\(fromLocation) cannot be copied by this kefu") }
            let toStore = try target.openStore(creating: true)
            guard let writing = toStore as? any StoreRowCopying else { throw UserError(message: "\(toLocation) cannot be copied into by this kefu") }
            // The source as the copy's progress names it: a rerun from another folder, or with the
            // path spelled otherwise, is still the same copy.
            let copier = StoreCopier(from: reading, to: writing, source: Self.identity(fromLocation), target: toLocation.description, batchSize: batch)
            let counts: [TableCount]
            do {
                counts = try copier.run(progress: Wiring.notice)
            } catch let error as StoreCopyError {
                throw UserError(message: error.description)
            }
            // The source's files are only read: its folder is not made (nor swept), so a store
            // this user may not write copies as well as any.
            let files = try EvidenceStore(reading: try source.evidenceFolder(), sizeLimit: .max)
                .copyFiles(into: try EvidenceStore(folder: try target.evidenceFolder(), sizeLimit: .max))
            print("Copied \(fromLocation) → \(toLocation)")
            print("table".padding(toLength: 24, withPad: " ", startingAt: 0) + "from".leftPadded(10) + "to".leftPadded(10))
            for count in counts {
                print(count.table.padding(toLength: 24, withPad: " ", startingAt: 0) + String(count.source).leftPadded(10) + String(count.target).leftPadded(10))
            }
            print("All \(counts.count) tables agree; \(files) evidence file(s) copied.")
        }

        /// A SQLite file by its absolute path (links resolved), a database by its URL without password.
        static func identity(_ location: StoreLocation) -> String {
            switch location {
            case .sqlite(let path): URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
            case .postgres(let address): address.description
            }
        }

        /// The same file (after resolving links) or the same database on the same server.
        static func sameStore(_ a: StoreLocation, _ b: StoreLocation) -> Bool {
            switch (a, b) {
            case (.sqlite, .sqlite):
                return identity(a) == identity(b)
            case (.postgres(let x), .postgres(let y)):
                return x.host.lowercased() == y.host.lowercased() && x.port == y.port && x.database == y.database
            default:
                return false
            }
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
