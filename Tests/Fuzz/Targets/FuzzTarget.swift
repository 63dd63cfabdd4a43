/// One parser under fuzzing: a name (the folder of its corpus in `Tests/Fuzz/Corpus/`) and a
/// check that feeds it bytes and throws `FuzzFailure` when an invariant breaks. A crash (a
/// trap, an out-of-bounds access under AddressSanitizer) is a failure too, found by libFuzzer;
/// the plain runner in `swift test` finds the invariant failures and the traps that stop it.
public struct FuzzTarget: Sendable {
    public let name: String
    public let check: @Sendable ([UInt8]) throws(FuzzFailure) -> Void

    public init(_ name: String, check: @escaping @Sendable ([UInt8]) throws(FuzzFailure) -> Void) {
        self.name = name
        self.check = check
    }
}

/// An invariant that did not hold, said in words (no customer text: inputs are made up).
public struct FuzzFailure: Error, Sendable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Throws when `condition` is false.
@inline(__always)
func require(_ condition: Bool, _ message: @autoclosure () -> String) throws(FuzzFailure) {
    if !condition { throw FuzzFailure(message()) }
}

extension Array where Element == UInt8 {
    /// The bytes as text, invalid UTF-8 replaced, as every text parser receives a file.
    var text: String { String(decoding: self, as: UTF8.self) }
}
