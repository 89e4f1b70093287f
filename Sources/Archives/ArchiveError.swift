/// A reader's failure, with where it happened. The CLI prints `description` and exits 65 for
/// `.badData`, 74 for `.io`.
public struct ArchiveError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure.
    public enum Kind: Sendable {
        /// The bytes were read but do not form a valid input (exit 65).
        case badData
        /// The file could not be opened or read (exit 74).
        case io
    }

    /// Kind of failure.
    public let kind: Kind
    /// The file's path as given.
    public let file: String
    /// 1-based line number, when the failure belongs to a line.
    public let line: Int?
    /// One clear sentence saying what is wrong and, where possible, what to do.
    public let reason: String

    /// Creates an error.
    public init(_ kind: Kind, file: String, line: Int? = nil, reason: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `file:line: reason`.
    public var description: String {
        if let line { return "\(file):\(line): \(reason)" }
        return "\(file): \(reason)"
    }
}
