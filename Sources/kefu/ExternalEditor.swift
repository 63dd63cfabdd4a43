import Foundation
import Glibc
import KefuCore

/// Runs the agent's editor on a draft, the way git and mutt do: `$VISUAL`, else `$EDITOR`, else
/// `vi`, through `/bin/sh` so a value with arguments (`code --wait`) works. The draft goes
/// through a private temporary file (mode 0600: it holds a customer's details) that is removed
/// afterwards.
enum ExternalEditor {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static var command: String {
        let environment = ProcessInfo.processInfo.environment
        for name in ["VISUAL", "EDITOR"] {
            if let value = environment[name], !value.trimmingCharacters(in: .whitespaces).isEmpty { return value }
        }
        return "vi"
    }

    /// The text as the editor left it, or nil when the editor exited with an error.
    static func edit(_ text: String) throws -> String? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kefu-edit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("reply.txt")
        guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Failure(description: "cannot write \(file.path)")
        }
        let arguments = ["/bin/sh", "-c", command + " \"$1\"", "kefu-editor", file.path]
        var cArguments = arguments.map { strdup($0) } + [nil]
        defer { for pointer in cArguments { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/sh", nil, nil, &cArguments, environ)
        guard spawned == 0 else { throw Failure(description: "cannot start the editor: \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw Failure(description: "lost the editor: \(String(cString: strerror(errno)))") }
        }
        // Exited normally with status 0 (the WIFEXITED/WEXITSTATUS macros, spelled out).
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else { return nil }
        let edited = try String(contentsOf: file, encoding: .utf8)
        // Editors end the file with a newline the agent did not type.
        return edited.hasSuffix("\n") && !text.hasSuffix("\n") ? String(edited.dropLast()) : edited
    }
}

/// Where an agent's own templates live, and writing one there.
enum PersonalTemplates {
    static var folder: URL { Wiring.configDirectory.appendingPathComponent("templates") }

    /// Writes `template` as `<name>.tmpl` (replacing an earlier one of the same name) and
    /// returns the path, shortened with `~` for the status bar.
    static func save(_ template: KefuCore.Template) throws -> String {
        let text = try TemplateWriter.format(template)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let file = folder.appendingPathComponent(template.name + ".tmpl")
        try Data(text.utf8).write(to: file, options: .atomic)
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let home = FileManager.default.homeDirectoryForCurrentUser.path
        return file.path.hasPrefix(home + "/") ? "~" + file.path.dropFirst(home.count) : file.path
    }
}
