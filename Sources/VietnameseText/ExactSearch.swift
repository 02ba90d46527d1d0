extension String {
    /// Whether `other` occurs in this string, compared byte for byte in UTF-8: no locale, no Unicode equivalence —
    /// the right test between two already-folded texts. With Foundation imported, `contains(_:)` on strings goes
    /// through `NSString.range(of:)` on Linux, which took a quarter of the citizen assistant's CPU under load.
    public func containsExactly(_ other: String) -> Bool {
        var haystack = self
        var needle = other
        return haystack.withUTF8 { h in
            needle.withUTF8 { n in
                guard !n.isEmpty else { return true }
                guard n.count <= h.count else { return false }
                let first = n[0]
                var start = 0
                let last = h.count - n.count
                while start <= last {
                    if h[start] == first {
                        var offset = 1
                        while offset < n.count, h[start + offset] == n[offset] { offset += 1 }
                        if offset == n.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
