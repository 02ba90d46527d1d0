import Foundation
import Testing
import Retrieval

@Suite struct LegalCorpusTests {
    let corpus = """
        [{"id": "01/VBHN-VPQH", "articles": [
          {"id": "1", "text": "Phạm vi điều chỉnh\\n\\nBộ luật này quy định về tội phạm."},
          {"id": "2", "text": "Cơ sở của trách nhiệm hình sự\\n\\nChỉ người nào phạm một tội đã được Bộ luật này quy định mới phải chịu trách nhiệm hình sự."}
        ]}]
        """

    @Test func readsCorpusIntoArticles() throws {
        let documents = try LegalCorpus.decodeDocuments(Data(corpus.utf8))
        let articles = LegalCorpus.searchDocuments(documents)
        #expect(articles.map(\.id) == ["01/VBHN-VPQH#1", "01/VBHN-VPQH#2"])
        #expect(articles[0].fields["heading"] == "Phạm vi điều chỉnh")
        #expect(articles[1].metadata["document"] == "01/VBHN-VPQH")
        var builder = IndexBuilder(schema: LegalCorpus.schema)
        builder.add(contentsOf: articles)
        #expect(builder.snapshot().search("trach nhiem hinh su").first?.id == "01/VBHN-VPQH#2")
    }

    @Test func readsQuestions() throws {
        let lines = """
            {"id": "q1", "question": "Phạm vi điều chỉnh?", "corpus": "a.json", "relevant": [{"document": "X", "article": "1"}], "answer": "…"}

            {"id": "q2", "question": "Đăng ký?", "corpus": "a.json", "relevant": []}
            """
        let questions = try LegalCorpus.decodeQuestions(Data(lines.utf8))
        #expect(questions.map(\.id) == ["q1", "q2"])
        let plain = LegalCorpus.evaluationCase(questions[0], stripDiacritics: true)
        #expect(plain.query == "pham vi dieu chinh?")
        #expect(plain.relevant == ["X#1"])
    }

    @Test func rejectsInvalidUTF8() {
        var bytes = Array(corpus.utf8)
        bytes.insert(contentsOf: [0xFF, 0xFE, 0xC3], at: 40)
        #expect(throws: CorpusError.invalidCorpus(file: "bad.json", reason: "invalid UTF-8")) {
            try LegalCorpus.decodeDocuments(Data(bytes), file: "bad.json")
        }
        let lines = Data("{\"id\": \"q\"}\n".utf8) + Data([0x7B, 0xFF, 0x7D])
        #expect(throws: CorpusError.self) { try LegalCorpus.decodeQuestions(lines, file: "q.jsonl") }
    }

    @Test func reportsTheBadLine() {
        let good = #"{"id": "q1", "question": "a", "corpus": "c", "relevant": []}"#
        let lines = Data((good + "\n" + good + "\n{not json}\n").utf8)
        do {
            _ = try LegalCorpus.decodeQuestions(lines, file: "q.jsonl")
            Issue.record("expected an error")
        } catch let CorpusError.invalidQuestion(file, line, _) {
            #expect(file == "q.jsonl" && line == 3)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func rejectsWrongShape() {
        #expect(throws: CorpusError.self) { try LegalCorpus.decodeDocuments(Data(#"{"id": 1}"#.utf8)) }
        #expect(throws: CorpusError.self) { try LegalCorpus.decodeDocuments(Data()) }
    }
}
