import Foundation

/// An immutable BM25F index: any number of queries may use it at once from any task.
///
/// Postings are stored column-wise by term id (compressed sparse rows): for term `t`, entries
/// `postingStart[t]..<postingStart[t + 1]` of the posting arrays, sorted by document.
public final class IndexSnapshot: Sendable {
    /// The fields searched and their weights.
    public let schema: IndexSchema
    /// The documents, in internal order.
    public let documents: [SearchDocument]
    let vocabulary: Vocabulary
    let indexByID: [String: Int32]
    let postingStart: [Int]
    let postingDocument: [Int32]
    /// Saturated BM25F term weight with the schema's field weights, precomputed per posting.
    let postingImpact: [Float]
    /// Raw frequency per field (stride = field count), used when a query overrides field weights.
    let postingFieldCounts: [UInt16]
    /// `1 - b + b * length / averageLength` per document and field (stride = field count).
    let lengthFactor: [Float]
    let inverseDocumentFrequency: [Float]
    /// Metadata key → value → documents, for filters.
    let metadataIndex: [String: [String: [Int32]]]

    init(schema: IndexSchema, vocabulary: Vocabulary, documents stored: [StoredDocument]) {
        self.schema = schema
        self.vocabulary = vocabulary
        self.documents = stored.map(\.document)
        let fieldCount = schema.fields.count
        let documentCount = stored.count
        let termCount = Int(vocabulary.count)

        var indexByID: [String: Int32] = [:]
        var metadataIndex: [String: [String: [Int32]]] = [:]
        for (index, document) in documents.enumerated() {
            indexByID[document.id] = Int32(index)
            for (key, value) in document.metadata {
                metadataIndex[key, default: [:]][value, default: []].append(Int32(index))
            }
        }
        self.indexByID = indexByID
        self.metadataIndex = metadataIndex

        var lengthFactor = [Float](repeating: 1, count: documentCount * fieldCount)
        for (fieldIndex, field) in schema.fields.enumerated() {
            let total = stored.reduce(0.0) { $0 + Double($1.fieldLengths[fieldIndex]) }
            let average = documentCount > 0 ? total / Double(documentCount) : 0
            guard average > 0 else { continue }
            let b = min(max(field.lengthNormalization, 0), 1)
            for (index, document) in stored.enumerated() {
                lengthFactor[index * fieldCount + fieldIndex] =
                    Float(1 - b + b * Double(document.fieldLengths[fieldIndex]) / average)
            }
        }
        self.lengthFactor = lengthFactor

        // First pass: document frequency per term, which sizes each posting list.
        var start = [Int](repeating: 0, count: termCount + 1)
        for document in stored {
            var previous: Int32 = -1
            for entry in document.entries where entry.term != previous {
                start[Int(entry.term) + 1] += 1
                previous = entry.term
            }
        }
        for term in 0..<termCount { start[term + 1] += start[term] }
        let postingCount = start[termCount]
        self.postingStart = start

        let k1 = Float(schema.k1)
        let weights = schema.fields.map { Float($0.weight) }
        var cursor = Array(start.dropLast())
        var postingDocument = [Int32](repeating: 0, count: postingCount)
        var postingImpact = [Float](repeating: 0, count: postingCount)
        var postingFieldCounts = [UInt16](repeating: 0, count: postingCount * fieldCount)
        for (index, document) in stored.enumerated() {
            var position = 0
            let entries = document.entries
            while position < entries.count {
                let term = Int(entries[position].term)
                let slot = cursor[term]
                cursor[term] += 1
                var pseudoFrequency: Float = 0
                while position < entries.count, Int(entries[position].term) == term {
                    let field = Int(entries[position].field)
                    let count = entries[position].count
                    postingFieldCounts[slot * fieldCount + field] = count
                    pseudoFrequency += weights[field] * Float(count) / lengthFactor[index * fieldCount + field]
                    position += 1
                }
                postingDocument[slot] = Int32(index)
                postingImpact[slot] = pseudoFrequency * (k1 + 1) / (k1 + pseudoFrequency)
            }
        }
        self.postingDocument = postingDocument
        self.postingImpact = postingImpact
        self.postingFieldCounts = postingFieldCounts

        let n = Float(documentCount)
        var inverseDocumentFrequency = [Float](repeating: 0, count: termCount)
        for term in 0..<termCount {
            let frequency = Float(start[term + 1] - start[term])
            guard frequency > 0 else { continue }
            inverseDocumentFrequency[term] = log(1 + (n - frequency + 0.5) / (frequency + 0.5))
        }
        self.inverseDocumentFrequency = inverseDocumentFrequency
    }

    /// The number of documents.
    public var count: Int { documents.count }

    /// The document with this id, if present.
    public func document(id: String) -> SearchDocument? {
        indexByID[id].map { documents[Int($0)] }
    }

    /// Approximate bytes held by the postings, statistics and vocabulary (not the document texts).
    public var approximateIndexBytes: Int {
        postingStart.count * 8 + postingDocument.count * 4 + postingImpact.count * 4
            + postingFieldCounts.count * 2 + lengthFactor.count * 4 + inverseDocumentFrequency.count * 4
            + vocabulary.approximateBytes
    }
}

extension Vocabulary {
    /// Keys, ids and hash-table slack, roughly.
    var approximateBytes: Int {
        let stringBytes = (accented.keys.reduce(0) { $0 + $1.utf8.count } + folded.keys.reduce(0) { $0 + $1.utf8.count })
        return stringBytes + (accented.count + folded.count) * 32 + bigrams.count * 24
    }
}
