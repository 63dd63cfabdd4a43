/// What happened when a parcel was attached by hand.
public enum ParcelAttachment: Sendable, Hashable {
    case added
    /// The order already had this number; its carrier was updated to the one given.
    case alreadyAttached
}

/// Attaching parcels to orders by hand (`kefu parcel add`), beside imported orders' parcels.
public protocol ParcelRegister: AnyObject, Sendable {
    /// Attaches the parcel; throws `ParcelRegisterError.unknownOrder` when the order is not stored.
    func attachParcel(_ parcel: Parcel, toOrder orderID: String) throws -> ParcelAttachment
}

public enum ParcelRegisterError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownOrder(String)

    public var description: String {
        switch self {
        case .unknownOrder(let id): "no order '\(id)' in the store (import it first, or check the id)"
        }
    }
}
