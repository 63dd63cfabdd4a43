/// What a scheme's check-digit rule said about a number whose shape already matched.
public enum CheckOutcome: Sendable, Hashable {
    /// The scheme has no check digit; the shape alone decides.
    case noCheckDigit
    /// The check character is the one the rule computes.
    case passed
    /// The number looks like the scheme but its check character is wrong: almost always a typo.
    /// Both are ASCII characters (`expected` is the one the rule computed).
    case failed(expected: UInt8, found: UInt8)
    /// The rule cannot be applied to a number of this shape (a user table paired a rule with a
    /// pattern it does not fit); the detector treats it as no match.
    case notApplicable
}
