import Foundation

/// Stacks a few random edits on a seed: byte flips, range deletion, duplication and repetition, splicing with
/// another seed, interesting tokens, invalid UTF-8, deep nesting, NFC/NFD and case changes, line shuffles.
struct Mutator {
    /// Tokens inserted whole; the target's own tokens come first in weight.
    var tokens: [[UInt8]]
    /// Inputs never grow past this many bytes, so one input cannot take the whole time budget.
    var maxLength: Int
    /// Whether edits may leave invalid UTF-8 (only for targets that take bytes).
    var allowInvalidUTF8 = true

    init(tokens: [String], maxLength: Int = 128 * 1024, allowInvalidUTF8: Bool = true) {
        self.tokens = tokens.map { Array($0.utf8) }
        self.maxLength = maxLength
        self.allowInvalidUTF8 = allowInvalidUTF8
    }

    static let interestingBytes: [UInt8] = [
        0x00, 0x01, 0x09, 0x0A, 0x0D, 0x20, 0x22, 0x27, 0x2C, 0x2D, 0x2E, 0x30, 0x31, 0x39, 0x3A, 0x3B, 0x5B, 0x5C,
        0x5D, 0x7B, 0x7D, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xCC, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF,
    ]

    /// Ill-formed sequences: truncated, overlong, surrogate, beyond U+10FFFF, stray continuation.
    static let invalidUTF8: [[UInt8]] = [
        [0xFF], [0xC0, 0x80], [0xC3], [0xE1, 0xBB], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xBF, 0xBF],
        [0xF0, 0x9F, 0x98], [0xFE, 0xFF], [0xEF, 0xBB],
    ]

    /// One mutated input from `seed`; `others` are the seeds to splice with.
    func mutate(_ seed: [UInt8], others: [[UInt8]], using rng: inout SplitMix64) -> [UInt8] {
        var bytes = seed
        let edits = 1 + rng.below(rng.oneIn(4) ? 16 : 4)
        for _ in 0..<edits {
            edit(&bytes, others: others, using: &rng)
            if bytes.count > maxLength { bytes.removeLast(bytes.count - maxLength) }
        }
        if !allowInvalidUTF8 {
            bytes = Array(String(decoding: bytes, as: UTF8.self).utf8)
        }
        return bytes
    }

    private func edit(_ bytes: inout [UInt8], others: [[UInt8]], using rng: inout SplitMix64) {
        let position = bytes.isEmpty ? 0 : rng.below(bytes.count + 1)
        switch rng.below(16) {
        case 0 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] ^= UInt8(1) << UInt8(rng.below(8))
        case 1 where !bytes.isEmpty:
            bytes[min(position, bytes.count - 1)] = rng.pick(Self.interestingBytes)
        case 2 where !bytes.isEmpty:
            let (start, end) = range(in: bytes, using: &rng)
            bytes.removeSubrange(start..<end)
        case 3 where !bytes.isEmpty:
            let (start, end) = range(in: bytes, using: &rng)
            bytes.insert(contentsOf: bytes[start..<end], at: rng.below(bytes.count + 1))
        case 4 where !bytes.isEmpty:
            // A long line: one range repeated many times.
            let (start, end) = range(in: bytes, using: &rng)
            let piece = Array(bytes[start..<end])
            let times = min(1 + rng.below(2_000), maxLength / max(1, piece.count))
            bytes.insert(contentsOf: Array(repeating: piece, count: times).joined(), at: end)
        case 5 where !others.isEmpty:
            let other = rng.pick(others)
            let cut = other.isEmpty ? 0 : rng.below(other.count + 1)
            bytes = Array(bytes[..<position]) + other[cut...]
        case 6, 7, 8:
            bytes.insert(contentsOf: rng.pick(tokens), at: position)
        case 9 where allowInvalidUTF8:
            bytes.insert(contentsOf: rng.pick(Self.invalidUTF8), at: position)
        case 10:
            let open = rng.pick(["[", "{\"a\":", "(", "“", "-", "not "])
            bytes.insert(contentsOf: Array(repeating: Array(open.utf8), count: 1 + rng.below(3_000)).joined(), at: position)
        case 11:
            bytes = Array(transform(bytes, using: &rng).utf8)
        case 12:
            shuffleLines(&bytes, using: &rng)
        case 13:
            var random = [UInt8]()
            for _ in 0..<(1 + rng.below(16)) { random.append(UInt8(truncatingIfNeeded: rng.next())) }
            bytes.insert(contentsOf: random, at: position)
        case 14:
            let digits = String(repeating: "9", count: 1 + rng.below(rng.oneIn(4) ? 5_000 : 30))
            bytes.insert(contentsOf: Array(rng.pick([digits, "-" + digits, "0." + digits, digits + "e" + digits]).utf8), at: position)
        default:
            bytes.insert(contentsOf: rng.pick(tokens), at: position)
        }
    }

    private func range(in bytes: [UInt8], using rng: inout SplitMix64) -> (Int, Int) {
        let start = rng.below(bytes.count)
        let length = 1 + rng.below(min(bytes.count - start, rng.oneIn(4) ? bytes.count : 64))
        return (start, start + length)
    }

    /// Whole-text changes that keep the text valid: NFC, NFD, upper or lower case, CRLF or CR line ends.
    private func transform(_ bytes: [UInt8], using rng: inout SplitMix64) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        switch rng.below(6) {
        case 0: return text.decomposedStringWithCanonicalMapping
        case 1: return text.precomposedStringWithCanonicalMapping
        case 2: return text.uppercased()
        case 3: return text.lowercased()
        case 4: return text.replacingOccurrences(of: "\n", with: "\r\n")
        default: return text.replacingOccurrences(of: "\n", with: "\r")
        }
    }

    private func shuffleLines(_ bytes: inout [UInt8], using rng: inout SplitMix64) {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.count > 1 else { return }
        let a = rng.below(lines.count)
        let b = rng.below(lines.count)
        switch rng.below(3) {
        case 0: lines.swapAt(a, b)
        case 1: lines.insert(lines[a], at: b)
        default: lines.remove(at: a)
        }
        bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }
}
