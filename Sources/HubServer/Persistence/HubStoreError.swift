import Foundation
import GRDB

/// Everything that can go wrong in the learner data store or the search index.
///
/// Each case carries a sentence meant for a person: it names the file involved where there is
/// one and says what was (not) done about it. HTTP handlers can map the cases to status codes
/// (`invalid` → 400, `locked` → 503 with a retry, the others → 500/507) and show the message.
public enum HubStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// SQLITE_BUSY / SQLITE_LOCKED: another connection or process held the database longer
    /// than the busy timeout. Retrying later may succeed.
    case locked(String)
    /// SQLITE_FULL: the disk (or a quota) is full. Nothing was written.
    case full(String)
    /// SQLITE_CORRUPT / SQLITE_NOTADB: the file is damaged or is not an SQLite database.
    /// The file was left untouched.
    case corrupt(String)
    /// The folder or file cannot be created or opened, is read-only, an I/O error happened,
    /// or the database was written by a newer MLHub.
    case unavailable(String)
    /// The input was rejected before the database was touched (empty ids, over-long strings,
    /// oversized JSON or weights, inconsistent quiz scores, an unknown id to update, …).
    case invalid(String)

    /// The message without the kind prefix.
    public var message: String {
        switch self {
        case .locked(let message), .full(let message), .corrupt(let message),
             .unavailable(let message), .invalid(let message):
            return message
        }
    }

    public var description: String {
        switch self {
        case .locked(let message): return "database locked: \(message)"
        case .full(let message): return "disk full: \(message)"
        case .corrupt(let message): return "database corrupt: \(message)"
        case .unavailable(let message): return "database unavailable: \(message)"
        case .invalid(let message): return "invalid input: \(message)"
        }
    }
}

extension HubStoreError {
    /// Maps any error coming out of GRDB (or out of a closure run by GRDB) to a `HubStoreError`.
    ///
    /// `HubStoreError`s thrown inside database closures pass through unchanged; `DatabaseError`s
    /// are classified by their primary SQLite result code.
    ///
    /// - Parameter file: the database file path, or `nil` for an in-memory database.
    static func from(_ error: any Error, file: String?) -> HubStoreError {
        if let error = error as? HubStoreError { return error }
        let what = file.map { "the database file \($0)" } ?? "the in-memory database"
        guard let error = error as? DatabaseError else {
            if error is RowDecodingError {
                return .corrupt("a row of \(what) holds a value of an unexpected type; it was left untouched (\(error))")
            }
            if error is CancellationError {
                return .unavailable("the operation on \(what) was cancelled")
            }
            return .unavailable("unexpected error with \(what): \(error)")
        }
        let detail = "SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "no message")"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .locked("\(what) is in use by another connection or process and stayed locked past the busy timeout; try again (\(detail))")
        case .SQLITE_FULL:
            return .full("there is no space left to write \(what); free some disk space (\(detail))")
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .corrupt("\(what) is damaged or is not an SQLite database; it was left untouched — move it aside to start afresh (\(detail))")
        case .SQLITE_CONSTRAINT, .SQLITE_TOOBIG, .SQLITE_MISMATCH, .SQLITE_RANGE:
            return .invalid("\(what) rejected the data (\(detail))")
        case .SQLITE_READONLY:
            return .unavailable("\(what) is read-only; check its permissions (\(detail))")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return .unavailable("\(what) cannot be opened or created; check that its folder exists and is writable (\(detail))")
        case .SQLITE_IOERR, .SQLITE_NOLFS, .SQLITE_PROTOCOL:
            return .unavailable("an I/O error happened while using \(what) (\(detail))")
        default:
            return .unavailable("\(what) could not be used (\(detail))")
        }
    }
}
