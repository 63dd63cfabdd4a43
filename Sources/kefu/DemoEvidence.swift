import Foundation
import KefuCore
import KefuStore

/// Gives some demo orders evidence (a weigh record, a carrier scan, a packing photo), so `E`
/// and the thread's evidence lines have something to show. The files are small text stand-ins
/// written to a temporary folder and taken in through the evidence locker like any file.
enum DemoEvidence {
    static func add(to store: SQLiteTicketStore, orders: [Order]) throws {
        let locker = try SQLiteEvidenceLocker(store: store)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-demo-evidence-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (index, order) in orders.enumerated() where index % 3 == 0 {
            let grams = 380 + (index * 37) % 900
            let pieces: [(String, EvidenceKind, String, String)] = [
                ("weigh-\(index).csv", .weighRecord, "order,weight_g\n\(order.id),\(grams)\n", "\(grams) g at packing, matches the packing list"),
                ("scan-\(index).txt", .carrierScan, "Carrier acceptance scan for \(order.parcels.last?.trackingNumber ?? order.id)\n", "accepted by the carrier"),
            ]
            for (name, kind, content, note) in pieces.prefix(index % 2 == 0 ? 2 : 1) {
                let file = folder.appendingPathComponent(name)
                try Data(content.utf8).write(to: file)
                _ = try locker.addEvidence(
                    NewEvidence(file: file, orderID: order.id, kind: kind, note: note, addedBy: "Warehouse"),
                    now: order.placedAt.addingTimeInterval(2 * 86_400))
            }
        }
    }
}
