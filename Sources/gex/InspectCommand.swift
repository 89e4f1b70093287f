import ArgumentParser
import Archives
import Foundation
import MarketModel

/// `gex inspect ARCHIVE…`: what a DataShop archive holds, and what is wrong with it.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Summarise DataShop interval archives: roots, expiries, strikes, snapshots, time range, OI coverage, defects.",
        discussion: """
            Several files (e.g. split by root) are merged per underlying. Plain and .gz files are accepted.
            Example: gex inspect UnderlyingOptionsIntervals_60sec_calcs_oi_2024-01-19.csv.gz --json
            """)

    @Argument(help: "One or more DataShop CSV files (.csv or .csv.gz).")
    var files: [String]

    @Flag(help: "Print one JSON object.")
    var json = false

    @Option(help: "Threads parsing each plain (uncompressed) file (default: all cores; .gz/.zip: one).")
    var workers: Int?

    @OptionGroup var limits: LimitOptions

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
    }

    func run() throws {
        do {
            let day = try DataShopReader.read(paths: files, limits: limits.limits,
                                              workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
            let object = Self.summary(day)
            if json {
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
                print(String(decoding: data, as: UTF8.self))
            } else {
                print(Self.text(day), terminator: "")
            }
        } catch {
            throw ExitStatus.report(error)
        }
    }

    static func summary(_ day: ArchiveDay) -> [String: Any] {
        let stores: [[String: Any]] = day.stores.map { s in
            let oiKnown = s.openInterest.filter { !$0.isNaN }
            var quoted = 0
            for k in s.bid.indices where !(s.bid[k].isNaN && s.ask[k].isNaN) { quoted += 1 }
            return [
                "underlying": s.underlying,
                "roots": Array(Set(s.contracts.map(\.root))).sorted(),
                "contracts": s.contractCount,
                "expiries": Set(s.contracts.map(\.expiry)).count,
                "first_expiry": s.contracts.map(\.expiry).min()?.description ?? "",
                "last_expiry": s.contracts.map(\.expiry).max()?.description ?? "",
                "strikes": Set(s.contracts.map(\.strikeMilli)).count,
                "snapshots": s.snapshotCount,
                "first_time": s.times.first.map(EasternTime.iso8601) ?? "",
                "last_time": s.times.last.map(EasternTime.iso8601) ?? "",
                "grid_fill": s.bid.isEmpty ? 0 : Double(quoted) / Double(s.bid.count),
                "open_interest_coverage": s.contractCount == 0 ? 0 : Double(oiKnown.count) / Double(s.contractCount),
                "open_interest_total": oiKnown.reduce(0, +),
                "vendor_greeks": s.vendorIV != nil,
                "spot_sources": Dictionary(grouping: s.spotSource, by: \.name).mapValues(\.count),
            ]
        }
        return [
            "files": day.files.map { ["path": $0.path, "bytes": $0.bytes] },
            "rows": day.rowsRead,
            "underlyings": stores,
            "defects": day.defects.entries.mapValues { ["count": $0.count, "first_file": $0.firstFile, "first_line": $0.firstLine] },
            "unknown_columns": day.unknownColumns,
        ]
    }

    static func text(_ day: ArchiveDay) -> String {
        var out = "\(day.files.count) file(s), \(day.rowsRead) rows\n"
        for s in day.stores {
            let expiries = Set(s.contracts.map(\.expiry)).sorted()
            let oi = s.openInterest.filter { !$0.isNaN }
            out += "\n\(s.underlying): \(s.contractCount) contracts (\(Set(s.contracts.map(\.root)).sorted().joined(separator: ", ")))"
            out += ", \(expiries.count) expiries \(expiries.first?.description ?? "")…\(expiries.last?.description ?? "")"
            out += ", \(Set(s.contracts.map(\.strikeMilli)).count) strikes\n"
            out += "  \(s.snapshotCount) snapshots \(s.times.first.map(EasternTime.iso8601) ?? "")…\(s.times.last.map(EasternTime.iso8601) ?? "")\n"
            out += "  open interest: \(oi.count)/\(s.contractCount) contracts, total \(Int(oi.reduce(0, +)))"
            out += s.vendorIV != nil ? "; vendor IV/greeks present\n" : "\n"
            let sources = Dictionary(grouping: s.spotSource, by: \.name).mapValues(\.count)
            out += "  spot: " + sources.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + "\n"
        }
        if day.defects.total == 0 {
            out += "\nno defective rows\n"
        } else {
            out += "\ndefects (rows skipped, or quotes dropped where stated): \(day.defects.total)\n"
            for (reason, e) in day.defects.entries.sorted(by: { $0.key < $1.key }) {
                out += "  \(e.count) × \(reason) (first: \(e.firstFile):\(e.firstLine))\n"
            }
        }
        for (file, columns) in day.unknownColumns where !columns.isEmpty {
            out += "unknown columns in \(file) (ignored): \(columns.joined(separator: ", "))\n"
        }
        return out
    }
}
