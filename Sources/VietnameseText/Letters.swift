/// A Latin letter split into the parts Vietnamese spelling combines: base, vowel modifier, tone.
struct Letter: Equatable {
    /// The ASCII lower-case base letter (`a`…`z`).
    var base: UInt8
    var modifier: Modifier
    var tone: Tone
    var isUppercase: Bool

    enum Modifier: UInt8 { case none, breve, circumflex, horn, stroke }

    /// Tone marks in the order of the tables below: ngang, huyền, sắc, hỏi, ngã, nặng.
    enum Tone: UInt8 { case level, grave, acute, hook, tilde, dot }

    var isVowel: Bool {
        switch base {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"),
             UInt8(ascii: "u"), UInt8(ascii: "y"): return true
        default: return false
        }
    }
}

/// Lookup tables between Unicode scalars and `Letter`, built once.
///
/// Arrays indexed by scalar value keep the per-character work in the tokenizer to a bounds check
/// and a load; Vietnamese letters all lie below U+1EFA.
enum Letters {
    static let limit: UInt32 = 0x1F00

    /// Packed `Letter` per scalar below `limit`; 0 means "not a letter we know".
    static let decomposeTable: [UInt16] = {
        var table = [UInt16](repeating: 0, count: Int(limit))
        for (scalar, letter) in allLetters() {
            table[Int(scalar)] = pack(letter)
        }
        return table
    }()

    /// Lower-case scalar per (base, modifier, tone) key; 0 where no such letter exists.
    static let composeTable: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 128 * 8 * 8)
        for (scalar, letter) in allLetters() where !letter.isUppercase {
            table[key(letter.base, letter.modifier, letter.tone)] = scalar
        }
        return table
    }()

    @inline(__always)
    static func letter(_ scalar: Unicode.Scalar) -> Letter? {
        let value = scalar.value
        guard value < limit else { return nil }
        let packed = decomposeTable[Int(value)]
        guard packed != 0 else { return nil }
        return unpack(packed)
    }

    /// The lower-case scalar for a letter, or nil when the combination does not exist in Unicode.
    @inline(__always)
    static func compose(_ base: UInt8, _ modifier: Letter.Modifier, _ tone: Letter.Tone) -> Unicode.Scalar? {
        let value = composeTable[key(base, modifier, tone)]
        return value == 0 ? nil : Unicode.Scalar(value)
    }

    @inline(__always)
    private static func key(_ base: UInt8, _ modifier: Letter.Modifier, _ tone: Letter.Tone) -> Int {
        Int(base & 0x7F) << 6 | Int(modifier.rawValue) << 3 | Int(tone.rawValue)
    }

    // Layout: bit 15 present, bit 14 upper case, bits 11-13 tone, bits 8-10 modifier, bits 0-6 base.
    private static func pack(_ letter: Letter) -> UInt16 {
        0x8000 | (letter.isUppercase ? 0x4000 : 0) | UInt16(letter.tone.rawValue) << 11
            | UInt16(letter.modifier.rawValue) << 8 | UInt16(letter.base)
    }

    @inline(__always)
    private static func unpack(_ packed: UInt16) -> Letter {
        Letter(
            base: UInt8(packed & 0x7F),
            modifier: Letter.Modifier(rawValue: UInt8((packed >> 8) & 0x7)) ?? .none,
            tone: Letter.Tone(rawValue: UInt8((packed >> 11) & 0x7)) ?? .level,
            isUppercase: packed & 0x4000 != 0
        )
    }

    /// Every letter of the Vietnamese alphabet (and the rest of ASCII), both cases, with all tones.
    private static func allLetters() -> [(UInt32, Letter)] {
        var result: [(UInt32, Letter)] = []
        let vowelRows: [(String, Character, Letter.Modifier)] = [
            ("aàáảãạ", "a", .none), ("ăằắẳẵặ", "a", .breve), ("âầấẩẫậ", "a", .circumflex),
            ("eèéẻẽẹ", "e", .none), ("êềếểễệ", "e", .circumflex), ("iìíỉĩị", "i", .none),
            ("oòóỏõọ", "o", .none), ("ôồốổỗộ", "o", .circumflex), ("ơờớởỡợ", "o", .horn),
            ("uùúủũụ", "u", .none), ("ưừứửữự", "u", .horn), ("yỳýỷỹỵ", "y", .none),
        ]
        for (row, base, modifier) in vowelRows {
            let baseByte = base.asciiValue ?? 0
            for (index, character) in row.enumerated() {
                let tone = Letter.Tone(rawValue: UInt8(index)) ?? .level
                for upper in [false, true] {
                    let text = upper ? String(character).uppercased() : String(character)
                    guard let scalar = text.unicodeScalars.first, text.unicodeScalars.count == 1 else { continue }
                    result.append((scalar.value, Letter(base: baseByte, modifier: modifier, tone: tone, isUppercase: upper)))
                }
            }
        }
        result.append((0x111, Letter(base: UInt8(ascii: "d"), modifier: .stroke, tone: .level, isUppercase: false)))
        result.append((0x110, Letter(base: UInt8(ascii: "d"), modifier: .stroke, tone: .level, isUppercase: true)))
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") where !"aeiouy".utf8.contains(byte) {
            result.append((UInt32(byte), Letter(base: byte, modifier: .none, tone: .level, isUppercase: false)))
            result.append((UInt32(byte - 32), Letter(base: byte, modifier: .none, tone: .level, isUppercase: true)))
        }
        return result
    }
}
