import Foundation
import VietnameseText

/// Reads a directive line by line, keeping the headings list items hang under ("UBND các xã, phường:",
/// "2. Ủy ban nhân dân các xã, phường", "Giao … thực hiện các nội dung sau:"), the "Kính gửi" recipients and
/// the "Nơi nhận" block.
struct DirectiveReader {
    let directory: DirectiveUnits
    let finder: DirectiveMentionFinder
    let dates: DirectiveDeadlineReader

    private var proposals: [AssignmentProposal] = []
    private var stack: [Heading] = []
    private var inNoiNhan = false
    private var inKinhGui = false
    private var recipients = DirectiveAddressees()
    private var lineNumber = 0
    private var lastProposalLine = Int.min / 2
    /// The first proposal under a heading this line closed, for a deadline line right after its items.
    private var closedBlockStart: Int?

    init(directory: DirectiveUnits, finder: DirectiveMentionFinder, dates: DirectiveDeadlineReader) {
        self.directory = directory
        self.finder = finder
        self.dates = dates
    }

    struct Heading {
        /// The marker's rank; -1 for a plain line ending with ":".
        var rank: Int
        /// Who the items address; nil when the heading names nobody and its items take the outer heading's.
        var addressees: DirectiveAddressees?
        /// Its items are tasks (it names units or has a lead verb).
        var tasks: Bool
        var deadline: CalendarDay?
        /// The heading itself as a task, proposed only when no item follows it.
        var pending: AssignmentProposal?
        var children = 0
        var childrenMarked: Bool?
        var firstProposal: Int?
    }

    mutating func finish() -> [AssignmentProposal] {
        popAll()
        return proposals
    }

    mutating func read(_ line: DirectiveLine) {
        lineNumber += 1
        closedBlockStart = nil
        if line.isBlank {
            if let top = stack.last, top.rank < 0, top.children > 0, top.childrenMarked == false { pop() }
            return
        }
        let body = line.body
        let caps = Self.isAllCaps(body)
        let head = Vietnamese.fold(String(body.prefix(24)))
        if inNoiNhan {
            // The recipients list and the signature end the text; a long paragraph starts another one.
            guard line.rank == nil, !caps, body.split(separator: " ").count >= 12 else { return }
            inNoiNhan = false
        }
        if inKinhGui {
            if line.rank != nil {
                addRecipients(body)
                return
            }
            inKinhGui = false
        }
        if head.hasPrefix("noi nhan") {
            popAll()
            inNoiNhan = true
            return
        }
        if head.hasPrefix("kinh gui") {
            inKinhGui = true
            addRecipients(body.drop(while: { $0 != ":" }).dropFirst())
            return
        }
        if let rank = line.rank {
            while let top = stack.last, top.rank >= rank { pop() }
        } else {
            while let top = stack.last, top.rank >= 0 { pop() }
            if let top = stack.last, top.childrenMarked == true || caps { pop() }
            // A title or signature in capitals ("TỔ CHỨC THỰC HIỆN", "KT. CHỦ TỊCH").
            if caps { return }
            // A new plain heading closes the one before, whose items (if any) end here.
            if body.last == ":" { popAll() }
        }
        if !stack.isEmpty {
            stack[stack.count - 1].children += 1
            if stack[stack.count - 1].rank < 0, stack[stack.count - 1].childrenMarked == nil {
                stack[stack.count - 1].childrenMarked = line.rank != nil
            }
        }
        let pieces = DirectiveLines.sentences(body)
        // The addressees of the clause before, when it ended with ";" and was a task.
        var previous: DirectiveAddressees?
        for (k, piece) in pieces.enumerated() {
            var text = piece.text
            if k > 0, let (_, rest) = DirectiveLines.marker(text) { text = rest }
            let sentence = DirectiveSentence(String(text), finder: finder, dates: dates, recipients: recipients)
            if sentence.startsNoiNhan {
                popAll()
                inNoiNhan = true
                return
            }
            if sentence.nonTask {
                previous = nil
                continue
            }
            let isLast = k == pieces.count - 1
            if isLast, body.last == ":" {
                push(heading(sentence, rank: line.rank ?? -1, caps: caps))
                return
            }
            if isLast, pieces.count == 1, let rank = line.rank, let heading = markedHeading(sentence, rank: rank, caps: caps) {
                push(heading)
                return
            }
            previous = handle(sentence, previous: previous, clause: piece.clause)
        }
    }

