import MarketModel

/// Reads the as-of time that Cboe's chain page writes in the downloader's browser locale:
/// `June 11, 2022, 8:47 PM EDT`, `February 5 2022, 8:09 PM EST`, `September 14, 2023 at 4:31 PM EDT`,
/// `9 June 2023, 1:40 PM EDT`, `Sep 04 2020 @ 20:49 ET`, `11 juin 2022 à 20:47 UTC+2`, `2022-06-11 20:47`.
///
/// Rules: every word must be understood (a month in one of seven languages, a weekday, a filler
/// word, a number, a time, AM/PM, a time zone) or the text is refused; numeric dates must be
/// unambiguous (`11/06/2022` is refused, `2022-06-11` and `25/06/2022` are not). Without a time
/// zone the time is taken as US/Eastern and `assumedEastern` says so.
public enum AsOfParser {
    /// A parsed as-of time.
    public struct Result: Sendable, Equatable {
        /// The instant.
        public let instant: Instant
        /// True when the text had no time zone and US/Eastern was assumed.
        public let assumedEastern: Bool
    }

    /// Filler words between date parts.
    static let fillers: Set<String> = ["at", "@", "à", "a", "um", "las", "la", "de", "del", "le", "den", "om", "alle", "às", "the", "of", "on", "date:", "datum:", "fecha:", "data:", "h"]

