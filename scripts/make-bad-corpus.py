#!/usr/bin/env python3
"""Writes the bad-input corpus: one tiny file per defect kind, and expected.tsv saying what each
reader must do with it. Run from the package root; the outputs are committed under
Tests/ArchivesTests/Fixtures/bad/ (this script is how they were made, so they can be remade).

expected.tsv columns: file, reader (chain|datashop), outcome, detail
  outcome error   → the reader throws; detail = a phrase the message must contain; line = expected line or -
  outcome skip    → the reader succeeds; detail = reason=count[;reason=count]; kept = contracts kept
  outcome ok      → the reader succeeds with no defects; kept = contracts kept
"""
import gzip
import io
import os
import zipfile

OUT = "Tests/ArchivesTests/Fixtures/bad"
os.makedirs(OUT, exist_ok=True)
rows = []  # (file, reader, outcome, detail, line_or_kept)

H = ("Expiration Date,Calls,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest,Strike,"
     "Puts,Last Sale,Net,Bid,Ask,Volume,IV,Delta,Gamma,Open Interest")
PRE = "\nStandard & Poors 500 Index,Last: 4505.1001,Change: 1\n\"Date: September 14, 2023 at 10:31 AM EDT\",Bid: 1,Ask: 2\n"


def row(strike=4500, call=None, put=None, exp="Fri Sep 15 2023", ymd="230915", civ="0.15", coi="100", cbid="10",
        cask="11", piv="0.16", poi="200", pbid="9", pask="10", strike_text=None):
    k = f"{strike * 1000:08d}"
    call = call if call is not None else f"SPXW{ymd}C{k}"
    put = put if put is not None else f"SPXW{ymd}P{k}"
    st = strike_text if strike_text is not None else f"{strike}.00"
    return (f"{exp},{call},0,0,{cbid},{cask},0,{civ},0.5,0.004,{coi},{st},"
            f"{put},0,0,{pbid},{pask},0,{piv},-0.5,0.004,{poi}")


def chain(name, body, outcome, detail, extra, preamble=PRE, header=H, raw=None, mode="w"):
    data = raw if raw is not None else (preamble + header + "\n" + "\n".join(body) + "\n")
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    rows.append((name, "chain", outcome, detail, str(extra)))


good = [row(4500), row(4600)]
chain("chain_empty.csv", [], "error", "no header line", "-", raw="")
chain("chain_header_only.csv", [], "error", "no data rows", "-")
chain("chain_missing_gamma_column.csv", good, "error", "no 'Gamma' column", 4, header=H.replace(",Gamma,", ",Gama,", 1))
chain("chain_semicolon_delimiter.csv", [], "error", "no header line", "-",
      raw=(PRE + H + "\n" + "\n".join(good) + "\n").replace(",", ";"))
chain("chain_bom_crlf.csv", good, "ok", "", 4, raw=("\ufeff" + PRE + H + "\n" + "\n".join(good) + "\n").replace("\n", "\r\n"))
chain("chain_mixed_line_endings.csv", good, "ok", "", 4, raw=PRE + H + "\r\n" + good[0] + "\r" + good[1] + "\n")
chain("chain_latin1_preamble.csv", good, "ok", "", 4, raw=(PRE.replace("Poors", "Poor\xe9s") + H + "\n" + "\n".join(good) + "\n").encode("latin-1"))
chain("chain_non_utf8_symbol.csv", [row(4500, call="SPXW230915C0450\xe90000")], "skip", "malformed option symbol=1", 1,
      raw=(PRE + H + "\n" + row(4500, call="SPXW230915C0450\xe90000") + "\n").encode("latin-1"))