    /// Proposes the sentence when it is a task; returns its addressees when the next clause continues it.
    private mutating func handle(_ sentence: DirectiveSentence, previous: DirectiveAddressees?, clause: Bool) -> DirectiveAddressees? {
        if sentence.deadlineOnly, let deadline = sentence.deadline {
            applyDeadline(deadline)
            return nil
        }
        let context = self.context()
        var addressees = sentence.addressees
        var task = false
        var content = sentence.content
        if sentence.lead != nil {
            task = true
            if addressees.isEmpty, !sentence.namesAddressee, let context, !context.addressees.isEmpty { addressees = context.addressees }
        } else if sentence.subjectFirst {
            task = true
        } else if let previous, !sentence.leadIn {
            task = true
            addressees = previous
        } else if let context, context.tasks, !sentence.leadIn, !Self.looksLikeName(sentence) {
            task = true
            addressees = context.addressees
            content = sentence.content
        }
        guard task else { return nil }
        // "Yêu cầu Thủ trưởng các sở, ban, ngành; Chủ tịch UBND các xã, phường …": the task is in the next clause.
        if sentence.addresseeOnly, clause { return addressees }
        if content.contains(" ") {
            emit(content: content, addressees: addressees, deadline: sentence.deadline ?? contextDeadline(), sentence: sentence.text)
        }
        return clause ? addressees : nil
    }

    /// The heading a line ending with ":" opens.
    private func heading(_ sentence: DirectiveSentence, rank: Int, caps: Bool) -> Heading {
        let context = self.context()
        var h = Heading(rank: rank, addressees: nil, tasks: false, deadline: sentence.deadline)
        if sentence.lead != nil || sentence.subjectFirst || sentence.namesAddressee {
            var addressees = sentence.addressees
            if addressees.isEmpty, !sentence.namesAddressee, let context { addressees = context.addressees }
            h.addressees = addressees
            h.tasks = sentence.lead != nil || !addressees.isEmpty || sentence.namesAddressee
            let content = sentence.content
            if sentence.lead != nil || sentence.subjectFirst, content.contains(" ") {
                h.pending = proposal(content: content, addressees: addressees, deadline: sentence.deadline ?? contextDeadline(), sentence: sentence.text)
            }
        } else if caps || sentence.organFirst {
            h.addressees = DirectiveAddressees()
        }
        return h
    }

    /// A numbered line without closing punctuation that only names an addressee or a topic: "2. UBND các xã, phường",
    /// "1. Sở Nội vụ", "IV. TỔ CHỨC THỰC HIỆN", "a) Về công tác tuyên truyền".
    private func markedHeading(_ sentence: DirectiveSentence, rank: Int, caps: Bool) -> Heading? {
        guard let last = sentence.text.last, !".;!?".contains(last), sentence.words.count <= 15, sentence.lead == nil,
              sentence.deadline == nil else { return nil }
        if caps { return Heading(rank: rank, addressees: sentence.addressees, tasks: !sentence.addressees.isEmpty) }
        if sentence.namesAddressee, sentence.content.isEmpty {
            return Heading(rank: rank, addressees: sentence.addressees, tasks: true)
        }
        let words = sentence.words
        let hasVerb = words.indices.contains { i in DirectiveSentence.taskVerbs.contains { DirectiveMentionFinder.matches(words, i, $0) } }
        if sentence.organFirst, words.count <= 10, !hasVerb { return Heading(rank: rank, addressees: DirectiveAddressees(), tasks: false) }
        if DirectiveMentionFinder.matches(words, 0, ["ve"]) || DirectiveMentionFinder.matches(words, 0, ["doi", "voi"]), words.count <= 10 {
            return Heading(rank: rank, addressees: nil, tasks: false)
        }
        return nil
    }

