import Foundation
import Testing
@testable import KefuStore

/// The NIST FIPS 180-4 example vectors through swift-crypto, the block-boundary lengths fed in
/// pieces, and the names evidence files were stored under before swift-crypto replaced the
/// hand-written SHA-256: a store made then must still find every file.
struct EvidenceHashTests {
    @Test(arguments: [
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
         "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    ])
    func nistVectors(message: String, expected: String) {
        #expect(EvidenceHash.hex(of: Array(message.utf8)) == expected)
    }

    @Test func oneMillionLetterA() {
        var hash = EvidenceHash()
        let thousand = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
        for _ in 0..<1000 { hash.update(thousand) }
        #expect(hash.finalizeHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test(arguments: [55, 56, 63, 64, 65, 119, 120, 128, 200])
    func feedingInPiecesGivesTheSameDigestAtBlockBoundaries(length: Int) {
        let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var pieces = EvidenceHash()
        var offset = 0
        var step = 1
        while offset < length {
            let end = min(length, offset + step)
            pieces.update(message[offset..<end])
            offset = end
            step += 3
        }
        #expect(pieces.finalizeHex() == EvidenceHash.hex(of: message))
        if length == 200 {
            // Python's hashlib on the same 200 bytes.
            #expect(pieces.finalizeHex() == "44cae5223d431caed4a9e32271d6abf17c3f2f4abac45fcdb48a99fcc6072a09")
        }
    }

    /// A 1,000,017-byte file (four 256 KiB chunks and a tail) lands under the same object path
    /// and id as before: the digest comes from `sha256sum`, not from either implementation.
    @Test func storedNamesStayTheSame() throws {
        let scratch = try EvidenceTestFolder()
        let store = try EvidenceStore(folder: scratch.url.appendingPathComponent("evidence"))
        let bytes = (0..<(1_000_000 + 17)).map { UInt8(truncatingIfNeeded: $0 &* 131) }
        let file = scratch.url.appendingPathComponent("weigh.jpg")
        try Data(bytes).write(to: file)
        let stored = try store.add(file: file)
        let expected = "f826515dbdcb33ec48b3de142fe6f0a80a9f985bb096b1ce57ce16fa40dc8682"
        #expect(stored.sha256 == expected)
        #expect(stored.location.path.hasSuffix("/evidence/objects/f8/26515dbdcb33ec48b3de142fe6f0a80a9f985bb096b1ce57ce16fa40dc8682"))
        #expect(EvidenceID(sha256: stored.sha256).text == "EV-F826")
        #expect(try store.verify(sha256: expected))
    }
}
