import Foundation
import KefuConfig
import KefuCore

/// The shipped `Resources/sla.yaml`, found from this file's place in the repository.
let shippedSLAFile: URL = {
    var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while folder.path != "/" {
        let candidate = folder.appendingPathComponent("Resources/sla.yaml")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        folder.deleteLastPathComponent()
    }
    fatalError("Resources/sla.yaml not found above \(#filePath)")
}()

let shippedSLAText = try! String(contentsOf: shippedSLAFile, encoding: .utf8)

/// The shipped defaults with `user` laid over them as the file `kefu.yaml`.
func configuration(user: String? = nil) throws -> KefuConfiguration {
    try KefuConfiguration.parse(shipped: (shippedSLAText, "sla.yaml"), user: user.map { ($0, "kefu.yaml") })
}

/// The error `user` gets, as the user would read it.
func configError(_ user: String) -> String? {
    do {
        _ = try configuration(user: user)
        return nil
    } catch let error as ConfigError {
        return error.description
    } catch {
        return "not a ConfigError: \(error)"
    }
}

func local(_ text: String, _ zone: String) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: zone)!
    let parts = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).map { Int($0)! }
    return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4]))!
}

func facts(_ marketplace: Marketplace, _ channel: Channel = .marketplace, kind: TicketKind = .message, since: Date,
           replied: Bool = false, tags: Set<String> = []) -> ConversationFacts {
    ConversationFacts(channel: channel, marketplace: marketplace, status: .open, awaitingSince: since, hasReplied: replied,
                      kind: kind, tags: tags)
}
