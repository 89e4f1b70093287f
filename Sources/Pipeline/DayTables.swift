import Exposure
import MarketModel

/// The output tables of a day run, filled snapshot by snapshot in snapshot order (long format).
struct DayTables {
    let unit: String
    var levels = ColumnSet(), byStrike = ColumnSet(), byExpiry = ColumnSet(), surface = ColumnSet(), profiles = ColumnSet()

    /// Columns being filled, by name, in first-seen order.
    ///
    /// Rows append the same columns in the same order, so each call first tries the column after
    /// the previous one (a name comparison) and falls back to the name index only at a row start
    /// or when the order changes: one hash per row instead of several per cell.
    struct ColumnSet {
        enum Kind { case double, string, time, date }
        var order: [(name: String, unit: String, kind: Kind, slot: Int)] = []
        var index: [String: Int] = [:]
        var cursor = 0
        var doubles: [[Double?]] = [], strings: [[String?]] = [], times: [[Instant?]] = [], dates: [[CivilDate?]] = []

        mutating func d(_ name: String, _ unit: String, _ v: Double?) { doubles[slot(name, unit, .double)].append(v.flatMap(OutputTable.finite)) }
        mutating func s(_ name: String, _ unit: String, _ v: String?) { strings[slot(name, unit, .string)].append(v) }
        mutating func t(_ name: String, _ unit: String, _ v: Instant?) { times[slot(name, unit, .time)].append(v) }
        mutating func date(_ name: String, _ unit: String, _ v: CivilDate?) { dates[slot(name, unit, .date)].append(v) }

        /// The storage slot of column `name` (registered with `unit` and `kind` when new).
        private mutating func slot(_ name: String, _ unit: String, _ kind: Kind) -> Int {
            let k: Int
            if cursor < order.count, order[cursor].name == name {
                k = cursor
            } else if let known = index[name] {
                k = known
            } else {
                let slot: Int
                switch kind {
                case .double: slot = doubles.count; doubles.append([])
                case .string: slot = strings.count; strings.append([])
                case .time: slot = times.count; times.append([])
                case .date: slot = dates.count; dates.append([])
                }
                k = order.count
                index[name] = k
                order.append((name, unit, kind, slot))
            }
            precondition(order[k].kind == kind, "DayTables: column \(name) appended with two types")
            cursor = k + 1
            return order[k].slot
        }

        /// Appends every column of `other` (rows laid out by the same code, so the same columns in the
        /// same order) after this set's rows: one array append per column. With `expectedCopies` > 0,
        /// first reserves room for that many more sets like `other` (+10 %), so a day's columns grow
        /// once instead of doubling through ever larger fresh mappings.
        mutating func absorb(_ other: ColumnSet, expectedCopies: Int = 0) {
            for column in other.order {
                let k: Int
                if let known = index[column.name] {
                    k = known
                } else {
                    let slot: Int
                    switch column.kind {
                    case .double: slot = doubles.count; doubles.append([])
                    case .string: slot = strings.count; strings.append([])
                    case .time: slot = times.count; times.append([])
                    case .date: slot = dates.count; dates.append([])
                    }
                    k = order.count
                    index[column.name] = k
                    order.append((column.name, column.unit, column.kind, slot))
                }
                precondition(order[k].kind == column.kind, "DayTables: column \(column.name) appended with two types")
                let mine = order[k].slot
                /// Appends `source` to `target`, first reserving room for `expectedCopies` more like it (+10 %).
                func append<T>(_ source: [T], to target: inout [T]) {
                    if expectedCopies > 0 { target.reserveCapacity(target.count + source.count * expectedCopies * 11 / 10) }
                    target.append(contentsOf: source)
                }
                switch column.kind {
                case .double: append(other.doubles[column.slot], to: &doubles[mine])
                case .string: append(other.strings[column.slot], to: &strings[mine])
                case .time: append(other.times[column.slot], to: &times[mine])
                case .date: append(other.dates[column.slot], to: &dates[mine])
                }
            }
        }

