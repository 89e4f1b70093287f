/// Splits one CSV line into cells (RFC 4180 quoting: `"a,b"` is one cell, `""` inside quotes is
/// a literal quote). Cells are returned with their quotes removed and outer spaces kept.
enum CSVLine {
    static func cells(_ line: Substring) -> [Substring] {
        if !line.contains("\"") { return line.split(separator: ",", omittingEmptySubsequences: false) }
        var cells: [Substring] = []
        var current = ""
        var inQuotes = false
        var index = line.startIndex
        while index < line.endIndex {
            let ch = line[index]
            if inQuotes {
                if ch == "\"" {
                    let next = line.index(after: index)
                    if next < line.endIndex, line[next] == "\"" {
                        current.append("\"")
                        index = next
                    } else {
                        inQuotes = false
                    }
                } else {
                    current.append(ch)
                }
            } else if ch == "\"" {
                inQuotes = true
            } else if ch == "," {
                cells.append(Substring(current))
                current = ""
            } else {
                current.append(ch)
            }
            index = line.index(after: index)
        }
        cells.append(Substring(current))
        return cells
    }
}
