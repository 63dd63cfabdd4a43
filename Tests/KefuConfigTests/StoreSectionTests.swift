import Foundation
import KefuConfig
import KefuCore
import Testing

/// `store:`: where the store is, and how long a write waits for another kefu's lock.
@Suite struct StoreSectionTests {
    @Test func lockTimeoutInUnits() throws {
        #expect(try configuration(user: "store:\n  lock_timeout: 45\n").storeLockTimeout == 45)
        #expect(try configuration(user: "store:\n  lock_timeout: 2m\n").storeLockTimeout == 120)
        #expect(try configuration(user: "store:\n  lock_timeout: 1.5s\n").storeLockTimeout == 1.5)
        #expect(try configuration(user: "store:\n  lock_timeout: 250ms\n").storeLockTimeout == 0.25)
        #expect(try configuration(user: "sla:\n  layers: [marketplace]\n").storeLockTimeout == nil)
    }

    @Test func lockTimeoutBesideTheURL() throws {
        let configured = try configuration(user: "store:\n  url: /srv/kefu/kefu.sqlite\n  lock_timeout: 10s\n")
        #expect(configured.store == .sqlite(path: "/srv/kefu/kefu.sqlite"))
        #expect(configured.storeLockTimeout == 10)
    }

    @Test func badLockTimeoutIsRefusedAtItsLine() {
        #expect(configError("store:\n  lock_timeout: soon\n")
            == "kefu.yaml:2: store.lock_timeout: \"soon\" is not a wait like 30s, 2m or 45 (seconds, from 0 to 3600)")
        #expect(configError("store:\n  lock_timeout: 2h\n")?.contains("is not a wait like 30s") == true)
        #expect(configError("store:\n  lock_timeout: -1\n")?.contains("is not a wait like 30s") == true)
        #expect(configError("store:\n  timeout: 5\n")?.contains("unknown field 'timeout' (known here: url, lock_timeout)") == true)
    }
}
