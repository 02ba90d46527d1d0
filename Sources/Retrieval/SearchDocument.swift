/// A document to index: named text fields plus metadata used for filtering.
public struct SearchDocument: Sendable, Hashable {
    /// Unique identifier; adding a document with an existing id replaces it.
    public var id: String
    /// Field name → text; names not in the schema are stored but not searched.
    public var fields: [String: String]
    /// Key → value pairs that filters select on (document number, level, commune…).
    public var metadata: [String: String]

    /// Creates a document.
    public init(id: String, fields: [String: String], metadata: [String: String] = [:]) {
        self.id = id
        self.fields = fields
        self.metadata = metadata
    }
}

/// A searchable field and how much it counts.
public struct FieldSpec: Sendable, Hashable {
    /// The field's name in `SearchDocument.fields`.
    public var name: String
    /// BM25F weight: a term in this field counts as `weight` occurrences in a body field.
    public var weight: Double
    /// BM25 length normalisation for this field, 0 (none) … 1 (full).
    public var lengthNormalization: Double

    /// Creates a field specification.
    public init(_ name: String, weight: Double = 1, lengthNormalization: Double = 0.75) {
        self.name = name
        self.weight = weight
        self.lengthNormalization = lengthNormalization
    }
}

/// The fields an index searches and its BM25 saturation parameter.
public struct IndexSchema: Sendable, Hashable {
    /// Fields in the order their statistics are stored.
    public var fields: [FieldSpec]
    /// BM25 term-frequency saturation.
    public var k1: Double

    /// Creates a schema; at most 255 fields.
    public init(fields: [FieldSpec], k1: Double = 1.2) {
        self.fields = Array(fields.prefix(255))
        self.k1 = k1
    }
}
