import Foundation
import KefuConfig
import KefuCore
import KefuResources

/// `kefu.yaml`, over the shipped deadline policies. A file is either taken (and its deadline
/// policy builds) or refused with a `ConfigError` that names the user's file and, when it has
/// one, a line inside it; never another kind of error, never a crash.
enum ConfigFileFuzz {
    static let shipped: String = (try? String(contentsOf: KefuResources.slaFile, encoding: .utf8)) ?? ""

    static let target = FuzzTarget("config") { bytes throws(FuzzFailure) in
        let text = bytes.text
        // Lines as YAML counts them: by scalar (a "\r\n" is one Character, which a Character
        // split on "\n" never sees), a lone "\r" ending a line too.
        let scalars = Array(text.unicodeScalars)
        let lineCount = 1 + scalars.indices.filter { scalars[$0] == "\n" || (scalars[$0] == "\r" && $0 + 1 < scalars.count && scalars[$0 + 1] != "\n") }.count
        do {
            let configuration = try KefuConfiguration.parse(shipped: (shipped, "sla.yaml"), user: (text, "kefu.yaml"))
            _ = try configuration.deadlinePolicy()
        } catch let error as ConfigError {
            try require(error.file == "kefu.yaml", "an error in the user's file names \(error.file)")
            if let line = error.line {
                try require(line >= 1 && line <= lineCount + 1, "an error names line \(line) of a \(lineCount)-line file")
            }
            try require(!error.message.isEmpty, "an error without a message")
        } catch {
            throw FuzzFailure("refused with \(type(of: error)), not a ConfigError naming file and line")
        }
    }
}