        func table(_ name: String) -> OutputTable {
            OutputTable(name: name, columns: order.map { c in
                switch c.kind {
                case .double: OutputColumn(c.name, unit: c.unit, .double(doubles[c.slot]))
                case .string: OutputColumn(c.name, unit: c.unit, .string(strings[c.slot]))
                case .time: OutputColumn(c.name, unit: c.unit, .timestamp(times[c.slot]))
                case .date: OutputColumn(c.name, unit: c.unit, .date(dates[c.slot]))
                }
            })
        }
    }

    static func label(_ move: Double) -> String {
        let bp = Int((move * 10_000).rounded())
        return (bp < 0 ? "down_" : "up_") + "\(abs(bp))bp"
    }

    /// Appends one snapshot's rows to every table.
    mutating func append(_ r: SnapshotResult, underlying: String) {
        let gex = unit, pts = "index points", usd = "USD delta"
        levels.s("underlying", "symbol", underlying)
        levels.t("time", "UTC", r.time)
        levels.d("spot", pts, r.spot)
        levels.s("spot_source", "text", r.spotSource)
        levels.s("status", "text: ok, or why the snapshot was skipped", r.status.rawValue)
        levels.d("zero_gamma", pts + " (root of the repriced profile nearest spot)", r.zeroGamma)
        levels.s("zero_gamma_note", "text: why zero_gamma is null", r.zeroGammaNote)
        levels.s("zero_gammas", pts + ", all roots ascending, ';'-separated", r.zeroGammas.map { "\($0)" }.joined(separator: ";"))
        levels.s("regime", "sign of the repriced profile at spot", r.regime.rawValue)
        levels.d("call_wall", pts, r.walls?.callWall)
        levels.d("put_wall", pts, r.walls?.putWall)
        levels.d("abs_gamma_strike", pts, r.walls?.absoluteGammaStrike)
        levels.d("call_oi_wall", pts + " (open interest, not GEX)", r.walls?.callOpenInterestWall)
        levels.d("put_oi_wall", pts + " (open interest, not GEX)", r.walls?.putOpenInterestWall)
        levels.d("net_gex", gex, r.netGEX)
        levels.d("call_gex", gex, r.callGEX)
        levels.d("put_gex", gex, r.putGEX)
        levels.d("net_dex", usd, r.netDEX)
        levels.d("net_vex", usd + " per 1 vol point", r.netVEX)
        levels.d("net_cex", usd + " per calendar day", r.netCEX)
        levels.d("gamma_notional", gex + " (|calls| - |puts|)", r.gammaNotional)
        levels.d("gamma_tilt", "|call GEX| / (|call| + |put|)", r.gammaTilt)
        levels.d("delta_neutral", pts + " (root of the DEX profile nearest spot)", r.deltaNeutral)
        levels.d("profile_at_spot", gex, r.profileAtSpot)
        levels.d("vanna_flow_per_vol_point", usd + " per 1 vol point", r.vannaFlowPerVolPoint)
        levels.d("charm_flow_to_close", usd + " to the close", r.charmFlowToClose)
        levels.d("charm_flow_0dte_per_hour", usd + " per hour (0DTE)", r.zeroDTECharmPerHour)
        for f in r.flows {
            levels.d("flow_\(Self.label(f.move))_exact", "USD dealers trade (exact re-hedge)", f.exact)
            levels.d("flow_\(Self.label(f.move))_linear", "USD dealers trade (GEX x move)", f.linear)
            levels.s("flow_\(Self.label(f.move))_squeeze", "true where exact > 1.25 x linear, with the move", f.squeeze ? "true" : "false")
        }
        let p = r.pricing
        levels.d("contracts", "count", Double(p.count))
        levels.d("iv_from_quotes", "count", Double(p.impliedFromQuotes))
        levels.d("iv_smile_filled", "count", Double(p.smileFilled))
        levels.d("iv_missing", "count (gamma 0)", Double(p.withoutVolatility))
        levels.d("forwards_from_parity", "count of expiries", Double(p.forwards.filter { $0.source == .parity }.count))
        levels.d("forwards_fallback", "count of expiries", Double(p.forwards.filter { $0.source != .parity }.count))
        for s in r.byStrike {
            byStrike.s("underlying", "symbol", underlying); byStrike.t("time", "UTC", r.time); byStrike.d("strike", pts, s.strike)
            byStrike.d("call_gex", gex, s.callGEX); byStrike.d("put_gex", gex, s.putGEX); byStrike.d("net_gex", gex, s.netGEX)
            byStrike.d("dex", usd, s.dex); byStrike.d("vex", usd + " per 1 vol point", s.vex); byStrike.d("cex", usd + " per calendar day", s.cex)
            byStrike.d("call_oi", "contracts", s.callOpenInterest); byStrike.d("put_oi", "contracts", s.putOpenInterest)
        }
        for e in r.byExpiry {
            byExpiry.s("underlying", "symbol", underlying); byExpiry.t("time", "UTC", r.time); byExpiry.date("expiry", "date", e.expiry)
            byExpiry.t("settlement", "UTC", e.settlement); byExpiry.d("days", "calendar days to settlement", e.days)
            byExpiry.d("forward", pts, e.forward.forward); byExpiry.d("discount", "factor", e.forward.discount)
            byExpiry.s("forward_source", "parity | parity-assumed-discount | assumed-rates | previous-snapshot", e.forward.source.rawValue)
            byExpiry.d("call_gex", gex, e.callGEX); byExpiry.d("put_gex", gex, e.putGEX); byExpiry.d("net_gex", gex, e.callGEX + e.putGEX)
            byExpiry.d("dex", usd, e.dex); byExpiry.d("vex", usd + " per 1 vol point", e.vex); byExpiry.d("cex", usd + " per calendar day", e.cex)
            byExpiry.d("contracts", "count", Double(e.contracts))
        }
        for cell in r.surface {
            surface.s("underlying", "symbol", underlying); surface.t("time", "UTC", r.time)
            surface.date("expiry", "date", r.byExpiry[cell.slot].expiry); surface.t("settlement", "UTC", r.byExpiry[cell.slot].settlement)
            surface.d("strike", pts, cell.strike); surface.d("net_gex", gex, cell.gex)
        }
        if let profile = r.profile {
            for (j, level) in profile.levels.enumerated() {
                for (v, variant) in profile.variants.enumerated() {
                    profiles.s("underlying", "symbol", underlying); profiles.t("time", "UTC", r.time)
                    profiles.d("hypothetical_spot", pts, level); profiles.s("variant", "contracts summed", variant.rawValue)
                    profiles.d("gex", gex, profile.values[j, v])
                    profiles.d("dex", usd, profile.dollarDeltaValues.rows > j ? profile.dollarDeltaValues[j, v] : nil)
                }
            }
        }
    }

    /// Appends `other`'s rows (e.g. one snapshot's, laid out on a worker) after these, table by table;
    /// `expectedCopies` > 0 reserves room for that many more snapshots like it first (see `ColumnSet.absorb`).
    mutating func absorb(_ other: DayTables, expectedCopies: Int = 0) {
        levels.absorb(other.levels, expectedCopies: expectedCopies); byStrike.absorb(other.byStrike, expectedCopies: expectedCopies)
        byExpiry.absorb(other.byExpiry, expectedCopies: expectedCopies); surface.absorb(other.surface, expectedCopies: expectedCopies)
        profiles.absorb(other.profiles, expectedCopies: expectedCopies)
    }

    func tables() -> [OutputTable] {
        [levels.table("levels"), byStrike.table("by_strike"), byExpiry.table("by_expiry"), surface.table("surface"), profiles.table("profiles")]
    }
}
