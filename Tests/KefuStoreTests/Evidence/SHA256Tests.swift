import Testing
@testable import KefuStore

/// The NIST FIPS 180-4 example vectors, plus the block-boundary lengths where padding is easy to
/// get wrong, checked by feeding the same bytes in pieces.
struct SHA256Tests {
    @Test(arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func nistVectors(message: String, expected: String) {
        #expect(SHA256.hex(SHA256.digest(Array(message.utf8))) == expected)
    }

    @Test func oneMillionLetterA() {
        var hasher = SHA256()
        let thousand = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hasher.update(thousand) }
        #expect(SHA256.hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [55, 56, 63, 64, 65, 119, 120, 128])
    func feedingInPiecesGivesTheSameDigestAtBlockBoundaries(length: Int) {
        let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var pieces = SHA256()
        var offset = 0
        var step = 1
        while offset < length {
            let end = min(length, offset + step)
            pieces.update(message[offset..<end])
            offset = end
            step += 3
        }
        #expect(pieces.finalize() == SHA256.digest(message))
        #expect(SHA256.digest(message).count == 32)
    }
}
