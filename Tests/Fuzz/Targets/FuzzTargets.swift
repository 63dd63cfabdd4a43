/// Every fuzz target, by name. `kefu-fuzz`, `.ci/run` and the test suite all take them from here.
public enum FuzzTargets {
    public static let all: [FuzzTarget] = [
        JSONLinesFuzz.target,
        MIMEMessageFuzz.target,
        MboxSplitFuzz.target,
        MaildirNameFuzz.target,
        DelimitedTextFuzz.target,
        ConfigFileFuzz.target,
        TemplateFuzz.target,
        TrackingNumberFuzz.target,
        LinkExtractionFuzz.target,
        TerminalSanitizerFuzz.target,
    ]

    public static func named(_ name: String) -> FuzzTarget? {
        all.first { $0.name == name }
    }
}
