import Foundation
import Testing
import KefuResources
import KefuTestSupport
@testable import KefuCore

@Suite("Demo data")
struct DemoGeneratorTests {
    static let now = Date(timeIntervalSince1970: 1_795_000_000)

    func generator(seed: UInt64 = 7) throws -> DemoGenerator {
        let policy = TestPolicy.standard
        return DemoGenerator(recipe: try DemoRecipe.load(from: KefuResources.demoRecipe), now: Self.now, seed: seed,
                             replyTarget: DemoGenerator.target(from: policy))
    }

    @Test("The same seed makes the same store")
    func deterministic() throws {
        #expect(try generator().batch(0..<50).records == generator().batch(0..<50).records)
        #expect(try generator().batch(0..<50).records != generator(seed: 8).batch(0..<50).records)
    }

    @Test("200 conversations cover the languages, channels and deadline spread the demo promises")
    func coverage() throws {
        let batch = try generator().batch(0..<200)
        let languages = Set(batch.records.compactMap(\.language))
        #expect(languages == ["en", "de", "fr", "es", "ru", "ja"])
        let marketplaces = Set(batch.records.map(\.marketplace))
        #expect(marketplaces.isSuperset(of: [.amazon, .ebay, .aliexpress, .shopify]))
        #expect(batch.records.contains { $0.channel == .chat })
        #expect(batch.records.contains { $0.body.unicodeScalars.contains { $0.properties.isEmojiPresentation } })
        #expect(Set(batch.records.map(\.conversation)).count == 200)
        #expect(batch.orders.count == 200)
        #expect(batch.orders.contains { $0.parcels.count == 2 && $0.parcels[0].replaces == $0.parcels[1].trackingNumber })
        // Every message lies in the past.
        #expect(batch.records.allSatisfy { $0.at <= Self.now })
    }

    @Test("Message ids are unique, so ingesting the demo twice adds nothing")
    func uniqueIDs() throws {
        let records = try generator().batch(0..<500).records
        #expect(Set(records.map(\.id)).count == records.count)
    }
}
