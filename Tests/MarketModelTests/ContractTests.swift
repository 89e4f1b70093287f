// Contract keys, settlement instants, time to expiry and dealer signs.
//
// | check                      | reference                                                      |
// |----------------------------|----------------------------------------------------------------|
// | OSI parsing                | OCC symbology: root, yymmdd, C/P, strike × 1000 in 8 digits     |
// | settlement                 | SPX AM 09:30 ET, SPXW PM 16:00 ET (Cboe product specs)          |
// | exact T                    | seconds / (365 × 86,400)                                        |
// | business days / 262        | Perfiliev: numpy.busday_count / 262, floor 1/262                |
import MarketModel
import OptionsMath
import XCTest

final class ContractTests: XCTestCase {
    func testOSISymbolForms() throws {
        let expected = ContractKey(root: "SPXW", expiry: CivilDate(year: 2024, month: 1, day: 19)!, strikeMilli: 4_700_000, right: .call)
        XCTAssertEqual(ContractKey(osiSymbol: "SPXW240119C04700000"), expected)
        XCTAssertEqual(ContractKey(osiSymbol: "SPXW  240119C04700000"), expected)
        XCTAssertEqual(ContractKey(osiSymbol: "O:SPXW240119C04700000"), expected)
        XCTAssertEqual(expected.osiSymbol, "SPXW240119C04700000")
        let aapl = try XCTUnwrap(ContractKey(osiSymbol: "AAPL  250221P00250500"))
        XCTAssertEqual(aapl.strike, 250.5)
        XCTAssertEqual(aapl.right, .put)
        for bad in ["", "SPXW240119X04700000", "SPXW241319C04700000", "SPXW240119C0470000A", "240119C04700000",
                    "TOOLONGROOT240119C04700000", "SPXW240119C00000000"] {
            XCTAssertNil(ContractKey(osiSymbol: Substring(bad)), bad)
        }
    }

    func testSettlementInstantsAMvsPM() {
        let day = CivilDate(year: 2023, month: 9, day: 15)!
        let spx = ContractKey(root: "SPX", expiry: day, strikeMilli: 4_500_000, right: .call)
        let spxw = ContractKey(root: "SPXW", expiry: day, strikeMilli: 4_500_000, right: .call)
        XCTAssertEqual(spx.settlement, .am)
        XCTAssertEqual(spxw.settlement, .pm)
        XCTAssertEqual(spx.settlementInstant.iso8601, "2023-09-15T13:30:00Z")
        XCTAssertEqual(spxw.settlementInstant.iso8601, "2023-09-15T20:00:00Z")
    }

    func testTimeToExpiryConventions() {
        let day = CivilDate(year: 2023, month: 9, day: 14)!
        let now = EasternTime.instant(date: day, hour: 15, minute: 0)!
        let close = SettlementStyle.pm.settlementInstant(on: day)
        XCTAssertEqual(TimeToExpiry.exactSeconds.years(from: now, to: close, expiry: day), 3600 / (365 * 86_400.0))
        XCTAssertEqual(TimeToExpiry.businessDays262.years(from: now, to: close, expiry: day), 1 / 262.0)
        let nextFriday = CivilDate(year: 2023, month: 9, day: 22)!
        XCTAssertEqual(TimeToExpiry.businessDays262.years(
            from: now, to: SettlementStyle.pm.settlementInstant(on: nextFriday), expiry: nextFriday), 6 / 262.0)
    }

    func testDealerSignPresets() {
        XCTAssertEqual(DealerSign.classic.sign(for: .call), 1)
        XCTAssertEqual(DealerSign.classic.sign(for: .put), -1)
        XCTAssertEqual(DealerSign.customersLong.sign(for: .call), -1)
        XCTAssertEqual(DealerSign.customersLong.sign(for: .put), 1)
        XCTAssertEqual(DealerSign.shortBoth.sign(for: .call), -1)
        XCTAssertEqual(DealerSign.shortBoth.sign(for: .put), -1)
    }

    func testContractOrderKeepsExpiriesContiguousAndPairsAdjacent() {
        let d1 = CivilDate(year: 2023, month: 9, day: 15)!, d2 = CivilDate(year: 2023, month: 9, day: 18)!
        let keys = [
            ContractKey(root: "SPXW", expiry: d2, strikeMilli: 4_000_000, right: .put),
            ContractKey(root: "SPXW", expiry: d1, strikeMilli: 4_100_000, right: .call),
            ContractKey(root: "SPXW", expiry: d1, strikeMilli: 4_000_000, right: .put),
            ContractKey(root: "SPXW", expiry: d1, strikeMilli: 4_000_000, right: .call),
        ].sorted()
        XCTAssertEqual(keys.map(\.osiSymbol), ["SPXW230915C04000000", "SPXW230915P04000000",
                                               "SPXW230915C04100000", "SPXW230918P04000000"])
    }
}
