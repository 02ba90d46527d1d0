import Foundation

/// An advisory lock on the data folder (`flock` on `<folder>/haicap.lock`): every `haicap serve` holds it shared,
/// `haicap restore` needs it exclusive. The kernel releases it when the process dies, even by SIGKILL, so a
/// crashed server never leaves a stale lock behind.
public final class DataFolderLock: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    /// Takes the lock without waiting; nil when another process holds it in a conflicting mode.
    public static func tryAcquire(folder: String, exclusive: Bool) throws -> DataFolderLock? {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = URL(fileURLWithPath: folder).appendingPathComponent("haicap.lock").path
        let descriptor = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw StorageFault.readOnly(path: path) }
        guard flock(descriptor, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return DataFolderLock(descriptor: descriptor)
    }
}
