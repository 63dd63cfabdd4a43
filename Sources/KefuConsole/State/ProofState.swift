import KefuCore

/// The proof the thread pane shows for the ticket's order: each parcel with the link to check
/// it (already resolved against the carrier table), and the evidence kept for the order.
public struct ThreadProof: Sendable, Hashable {
    /// Newest first, like the order summary.
    public var parcels: [ParcelLink]
    /// Oldest first, as added.
    public var evidence: [EvidenceReference]

    public init(parcels: [ParcelLink] = [], evidence: [EvidenceReference] = []) {
        self.parcels = parcels
        self.evidence = evidence
    }
}

/// What `T` and `E` insert.
public enum ProofKind: Sendable, Hashable {
    case tracking
    case evidence
    /// Ctrl-X: which evidence records fill the dispute reply's "What we have".
    case dispute
}

/// One choice of the proof picker: a line to show and the text it inserts.
public struct ProofChoice: Sendable, Hashable {
    public var title: String
    public var text: String
    /// The text tells the customer a file is attached (evidence without a public link).
    public var promisesAttachment: Bool
    /// The evidence records the choice stands for (the dispute picker fills fields from them).
    public var evidenceIDs: [String]

    public init(title: String, text: String, promisesAttachment: Bool = false, evidenceIDs: [String] = []) {
        self.title = title
        self.text = text
        self.promisesAttachment = promisesAttachment
        self.evidenceIDs = evidenceIDs
    }
}

/// The picker `T` and `E` open when the order has several parcels or pieces of evidence.
public struct ProofPickerState: Sendable, Hashable {
    public var kind: ProofKind
    public var ticketID: Int64
    /// The first choice inserts all of them.
    public var choices: [ProofChoice]
    public var selected = 0

    public init(kind: ProofKind, ticketID: Int64, choices: [ProofChoice]) {
        self.kind = kind
        self.ticketID = ticketID
        self.choices = choices
    }
}

/// Text on its way into the composer of a ticket that is still opening (its draft being read).
public struct PendingProofInsert: Sendable, Hashable {
    public var ticketID: Int64
    public var text: String
    public var flash: String
    /// Turn attaching on as the text goes in (it promises an attachment).
    public var attach = false
}

/// A `T` or `E` pressed before the ticket's thread (and so its proof) was loaded.
public struct WaitingProofRequest: Sendable, Hashable {
    public var kind: ProofKind
    public var ticketID: Int64
}

/// The proof keys' state: the picker, and work waiting for a thread or a composer to open.
public struct ProofState: Sendable, Hashable {
    public var picker: ProofPickerState?
    public var pendingInsert: PendingProofInsert?
    public var waitingForThread: WaitingProofRequest?

    public init() {}
}
