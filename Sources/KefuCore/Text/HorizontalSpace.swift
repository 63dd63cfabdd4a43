extension Unicode.Scalar {
    /// A tab or a space character of any width (Unicode Zs), not a line break: what Foundation's
    /// `CharacterSet.whitespaces` holds, tested without bridging to it (it sits on hot paths).
    public var isHorizontalSpace: Bool {
        self == "\t" || properties.generalCategory == .spaceSeparator
    }
}
