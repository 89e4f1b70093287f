import ArgumentParser
import Archives
import Foundation
import Reports

/// sysexits-style exit codes used by every subcommand.
enum ExitStatus {
    /// Input data was read but is invalid.
    static let badData = ExitCode(65)
    /// A file could not be read or written.
    static let ioError = ExitCode(74)

    /// Prints `error` as one sentence on stderr and returns the exit code it maps to.
    static func report(_ error: Error) -> ExitCode {
        let message: String
        let code: ExitCode
        switch error {
        case let e as ArchiveError:
            message = e.description
            code = e.kind == .io ? ioError : badData
        case let e as OutputError:
            message = e.description
            code = ioError
        default:
            message = "\(error)"
            code = .failure
        }
        FileHandle.standardError.write(Data("gex: error: \(message)\n".utf8))
        return code
    }
}
