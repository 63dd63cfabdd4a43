/// The verdict on a tracking number, in the words `kefu track --json` prints.
public enum TrackingStatus: String, Sendable, Hashable, Codable {
    /// Matches a known scheme and, where the scheme has one, its check digit.
    case valid
    /// Has the shape of a known scheme but a wrong check digit: a typo. Never linked.
    case invalid
    /// Looks like a tracking number but matches no known scheme: linked to the universal tracker.
    case unrecognised
    /// Cannot be a tracking number at all (empty, shorter than 6 or longer than 64 characters,
    /// or characters other than letters and digits once spaces and dashes are gone): nothing to
    /// link.
    case malformed
}
