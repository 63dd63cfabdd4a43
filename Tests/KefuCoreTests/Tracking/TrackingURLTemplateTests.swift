import Testing
@testable import KefuCore

struct TrackingURLTemplateTests {
    @Test func theNumberReplacesEveryPlaceholder() throws {
        let template = try TrackingURLTemplate("https://t.example/{n}?again={n}")
        #expect(template.url(for: "RB123456785GB") == "https://t.example/RB123456785GB?again=RB123456785GB")
    }

    @Test func aHandTypedNumberCannotChangeTheAddress() throws {
        let template = try TrackingURLTemplate("https://t.example/track?id={n}")
        #expect(template.url(for: "AB12&x=1#y") == "https://t.example/track?id=AB12%26x%3D1%23y")
    }

    @Test func everyShippedTemplateRendersTheNumber() throws {
        let table = try CarrierTable(shipped: ShippedCarrierTable.file())
        for entry in table.entries {
            guard let url = entry.url?.url(for: "AB123456789CD") else { continue }
            #expect(url.hasPrefix("https://"), "\(entry.id)")
            #expect(url.hasSuffix("AB123456789CD") || url.contains("AB123456789CD&"), "\(entry.id)")
            #expect(!url.contains("{n}"), "\(entry.id)")
        }
    }
}
