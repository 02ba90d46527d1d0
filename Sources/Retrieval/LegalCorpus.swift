import Foundation
import VietnameseText

/// A law or decree as stored in `data/legal/laws/*.json`: `[{id, articles: [{id, text}]}]`.
public struct LegalDocument: Sendable, Hashable, Codable {
    /// One article; its text starts with the heading line.
    public struct Article: Sendable, Hashable, Codable {
        public var id: String
        public var text: String
    }

    /// Document number or name (`01/VBHN-VPQH`, `Luật Cư trú`).
    public var id: String
    public var articles: [Article]
}

/// A question of `data/eval/*.jsonl`: `{id, question, corpus, relevant: [{document, article}], answer}`.
public struct RetrievalQuestion: Sendable, Hashable, Codable {
    /// An article that answers the question.
    public struct Reference: Sendable, Hashable, Codable {
        public var document: String
        public var article: String
    }

    public var id: String
    public var question: String
    /// The corpus file the question is asked against.
    public var corpus: String
    public var relevant: [Reference]
    public var answer: String?
}

/// Why a corpus or question file could not be read.
public enum CorpusError: Error, Hashable, CustomStringConvertible {
    /// The file is not valid UTF-8 JSON of the expected shape.
    case invalidCorpus(file: String, reason: String)
    /// One line of a JSON Lines file is invalid (1-based line number).
    case invalidQuestion(file: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case let .invalidCorpus(file, reason): "\(file): not a law corpus (\(reason))"
        case let .invalidQuestion(file, line, reason): "\(file):\(line): not a question (\(reason))"
        }
    }
}

/// Reading the law corpus and question files and turning articles into search documents.
public enum LegalCorpus {
    /// The schema for articles: the heading line counts most, then the body, then the law's name.
    public static let schema = IndexSchema(fields: [
        FieldSpec("heading", weight: 2.5, lengthNormalization: 0.5),
        FieldSpec("body", weight: 1, lengthNormalization: 0.75),
        FieldSpec("law", weight: 0.3, lengthNormalization: 0),
    ])

    /// The id a search returns for an article.
    public static func articleID(document: String, article: String) -> String { "\(document)#\(article)" }

    /// Decodes a corpus file's bytes; invalid UTF-8 or a wrong shape is a `CorpusError`.
    public static func decodeDocuments(_ data: Data, file: String = "corpus") throws -> [LegalDocument] {
        guard String(data: data, encoding: .utf8) != nil else {
            throw CorpusError.invalidCorpus(file: file, reason: "invalid UTF-8")
        }
        do {
            return try JSONDecoder().decode([LegalDocument].self, from: data)
        } catch {
            throw CorpusError.invalidCorpus(file: file, reason: String(describing: error))
        }
    }

    /// Decodes a JSON Lines question file; blank lines are skipped.
    public static func decodeQuestions(_ data: Data, file: String = "questions") throws -> [RetrievalQuestion] {
        let decoder = JSONDecoder()
        var questions: [RetrievalQuestion] = []
        for (offset, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { continue }
            guard String(data: Data(line), encoding: .utf8) != nil else {
                throw CorpusError.invalidQuestion(file: file, line: offset + 1, reason: "invalid UTF-8")
            }
            do {
                questions.append(try decoder.decode(RetrievalQuestion.self, from: Data(line)))
            } catch {
                throw CorpusError.invalidQuestion(file: file, line: offset + 1, reason: String(describing: error))
            }
        }
        return questions
    }

    /// One search document per article: `heading` is the first line, `body` the rest, `law` the document's id.
    public static func searchDocuments(_ documents: [LegalDocument]) -> [SearchDocument] {
        documents.flatMap { document in
            document.articles.map { article in
                let text = article.text
                let split = text.firstIndex(of: "\n") ?? text.endIndex
                return SearchDocument(
                    id: articleID(document: document.id, article: article.id),
                    fields: ["heading": String(text[..<split]), "body": String(text[split...]), "law": document.id],
                    metadata: ["document": document.id, "article": article.id]
                )
            }
        }
    }

    /// The evaluation case for a question, optionally with diacritics removed as on a phone keyboard.
    public static func evaluationCase(_ question: RetrievalQuestion, stripDiacritics: Bool = false) -> EvaluationCase {
        EvaluationCase(
            id: question.id,
            query: stripDiacritics ? Vietnamese.fold(question.question) : question.question,
            relevant: Set(question.relevant.map { articleID(document: $0.document, article: $0.article) }),
            corpus: question.corpus
        )
    }
}
