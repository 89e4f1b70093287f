import OptionsMath
import XCTest

final class GreeksKernelTests: XCTestCase {
    func testScalarReferenceOnFullSet() throws {
        let ref = try ReferenceGreeks.fullSet()
        let g = (0..<ref.count).map { BlackScholes.greeks(ref.inputs($0)) }
        for k in 0..<8 {
            let s = ErrorSummary(g.map { $0[k] }, ref.expected[k])
            print("scalar", ReferenceGreeks.greekNames[k], s)
        }
    }
}