    /// Parses `text`; nil when any part cannot be read with certainty.
    public static func parse(_ text: String) -> Result? {
        var year: Int?, month: Int?, day: Int?, hour: Int?, minute = 0, second = 0
        var meridiem: Int?  // 0 AM, 12 PM
        var offset: Int64?
        var eastern = false
        var loneNumbers: [Int] = []
        let spaced = text.replacingAll(",", with: " ")
        for raw in spaced.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let word = String(raw).lowercased()
            if word.isEmpty || fillers.contains(word) || MonthNames.weekdays.contains(word.trimmingTrailingDot) { continue }
            if ["am", "a.m.", "a.m"].contains(word) { meridiem = 0; continue }
            if ["pm", "p.m.", "p.m"].contains(word) { meridiem = 12; continue }
            if let zone = TimeZoneWords.offset(word) {
                if zone.eastern { eastern = true } else { offset = zone.seconds }
                continue
            }
            if let t = clockTime(word) {
                hour = t.hour; minute = t.minute; second = t.second
                if let m = t.meridiem { meridiem = m }
                continue
            }
            if let d = numericDate(word) {
                guard let d else { return nil }  // ambiguous day/month order
                year = d.year; month = d.month; day = d.day
                continue
            }
            if let n = leadingInteger(word) {
                loneNumbers.append(n)
                continue
            }
            if let m = MonthNames.month(word) { month = m; continue }
            return nil
        }
        for n in loneNumbers {
            if n >= 1900, year == nil { year = n } else if (1...31).contains(n), day == nil { day = n } else { return nil }
        }
        guard let y = year, let mo = month, let d = day, var h = hour,
              let date = CivilDate(year: y, month: mo, day: d) else { return nil }
        if let meridiem {
            guard (1...12).contains(h) else { return nil }
            h = h % 12 + meridiem
        }
        guard (0...23).contains(h), (0...59).contains(minute), (0...59).contains(second) else { return nil }
        if let offset {
            let wall = Instant(utcDate: date, hour: h, minute: minute, second: second)
            return Result(instant: wall.adding(seconds: -offset), assumedEastern: false)
        }
        guard let instant = EasternTime.instant(date: date, hour: h, minute: minute, second: second) else { return nil }
        return Result(instant: instant, assumedEastern: !eastern)
    }

    /// `8:47`, `20:49:05`, `8:47pm`.
    static func clockTime(_ word: String) -> (hour: Int, minute: Int, second: Int, meridiem: Int?)? {
        var body = Substring(word)
        var meridiem: Int?
        if body.hasSuffix("am") { meridiem = 0; body = body.dropLast(2) }
        else if body.hasSuffix("pm") { meridiem = 12; body = body.dropLast(2) }
        let parts = body.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3,
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 2 && $0.allSatisfy(\.isASCIIDigitCharacter) })
        else { return nil }
        return (Int(parts[0])!, Int(parts[1])!, parts.count == 3 ? Int(parts[2])! : 0, meridiem)
    }

    /// `2022-06-11`, `11.06.2022` (day-first), `06/25/2022`; `.some(nil)` when the order is ambiguous.
    static func numericDate(_ word: String) -> (year: Int, month: Int, day: Int)?? {
        for separator in ["-", "/", "."] as [Character] {
            let parts = word.split(separator: separator, omittingEmptySubsequences: false)
            // At most 4 digits per part: a longer run is no date (and would overflow Int: found by fuzzing).
            guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigitCharacter) }),
                  let a = Int(parts[0]), let b = Int(parts[1]), let c = Int(parts[2]) else { continue }
            if parts[0].count == 4 { return .some((a, b, c)) }
            guard parts[2].count == 4 else { return .some(nil) }
            if separator == "." { return .some((c, b, a)) }  // dotted dates are day-first everywhere
            if a > 12, b <= 12 { return .some((c, b, a)) }
            if b > 12, a <= 12 { return .some((c, a, b)) }
            return .some(nil)
        }
        return nil
    }

    /// `5`, `9.`, `1er`, `2022`: the leading digits of a word made of digits and a short suffix.
    static func leadingInteger(_ word: String) -> Int? {
        let digits = word.prefix(while: \.isASCIIDigitCharacter)
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        let rest = word.dropFirst(digits.count)
        guard ["", ".", "er", "st", "nd", "rd", "th", "º"].contains(String(rest)) else { return nil }
        return Int(digits)
    }

    /// ISO 8601 as given to `--asof`: `YYYY-MM-DDTHH:MM[:SS]` (US/Eastern wall clock) or with
    /// `Z` / `±HH:MM`. A space may replace `T`.
    public static func parseISO(_ text: String) -> Instant? {
        var body = Substring(text.trimmingWhitespace)
        var offset: Int64?
        if body.hasSuffix("Z") || body.hasSuffix("z") { offset = 0; body = body.dropLast() }
        else if body.count > 16, let signIndex = body.lastIndex(where: { $0 == "+" || $0 == "-" }),
                body.distance(from: body.startIndex, to: signIndex) >= 16 {
            let zone = body[body.index(after: signIndex)...].split(separator: ":")
            // Offsets are ±HH:MM with HH ≤ 23: a long digit run overflowed the seconds (found by fuzzing).
            guard zone.count == 2, zone[0].count <= 2, zone[1].count == 2, let hh = Int(zone[0]), let mm = Int(zone[1]),
                  (0...23).contains(hh), (0...59).contains(mm) else { return nil }
            offset = Int64((hh * 3600 + mm * 60) * (body[signIndex] == "-" ? -1 : 1))
            body = body[..<signIndex]
        }
        let halves = body.split(whereSeparator: { $0 == "T" || $0 == " " })
        guard halves.count == 2, let d = numericDate(String(halves[0])), let date = d, parts(halves[0]) == 3,
              let t = clockTime(String(halves[1])), t.meridiem == nil,
              let civil = CivilDate(year: date.year, month: date.month, day: date.day),
              (0...23).contains(t.hour), (0...59).contains(t.minute), (0...59).contains(t.second) else { return nil }
        if let offset {
            return Instant(utcDate: civil, hour: t.hour, minute: t.minute, second: t.second).adding(seconds: -offset)
        }
        return EasternTime.instant(date: civil, hour: t.hour, minute: t.minute, second: t.second)
    }

    private static func parts(_ s: Substring) -> Int { s.split(separator: "-").count }
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

extension StringProtocol {
    /// Every occurrence of `target` replaced.
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }

    /// Without leading and trailing spaces, tabs and line ends.
    var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
