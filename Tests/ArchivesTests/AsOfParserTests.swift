// As-of lines in the browser locales Cboe's page is downloaded in.
//
// | text                                          | expected UTC              | note                        |
// |-----------------------------------------------|---------------------------|-----------------------------|
// | June 11, 2022, 8:47 PM EDT                    | 2022-06-12T00:47:00Z      | US order                    |
// | February 5 2022, 8:09 PM EST                  | 2022-02-06T01:09:00Z      | no comma before the year    |
// | September 14, 2023 at 4:31 PM EDT             | 2023-09-14T20:31:00Z      | "at"                        |
// | 9 June 2023, 1:40 PM EDT                      | 2023-06-09T17:40:00Z      | day-first English           |
// | Sep 04 2020 @ 20:49 ET                        | 2020-09-05T00:49:00Z      | legacy, ET rule by date     |
// | 11 juin 2022 à 20:47 UTC+2, 14. September ... | by hand                   | other languages, offsets    |
// | 11/06/2022 20:47, Thursday, yesterday         | refused (nil)             | ambiguous / unreadable      |
import Archives
import XCTest

final class AsOfParserTests: XCTestCase {
    func utc(_ text: String) -> String? { AsOfParser.parse(text)?.instant.iso8601 }

    func testEnglishForms() {
        XCTAssertEqual(utc("June 11, 2022, 8:47 PM EDT"), "2022-06-12T00:47:00Z")
        XCTAssertEqual(utc("February 5 2022, 8:09 PM EST"), "2022-02-06T01:09:00Z")
        XCTAssertEqual(utc("September 14, 2023 at 4:31 PM EDT"), "2023-09-14T20:31:00Z")
        XCTAssertEqual(utc("9 June 2023, 1:40 PM EDT"), "2023-06-09T17:40:00Z")
        XCTAssertEqual(utc("Sep 04 2020 @ 20:49 ET"), "2020-09-05T00:49:00Z")
        XCTAssertEqual(utc("Jan 19 2024 @ 09:45 ET"), "2024-01-19T14:45:00Z")
        XCTAssertEqual(utc("Thursday, September 14, 2023 12:05 AM EDT"), "2023-09-14T04:05:00Z")
        XCTAssertEqual(utc("September 14, 2023 12:00 PM CDT"), "2023-09-14T17:00:00Z")
        XCTAssertEqual(utc("14 Sept 2023, 21:31 BST"), "2023-09-14T20:31:00Z")
    }

    func testOtherLanguagesAndOffsets() {
        XCTAssertEqual(utc("11 juin 2022 à 20:47 UTC+2"), "2022-06-11T18:47:00Z")
        XCTAssertEqual(utc("14. September 2023 um 22:31 MESZ") , nil, "MESZ is not a zone we map: refused, not guessed")
        XCTAssertEqual(utc("14. September 2023 um 22:31 GMT+2"), "2023-09-14T20:31:00Z")
        XCTAssertEqual(utc("14 de septiembre de 2023, 16:31 EDT"), "2023-09-14T20:31:00Z")
        XCTAssertEqual(utc("14 settembre 2023 16:31 -04:00"), "2023-09-14T20:31:00Z")
        XCTAssertEqual(utc("2023-09-14 16:31 EDT"), "2023-09-14T20:31:00Z")
        XCTAssertEqual(utc("14.09.2023 16:31 EDT"), "2023-09-14T20:31:00Z")
        XCTAssertEqual(utc("09/14/2023 4:31 PM EDT"), "2023-09-14T20:31:00Z")
    }

    func testMissingZoneAssumesEasternAndSaysSo() throws {
        let r = try XCTUnwrap(AsOfParser.parse("September 14, 2023 4:31 PM"))
        XCTAssertTrue(r.assumedEastern)
        XCTAssertEqual(r.instant.iso8601, "2023-09-14T20:31:00Z")
        XCTAssertFalse(try XCTUnwrap(AsOfParser.parse("September 14, 2023 4:31 PM EDT")).assumedEastern)
    }

    func testRefusals() {
        for text in ["11/06/2022 20:47 EDT", "Thursday 4:31 PM", "September 2023 4:31 PM EDT", "yesterday at 4:31 PM",
                     "September 14, 2023", "September 31, 2023 4:31 PM EDT", "September 14, 2023 13:31 PM EDT",
                     "March 12, 2023 2:30 AM", "", "June 11, 2022, 8:47 PM IST"] {
            XCTAssertNil(AsOfParser.parse(text), text)
        }
    }

    func testISOOverride() {
        XCTAssertEqual(AsOfParser.parseISO("2023-09-14T16:31")?.iso8601, "2023-09-14T20:31:00Z")
        XCTAssertEqual(AsOfParser.parseISO("2023-09-14 16:31:05")?.iso8601, "2023-09-14T20:31:05Z")
        XCTAssertEqual(AsOfParser.parseISO("2023-09-14T20:31Z")?.iso8601, "2023-09-14T20:31:00Z")
        XCTAssertEqual(AsOfParser.parseISO("2023-09-14T22:31+02:00")?.iso8601, "2023-09-14T20:31:00Z")
        XCTAssertEqual(AsOfParser.parseISO("2023-01-14T16:31-05:00")?.iso8601, "2023-01-14T21:31:00Z")
        for bad in ["2023-09-14", "14/09/2023 16:31", "2023-09-14T25:00", "soon", "2023-03-12T02:30"] {
            XCTAssertNil(AsOfParser.parseISO(bad), bad)
        }
    }
}
