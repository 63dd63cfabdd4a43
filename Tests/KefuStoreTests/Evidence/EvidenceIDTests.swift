import Testing
@testable import KefuStore

struct EvidenceIDTests {
    let hashA = "2f9a41c07be3d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e"
    let hashB = "2f9a7777777777777777777777777777777777777777777777777777777777aa"
    let hashC = "2f9a7000000000000000000000000000000000000000000000000000000000bb"

    @Test func theIdIsFourUpperCaseHexDigitsOfTheHash() {
        #expect(EvidenceID(sha256: hashA).text == "EV-2F9A")
    }

    @Test func aFreeIdIsTakenAsIs() {
        #expect(EvidenceID.assign(sha256: hashA) { _ in nil }.text == "EV-2F9A")
    }

    @Test func theSameContentGetsItsOwnIdBack() {
        let taken = ["EV-2F9A": hashA]
        #expect(EvidenceID.assign(sha256: hashA) { taken[$0.text] }.text == "EV-2F9A")
    }

    @Test func aCollisionLengthensTheNewerId() {
        var taken = ["EV-2F9A": hashA]
        let b = EvidenceID.assign(sha256: hashB) { taken[$0.text] }
        #expect(b.text == "EV-2F9A7")
        taken[b.text] = hashB
        let c = EvidenceID.assign(sha256: hashC) { taken[$0.text] }
        #expect(c.text == "EV-2F9A70")
        // The first holder keeps its short id.
        #expect(EvidenceID.assign(sha256: hashA) { taken[$0.text] }.text == "EV-2F9A")
    }

    @Test(arguments: [("EV-2F9A", "EV-2F9A"), ("ev-2f9a7", "EV-2F9A7"), (" 2f9a ", "EV-2F9A")])
    func agentsCanTypeIdsLoosely(input: String, expected: String) {
        #expect(EvidenceID(parsing: input)?.text == expected)
    }

    @Test(arguments: ["EV-2F9", "EV-XYZW", "", "EV-"])
    func thingsThatAreNotIdsAreRejected(input: String) {
        #expect(EvidenceID(parsing: input) == nil)
    }
}
