// Profile variant membership against the definitions, written out per contract in the test: all;
// ex-next-expiry (nearest listed date); ex-next-monthly (nearest listed third Friday); 0DTE (the
// valuation date in US/Eastern); DTE buckets 1–7, 8–30, 31–90, 91+ at their edges. Contracts come in
// runs and out of order (the per-date rows must still land on the right contracts).
import Exposure
import MarketModel
import XCTest

final class ProfileVariantTests: XCTestCase {
    func testMembershipFollowsTheDefinitions() throws {
        let today = try XCTUnwrap(CivilDate(year: 2024, month: 1, day: 10))  // a Wednesday; 2024-01-19 is the third Friday
        // 21:30 UTC is 16:30 ET on the same date (EST): the valuation date stays `today`.
        let asOf = try XCTUnwrap(EasternTime.instant(date: today, hour: 16, minute: 30))
        let offsets = [0, 1, 7, 8, 9, 30, 31, 90, 91, 400, 1, 0, 9, 30]  // 9 days out = 2024-01-19 (monthly)
        let keys = offsets.enumerated().map { i, d in
            ContractKey(root: d == 9 ? "SPX" : "SPXW", expiry: today.adding(days: d), strikeMilli: Int64(4_000_000 + 5_000 * i),
                        right: i % 2 == 0 ? .call : .put)
        }
        let m = ProfileVariant.membership(keys: keys, asOf: asOf)
        XCTAssertEqual(m.rows, keys.count)
        XCTAssertEqual(m.columns, ProfileVariant.allCases.count)
        for (i, d) in offsets.enumerated() {
            for (v, variant) in ProfileVariant.allCases.enumerated() {
                let expected: Bool
                switch variant {
                case .all: expected = true
                case .exNextExpiry: expected = d != 0
                case .exNextMonthly: expected = d != 9
                case .zeroDTE: expected = d == 0
                case .dte1To7: expected = (1...7).contains(d)
                case .dte8To30: expected = (8...30).contains(d)
                case .dte31To90: expected = (31...90).contains(d)
                case .dteOver90: expected = d > 90
                }
                XCTAssertEqual(m.flags[i * m.columns + v], expected ? 1 : 0, "contract \(i) (\(d) days) in \(variant.rawValue)")
            }
        }
        // The chain form gives the same matrix.
        let byExpiries = ProfileVariant.membership(expiries: keys.map(\.expiry), asOf: asOf)
        XCTAssertEqual(byExpiries.flags, m.flags)
        XCTAssertEqual(ProfileVariant.membership(expiries: [], asOf: asOf).rows, 0)
    }
}
