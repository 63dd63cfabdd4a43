import Foundation
import Testing
import KefuCore

/// The hand-written reader of ingest lines must accept exactly what Foundation's JSON parser
/// accepts (for a top-level object) and decode the same strings.
@Suite("Reading one JSON object per line")
struct FlatJSONObjectTests {
    static let valid: [String] = [
        #"{}"#,
        #"  { "a" : "b" }  "#,
        #"{"a":"b","a":"c"}"#,
        #"{"body":"Line\nbreak \"quoted\" back\\slash \/ tab\t cr\r bs\b ff\f"}"#,
        #"{"u":"\u00e9\u4E2D\uD83D\uDE00 é 中 😀"}"#,
        #"{"n":0,"m":-12.5e+3,"o":1E-2,"p":true,"q":false,"r":null}"#,
        #"{"tags":["vip","Late"],"empty":[],"mixed":["a",1],"nested":{"x":[{"y":null}]}}"#,
        #"{"bidi":"\u202Eevil\u202C","esc":"\u001b[31m","nul":"\u0000"}"#,
        // Trailing commas: Foundation's reader takes them, and lines that went in before still do.
        #"{"tags":["a",],"o":{"b":1,},}"#,
    ]

    static let invalid: [String] = [
        "", "{", "}", #"{"a"}"#, #"{"a":}"#, #"{"a":"b"} x"#, #"{,}"#, #"{"a":[,]}"#, #"{"a":[1,,2]}"#, #"{a:"b"}"#,
        #"{"a":'b'}"#, #"{"a":01}"#, #"{"a":1.}"#, #"{"a":.5}"#, #"{"a":-}"#, #"{"a":1e}"#,
        #"{"a":tru}"#, #"{"a":"\x"}"#, #"{"a":"\u12"}"#, "{\"a\":\"raw\u{01}control\"}",
        #"{"a":"unterminated}"#, #"{"a":[1,2}"#, #"{"a":{"b":1}"#, #"{"a":"b"}{"c":"d"}"#,
        #"{"a":"\uDE00"}"#, #"{"a":"\uD83Dx"}"#,
        String(repeating: "[", count: 100),
        "{\"deep\":" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}",
    ]

    @Test("Valid objects decode to the strings Foundation reads", arguments: valid)
    func agrees(line: String) throws {
        let fields = try FlatJSONObject.parse(Substring(line))
        let reference = try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(fields.keys) == Set(reference.keys))
        for (key, value) in reference {
            switch value {
            case let text as String: #expect(fields[key] == .string(text), "field \(key)")
            case let list as [String]: #expect(fields[key] == .strings(list), "field \(key)")
            case is NSNull: #expect(fields[key] == .null, "field \(key)")
            default: #expect(fields[key] == .other, "field \(key)")
            }
        }
    }

    @Test("Anything else is refused", arguments: invalid)
    func refuses(line: String) {
        #expect(throws: FlatJSONObject.Invalid.self) { try FlatJSONObject.parse(Substring(line)) }
    }

    @Test("Random bytes around a valid line never crash and agree with Foundation on validity")
    func fuzz() {
        var random = SeededGenerator(seed: 7)
        let alphabet = Array(#"{}[]":,\ u0123abcdefnrtl-+.eE9é"#.utf8)
        for _ in 0..<3_000 {
            var bytes = Array(Self.valid.randomElement(using: &random)!.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &random) where !bytes.isEmpty {
                let index = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes.remove(at: index)
                case 1: bytes.insert(alphabet.randomElement(using: &random)!, at: index)
                default: bytes[index] = alphabet.randomElement(using: &random)!
                }
            }
            let line = String(decoding: bytes, as: UTF8.self)
            let ours = (try? FlatJSONObject.parse(Substring(line))) != nil
            let foundations = (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any] != nil
            #expect(ours == foundations, "\(line)")
        }
    }
}
