/// format=flowed (RFC 3676): lines ending in a space continue on the next line. Joining them
/// gives paragraphs that wrap to the agent's window instead of at the sender's 72 columns.
/// Lines join only within the same quote depth (`>` count).
enum FlowedText {
    static func unflow(_ text: String, deleteSpace: Bool) -> String {
        var lines: [String] = []
        var paragraph: (depth: Int, text: String)?

        func emit(_ depth: Int, _ content: String) {
            lines.append(depth == 0 ? content : String(repeating: ">", count: depth) + " " + content)
        }

        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine)
            let depth = line.prefix { $0 == ">" }.count
            line = line.dropFirst(depth)
            // Space-stuffing: a leading space was added by the sender's client.
            if line.hasPrefix(" ") { line = line.dropFirst() }
            if let open = paragraph, open.depth != depth {
                emit(open.depth, open.text)
                paragraph = nil
            }
            let isSignatureSeparator = line == "-- "
            if line.hasSuffix(" "), !isSignatureSeparator {
                let piece = deleteSpace ? String(line.dropLast()) : String(line)
                paragraph = (depth, (paragraph?.text ?? "") + piece)
            } else {
                emit(depth, (paragraph?.text ?? "") + line)
                paragraph = nil
            }
        }
        if let open = paragraph { emit(open.depth, open.text) }
        return lines.joined(separator: "\n")
    }
}
