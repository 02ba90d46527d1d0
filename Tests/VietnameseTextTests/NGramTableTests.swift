@testable import VietnameseText
import Testing

@Suite("NGramTable: the decoder's n-gram counts")
struct NGramTableTests {
    @Test("answers exactly as the dictionary it was built from, present keys and absent ones")
    func sameAsDictionary() {
        var generator = SystemRandomNumberGenerator()
        var counts: [UInt64: UInt32] = [0: 7, 1: 1, (1 << 63) - 1: 3]
        for _ in 0..<20_000 {
            let key = UInt64.random(in: 0..<(1 << 63), using: &generator) >> UInt64.random(in: 0..<60, using: &generator)
            counts[key] = UInt32.random(in: 1...1000, using: &generator)
        }
        let table = NGramTable(counts)
        for (key, value) in counts { #expect(table[key] == value) }
        for _ in 0..<20_000 {
            let key = UInt64.random(in: 0..<(1 << 63), using: &generator)
            #expect(table[key] == counts[key])
        }
        #expect(NGramTable([:])[0] == nil)
    }
}
