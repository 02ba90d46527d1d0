import Testing
import Retrieval

@Suite struct LiveIndexTests {
    @Test func addUpdateRemove() {
        var builder = IndexBuilder(schema: Fixture.schema)
        builder.add(contentsOf: Fixture.documents)
        let before = builder.snapshot()
        builder.add(Fixture.doc("tam-tru", "Đăng ký thường trú", "Công dân đăng ký thường trú.", level: "commune"))
        builder.remove(id: "le-phi")
        let removedTwice = builder.remove(id: "le-phi")
        #expect(!removedTwice)
        builder.add(Fixture.doc("khai-sinh", "Đăng ký khai sinh", "Cha mẹ đăng ký khai sinh cho con.", level: "commune"))
        let after = builder.snapshot()

        #expect(after.count == before.count)
        #expect(after.search("tạm").isEmpty)
        #expect(after.search("thường trú").first?.id == "tam-tru")
        #expect(after.search("lệ phí").isEmpty)
        #expect(after.search("khai sinh").first?.id == "khai-sinh")
        // The older snapshot is unchanged.
        #expect(before.search("tạm").first?.id == "tam-tru")
        #expect(before.search("lệ phí").first?.id == "le-phi")
        #expect(before.search("khai sinh").isEmpty)
    }

    @Test func concurrentQueriesWhileRebuilding() async {
        let live = LiveIndex(schema: Fixture.schema, documents: Fixture.documents)
        await withTaskGroup(of: Int.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var answered = 0
                    for _ in 0..<300 {
                        // A document never touched by the writer always ranks first for its own title.
                        if live.search("hòa giải ở cơ sở").first?.id == "hoa-giai" { answered += 1 }
                    }
                    return answered
                }
            }
            group.addTask {
                for round in 0..<40 {
                    live.update { builder in
                        builder.add(Fixture.doc("extra-\(round)", "Văn bản \(round)", "Nội dung số \(round) về đăng ký.", level: "commune"))
                        if round > 0 { builder.remove(id: "extra-\(round - 1)") }
                    }
                }
                return 1200
            }
            var total = 0
            for await answered in group { total += answered }
            #expect(total == 2400)
        }
        #expect(live.snapshot.count == Fixture.documents.count + 1)
        #expect(live.search("nội dung số 39").first?.id == "extra-39")
    }

    @Test func failedUpdateLeavesIndexUnchanged() {
        struct Boom: Error {}
        let live = LiveIndex(schema: Fixture.schema, documents: Fixture.documents)
        #expect(throws: Boom.self) {
            try live.update { builder in
                builder.remove(id: "hoa-giai")
                throw Boom()
            }
        }
        #expect(live.search("hòa giải").first?.id == "hoa-giai")
        live.update { $0.remove(id: "hoa-giai") }
        #expect(live.search("hòa giải").first?.id != "hoa-giai")
    }
}
