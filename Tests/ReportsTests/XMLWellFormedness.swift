// A small XML well-formedness check for the report (Foundation's XMLDocument is not available on Linux):
// balanced and properly nested tags, quoted and unique attributes, known entities only, no raw `<` or `&` in
// text. It accepts the subset of XML the report writes (doctype, elements, text; no CDATA or processing
// instructions) and says where the first problem is.
import Foundation

enum XMLWellFormedness {
    struct Problem: Error, CustomStringConvertible {
        let offset: Int
        let message: String
        let context: String
        var description: String { "at byte \(offset): \(message) near «\(context)»" }
    }

    /// Element counts by name when `text` is well formed; throws the first problem otherwise.
    @discardableResult
    static func check(_ text: String) throws -> [String: Int] {
        let b = Array(text.utf8)
        var i = 0
        var stack: [String] = []
        var counts: [String: Int] = [:]
        var sawRoot = false
        func fail(_ message: String, _ at: Int) -> Problem {
            let lo = max(0, at - 40), hi = min(b.count, at + 40)
            return Problem(offset: at, message: message, context: String(decoding: b[lo..<hi], as: UTF8.self))
        }
        func isNameByte(_ c: UInt8) -> Bool {
            (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x5F || c == 0x3A || c == 0x2E
        }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }
        func readName() -> String {
            let start = i
            while i < b.count, isNameByte(b[i]) { i += 1 }
            return String(decoding: b[start..<i], as: UTF8.self)
        }
        func checkEntities(_ from: Int, _ to: Int) throws {
            var k = from
            while k < to {
                if b[k] == UInt8(ascii: "<") { throw fail("raw '<' in text or attribute", k) }
                if b[k] == UInt8(ascii: "&") {
                    guard let semi = b[k..<min(to, k + 12)].firstIndex(of: UInt8(ascii: ";")) else { throw fail("bare '&'", k) }
                    let name = String(decoding: b[(k + 1)..<semi], as: UTF8.self)
                    let known = ["amp", "lt", "gt", "quot", "apos"].contains(name)
                    let numeric = name.hasPrefix("#") && (Int(name.dropFirst()) != nil
                        || (name.hasPrefix("#x") && Int(name.dropFirst(2), radix: 16) != nil))
                    guard known || numeric else { throw fail("unknown entity &\(name);", k) }
                    k = semi
                }
                k += 1
            }
        }

        while i < b.count {
            if b[i] != UInt8(ascii: "<") {
                let start = i
                while i < b.count, b[i] != UInt8(ascii: "<") { i += 1 }
                if stack.isEmpty, !b[start..<i].allSatisfy(isSpace) { throw fail("text outside the root element", start) }
                try checkEntities(start, i)
                continue
            }
            let open = i
            guard i + 1 < b.count else { throw fail("'<' at the end", open) }
            if b[i...].starts(with: Array("<!--".utf8)) {
                var k = i + 4
                while k + 2 < b.count, !(b[k] == 0x2D && b[k + 1] == 0x2D && b[k + 2] == UInt8(ascii: ">")) { k += 1 }
                guard k + 2 < b.count else { throw fail("unterminated comment", open) }
                i = k + 3
                continue
            }
            if b[i + 1] == UInt8(ascii: "!") {
                guard !sawRoot, let close = b[i...].firstIndex(of: UInt8(ascii: ">")) else { throw fail("misplaced declaration", open) }
                i = close + 1
                continue
            }
            if b[i + 1] == UInt8(ascii: "/") {
                i += 2
                let name = readName()
                while i < b.count, isSpace(b[i]) { i += 1 }
                guard i < b.count, b[i] == UInt8(ascii: ">") else { throw fail("malformed end tag </\(name)", open) }
                guard let top = stack.popLast() else { throw fail("end tag </\(name)> with nothing open", open) }
                guard top == name else { throw fail("end tag </\(name)> closes <\(top)>", open) }
                i += 1
                continue
            }
            i += 1
            let name = readName()
            guard !name.isEmpty else { throw fail("'<' not starting a tag", open) }
            if stack.isEmpty && sawRoot { throw fail("second root element <\(name)>", open) }
            sawRoot = true
            counts[name, default: 0] += 1
            var attributes: Set<String> = []
            while true {
                while i < b.count, isSpace(b[i]) { i += 1 }
                guard i < b.count else { throw fail("unterminated tag <\(name)", open) }
                if b[i] == UInt8(ascii: ">") { stack.append(name); i += 1; break }
                if b[i] == UInt8(ascii: "/"), i + 1 < b.count, b[i + 1] == UInt8(ascii: ">") { i += 2; break }
                let attribute = readName()
                guard !attribute.isEmpty else { throw fail("bad character in tag <\(name)", i) }
                guard attributes.insert(attribute).inserted else { throw fail("duplicate attribute \(attribute)", i) }
                guard i + 1 < b.count, b[i] == UInt8(ascii: "="), b[i + 1] == UInt8(ascii: "\"") || b[i + 1] == UInt8(ascii: "'") else {
                    throw fail("attribute \(attribute) without a quoted value", i)
                }
                let quote = b[i + 1]
                guard let end = b[(i + 2)...].firstIndex(of: quote) else { throw fail("unterminated attribute \(attribute)", i) }
                try checkEntities(i + 2, end)
                i = end + 1
            }
        }
        guard stack.isEmpty else { throw fail("unclosed <\(stack.joined(separator: "> <"))>", b.count) }
        guard sawRoot else { throw fail("no root element", 0) }
        return counts
    }
}
