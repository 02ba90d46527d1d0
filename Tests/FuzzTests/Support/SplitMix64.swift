/// SplitMix64: a tiny, fast, seedable generator, so a run is replayed exactly from its seed on any platform.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound`; `bound` must be positive.
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// True with probability 1/`n`.
    mutating func oneIn(_ n: Int) -> Bool {
        below(n) == 0
    }

    mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// A stable seed for one target, so `HAICAP_FUZZ_SEED` replays every target at once.
    static func derive(_ seed: UInt64, _ name: String) -> UInt64 {
        var generator = SplitMix64(seed: seed)
        var mixed = generator.next()
        for byte in name.utf8 {
            mixed = (mixed ^ UInt64(byte)) &* 0x100_0000_01B3
        }
        return mixed
    }
}
