import Foundation
import SQLKit
import Synchronization

/// Group commit for small writes that many requests make at once on SQLite, where every write runs on one
/// connection anyway (the assistants' question logs and conversation memory): the writes that arrive while one
/// batch commits go together in the next transaction. Each caller still returns only after its own write is
/// committed, so an answer the client received is stored; what changes is that a hundred writes cost one commit
/// (one set of WAL pages, one share of a checkpoint, one pass through the writer's lock) instead of a hundred.
///
/// A batch that fails is retried one write at a time, each in its own transaction, so one bad write cannot fail the
/// others. On PostgreSQL use the write directly: a batch's statements would run one round trip after another on
/// one connection, slower than the pool's parallel commits (docs/benchmarks.md, thirteenth session).
public final class GroupCommit<Input: Sendable, Output: Sendable>: Sendable {
    public typealias Write = @Sendable (any SQLDatabase, Input) async throws -> Output

    private struct Pending {
        var input: Input
        var done: CheckedContinuation<Output, any Error>
    }

    private let database: Database
    private let write: Write
    /// Writes waiting for the next batch, and whether a flush loop is running.
    private let queue = Mutex<(pending: [Pending], flushing: Bool)>(([], false))
    /// The most writes in one transaction: bounds how long one batch holds the writer.
    public static var maxBatch: Int { 256 }

    public init(database: Database, write: @escaping Write) {
        self.database = database
        self.write = write
    }

    /// Runs `write` for `input` with the others waiting; returns its result once committed.
    public func submit(_ input: Input) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            let startFlushing = queue.withLock { queue -> Bool in
                queue.pending.append(Pending(input: input, done: continuation))
                if queue.flushing { return false }
                queue.flushing = true
                return true
            }
            if startFlushing { Task { await self.flush() } }
        }
    }

    /// Commits batches until nothing waits.
    private func flush() async {
        while true {
            let batch = queue.withLock { queue -> [Pending] in
                let taken = Array(queue.pending.prefix(Self.maxBatch))
                queue.pending.removeFirst(taken.count)
                if taken.isEmpty { queue.flushing = false }
                return taken
            }
            guard !batch.isEmpty else { return }
            let inputs = batch.map(\.input)
            let write = self.write
            do {
                let outputs = try await database.transaction { db in
                    var outputs: [Output] = []
                    outputs.reserveCapacity(inputs.count)
                    for input in inputs { outputs.append(try await write(db, input)) }
                    return outputs
                }
                for (pending, output) in zip(batch, outputs) { pending.done.resume(returning: output) }
            } catch {
                // One at a time, so only the write that cannot be stored fails.
                for pending in batch {
                    do {
                        let input = pending.input
                        pending.done.resume(returning: try await database.transaction { db in try await write(db, input) })
                    } catch {
                        pending.done.resume(throwing: error)
                    }
                }
            }
        }
    }
}
