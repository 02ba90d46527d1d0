extension String {
    /// The text without leading and trailing white space (Unicode's, line breaks included), in Swift: Foundation's
    /// `trimmingCharacters(in:)` goes through `NSString` on Linux, a visible cost on every assistant question.
    public var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace }) ?? first
        if first == startIndex, index(after: last) == endIndex { return self }
        return String(self[first...last])
    }
}
