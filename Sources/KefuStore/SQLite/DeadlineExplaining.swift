import KefuCore

/// `policy` and `conversationFacts(ticketID:)` (QueueQueries.swift) answer `kefu sla explain`.
extension SQLiteTicketStore: DeadlineExplaining {}
