import Crypto

/// The SHA-256 that names every evidence file and checks later that it has not changed, from
/// swift-crypto (the maintained implementation; BoringSSL's code on Linux, CryptoKit on Apple).
/// Kefu keeps only this thin shape over it: lower-case hex is the form stored in file names,
/// evidence ids and outbox rows, so every caller hashes through here.
///
/// ```swift
/// EvidenceHash.hex(of: Array("abc".utf8))
/// // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
public struct EvidenceHash {
    private var hasher = Crypto.SHA256()

    public init() {}

    /// The hex SHA-256 of `bytes` in one go.
    public static func hex(of bytes: some Sequence<UInt8>) -> String {
        var hash = EvidenceHash()
        hash.update(bytes)
        return hash.finalizeHex()
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hasher.update(bufferPointer: bytes)
    }

    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    /// Lower-case hexadecimal of the digest, 64 characters.
    public func finalizeHex() -> String {
        let symbols = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in hasher.finalize() {
            text.append(symbols[Int(byte >> 4)])
            text.append(symbols[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
