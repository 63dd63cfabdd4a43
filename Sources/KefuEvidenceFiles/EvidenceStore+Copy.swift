import Foundation

extension EvidenceStore {
    /// Adds every file of this folder to `other` (`kefu store copy`: the records move with the
    /// store, the bytes with this). Each copy is the usual atomic add, so an interrupted run
    /// leaves whole files only, and a rerun skips what is there. Returns how many were copied.
    public func copyFiles(into other: EvidenceStore) throws -> Int {
        let objects = folder.appendingPathComponent("objects")
        guard let names = FileManager.default.enumerator(atPath: objects.path) else { return 0 }
        var copied = 0
        for case let name as String in names {
            let url = objects.appendingPathComponent(name)
            // objects/2f/9a41…: the folder holds the hash's first two hex digits, the name the rest.
            let sha256 = url.deletingLastPathComponent().lastPathComponent + url.lastPathComponent
            guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit), !other.contains(sha256: sha256) else { continue }
            _ = try other.add(file: url)
            copied += 1
        }
        return copied
    }
}
