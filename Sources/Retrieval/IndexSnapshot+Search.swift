import VietnameseText

extension IndexSnapshot {
    /// The best documents for a query, best first; empty for an empty query or when nothing matches.
    ///
    /// A query typed without diacritics matches by folded syllables; one typed with them scores exact
    /// syllables fully and other tones at `TermWeights.foldedInAccentedQuery`.
    public func search(_ query: String, options: SearchOptions = SearchOptions()) -> [SearchHit] {
        guard options.limit > 0, !documents.isEmpty else { return [] }
        let tokens = Array(Vietnamese.tokenize(query).prefix(max(options.maxQueryTokens, 0)))
        guard !tokens.isEmpty else { return [] }
        let terms = QueryTerms(tokens, vocabulary: vocabulary, abbreviations: options.abbreviations)
        guard !terms.isEmpty else { return [] }
        let weighted = weightedTerms(terms, tokens: tokens, weights: options.weights)
        let allowed = options.filter.map(mask)
        var scores = [Float](repeating: 0, count: documents.count)
        var touched: [Int32] = []
        touched.reserveCapacity(min(documents.count, 4096))
        if let fieldWeights = options.fieldWeights {
            accumulate(weighted, fieldWeights: fieldWeights, into: &scores, touched: &touched)
        } else {
            accumulate(weighted, into: &scores, touched: &touched)
        }
        return topHits(scores: scores, touched: touched, allowed: allowed, limit: options.limit)
    }

    /// Each distinct term once, with its query weight times its idf.
    private func weightedTerms(_ terms: QueryTerms, tokens: [Token], weights: TermWeights) -> [(term: Int32, weight: Float)] {
        let words = tokens.filter { $0.kind == .word }
        let accentedShare = words.isEmpty ? 0 : Double(words.filter(\.hasDiacritics).count) / Double(words.count)
        let accented = terms.hasDiacritics && accentedShare >= weights.accentedQueryThreshold
        var weightByTerm: [Int32: Double] = [:]
        func add(_ ids: [Int32], _ weight: Double) {
            guard weight > 0 else { return }
            for id in ids { weightByTerm[id] = max(weightByTerm[id] ?? 0, weight) }
        }
        if accented {
            add(terms.accented, weights.exact)
            add(terms.accentedBigrams, weights.exact * weights.bigram)
            add(terms.folded, weights.foldedInAccentedQuery)
            add(terms.foldedBigrams, weights.foldedInAccentedQuery * weights.bigram)
        } else {
            add(terms.folded, weights.folded)
            add(terms.foldedBigrams, weights.folded * weights.bigram)
        }
        add(terms.expansion, weights.abbreviationExpansion)
        return weightByTerm.map { (term: $0.key, weight: Float($0.value) * inverseDocumentFrequency[Int($0.key)]) }
            .sorted { $0.term < $1.term }
    }

    /// The hot loop: integer ids and float arrays only.
    private func accumulate(_ terms: [(term: Int32, weight: Float)], into scores: inout [Float], touched: inout [Int32]) {
        scores.withUnsafeMutableBufferPointer { scores in
            postingDocument.withUnsafeBufferPointer { documentsOf in
                postingImpact.withUnsafeBufferPointer { impacts in
                    for (term, weight) in terms where weight > 0 {
                        let range = postingStart[Int(term)]..<postingStart[Int(term) + 1]
                        for posting in range {
                            let document = Int(documentsOf[posting])
                            if scores[document] == 0 { touched.append(Int32(document)) }
                            scores[document] += weight * impacts[posting]
                        }
                    }
                }
            }
        }
    }

    /// Scores with per-query field weights, recomputing BM25F from the stored per-field counts.
    private func accumulate(
        _ terms: [(term: Int32, weight: Float)], fieldWeights: [String: Double],
        into scores: inout [Float], touched: inout [Int32]
    ) {
        let fieldCount = schema.fields.count
        let weights = schema.fields.map { Float(max(fieldWeights[$0.name] ?? 0, 0)) }
        let k1 = Float(schema.k1)
        for (term, weight) in terms where weight > 0 {
            for posting in postingStart[Int(term)]..<postingStart[Int(term) + 1] {
                let document = Int(postingDocument[posting])
                var pseudoFrequency: Float = 0
                for field in 0..<fieldCount where weights[field] > 0 {
                    let count = postingFieldCounts[posting * fieldCount + field]
                    guard count > 0 else { continue }
                    pseudoFrequency += weights[field] * Float(count) / lengthFactor[document * fieldCount + field]
                }
                guard pseudoFrequency > 0 else { continue }
                if scores[document] == 0 { touched.append(Int32(document)) }
                scores[document] += weight * pseudoFrequency * (k1 + 1) / (k1 + pseudoFrequency)
            }
        }
    }

    /// The `limit` best touched documents, ties broken by internal order so results are stable.
    private func topHits(scores: [Float], touched: [Int32], allowed: [Bool]?, limit: Int) -> [SearchHit] {
        var best: [(document: Int32, score: Float)] = []
        best.reserveCapacity(limit + 1)
        func ranksBefore(_ a: (document: Int32, score: Float), _ b: (document: Int32, score: Float)) -> Bool {
            a.score != b.score ? a.score > b.score : a.document < b.document
        }
        for document in touched {
            if let allowed, !allowed[Int(document)] { continue }
            let candidate = (document: document, score: scores[Int(document)])
            if best.count == limit, let last = best.last, !ranksBefore(candidate, last) { continue }
            var low = 0
            var high = best.count
            while low < high {
                let middle = (low + high) / 2
                if ranksBefore(best[middle], candidate) { low = middle + 1 } else { high = middle }
            }
            best.insert(candidate, at: low)
            if best.count > limit { best.removeLast() }
        }
        return best.map { SearchHit(id: documents[Int($0.document)].id, score: Double($0.score)) }
    }

    /// Which documents a filter admits.
    func mask(_ filter: SearchFilter) -> [Bool] {
        switch filter {
        case let .metadata(key, values):
            var result = [Bool](repeating: false, count: documents.count)
            let byValue = metadataIndex[key] ?? [:]
            for value in values { for document in byValue[value] ?? [] { result[Int(document)] = true } }
            return result
        case let .ids(ids):
            var result = [Bool](repeating: false, count: documents.count)
            for id in ids { if let index = indexByID[id] { result[Int(index)] = true } }
            return result
        case let .all(filters):
            return filters.reduce([Bool](repeating: true, count: documents.count)) { result, next in
                zip(result, mask(next)).map { $0 && $1 }
            }
        case let .any(filters):
            return filters.reduce([Bool](repeating: false, count: documents.count)) { result, next in
                zip(result, mask(next)).map { $0 || $1 }
            }
        case let .not(inner):
            return mask(inner).map { !$0 }
        }
    }
}
