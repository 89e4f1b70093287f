// Just enough PNG decoding to look at a browser screenshot: 8-bit RGB or RGBA, not interlaced, all five
// row filters; the zlib stream goes through the system zlib (the CZlib module the Archives target uses).
import CZlib
import Foundation

struct PNGPixels {
    let width: Int
    let height: Int
    /// RGB triples, row by row.
    let rgb: [UInt8]

    enum DecodeError: Error { case notPNG, unsupported(String), zlib(Int32), truncated }

    init(data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 8, bytes[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw DecodeError.notPNG }
        func u32(_ at: Int) -> Int { Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3]) }
        var at = 8
        var w = 0, h = 0, colourType = 0
        var idat: [UInt8] = []
        while at + 8 <= bytes.count {
            let length = u32(at)
            let type = String(decoding: bytes[(at + 4)..<(at + 8)], as: UTF8.self)
            guard at + 12 + length <= bytes.count else { throw DecodeError.truncated }
            let body = bytes[(at + 8)..<(at + 8 + length)]
            switch type {
            case "IHDR":
                w = u32(at + 8)
                h = u32(at + 12)
                let depth = Int(body[body.startIndex + 8]), interlace = Int(body[body.startIndex + 12])
                colourType = Int(body[body.startIndex + 9])
                guard depth == 8, interlace == 0, colourType == 2 || colourType == 6 else {
                    throw DecodeError.unsupported("depth \(depth), colour type \(colourType), interlace \(interlace)")
                }
            case "IDAT": idat.append(contentsOf: body)
            default: break
            }
            if type == "IEND" { break }
            at += 12 + length
        }
        let channels = colourType == 6 ? 4 : 3
        let stride = w * channels
        var raw = [UInt8](repeating: 0, count: (stride + 1) * h)
        var rawLength = uLongf(raw.count)
        let status = raw.withUnsafeMutableBufferPointer { out in
            idat.withUnsafeBufferPointer { input in uncompress(out.baseAddress, &rawLength, input.baseAddress, uLong(input.count)) }
        }
        guard status == Z_OK else { throw DecodeError.zlib(status) }
        guard Int(rawLength) == raw.count else { throw DecodeError.truncated }

        var previous = [UInt8](repeating: 0, count: stride)
        var current = [UInt8](repeating: 0, count: stride)
        var rgb = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            let rowStart = y * (stride + 1)
            let filter = raw[rowStart]
            for x in 0..<stride {
                let v = raw[rowStart + 1 + x]
                let a = x >= channels ? Int(current[x - channels]) : 0
                let b = Int(previous[x])
                let c = x >= channels ? Int(previous[x - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = a
                case 2: predictor = b
                case 3: predictor = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
                default: throw DecodeError.unsupported("filter \(filter)")
                }
                current[x] = v &+ UInt8(truncatingIfNeeded: predictor)
            }
            for x in 0..<w {
                for k in 0..<3 { rgb[(y * w + x) * 3 + k] = current[x * channels + k] }
            }
            swap(&previous, &current)
        }
        width = w
        height = h
        self.rgb = rgb
    }

    /// How many pixels are within `tolerance` (per channel) of `colour`.
    func count(near colour: (UInt8, UInt8, UInt8), tolerance: Int = 10) -> Int {
        var n = 0
        for p in Swift.stride(from: 0, to: rgb.count, by: 3)
        where abs(Int(rgb[p]) - Int(colour.0)) <= tolerance && abs(Int(rgb[p + 1]) - Int(colour.1)) <= tolerance
            && abs(Int(rgb[p + 2]) - Int(colour.2)) <= tolerance {
            n += 1
        }
        return n
    }

    /// The number of distinct colours.
    var distinctColours: Int {
        var seen = Set<UInt32>()
        for p in Swift.stride(from: 0, to: rgb.count, by: 3) {
            seen.insert(UInt32(rgb[p]) << 16 | UInt32(rgb[p + 1]) << 8 | UInt32(rgb[p + 2]))
        }
        return seen.count
    }

    /// The last row that has any pixel other than `background` (−1 when none): how far down the page goes.
    func lastContentRow(background: (UInt8, UInt8, UInt8)) -> Int {
        for y in Swift.stride(from: height - 1, through: 0, by: -1) {
            for x in 0..<width {
                let p = (y * width + x) * 3
                if rgb[p] != background.0 || rgb[p + 1] != background.1 || rgb[p + 2] != background.2 { return y }
            }
        }
        return -1
    }
}
