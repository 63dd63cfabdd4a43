/// A count with its noun in English UI text: "1 message", "2 messages", "0 messages".
///
///     CountText.of(1, "message")                 // "1 message"
///     CountText.of(3, "reply", plural: "replies") // "3 replies"
public enum CountText {
    public static func of(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(count) " + (count == 1 ? singular : plural ?? singular + "s")
    }
}
