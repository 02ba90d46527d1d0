/// Collects documents and produces immutable `IndexSnapshot`s; adding, replacing or removing one
/// document re-analyses only that document.
public struct IndexBuilder: Sendable {
    /// The fields searched and their weights.
    public let schema: IndexSchema
    var vocabulary = Vocabulary()
    var slots: [StoredDocument?] = []
    var slotByID: [String: Int] = [:]
    private var freeSlots: [Int] = []

    /// Creates an empty builder.
    public init(schema: IndexSchema) {
        self.schema = schema
    }

    /// The number of documents held.
    public var count: Int { slotByID.count }

    /// Whether a document with this id is held.
    public func contains(id: String) -> Bool { slotByID[id] != nil }

    /// Adds a document, replacing any document with the same id.
    public mutating func add(_ document: SearchDocument) {
        let stored = analyze(document)
        if let slot = slotByID[document.id] {
            slots[slot] = stored
        } else if let slot = freeSlots.popLast() {
            slots[slot] = stored
            slotByID[document.id] = slot
        } else {
            slotByID[document.id] = slots.count
            slots.append(stored)
        }
    }

    /// Adds or replaces several documents.
    public mutating func add<Documents: Sequence>(contentsOf documents: Documents) where Documents.Element == SearchDocument {
        for document in documents { add(document) }
    }

    /// Removes the document with this id; returns whether it was there.
    @discardableResult
    public mutating func remove(id: String) -> Bool {
        guard let slot = slotByID.removeValue(forKey: id) else { return false }
        slots[slot] = nil
        freeSlots.append(slot)
        return true
    }

    /// An immutable, `Sendable` index of the documents held now.
    public func snapshot() -> IndexSnapshot {
        IndexSnapshot(schema: schema, vocabulary: vocabulary, documents: slots.compactMap { $0 })
    }

    private mutating func analyze(_ document: SearchDocument) -> StoredDocument {
        var entries: [StoredDocument.Entry] = []
        var lengths: [Int32] = []
        for (fieldIndex, field) in schema.fields.enumerated() {
            let (terms, length) = Analyzer.analyze(document.fields[field.name] ?? "", into: &vocabulary)
            lengths.append(Int32(clamping: length))
            for (term, count) in terms {
                entries.append(StoredDocument.Entry(term: term, field: UInt8(fieldIndex), count: count))
            }
        }
        // Sorted by term then field, so the snapshot reads each term's fields for a document together.
        entries.sort { ($0.term, $0.field) < ($1.term, $1.field) }
        return StoredDocument(document: document, entries: entries, fieldLengths: lengths)
    }
}

/// A document with its analysed fields.
struct StoredDocument: Sendable {
    struct Entry: Sendable {
        var term: Int32
        var field: UInt8
        var count: UInt16
    }

    var document: SearchDocument
    var entries: [Entry]
    var fieldLengths: [Int32]
}
