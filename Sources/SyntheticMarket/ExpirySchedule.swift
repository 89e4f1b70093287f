import MarketModel

/// SPX-like listed expiries from a trading date: SPXW dailies for the next 20 trading days
/// (0DTE included), Friday weeklies to ~3 months, monthly third Fridays to a year (SPX AM and
/// SPXW PM), quarterlies to two years and Decembers to three (SPX AM). 40–55 dates.
enum ExpirySchedule {
    /// (root, expiry date) pairs, ascending by date.
    static func expiries(from date: CivilDate, underlying: String) -> [(root: String, expiry: CivilDate)] {
        let weeklyRoot = underlying == "SPX" ? "SPXW" : (underlying == "NDX" ? "NDXP" : underlying)
        let amRoot = underlying
        var out: [(String, CivilDate)] = []
        var seen = Set<String>()
        func add(_ root: String, _ d: CivilDate) {
            let tradingDay = ExchangeCalendar.isTradingDay(d) ? d : previousTradingDay(d)
            if seen.insert(root + tradingDay.description).inserted { out.append((root, tradingDay)) }
        }
        var d = date, dailies = 0
        while dailies < 20 {
            if ExchangeCalendar.isTradingDay(d) { add(weeklyRoot, d); dailies += 1 }
            d = d.adding(days: 1)
        }
        var friday = d
        while friday.isoWeekday != 5 { friday = friday.adding(days: 1) }
        while friday.daysSinceEpoch - date.daysSinceEpoch <= 91 {
            add(weeklyRoot, friday)
            friday = friday.adding(days: 7)
        }
        for monthOffset in 0..<36 {
            let month = (date.month - 1 + monthOffset) % 12 + 1, year = date.year + (date.month - 1 + monthOffset) / 12
            guard let first = CivilDate(year: year, month: month, day: 1) else { continue }
            let third = first.adding(days: (5 - first.isoWeekday + 7) % 7 + 14)
            guard third > date else { continue }
            if monthOffset <= 12 || (monthOffset <= 24 && month % 3 == 0) || month == 12 {
                add(amRoot, third)
                if monthOffset <= 12 { add(weeklyRoot, third) }
            }
        }
        return out.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
    }

    static func previousTradingDay(_ d: CivilDate) -> CivilDate {
        var p = d.adding(days: -1)
        while !ExchangeCalendar.isTradingDay(p) { p = p.adding(days: -1) }
        return p
    }
}
