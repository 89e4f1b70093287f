/// Everything the one-page day report (`HTMLReport.render`) shows, as plain numbers and strings.
///
/// A value type with no dependency on engine types, so the page can be rendered from any source
/// (a replayed day, a test fixture, a JSON file). Per-snapshot arrays share one index: snapshot `i`
/// is `timeLabels[i]`, `spot[i]`, `zeroGamma[i]`, … Non-finite numbers are allowed anywhere; the
/// report skips them in charts and prints "n/a" in text, never "nan" or "inf".
///
/// All exposure amounts are in `gexUnit` (by default USD of underlying per 1 % move).
public struct DayReportData: Sendable, Equatable {
    /// A named curve over `profileLevels`: "all", "ex-next-expiry", "0dte", …
    public struct Curve: Sendable, Equatable {
        /// The legend name.
        public var name: String
        /// One value per entry of `profileLevels`.
        public var values: [Double]
        /// A curve called `name` with `values`.
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// One row of a two-column table: a label and its already formatted value.
    public struct Item: Sendable, Equatable {
        /// The left column.
        public var label: String
        /// The right column, already formatted (use `"n/a"` for a missing number).
        public var value: String
        /// A row `label: value`.
        public init(_ label: String, _ value: String) {
            self.label = label
            self.value = value
        }
    }

    // MARK: Identity

    /// The underlying symbol, e.g. "SPX".
    public var underlying: String
    /// The trading day, e.g. "2024-01-19".
    public var date: String
    /// The unit of every exposure number, shown on the axes, e.g. "USD per 1% move".
    public var gexUnit: String

    // MARK: The day, one entry per snapshot

    /// Snapshot times as shown on the time axis, e.g. "09:31" (US/Eastern).
    public var timeLabels: [String]
    /// Spot at each snapshot.
    public var spot: [Double]
    /// Zero Gamma (root of the repriced profile nearest spot) at each snapshot; nil when none in range.
    public var zeroGamma: [Double?]
    /// Call Wall at each snapshot; nil when none.
    public var callWall: [Double?]
    /// Put Wall at each snapshot; nil when none.
    public var putWall: [Double?]
    /// Net GEX at each snapshot.
    public var netGEX: [Double]

    // MARK: One chosen snapshot

    /// The chosen snapshot's label, e.g. "15:59".
    public var profileSnapshotLabel: String
    /// Hypothetical spots of the gamma profile, ascending.
    public var profileLevels: [Double]
    /// Profile curves over `profileLevels`; the first one is the main curve ("all").
    public var profileCurves: [Curve]
    /// Spot at the chosen snapshot.
    public var profileSpot: Double
    /// Zero Gamma at the chosen snapshot.
    public var profileZeroGamma: Double?
    /// Call Wall at the chosen snapshot.
    public var profileCallWall: Double?
    /// Put Wall at the chosen snapshot.
    public var profilePutWall: Double?
    /// Strikes of the by-strike chart, ascending.
    public var strikes: [Double]
    /// Call-side GEX per strike (dealer-signed).
    public var callGEXByStrike: [Double]
    /// Put-side GEX per strike (dealer-signed).
    public var putGEXByStrike: [Double]

    // MARK: Strike × time

    /// Strikes (rows) of the heatmap, ascending.
    public var heatmapStrikes: [Double]
    /// Net GEX per `[snapshot][strike]`, indexed like `timeLabels` and `heatmapStrikes`.
    public var heatmapValues: [[Double]]

    // MARK: Tables

    /// The day's key numbers, already formatted.
    public var keyNumbers: [Item]
    /// Every convention behind the numbers: sign preset, units, time, gamma source, band, grid, …
    public var conventions: [Item]
    /// Data warnings, e.g. rejected rows by reason. Empty when there are none.
    public var warnings: [String]

    /// A report with every field given; `gexUnit` defaults to USD per 1 % move.
    public init(
        underlying: String, date: String, gexUnit: String = "USD per 1% move",
        timeLabels: [String], spot: [Double], zeroGamma: [Double?], callWall: [Double?], putWall: [Double?],
        netGEX: [Double],
        profileSnapshotLabel: String, profileLevels: [Double], profileCurves: [Curve], profileSpot: Double,
        profileZeroGamma: Double?, profileCallWall: Double?, profilePutWall: Double?,
        strikes: [Double], callGEXByStrike: [Double], putGEXByStrike: [Double],
        heatmapStrikes: [Double], heatmapValues: [[Double]],
        keyNumbers: [Item], conventions: [Item], warnings: [String]
    ) {
        self.underlying = underlying
        self.date = date
        self.gexUnit = gexUnit
        self.timeLabels = timeLabels
        self.spot = spot
        self.zeroGamma = zeroGamma
        self.callWall = callWall
        self.putWall = putWall
        self.netGEX = netGEX
        self.profileSnapshotLabel = profileSnapshotLabel
        self.profileLevels = profileLevels
        self.profileCurves = profileCurves
        self.profileSpot = profileSpot
        self.profileZeroGamma = profileZeroGamma
        self.profileCallWall = profileCallWall
        self.profilePutWall = profilePutWall
        self.strikes = strikes
        self.callGEXByStrike = callGEXByStrike
        self.putGEXByStrike = putGEXByStrike
        self.heatmapStrikes = heatmapStrikes
        self.heatmapValues = heatmapValues
        self.keyNumbers = keyNumbers
        self.conventions = conventions
        self.warnings = warnings
    }
}
