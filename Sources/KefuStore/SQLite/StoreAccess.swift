/// What a command needs of a SQLite store: to change it, or only to read it.
///
/// Commands that change the store (ingest, import, send, deliver…) open with `.write` and are
/// refused, naming the file and why, when this process may not write it; the console and the
/// read commands (queue, show, report…) open with `.readIfNotWritable` and then work read-only.
public enum StoreAccess: Sendable, Hashable {
    case write
    case readIfNotWritable
}
