/// A rectangle of terminal cells: `top`/`left` inclusive, `height`/`width` in cells.
public struct Rect: Sendable, Hashable, CustomStringConvertible {
    public var top: Int
    public var left: Int
    public var height: Int
    public var width: Int

    public init(top: Int, left: Int, height: Int, width: Int) {
        self.top = top
        self.left = left
        self.height = max(0, height)
        self.width = max(0, width)
    }

    public static let empty = Rect(top: 0, left: 0, height: 0, width: 0)

    public var bottom: Int { top + height }
    public var right: Int { left + width }
    public var isEmpty: Bool { height == 0 || width == 0 }

    public func clipped(rows: Int, cols: Int) -> Rect {
        let t = min(max(0, top), rows), l = min(max(0, left), cols)
        return Rect(top: t, left: l, height: min(bottom, rows) - t, width: min(right, cols) - l)
    }

    /// The rectangle less `n` cells on every side.
    public func inset(_ n: Int) -> Rect {
        Rect(top: top + n, left: left + n, height: height - 2 * n, width: width - 2 * n)
    }

    public var description: String { "(\(top),\(left) \(height)x\(width))" }
}