    /// The addressees the nearest naming heading gives its items.
    private func context() -> (addressees: DirectiveAddressees, tasks: Bool)? {
        for h in stack.reversed() {
            if let a = h.addressees { return (a, h.tasks) }
        }
        return nil
    }

    private func contextDeadline() -> CalendarDay? {
        stack.reversed().lazy.compactMap(\.deadline).first
    }

    private mutating func push(_ heading: Heading) {
        if heading.rank < 0 { popAll() }
        stack.append(heading)
    }

    private mutating func pop() {
        let h = stack.removeLast()
        if h.children == 0, let p = h.pending { proposals.append(p) }
        if let first = h.firstProposal { closedBlockStart = min(closedBlockStart ?? first, first) }
    }

    private mutating func popAll() {
        while !stack.isEmpty { pop() }
    }

    /// "Thời gian hoàn thành: trước ngày …": the deadline of the items of the current heading, or of the task just before.
    private mutating func applyDeadline(_ deadline: CalendarDay) {
        if let first = stack.last?.firstProposal ?? closedBlockStart {
            for i in first..<proposals.count where proposals[i].deadline == nil { proposals[i].deadline = deadline }
            // Those items are dated now; the next deadline line only dates items after it (keeps this linear).
            if !stack.isEmpty { stack[stack.count - 1].firstProposal = nil }
            closedBlockStart = nil
        } else if lastProposalLine >= lineNumber - 1, let last = proposals.indices.last, proposals[last].deadline == nil {
            proposals[last].deadline = deadline
        }
    }

    private mutating func emit(content: String, addressees: DirectiveAddressees, deadline: CalendarDay?, sentence: String) {
        for i in stack.indices where stack[i].firstProposal == nil { stack[i].firstProposal = proposals.count }
        proposals.append(proposal(content: content, addressees: addressees, deadline: deadline, sentence: sentence))
        lastProposalLine = lineNumber
    }

    private func proposal(content: String, addressees: DirectiveAddressees, deadline: CalendarDay?, sentence: String) -> AssignmentProposal {
        var all = addressees.all
        var indices: Set<Int>
        if all {
            indices = []
            if !addressees.excluded.isEmpty {
                // "các xã, phường (trừ phường Tân An)": every unit but those.
                all = false
                indices = Set(directory.entries.indices).subtracting(addressees.excluded)
            }
        } else {
            indices = addressees.units.subtracting(addressees.excluded)
        }
        let sorted = indices.sorted { directory.entries[$0].code < directory.entries[$1].code }
        return AssignmentProposal(
            content: content, units: sorted.map { directory.entries[$0].code }, allUnits: all, deadline: deadline,
            sentence: sentence, unitNames: sorted.map { directory.entries[$0].name })
    }

    private mutating func addRecipients(_ text: Substring) {
        let words = DirectiveWord.words(of: String(text))
        for mention in finder.mentions(in: words) {
            switch mention.target {
            case .units(let found): recipients.units.formUnion(found)
            case .all: recipients.all = true
            case .type(let type): recipients.units.formUnion(directory.indices(ofType: type))
            case .subset, .recipients: break
            }
        }
    }

    /// Letters, and none of them lower case.
    static func isAllCaps(_ text: Substring) -> Bool {
        var letters = 0
        for ch in text where ch.isLetter {
            if ch.isLowercase { return false }
            letters += 1
        }
        return letters >= 4
    }

    /// "Nguyễn Văn An": a signature, not a task.
    static func looksLikeName(_ sentence: DirectiveSentence) -> Bool {
        sentence.words.count <= 5 && sentence.words.allSatisfy { $0.kind != .word || $0.capitalized }
    }
}
