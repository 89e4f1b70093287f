import Foundation

/// Why an output could not be written (the CLI exits 74).
public struct OutputError: Error, CustomStringConvertible, Sendable {
    /// The path that could not be written.
    public let path: String
    /// What went wrong.
    public let reason: String
    /// `path: reason`.
    public var description: String { "\(path): \(reason)" }

    /// Creates an error for `path`.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }
}

/// Writes files so that readers never see a partial one: the bytes go to a temporary file in
/// the same directory, which is flushed and then renamed over the destination (rename is atomic
/// within a file system). A failure leaves the previous file, if any, untouched.
public enum AtomicFile {
    /// Writes `data` to `path` atomically.
    public static func write(_ data: Data, to path: String) throws(OutputError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try data.write(to: temporary, options: [])
            let handle = try FileHandle(forWritingTo: temporary)
            try handle.synchronize()
            try handle.close()
            if rename(temporary.path, url.path) != 0 {
                let message = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw OutputError(path: path, reason: "cannot rename the finished file into place (\(message))")
            }
        } catch let error as OutputError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw OutputError(path: path, reason: "cannot write (\(error.localizedDescription))")
        }
    }

    /// Writes UTF-8 text atomically.
    public static func write(_ text: String, to path: String) throws(OutputError) {
        try write(Data(text.utf8), to: path)
    }

    /// Creates `path` (and parents) as a directory if needed.
    public static func makeDirectory(_ path: String) throws(OutputError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: path, reason: "cannot create the output directory (\(error.localizedDescription))")
        }
    }
}
