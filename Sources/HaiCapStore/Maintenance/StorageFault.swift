import Foundation
import NIOCore
import PostgresKit
import SQLiteKit

/// A storage problem explained to a person: what is wrong with the data file and what to do.
public enum StorageFault: Error, Equatable, CustomStringConvertible {
    /// The file is not a SQLite database, or its pages are damaged.
    case damaged(path: String, detail: String)
    /// The folder or the file cannot be written (read-only mount, permissions).
    case readOnly(path: String)
    /// SQLite could not grow the file: the disk (or its quota) is full.
    case diskFull(path: String)
    /// A valid SQLite file that HaiCap did not create.
    case notHaiCap(path: String)
    /// A HaiCap database written by a newer version of the program.
    case newerSchema(path: String, found: Int, supported: Int)
    /// The PostgreSQL server does not answer (restarting, stopped, network): requests fail until it is back.
    case unavailable(detail: String)

    public var description: String {
        switch self {
        case .damaged(let path, let detail):
            """
            Tệp cơ sở dữ liệu bị hỏng: \(path)
            SQLite báo: \(detail)
            HaiCap không ghi gì vào tệp này. Hãy dừng mọi tiến trình haicap đang dùng thư mục dữ liệu rồi khôi phục từ bản sao lưu gần nhất:
              haicap restore <tệp-sao-lưu> --yes
            (xem docs/faults.md). Giữ lại tệp hỏng nếu cần cứu dữ liệu.
            """
        case .readOnly(let path):
            """
            Không ghi được vào \(path): thư mục dữ liệu hoặc tệp cơ sở dữ liệu chỉ cho đọc.
            Hãy cấp quyền ghi cho tài khoản chạy haicap (chủ sở hữu, chmod) hoặc gắn lại ổ ở chế độ đọc-ghi. Dữ liệu hiện có không bị thay đổi.
            """
        case .diskFull(let path):
            """
            Ổ đĩa chứa \(path) đã đầy: SQLite không ghi thêm được. Thao tác vừa rồi không được lưu; dữ liệu đã lưu trước đó vẫn nguyên vẹn.
            Hãy giải phóng dung lượng (nhật ký, bản sao lưu cũ) hoặc chuyển thư mục dữ liệu sang ổ lớn hơn.
            """
        case .notHaiCap(let path):
            "Tệp \(path) là cơ sở dữ liệu SQLite nhưng không phải của HaiCap (không có bảng schema_migrations)."
        case .newerSchema(let path, let found, let supported):
            "Tệp \(path) được tạo bởi phiên bản HaiCap mới hơn (cấu trúc dữ liệu bước \(found), chương trình này chỉ biết đến bước \(supported)). Hãy dùng phiên bản haicap mới hơn."
        case .unavailable(let detail):
            "Không kết nối được cơ sở dữ liệu PostgreSQL (\(detail)). Kiểm tra máy chủ PostgreSQL đang chạy và DATABASE_URL đúng."
        }
    }

    /// The short message shown in an HTTP error: no paths, no internals.
    public var publicMessage: String {
        switch self {
        case .diskFull:
            "Máy chủ hết dung lượng lưu trữ nên chưa lưu được thao tác này. Dữ liệu đã lưu trước đó không bị ảnh hưởng; vui lòng báo quản trị viên và thử lại sau."
        case .readOnly:
            "Cơ sở dữ liệu đang ở chế độ chỉ đọc nên chưa lưu được thao tác này. Vui lòng báo quản trị viên và thử lại sau."
        case .unavailable:
            "Cơ sở dữ liệu tạm thời không truy cập được, nên thao tác chưa được thực hiện. Vui lòng thử lại sau ít phút."
        case .damaged, .notHaiCap, .newerSchema:
            "Cơ sở dữ liệu của máy chủ đang gặp sự cố. Vui lòng báo quản trị viên."
        }
    }

    /// The storage fault behind a SQLite error, if it is one a person must act on.
    public static func classify(_ error: any Error, path: String) -> StorageFault? {
        if let fault = error as? StorageFault { return fault }
        if let detail = unavailability(error) { return .unavailable(detail: detail) }
        if let failure = error as? SQLiteFailure { return classify(failure, path: path) }
        guard let error = error as? SQLiteError else { return nil }
        switch error.reason {
        case .full:
            return .diskFull(path: path)
        case .readOnly, .readonlyDirectory, .readonlyCantLock, .readonlyInRecovery, .readonlyInRollback, .readonlyBackingMoved,
             .cantOpen, .cantOpenDirectory, .permission, .auth:
            return .readOnly(path: path)
        case .corrupt, .corruptIndex, .corruptSequenceSchema, .corruptVirtualTable, .notADatabase,
             .ioErrorCorruptedFilesystem, .ioErrorBadDataChecksum:
            return .damaged(path: path, detail: error.message)
        default:
            // SQLite reports "database or disk is full" for some write paths under a plain I/O error code.
            return error.message.contains("disk is full") ? .diskFull(path: path) : nil
        }
    }
}

extension StorageFault {
    /// The same classification for the writing connection's errors, by SQLite result code.
    static func classify(_ failure: SQLiteFailure, path: String) -> StorageFault? {
        switch failure.primaryCode {
        case 13: // SQLITE_FULL
            return .diskFull(path: path)
        case 8, 14, 3, 23: // SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_PERM, SQLITE_AUTH (and their extended codes)
            return .readOnly(path: path)
        case 11, 26: // SQLITE_CORRUPT, SQLITE_NOTADB
            return .damaged(path: path, detail: failure.message)
        case 10 where failure.code == 8458 || failure.code == 8202: // SQLITE_IOERR_CORRUPTFS, SQLITE_IOERR_DATA
            return .damaged(path: path, detail: failure.message)
        default:
            return failure.message.contains("disk is full") ? .diskFull(path: path) : nil
        }
    }

    /// Why the database cannot be reached, when `error` says the server or the connection is gone rather than
    /// that the query was wrong: PostgreSQL restarting or stopped (SQLSTATE class 08, 57P), refused or closed
    /// connections, or the pool waiting in vain for one.
    static func unavailability(_ error: any Error) -> String? {
        switch error {
        case let error as PSQLError:
            switch error.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed:
                return "\(error.code)"
            case .server:
                let state = error.serverInfo?[.sqlState] ?? ""
                return state.hasPrefix("08") || state.hasPrefix("57P") ? "SQLSTATE \(state)" : nil
            default:
                return nil
            }
        case is ConnectionPoolTimeoutError, is ConnectionPoolError:
            return "hết thời gian chờ kết nối"
        case is IOError, is ChannelError:
            return "\(error)"
        default:
            return nil
        }
    }
}

extension DatabaseLocation {
    /// The storage fault behind `error` for this location (SQLite files only), or nil.
    public func fault(_ error: any Error) -> StorageFault? {
        guard case .sqliteFile(let path) = self else { return nil }
        return StorageFault.classify(error, path: path)
    }
}