chain("chain_nan_iv.csv", [row(4500, civ="NaN")], "skip", "non-numeric or non-finite field=1", 1)
chain("chain_inf_gamma.csv", [row(4500).replace(",0.004,100,", ",inf,100,")], "skip", "non-numeric or non-finite field=1", 1)
chain("chain_negative_open_interest.csv", [row(4500, poi="-5")], "skip", "negative open interest=1", 1)
chain("chain_negative_bid.csv", [row(4500, cbid="-1")], "skip", "negative bid, ask or IV=1", 1)
chain("chain_absurd_ask.csv", [row(4500, cask="1e12")], "skip", "absurd price, IV or open interest=1", 1)
chain("chain_crossed_quote.csv", [row(4500, cbid="12", cask="11")], "skip", "crossed quote (bid > ask): quote dropped, contract kept=1", 2)
chain("chain_strike_zero.csv", [row(0), row(4500)], "skip", "strike missing, zero or negative=1", 2)
chain("chain_all_expired.csv", good, "error", "had settled", "-", preamble=PRE.replace("September 14", "September 16"))
chain("chain_expiry_disagrees.csv", [row(4500, exp="Fri Sep 22 2023"), row(4600)], "skip", "symbol's expiry disagrees with the Expiration Date column=2", 2)
chain("chain_every_row_skipped.csv", [row(4500, exp="Fri Sep 22 2023")], "error", "every row was skipped", "-")
chain("chain_malformed_symbol.csv", [row(4500, call="SPXW23091C04500000")], "skip", "malformed option symbol=1", 1)
chain("chain_duplicate_rows.csv", [row(4500), row(4500)], "skip", "duplicate contract=2", 2)
chain("chain_short_row.csv", [row(4500), "Fri Sep 15 2023,SPXW230915C04600000"], "skip", "row has 2 fields, header has 22=1", 2)
chain("chain_thousands_separator.csv", [row(4500, strike_text='"4,500.00"'), row(4600)], "skip", "strike missing, zero or negative=1", 2)
chain("chain_exponent_numbers.csv", [row(4500, coi="1e2", poi="2E+2")], "ok", "", 2)
chain("chain_no_date_line.csv", good, "error", "Date:", "-", preamble="\nStandard & Poors 500 Index,Last: 4505.1001\n")
chain("chain_ambiguous_date.csv", good, "error", "--asof", 3, preamble=PRE.replace("September 14, 2023 at 10:31 AM", "11/09/2023 10:31 AM"))
chain("chain_time_in_dst_gap.csv", [row(4500, exp="Fri Mar 17 2023", ymd="230317")], "error", "--asof", 3,
      preamble=PRE.replace("September 14, 2023 at 10:31 AM EDT", "March 12, 2023 2:30 AM"))
chain("chain_unpaired_put_missing.csv", [row(4500, put="")], "skip", "malformed option symbol=1", 1)
chain("chain_expiry_30_years_out.csv", [row(4500, exp="Fri Sep 15 2053", ymd="530915"), row(4600)], "skip", "expiry after 2040=2", 2)
chain("chain_negative_spot.csv", good, "error", "positive spot", 2, preamble=PRE.replace("4505.1001", "-4505.1"))

DH = ("underlying_symbol,quote_datetime,root,expiration,strike,option_type,open,high,low,close,trade_volume,"
      "bid_size,bid,ask_size,ask,underlying_bid,underlying_ask")


def ds(time="2024-01-19 10:00:00", root="SPXW", exp="2024-01-19", strike="4700.000", typ="C", bid="12.5", ask="13.0"):
    return f"SPX,{time},{root},{exp},{strike},{typ},0,0,0,0,0,10,{bid},10,{ask},4701.0,4702.0"


def datashop(name, lines, outcome, detail, extra, header=DH, raw=None):
    data = raw if raw is not None else (header + "\n" + "\n".join(lines) + "\n")
    path = os.path.join(OUT, name)
    if name.endswith(".gz"):
        with open(path, "wb") as f:
            f.write(gzip.compress(data.encode(), mtime=0))
    elif name.endswith(".zip"):
        pass  # written by the caller
    else:
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
    rows.append((name, "datashop", outcome, detail, str(extra)))


two = [ds(), ds(strike="4710.000", typ="P")]
datashop("ds_empty.csv", [], "error", "empty file", "-", raw="")
datashop("ds_header_only.csv", [], "error", "no data rows", "-")
datashop("ds_missing_ask_column.csv", two, "error", "no 'ask' column", 1, header=DH.replace(",ask,", ",asc,"))
datashop("ds_semicolon_delimiter.csv", [], "error", "no 'underlying_symbol' column", 1, raw=(DH + "\n" + "\n".join(two) + "\n").replace(",", ";"))
datashop("ds_unknown_column.csv", [l + ",x" for l in two], "ok", "", 2, header=DH + ",vendor_flag")
cols = DH.split(",")
order = list(reversed(range(len(cols))))
datashop("ds_reordered_columns.csv", [",".join(l.split(",")[i] for i in order) for l in two], "ok", "", 2,
         header=",".join(cols[i] for i in order))
