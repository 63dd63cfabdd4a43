import Foundation

/// How often each template was used, so the picker puts the team's favourites first.
public protocol TemplateUsageRecording: Sendable {
    func recordTemplateUse(_ name: String, now: Date) throws
    func templateUsage() throws -> [String: Int]
}
