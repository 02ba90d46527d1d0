import Foundation
import HaiCapCore
import Testing

@Suite("Assignments: lifecycle, status classes at the boundaries, roll-up, traffic lights")
struct AssignmentTests {
    static func day(_ s: String) -> CalendarDay { CalendarDay(iso: s)! }

    static let allowed: [(AssignmentState, AssignmentAction, AssignmentState)] = [
        (.assigned, .acknowledge, .acknowledged),
        (.acknowledged, .progress, .inProgress), (.inProgress, .progress, .inProgress), (.extensionRequested, .progress, .extensionRequested),
        (.acknowledged, .requestExtension, .extensionRequested), (.inProgress, .requestExtension, .extensionRequested),
        (.extensionRequested, .decideExtension, .inProgress),
        (.acknowledged, .complete, .completionReported), (.inProgress, .complete, .completionReported),
        (.completionReported, .confirm, .completed), (.completionReported, .return, .inProgress),
    ]

    @Test("every allowed transition leads where it should; every other one is refused with a 409 message")
    func lifecycle() {
        for state in AssignmentState.allCases {
            for action in AssignmentAction.allCases {
                if let expected = Self.allowed.first(where: { $0.0 == state && $0.1 == action })?.2 {
                    #expect((try? AssignmentWorkflow.next(from: state, action: action)) == expected, "\(state) + \(action)")
                } else {
                    do {
                        _ = try AssignmentWorkflow.next(from: state, action: action)
                        Issue.record("\(state) + \(action) should be refused")
                    } catch {
                        guard case .conflict(let message) = error else { Issue.record("expected 409"); continue }
                        #expect(!message.isEmpty && message.hasSuffix("."), "\(message)")
                    }
                }
            }
        }
    }

    static func assignment(deadline: String, state: AssignmentState = .inProgress, reported: String? = nil, completed: String? = nil) -> Assignment {
        Assignment(id: 1, directiveID: 1, unitCode: "22015", content: "x", expectedResult: "", deadline: day(deadline), state: state,
                   reportedOn: reported.map(day), completedOn: completed.map(day), createdAt: Date(timeIntervalSince1970: 0), createdBy: "tinh")
    }

    @Test("status at the boundaries", arguments: [
        // deadline Wednesday 16/12/2026
        ("2026-12-16", AssignmentState.inProgress, nil as String?, nil as String?, "2026-12-16", AssignmentStatus.inProgress),
        ("2026-12-16", .inProgress, nil, nil, "2026-12-17", .overdue),
        ("2026-12-16", .assigned, nil, nil, "2027-01-05", .overdue),
        ("2026-12-16", .completed, "2026-12-16", "2026-12-16", "2027-01-05", .doneOnTime),
        ("2026-12-16", .completed, "2026-12-17", "2026-12-17", "2026-12-20", .doneLate),
        // Reported on the deadline, confirmed a week later: on time.
        ("2026-12-16", .completed, "2026-12-16", nil, "2026-12-23", .doneOnTime),
        // Reported in time but not yet confirmed: still in time.
        ("2026-12-16", .completionReported, "2026-12-15", nil, "2026-12-20", .inProgress),
        ("2026-12-16", .completionReported, "2026-12-18", nil, "2026-12-20", .overdue),
    ])
    func statusAtBoundaries(deadline: String, state: AssignmentState, reported: String?, completed: String?, today: String, expected: AssignmentStatus) {
        #expect(Self.assignment(deadline: deadline, state: state, reported: reported, completed: completed).status(on: Self.day(today)) == expected)
    }

    @Test("due soon: within 3 working days, counting over the weekend, not once reported")
    func dueSoon() {
        let calendar = WorkingDayCalendar()
        let a = Self.assignment(deadline: "2026-12-16")
        #expect(a.isDueSoon(on: Self.day("2026-12-11"), calendar: calendar)) // Fri → Mon, Tue, Wed
        #expect(!a.isDueSoon(on: Self.day("2026-12-10"), calendar: calendar))
        #expect(a.isDueSoon(on: Self.day("2026-12-16"), calendar: calendar))
        #expect(!a.isDueSoon(on: Self.day("2026-12-17"), calendar: calendar)) // overdue, not due soon
        #expect(!Self.assignment(deadline: "2026-12-16", state: .completionReported, reported: "2026-12-14").isDueSoon(on: Self.day("2026-12-15"), calendar: calendar))
        #expect(a.daysOverdue(on: Self.day("2026-12-21"), calendar: calendar) == 3) // Thu, Fri, Mon
    }

    @Test("children's progress rolls up; a completed child counts 100")
    func rollUp() {
        var a = Self.assignment(deadline: "2026-12-16")
        a.progress = 40
        var b = a
        b.progress = 80
        var c = a
        c.state = .completed
        c.progress = 90
        #expect(Assignment.rolledUpProgress([a, b, c]) == 73)
        #expect(Assignment.rolledUpProgress([]) == 0)
    }

    @Test("traffic lights follow the stated rules; ranking puts the best first and units without judged work last")
    func lights() {
        var green = UnitScore(unitCode: "1")
        green.add(.doneOnTime, dueSoon: false)
        green.add(.inProgress, dueSoon: false)
        #expect(green.light == .green)
        #expect(green.onTimeRate == 1)
        var yellow = UnitScore(unitCode: "2")
        for _ in 0..<9 { yellow.add(.doneOnTime, dueSoon: false) }
        yellow.add(.overdue, dueSoon: false)
        #expect(yellow.light == .yellow)
        var soon = UnitScore(unitCode: "3")
        soon.add(.inProgress, dueSoon: true)
        #expect(soon.light == .yellow)
        #expect(soon.onTimeRate == nil)
        var red = UnitScore(unitCode: "4")
        red.add(.doneOnTime, dueSoon: false)
        red.add(.doneLate, dueSoon: false)
        red.add(.overdue, dueSoon: false)
        #expect(red.light == .red)
        var many = UnitScore(unitCode: "5")
        for _ in 0..<20 { many.add(.doneOnTime, dueSoon: false) }
        for _ in 0..<3 { many.add(.overdue, dueSoon: false) }
        #expect(many.light == .red)
        #expect(UnitScore.ranked([soon, red, yellow, green, many]).map(\.unitCode) == ["1", "2", "5", "4", "3"])
    }

    @Test("recurrence moves the deadline, clamping month ends")
    func recurrence() {
        #expect(AssignmentRecurrence.monthly.next(after: Self.day("2027-01-31"))?.description == "2027-02-28")
        #expect(AssignmentRecurrence.quarterly.next(after: Self.day("2026-11-30"))?.description == "2027-02-28")
        #expect(AssignmentRecurrence.weekly.next(after: Self.day("2026-12-28"))?.description == "2027-01-04")
        #expect(AssignmentRecurrence.none.next(after: Self.day("2026-12-28")) == nil)
    }
}
