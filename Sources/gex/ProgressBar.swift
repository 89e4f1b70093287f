import Foundation

/// A one-line progress bar on stderr, shown only when stderr is a terminal.
final class ProgressBar {
    private let enabled: Bool
    private let start = Date()

    init(enabled: Bool) { self.enabled = enabled && isatty(STDERR_FILENO) == 1 }

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let width = 30, filled = width * done / total
        let elapsed = Date().timeIntervalSince(start)
        let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
            + "] \(done)/\(total) snapshots  \(String(format: "%.1f", elapsed)) s"
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() { if enabled { FileHandle.standardError.write(Data("\n".utf8)) } }
}
