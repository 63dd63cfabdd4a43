import Foundation
import KefuConfig
import Testing

/// The `console` section: send and next by default, `after_send: stay` keeps the old behaviour.
@Suite("Config: console section")
struct ConsoleSectionTests {
    @Test("after_send is next unless the file says stay; a wrong value is named at its line")
    func afterSend() throws {
        #expect(try configuration().console.afterSend == .next)
        #expect(try configuration(user: "console:\n  after_send: stay\n").console.afterSend == .stay)
        #expect(try configuration(user: "console:\n  after_send: Next\n").console.afterSend == .next)
        let wrong = try #require(configError("console:\n  after_send: later\n"))
        #expect(wrong.contains("kefu.yaml:2"))
        #expect(wrong.contains("\"later\" is not one of: next, stay"))
        #expect(configError("console:\n  aftersend: stay\n") != nil)
    }
}
