import VietnameseText

/// A short passage of a field with the words that matched the query located in it.
public struct Snippet: Sendable, Hashable {
    /// The passage, as written in the document.
    public let text: String
    /// Where matched words lie in `text`, in order.
    public let highlights: [Range<String.Index>]
    /// Whether text of the field was left out before or after the passage.
    public let isTruncatedAtStart: Bool
    public let isTruncatedAtEnd: Bool

    /// The passage with each match wrapped in `open`/`close` (for example `**`, or `«` and `»`),
    /// and `ellipsis` where text was left out. Nothing is escaped: the caller knows its output format.
    public func marked(open: String, close: String, ellipsis: String = "…") -> String {
        var output = isTruncatedAtStart ? ellipsis : ""
        var cursor = text.startIndex
        for range in highlights {
            output += text[cursor..<range.lowerBound] + open + text[range] + close
            cursor = range.upperBound
        }
        output += text[cursor...]
        return isTruncatedAtEnd ? output + ellipsis : output
    }
}

extension IndexSnapshot {
    /// The window of about `length` tokens of a document's field that holds the most distinct query
    /// syllables, with those syllables highlighted; nil for an unknown document or field.
    ///
    /// Matching is by folded form, so `dang ky` highlights `Đăng ký`.
    public func snippet(id: String, field: String, query: String, length: Int = 30) -> Snippet? {
        guard let document = document(id: id), let text = document.fields[field] else { return nil }
        let tokens = Vietnamese.tokenize(text)
        guard !tokens.isEmpty else { return Snippet(text: "", highlights: [], isTruncatedAtStart: false, isTruncatedAtEnd: false) }
        var wanted: Set<String> = []
        for token in Vietnamese.tokenize(query).prefix(256) {
            wanted.insert(token.folded)
            if token.kind == .code { wanted.formUnion(token.parts.map { Vietnamese.foldNormalized(String($0)) }) }
        }
        let matches = tokens.map { wanted.contains($0.folded) }
        let window = max(1, length)
        let start = bestWindowStart(tokens: tokens, matches: matches, window: window)
        let end = min(tokens.count, start + window)
        // The passage runs from the first token to the last one, keeping the text between them as written.
        let lower = start == 0 ? text.startIndex : tokens[start].range.lowerBound
        let upper = end == tokens.count ? text.endIndex : tokens[end - 1].range.upperBound
        let passage = String(text[lower..<upper])
        var highlights: [Range<String.Index>] = []
        for index in start..<end where matches[index] {
            let range = tokens[index].range
            let from = text.utf8.distance(from: lower, to: range.lowerBound)
            let to = text.utf8.distance(from: lower, to: range.upperBound)
            let utf8 = passage.utf8
            highlights.append(utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to))
        }
        return Snippet(text: passage, highlights: highlights, isTruncatedAtStart: start > 0, isTruncatedAtEnd: end < tokens.count)
    }

    /// Start of the window with the most distinct matched syllables, earliest on ties.
    private func bestWindowStart(tokens: [Token], matches: [Bool], window: Int) -> Int {
        guard tokens.count > window else { return 0 }
        var counts: [String: Int] = [:]
        var best = (start: 0, distinct: -1, total: -1)
        var total = 0
        for index in tokens.indices {
            if matches[index] {
                counts[tokens[index].folded, default: 0] += 1
                total += 1
            }
            let start = index - window + 1
            if start > 0, matches[start - 1] {
                let key = tokens[start - 1].folded
                counts[key, default: 1] -= 1
                if counts[key] == 0 { counts[key] = nil }
                total -= 1
            }
            guard start >= 0 else { continue }
            if counts.count > best.distinct || (counts.count == best.distinct && total > best.total) {
                best = (start, counts.count, total)
            }
        }
        return best.start
    }
}
