/// Month and weekday words as browsers print them in the locales Cboe's page is read in
/// (English, French, German, Spanish, Italian, Portuguese, Dutch).
enum MonthNames {
    /// Full month names per language, January first.
    static let full: [[String]] = [
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
        ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
        ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
        ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
        ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"],
    ]

    /// Extra spellings and abbreviations not derivable as prefixes of the full names.
    static let extra: [String: Int] = ["sept": 9, "setiembre": 9, "mrz": 3, "fev": 2, "dez": 12, "mär": 3]

    /// Weekday words that may precede a date and carry no information.
    static let weekdays: Set<String> = [
        "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday",
        "fri", "friday", "sat", "saturday", "sun", "sunday",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
        "lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo",
    ]

    /// The month (1…12) a word names: a full name, a listed spelling, or a prefix of at least
    /// three letters that names one month in every language it matches. Nil otherwise.
    static func month(_ word: String) -> Int? {
        let w = word.lowercased().trimmingTrailingDot
        if let m = extra[w] { return m }
        var candidates = Set<Int>()
        for names in full {
            for (i, name) in names.enumerated() {
                if name == w { return i + 1 }
                if w.count >= 3, name.hasPrefix(w) { candidates.insert(i + 1) }
            }
        }
        return candidates.count == 1 ? candidates.first : nil
    }
}

extension String {
    var trimmingTrailingDot: String { hasSuffix(".") ? String(dropLast()) : self }
}
