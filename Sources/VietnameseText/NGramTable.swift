/// A read-only map from packed n-gram keys to counts, for the diacritic decoder's inner loop: open addressing with
/// Fibonacci hashing instead of `Dictionary`'s seeded SipHash, which was most of the decoder's time (the decoder
/// looks up thousands of n-grams per question, and restoring an unaccented question was 9 % of an answer's CPU).
/// Same contents and same answers as the dictionary it is built from.
struct NGramTable: Sendable {
    /// `UInt64.max` marks an empty slot: keys pack three 21-bit ids, so they stay below 2^63.
    private static let empty = UInt64.max
    private let keys: [UInt64]
    private let values: [UInt32]
    private let shift: UInt64

    init(_ counts: [UInt64: UInt32]) {
        // At most half full: short probe runs.
        var bits: UInt64 = 4
        while (1 << bits) < counts.count * 2 { bits += 1 }
        let size = 1 << Int(bits)
        var keys = [UInt64](repeating: Self.empty, count: size)
        var values = [UInt32](repeating: 0, count: size)
        shift = 64 - bits
        for (key, value) in counts {
            precondition(key != Self.empty, "n-gram key out of range")
            var slot = Self.slot(key, shift: shift)
            while keys[slot] != Self.empty { slot = (slot + 1) & (size - 1) }
            keys[slot] = key
            values[slot] = value
        }
        self.keys = keys
        self.values = values
    }

    private static func slot(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    subscript(key: UInt64) -> UInt32? {
        let mask = keys.count - 1
        var slot = Self.slot(key, shift: shift)
        while true {
            let found = keys[slot]
            if found == key { return values[slot] }
            if found == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }
}
