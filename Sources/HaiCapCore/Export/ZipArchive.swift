import Foundation

/// A minimal ZIP container: stored (uncompressed) entries, enough for XLSX and other OOXML packages.
///
/// Output is deterministic — every entry carries the same DOS timestamp (1980-01-01 00:00) — so equal
/// inputs give byte-equal files. No ZIP64: an archive is limited to 65 535 entries and 4 GiB.
public struct ZipArchive: Sendable {
    /// Why `entries(of:)` rejected an archive.
    public enum ReadError: Error, Equatable, Sendable {
        case endOfCentralDirectoryNotFound
        case truncated(offset: Int)
        case badSignature(offset: Int)
        case unsupportedMethod(name: String, method: UInt16)
        case checksumMismatch(name: String)
    }

    private struct Entry: Sendable {
        var name: [UInt8]
        var data: Data
        var crc: UInt32
    }

    private var entries: [Entry] = []

    public init() {}

    /// Appends a file; `name` is a forward-slash path such as `xl/workbook.xml`.
    public mutating func add(_ name: String, data: Data) {
        entries.append(Entry(name: Array(name.utf8), data: data, crc: Self.crc32(data)))
    }

    /// The archive bytes: local headers and data, then the central directory and its end record.
    public var data: Data {
        precondition(entries.count <= Int(UInt16.max), "ZipArchive: too many entries for a non-ZIP64 archive")
        var out = Data()
        var central = Data()
        for entry in entries {
            let offset = out.count
            precondition(offset + entry.data.count < Int(UInt32.max), "ZipArchive: archive exceeds 4 GiB")
            // Local file header.
            out.appendLE(UInt32(0x0403_4b50))
            out.appendLE(Self.versionNeeded)
            out.appendLE(Self.utf8NamesFlag)
            out.appendLE(UInt16(0))  // stored
            out.appendLE(Self.dosTime)
            out.appendLE(Self.dosDate)
            out.appendLE(entry.crc)
            out.appendLE(UInt32(entry.data.count))  // compressed size
            out.appendLE(UInt32(entry.data.count))  // uncompressed size
            out.appendLE(UInt16(entry.name.count))
            out.appendLE(UInt16(0))  // extra field length
            out.append(contentsOf: entry.name)
            out.append(entry.data)
            // Central directory record.
            central.appendLE(UInt32(0x0201_4b50))
            central.appendLE(Self.versionNeeded)  // version made by: MS-DOS attributes
            central.appendLE(Self.versionNeeded)
            central.appendLE(Self.utf8NamesFlag)
            central.appendLE(UInt16(0))
            central.appendLE(Self.dosTime)
            central.appendLE(Self.dosDate)
            central.appendLE(entry.crc)
            central.appendLE(UInt32(entry.data.count))
            central.appendLE(UInt32(entry.data.count))
            central.appendLE(UInt16(entry.name.count))
            central.appendLE(UInt16(0))  // extra field length
            central.appendLE(UInt16(0))  // comment length
            central.appendLE(UInt16(0))  // disk number
            central.appendLE(UInt16(0))  // internal attributes
            central.appendLE(UInt32(0))  // external attributes
            central.appendLE(UInt32(offset))
            central.append(contentsOf: entry.name)
        }
        let centralOffset = out.count
        out.append(central)
        // End of central directory record.
        out.appendLE(UInt32(0x0605_4b50))
        out.appendLE(UInt16(0))
        out.appendLE(UInt16(0))
        out.appendLE(UInt16(entries.count))
        out.appendLE(UInt16(entries.count))
        out.appendLE(UInt32(central.count))
        out.appendLE(UInt32(centralOffset))
        out.appendLE(UInt16(0))  // comment length
        return out
    }

    /// Reads every stored entry, keyed by name, checking each CRC-32; compressed entries are rejected.
    public static func entries(of data: Data) throws(ReadError) -> [String: Data] {
        let bytes = [UInt8](data)
        // The end record is 22 bytes plus a comment of up to 65 535 bytes.
        let lowest = max(0, bytes.count - 22 - Int(UInt16.max))
        var eocd: Int? = nil
        var i = bytes.count - 22
        while i >= lowest {
            if bytes.u32(at: i) == 0x0605_4b50 { eocd = i; break }
            i -= 1
        }
        guard let end = eocd else { throw .endOfCentralDirectoryNotFound }
        let count = Int(bytes.u16(at: end + 10))
        var cursor = Int(bytes.u32(at: end + 16))
        var result: [String: Data] = [:]
        for _ in 0..<count {
            guard cursor + 46 <= bytes.count else { throw .truncated(offset: cursor) }
            guard bytes.u32(at: cursor) == 0x0201_4b50 else { throw .badSignature(offset: cursor) }
            let method = bytes.u16(at: cursor + 10)
            let crc = bytes.u32(at: cursor + 16)
            let size = Int(bytes.u32(at: cursor + 20))
            let nameLength = Int(bytes.u16(at: cursor + 28))
            let extraLength = Int(bytes.u16(at: cursor + 30))
            let commentLength = Int(bytes.u16(at: cursor + 32))
            let local = Int(bytes.u32(at: cursor + 42))
            guard cursor + 46 + nameLength <= bytes.count else { throw .truncated(offset: cursor) }
            let name = String(decoding: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self)
            guard method == 0 else { throw .unsupportedMethod(name: name, method: method) }
            guard local + 30 <= bytes.count else { throw .truncated(offset: local) }
            guard bytes.u32(at: local) == 0x0403_4b50 else { throw .badSignature(offset: local) }
            let start = local + 30 + Int(bytes.u16(at: local + 26)) + Int(bytes.u16(at: local + 28))
            guard start + size <= bytes.count else { throw .truncated(offset: start) }
            let content = Data(bytes[start..<(start + size)])
            guard crc32(content) == crc else { throw .checksumMismatch(name: name) }
            result[name] = content
            cursor += 46 + nameLength + extraLength + commentLength
        }
        return result
    }

    /// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as ZIP, gzip and PNG use it.
    public static func crc32(_ data: Data) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8)
        }
        return crc ^ 0xFFFF_FFFF
    }

    private static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    private static let versionNeeded: UInt16 = 20  // 2.0; also covers the UTF-8 name flag in practice
    private static let utf8NamesFlag: UInt16 = 1 << 11
    private static let dosTime: UInt16 = 0
    private static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1  // 1980-01-01
}

extension Data {
    fileprivate mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}

extension [UInt8] {
    /// Callers check bounds for the fields they need; a short read yields zero bits rather than a trap.
    fileprivate func u16(at offset: Int) -> UInt16 {
        guard offset >= 0, offset + 2 <= count else { return 0 }
        return UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
    }

    fileprivate func u32(at offset: Int) -> UInt32 {
        guard offset >= 0, offset + 4 <= count else { return 0 }
        return UInt32(u16(at: offset)) | UInt32(u16(at: offset + 2)) << 16
    }
}
