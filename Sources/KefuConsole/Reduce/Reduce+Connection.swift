import Foundation
import KefuCore

/// The store's server lost and found again: the status bar says so while it is away (the
/// agent keeps working on what is on screen, drafts are kept on this machine), and once it is
/// back everything is read again, since what others did meanwhile was never told.
extension AppState {
    mutating func connectionChanged(_ connection: StoreConnection) -> [Effect] {
        let wasLost = self.connection != .connected
        self.connection = connection
        guard connection == .connected, wasLost else { return [] }
        showFlash("Connected to the store again", .info)
        var effects: [Effect] = [.keptDrafts, .loadQueue(.reload(keep: queue.selectedTicket?.id)), .loadTotals]
        if presence.boardEnabled { effects.append(.presence(.load)) }
        if let thread { effects.append(.loadThread(thread.ticket.id)) }
        return effects
    }
}
