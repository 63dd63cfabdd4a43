import KefuCore

/// The dashboard screen: opened with `D` or `:dashboard`, refreshed every tick, sorted with
/// `<` `>`, Enter drills down to the row's tickets in the queue.
extension AppState {
    mutating func openDashboard() -> [Effect] {
        overlay = .none
        dashboard = DashboardState()
        return [.team(.loadDashboard)]
    }

    mutating func closeDashboard() -> [Effect] {
        dashboard = nil
        return []
    }

    mutating func runDashboard(_ command: Command) -> [Effect] {
        guard var board = dashboard else { return [] }
        let count = board.rows.count
        switch command {
        case .moveDown: board.selected = min(max(0, count - 1), board.selected + 1)
        case .moveUp: board.selected = max(0, board.selected - 1)
        case .nextPane:
            board.table = board.table == .agents ? .lanes : .agents
            board.selected = 0
        case .sortPrevious, .sortNext:
            // The columns this screen shows (the hidden ones would sort by what cannot be seen).
            let columns = DashboardColumns.columns(width: cols)
            let i = columns.firstIndex(of: board.sortColumn) ?? 0
            board.sortColumn = columns[(i + (command == .sortNext ? 1 : columns.count - 1)) % columns.count]
            showFlash("Sorted by \(board.sortColumn.title), \(board.orderTitle)", .info)
        case .togglePeriod:
            guard !DashboardColumns(width: cols).weekColumns else {
                showFlash("Today's and the 7 days' times are both shown at this width", .info)
                return []
            }
            board.week.toggle()
            showFlash("Response times: \(board.periodTitle)" + (board.week && board.figures?.weekPending == true ? " (loading…)" : ""), .info)
        case .reverseSort:
            board.reversed.toggle()
            board.selected = 0
            showFlash("Sorted by \(board.sortColumn.title), \(board.orderTitle)", .info)
        case .open:
            return drillDown(board.selectedRow)
        case .back:
            return closeDashboard()
        default:
            return []
        }
        dashboard = board
        return []
    }

    /// Back to the queue, listing the open tickets of the agent or channel of `row`.
    mutating func drillDown(_ row: MeterRow?) -> [Effect] {
        guard let row else { return [] }
        switch row.subject {
        case .agent(let name):
            queue.scope = QueueScope(assignee: name.map { .agent($0) } ?? .unassigned)
        case .lane(let lane):
            queue.scope = QueueScope(channel: lane.channel, marketplace: lane.marketplace)
        }
        queue.view = .allOpen
        queue.selected = 0
        dashboard = nil
        focus = .queue
        showFlash("Showing: all open · \(queue.scopeTitle(me: profile.name) ?? "")  (m returns to all)", .info)
        return [.loadQueue(.top)]
    }

    mutating func receiveTeam(_ answer: TeamAnswer) -> [Effect] {
        switch answer {
        case .assigned(let changes, let requested, let name):
            return receiveAssigned(changes, requested: requested, to: name)
        case .solved(let solved):
            return receiveSolved(solved)
        case .outcomeSet(let outcome):
            showFlash("Outcome of #\(outcome.ticketID): \(outcome.choice.summary)", .info)
            return []
        case .dashboardLoaded(let figures):
            guard dashboard != nil else { return [] }
            dashboard!.figures = figures
            let needsReply = figures.histogram.values.reduce(0, +)
            totals = QueueTotals(open: figures.team.open, needsReply: needsReply,
                                 dueWithinHour: figures.histogram[.underHour] ?? 0, overdue: figures.histogram[.overdue] ?? 0,
                                 followUpsDue: figures.followUps.map { $0.due + $0.late } ?? totals.followUpsDue)
            dashboard!.selected = min(dashboard!.selected, max(0, dashboard!.rows.count - 1))
            return []
        }
    }
}