datashop("ds_bom_crlf.csv", two, "ok", "", 2, raw=("\ufeff" + DH + "\n" + "\n".join(two) + "\n").replace("\n", "\r\n"))
datashop("ds_out_of_order_times.csv", [ds(time="2024-01-19 10:01:00"), ds(time="2024-01-19 10:00:00")], "ok", "", 1)
datashop("ds_time_in_dst_gap.csv", [ds(time="2024-03-10 02:30:00", exp="2024-03-15"), ds()], "skip", "unreadable or nonexistent quote time=1", 1)
datashop("ds_crossed_quote.csv", [ds(bid="14", ask="13")], "skip", "crossed quote (bid > ask): quote dropped, row kept=1", 1)
datashop("ds_zero_bid.csv", [ds(bid="0")], "ok", "", 1)
datashop("ds_nan_price.csv", [ds(bid="nan"), ds(strike="4710.000")], "skip", "non-numeric or non-finite field=1", 1)
datashop("ds_inf_price.csv", [ds(ask="inf"), ds(strike="4710.000")], "skip", "non-numeric or non-finite field=1", 1)
datashop("ds_negative_price.csv", [ds(bid="-1"), ds(strike="4710.000")], "skip", "negative bid or ask=1", 1)
datashop("ds_every_row_skipped.csv", [ds(bid="-1")], "error", "every data row was skipped", "-")
datashop("ds_absurd_price.csv", [ds(ask="1e9"), ds(strike="4710.000")], "skip", "absurd bid or ask (≥ 1e7)=1", 1)
datashop("ds_strike_zero.csv", [ds(strike="0"), ds(strike="4710.000")], "skip", "strike missing, zero, negative or absurd=1", 1)
datashop("ds_expired_contract.csv", [ds(exp="2024-01-18"), ds()], "skip", "contract already settled at the quote time=1", 1)
datashop("ds_expiry_30_years_out.csv", [ds(exp="2054-01-16"), ds()], "skip", "expiry more than 10 years after the quote date=1", 1)
datashop("ds_duplicate_rows.csv", [ds(), ds()], "skip", "duplicate row (same contract and time)=1", 1)
datashop("ds_bad_option_type.csv", [ds(typ="X"), ds()], "skip", "option_type is not C or P=1", 1)
datashop("ds_non_ascii_root.csv", [ds()], "skip", "root is not ASCII letters and digits=1", 1,
         raw=(DH + "\n" + ds() + "\n" + ds(root="SPX\xe9", strike="4710.000") + "\n").encode("latin-1"))
datashop("ds_thousands_separator.csv", [ds(strike='"4,700.000"'), ds(strike="4710.000")], "skip", "strike missing, zero, negative or absurd=1", 1)
datashop("ds_exponent_numbers.csv", [ds(bid="1.25e1", ask="1.3E+1")], "ok", "", 1)
datashop("ds_short_row.csv", [ds(), "SPX,2024-01-19 10:00:00,SPXW"], "skip", "row has 3 fields, header has 17=1", 1)
datashop("ds_truncated.csv.gz", [], "error", "truncated gzip", "-")
full = gzip.compress((DH + "\n" + "\n".join(ds(strike=f"{4000 + i}.000") for i in range(2000)) + "\n").encode(), mtime=0)
with open(os.path.join(OUT, "ds_truncated.csv.gz"), "wb") as f:
    f.write(full[: len(full) // 2])
for name, members in [("ds_zip_two_members.zip", 2), ("ds_zip_no_members.zip", 0)]:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i in range(members):
            info = zipfile.ZipInfo(f"part{i}.csv", date_time=(2024, 1, 19, 0, 0, 0))
            z.writestr(info, DH + "\n" + ds() + "\n")
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(buf.getvalue())
    rows.append((name, "datashop", "error", f"{members} members", "-"))
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr(zipfile.ZipInfo("day.csv", date_time=(2024, 1, 19, 0, 0, 0)), DH + "\n" + "\n".join(two) + "\n")
with open(os.path.join(OUT, "ds_zip_one_member.zip"), "wb") as f:
    f.write(buf.getvalue())
rows.append(("ds_zip_one_member.zip", "datashop", "ok", "", "2"))

with open(os.path.join(OUT, "expected.tsv"), "w") as f:
    f.write("file\treader\toutcome\tdetail\tline_or_kept\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
print(f"{len(rows)} fixtures in {OUT}")
