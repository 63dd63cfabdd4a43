/// Why an attachment is dangerous. Files are judged by name, type and a look at the bytes
/// (an Office file's macro part, the names inside a ZIP archive); they are never opened or run.
public enum AttachmentSignal: String, Sendable, Hashable, CaseIterable, Codable {
    /// A program or script: `.exe`, `.scr`, `.js`, `.vbs`, `.ps1`, `.lnk`, `.iso`…
    case executable
    /// A document name hiding a program: `invoice.pdf.exe`, or a right-to-left override that
    /// makes `invoice‮fdp.exe` read as `invoiceexe.pdf`.
    case doubleExtension = "double-extension"
    /// An HTML page sent as a file: opened, it shows a fake login form from the disk.
    case htmlAttachment = "html-attachment"
    /// A Word, Excel or PowerPoint file with macros (`.docm`, or a `vbaProject.bin` inside).
    case officeMacro = "office-macro"
    /// An archive with one of the above inside.
    case archiveWithDanger = "archive-with-danger"

    public var explanation: String {
        switch self {
        case .executable: "a program or script: opening it runs code on this computer"
        case .doubleExtension: "the name pretends to be a document but ends in a program's extension"
        case .htmlAttachment: "an HTML page sent as a file, a common way to show a fake login form"
        case .officeMacro: "an Office file with macros, which can run code when enabled"
        case .archiveWithDanger: "an archive that holds a program, script, HTML page or macro file"
        }
    }
}

/// Checks the files a message carries (issue 16, item 2).
///
///     AttachmentSafety.check(filename: "invoice.pdf.exe", contentType: "application/octet-stream", data: bytes)
///     // [.doubleExtension]
public enum AttachmentSafety {
    static let executableExtensions: Set<String> = [
        "exe", "scr", "com", "pif", "bat", "cmd", "cpl", "msi", "msp", "dll", "js", "jse", "vbs", "vbe", "wsf", "wsh",
        "ps1", "psm1", "hta", "jar", "lnk", "reg", "iso", "img", "vhd", "vhdx", "apk", "app", "dmg", "pkg", "sh", "command",
        "scf", "url", "msc", "gadget", "appx", "msix", "xll", "chm",
    ]
    static let documentExtensions: Set<String> = [
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt", "ods", "txt", "rtf", "csv", "jpg", "jpeg", "png", "gif",
        "bmp", "tif", "tiff", "heic", "mp4", "mov", "mp3", "wav", "zip", "html", "htm",
    ]
    static let htmlExtensions: Set<String> = ["html", "htm", "shtml", "xhtml", "mht", "mhtml", "svg"]
    static let macroExtensions: Set<String> = ["docm", "dotm", "xlsm", "xltm", "xlam", "pptm", "potm", "ppam", "ppsm", "sldm"]
    static let officeExtensions: Set<String> = ["doc", "docx", "dot", "dotx", "xls", "xlsx", "xlt", "xltx", "ppt", "pptx"]

    /// Every signal of one file, most serious first.
    public static func check(filename: String, contentType: String, data: [UInt8]) -> [AttachmentSignal] {
        var signals: [AttachmentSignal] = []
        let name = visibleName(filename)
        let parts = name.lowercased().split(separator: ".").map(String.init)
        let last = parts.count > 1 ? parts.last! : ""
        let type = contentType.lowercased()
        let hasOverride = filename.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }
        if executableExtensions.contains(last) || type == "application/x-msdownload" || type == "application/x-msdos-program" {
            let previous = parts.count > 2 ? parts[parts.count - 2] : ""
            if documentExtensions.contains(previous) || hasOverride { signals.append(.doubleExtension) }
            signals.append(.executable)
        } else if hasOverride {
            signals.append(.doubleExtension)
        }
        if htmlExtensions.contains(last) || type == "text/html" || type == "application/xhtml+xml" || type == "image/svg+xml" {
            signals.append(.htmlAttachment)
        }
        if macroExtensions.contains(last) || (officeExtensions.contains(last) && contains(data, "vbaProject.bin"))
            || type.contains("macroenabled")
        {
            signals.append(.officeMacro)
        }
        if last == "zip" || type == "application/zip" || type == "application/x-zip-compressed" {
            if ZipNames.of(data).contains(where: isDangerousName) { signals.append(.archiveWithDanger) }
        }
        return signals
    }

    /// Whether a name inside an archive would be flagged on its own.
    static func isDangerousName(_ name: String) -> Bool {
        let parts = name.lowercased().split(separator: ".")
        guard parts.count > 1, let last = parts.last.map(String.init) else { return false }
        return executableExtensions.contains(last) || htmlExtensions.contains(last) || macroExtensions.contains(last)
    }

    /// The name without the invisible direction controls a sender can use to reorder it.
    static func visibleName(_ filename: String) -> String {
        String(String.UnicodeScalarView(filename.unicodeScalars.filter {
            !(0x202A...0x202E).contains($0.value) && !(0x2066...0x2069).contains($0.value) && $0.value != 0x200E && $0.value != 0x200F
        }))
    }

    /// A name as an agent may safely read it: direction controls shown as `<U+202E>`, so
    /// `invoice‮fdp.exe` reads `invoice<U+202E>fdp.exe` (the real order of its letters).
    public static func shownName(_ filename: String) -> String {
        var out = ""
        for scalar in filename.unicodeScalars {
            if (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) || scalar.value == 0x200E
                || scalar.value == 0x200F
            {
                out += "<U+\(String(scalar.value, radix: 16, uppercase: true))>"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func contains(_ data: [UInt8], _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard data.count >= pattern.count, let first = pattern.first else { return false }
        var i = 0
        let end = data.count - pattern.count
        while i <= end {
            if data[i] == first, data[i..<(i + pattern.count)].elementsEqual(pattern) { return true }
            i += 1
        }
        return false
    }
}

/// The file names a ZIP archive lists in its local headers (`PK\3\4`), read without unpacking.
enum ZipNames {
    static func of(_ data: [UInt8], limit: Int = 1_000) -> [String] {
        var names: [String] = []
        var i = 0
        while i + 30 <= data.count, names.count < limit {
            guard data[i] == 0x50, data[i + 1] == 0x4B, data[i + 2] == 0x03, data[i + 3] == 0x04 else {
                // Not at a header (data descriptors, or the central directory): look for the next one.
                i += 1
                continue
            }
            let nameLength = Int(data[i + 26]) | Int(data[i + 27]) << 8
            let extraLength = Int(data[i + 28]) | Int(data[i + 29]) << 8
            let compressed = Int(data[i + 18]) | Int(data[i + 19]) << 8 | Int(data[i + 20]) << 16 | Int(data[i + 21]) << 24
            let nameStart = i + 30
            guard nameStart + nameLength <= data.count else { break }
            names.append(String(decoding: data[nameStart..<(nameStart + nameLength)], as: UTF8.self))
            let next = nameStart + nameLength + extraLength + compressed
            i = next > i ? next : i + 4
        }
        return names
    }
}
