import Foundation
import KefuConfig
import KefuCore
import Testing

/// The `safety` section: brands, own domains, allowed hosts and the scam-wave rule, read when
/// right and refused at file:line:field when wrong.
@Suite("Config: safety section")
struct SafetySectionTests {
    @Test("brands, own domains, allowed hosts and the wave rule change what the checks flag")
    func read() throws {
        let read = try configuration(user: """
            safety:
              brands: [Kefushop]
              own_domains: [shop-example.com]
              allowed_hosts: tinyurl.com
              wave: {customers: 5, window: 2h}
            """)
        #expect(read.safety.extraBrands == ["kefushop"])
        #expect(read.safety.wave == ScamWaveRule(minimumCustomers: 5, window: 7200))
        let safety = MessageSafety(policy: read.safety.policy())
        func flagged(_ url: String) -> Bool { !safety.check(IncomingMessage(from: "a@b.example", body: url)).isEmpty }
        #expect(flagged("https://kefushop-login.example/"))
        #expect(flagged("https://shop-exarnple.com/"))
        #expect(!flagged("https://tinyurl.com/abc"))
        #expect(try configuration().safety == SafetySettings())
    }

    @Test("mistakes name the file, line and field")
    func errors() {
        #expect(configError("safety:\n  own_domains: [shop]\n")
                == "kefu.yaml:2: safety.own_domains[0]: \"shop\" is not a domain name like shop-example.com")
        #expect(configError("safety:\n  wave: {customers: 1}\n")
                == "kefu.yaml:2: safety.wave.customers: \"1\" is not a number of customers of 2 or more")
        #expect(configError("safety:\n  wave: {window: 3bd}\n")
                == "kefu.yaml:2: safety.wave.window: \"3bd\" is not a calendar duration like 6h, 90m or 2d")
        #expect(configError("safety:\n  brand: [x]\n")?.contains("safety") == true)
    }
}
