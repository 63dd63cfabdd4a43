import Foundation
import Testing
@testable import KefuCore

@Suite struct TemplateLibraryTests {
    private func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func userTemplatesOverrideShippedOnesByNameAndAddNewOnes() throws {
        let user = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: user) }
        try """
        name: parcel-in-transit
        title: Our own tracking answer
        stage: after-sale
        keywords: tracking
        --- en
        Hi {customer_name}, thanks! Here it is: {tracking_url}
        """.write(to: user.appendingPathComponent("mine.tmpl"), atomically: true, encoding: .utf8)
        try """
        name: vip-welcome
        title: Welcome back, VIP
        stage: pre-sale
        --- en
        Hello {customer_name}, thank you for coming back.
        """.write(to: user.appendingPathComponent("vip.tmpl"), atomically: true, encoding: .utf8)

        let shipped = try ShippedTemplates.library()
        let combined = try TemplateLibrary.load(from: [ShippedTemplates.folder, user])
        #expect(combined.templates.count == shipped.templates.count + 1)
        let overridden = try #require(combined.template(named: "parcel-in-transit"))
        #expect(overridden.title == "Our own tracking answer")
        #expect(overridden.variants.keys.sorted() == ["en"])
        #expect(combined.template(named: "vip-welcome")?.stage == .preSale)
        #expect(combined.template(named: "customs-delay") == shipped.template(named: "customs-delay"))
    }

    @Test func aMissingUserFolderIsSkipped() throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-none-\(UUID().uuidString)")
        let library = try TemplateLibrary.load(from: [ShippedTemplates.folder, missing])
        #expect(library.templates.count == (try ShippedTemplates.library()).templates.count)
    }

    @Test func aBrokenUserTemplateNamesFileAndLine() throws {
        let user = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: user) }
        let file = user.appendingPathComponent("broken.tmpl")
        try "name: x\nstage: during-sale\n--- en\nHello".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: ConfigError(file: file.path, line: 2, message: "stage 'during-sale' is not one of pre-sale, in-sale, after-sale")) {
            try TemplateLibrary.load(from: [ShippedTemplates.folder, user])
        }
    }
}
