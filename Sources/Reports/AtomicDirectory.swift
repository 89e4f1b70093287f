import Foundation

/// Publishes a directory of outputs all at once: files are written into a fresh sibling staging
/// directory, and `commit()` swaps it into place (rename the old directory aside, rename the new
/// one in, delete the old). A run killed at any point leaves the previous complete directory, or —
/// for a moment during the swap — none, never a mixture; stale staging directories are named
/// `.NAME.staging-PID` and removed by the next run.
public final class AtomicDirectory {
    /// The destination directory.
    public let path: String
    /// Where files are written before `commit()`.
    public let staging: String
    private var committed = false

    /// Creates an empty staging directory beside `path`.
    public init(path: String) throws(OutputError) {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        self.path = url.path
        let parent = url.deletingLastPathComponent()
        staging = parent.appendingPathComponent(".\(url.lastPathComponent).staging-\(getpid())").path
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            if let stale = try? fm.contentsOfDirectory(atPath: parent.path) {
                for name in stale where name.hasPrefix(".\(url.lastPathComponent).staging-") || name.hasPrefix(".\(url.lastPathComponent).old-") {
                    try? fm.removeItem(atPath: parent.appendingPathComponent(name).path)
                }
            }
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
        } catch {
            throw OutputError(path: path, reason: "cannot create the output directory (\(error.localizedDescription))")
        }
    }

    deinit { if !committed { try? FileManager.default.removeItem(atPath: staging) } }

    /// The staging path of an output file.
    public func file(_ name: String) -> String { staging + "/" + name }

    /// Swaps the staged directory into place.
    public func commit() throws(OutputError) {
        let fm = FileManager.default
        let old = URL(fileURLWithPath: path).deletingLastPathComponent()
            .appendingPathComponent(".\(URL(fileURLWithPath: path).lastPathComponent).old-\(getpid())").path
        var isDirectory: ObjCBool = false
        let exists = fm.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue { throw OutputError(path: path, reason: "exists and is not a directory") }
        if exists, rename(path, old) != 0 {
            throw OutputError(path: path, reason: "cannot move the previous output aside (\(String(cString: strerror(errno))))")
        }
        guard rename(staging, path) == 0 else {
            let reason = String(cString: strerror(errno))
            if exists { _ = rename(old, path) }
            throw OutputError(path: path, reason: "cannot publish the output directory (\(reason))")
        }
        committed = true
        if exists { try? fm.removeItem(atPath: old) }
    }
}
