import VietnameseText

/// Which documents a search may return.
public indirect enum SearchFilter: Sendable, Hashable {
    /// Documents whose metadata `key` has one of `values`.
    case metadata(key: String, values: Set<String>)
    /// Documents with one of these ids.
    case ids(Set<String>)
    /// Documents every filter admits.
    case all([SearchFilter])
    /// Documents at least one filter admits.
    case any([SearchFilter])
    /// Documents the filter rejects.
    case not(SearchFilter)

    /// Documents whose metadata `key` equals `value`.
    public static func metadata(_ key: String, equals value: String) -> SearchFilter {
        .metadata(key: key, values: [value])
    }
}

/// How much each kind of query term counts.
public struct TermWeights: Sendable, Hashable {
    /// An accented query syllable matching the same accented syllable.
    public var exact: Double = 1
    /// An accented query syllable matching only by its folded form (another tone, or none).
    public var foldedInAccentedQuery: Double = 0.3
    /// A query typed without diacritics matching by folded form.
    public var folded: Double = 1
    /// Bigrams, relative to the syllables they join (Vietnamese words are often two syllables).
    public var bigram: Double = 0.5
    /// Syllables of an expanded abbreviation (`UBND` → ủy ban nhân dân).
    public var abbreviationExpansion: Double = 0.4
    /// Share of a query's syllables carrying diacritics from which it is treated as typed with them.
    public var accentedQueryThreshold: Double = 0.25

    /// Default weights.
    public init() {}
}

/// Options for one search.
public struct SearchOptions: Sendable {
    /// How many hits to return at most.
    public var limit: Int
    /// Restricts the documents returned.
    public var filter: SearchFilter?
    /// Per-field weights overriding the schema's (absent fields then count 0): searches some fields only.
    public var fieldWeights: [String: Double]?
    /// Expands abbreviations in the query; nil turns expansion off.
    public var abbreviations: AbbreviationTable?
    /// Weights of the kinds of terms.
    public var weights: TermWeights
    /// Tokens of the query beyond this are ignored, bounding the cost of a pasted document.
    public var maxQueryTokens: Int

    /// Creates options.
    public init(
        limit: Int = 10,
        filter: SearchFilter? = nil,
        fieldWeights: [String: Double]? = nil,
        abbreviations: AbbreviationTable? = .standard,
        weights: TermWeights = TermWeights(),
        maxQueryTokens: Int = 256
    ) {
        self.limit = limit
        self.filter = filter
        self.fieldWeights = fieldWeights
        self.abbreviations = abbreviations
        self.weights = weights
        self.maxQueryTokens = maxQueryTokens
    }
}

/// One search result.
public struct SearchHit: Sendable, Hashable {
    /// The document's id.
    public let id: String
    /// BM25F score; only comparable within one search.
    public let score: Double
}
