#!/usr/bin/env bash
# gex run end to end: bit-identical outputs for 1, 2, 3 and 8 workers; no NaN/Inf in any table
# (missing values are nulls); every file readable by pyarrow, polars and DuckDB; a generated day
# with defects runs and reports them; a killed run leaves the previous complete output.
set -uo pipefail
gex=${1:?usage: run-checks.sh PATH_TO_GEX PYTHON}
python=${2:?usage: run-checks.sh PATH_TO_GEX PYTHON}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }
sample=data/UnderlyingOptionsIntervals_1800sec_calcs_oi_2021-04-26.csv.gz

for w in 1 2 3 8; do
  "$gex" run "$sample" --out "$tmp/w$w" --workers "$w" --quiet || bad "run with $w workers"
done
for w in 2 3 8; do
  same=1
  for f in "$tmp"/w1/*.parquet; do cmp -s "$f" "$tmp/w$w/$(basename "$f")" || { same=0; bad "$(basename "$f") differs between 1 and $w workers"; }; done
  [ $same = 1 ] && ok
done

"$gex" generate --contracts 1500 --interval 1800 --defects 0.01 --seed 3 --out "$tmp/defects.csv.gz" 2>/dev/null || bad "generate"
"$gex" run "$tmp/defects.csv.gz" --out "$tmp/defects" --positions preset --quiet --json >"$tmp/summary.json" && ok || bad "run on a day with defects"
"$gex" generate --contracts 800 --interval 3600 --seed 4 --out "$tmp/csv_day.csv" 2>/dev/null
"$gex" run "$tmp/csv_day.csv" --out "$tmp/csvout" --format csv --quiet && ok || bad "run --format csv"

if "$python" - "$tmp" <<'PY'
import glob, json, math, os, sys
import duckdb, polars, pyarrow.parquet as pq
root = sys.argv[1]
files = sorted(glob.glob(os.path.join(root, "w1", "*.parquet")) + glob.glob(os.path.join(root, "defects", "*.parquet")))
assert len(files) == 10, files
for f in files:
    t = pq.read_table(f)
    for name in t.column_names:
        col = t.column(name)
        if str(col.type) == "double":
            values = [v for v in col.to_pylist() if v is not None]
            bad = [v for v in values if math.isnan(v) or math.isinf(v)]
            assert not bad, f"{f}:{name} holds NaN/Inf"
    assert polars.read_parquet(f).height == t.num_rows, f
    assert duckdb.sql(f"select count(*) from '{f}'").fetchall()[0][0] == t.num_rows, f
meta = json.load(open(os.path.join(root, "defects", "metadata.json")))
assert meta["rejected_rows"], "the defects day must report rejected rows by reason"
assert all(len(h["sha256"]) == 64 for h in meta["inputs"])
assert "net_gex" in meta["units"]["levels"]
for f in glob.glob(os.path.join(root, "csvout", "*.csv")):
    text = open(f).read().lower()
    assert "nan" not in text.replace("nan-", "") and "inf" not in text, f
PY
then ok; else bad "tables: NaN scan, readers, metadata"; fi

# A run killed mid-way leaves the previous complete output in place.
cp -r "$tmp/w1" "$tmp/kill"
before=$(cat "$tmp"/kill/*.parquet | md5sum)
"$gex" generate --contracts 21000 --interval 600 --seed 5 --out "$tmp/big.csv.gz" 2>/dev/null
"$gex" run "$tmp/big.csv.gz" --out "$tmp/kill" --quiet & pid=$!
sleep 1
if kill -0 $pid 2>/dev/null; then
  kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  after=$(cat "$tmp"/kill/*.parquet | md5sum)
  [ "$before" = "$after" ] && [ -f "$tmp/kill/metadata.json" ] && ok || bad "a killed run changed the previous output"
  # The next run removes the dead run's staging directory and publishes normally.
  "$gex" run "$sample" --out "$tmp/kill" --quiet && ! ls -a "$tmp" | grep -q "staging" && ok || bad "stale staging directory left behind"
else
  wait $pid; echo "note: the run finished within 1 s; kill test not exercised"
fi

# gex batch: shards 0/2 and 1/2 together cover every day once; a killed batch resumes without loss or duplicates.
mkdir -p "$tmp/days"
for d in 2024-01-16 2024-01-17 2024-01-18 2024-01-19; do
  "$gex" generate --contracts 600 --interval 3600 --date "$d" --seed 9 --out "$tmp/days/spx_$d.csv" 2>/dev/null
done
"$gex" batch "$tmp"/days/*.csv --out "$tmp/sharded" --shard 0/2 --quiet && "$gex" batch "$tmp"/days/*.csv --out "$tmp/sharded" --shard 1/2 --quiet \
  && [ "$(ls "$tmp"/sharded/ticker=SPX | wc -l)" = 4 ] && ok || bad "batch shards do not cover the 4 days"
"$gex" batch "$tmp"/days/*.csv --out "$tmp/resumed" --quiet --workers 1 & pid=$!
sleep 0.7; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
"$gex" batch "$tmp"/days/*.csv --out "$tmp/resumed" --quiet && ok || bad "batch resume"
if "$python" - "$tmp" <<'PY'
import sys, duckdb
root = sys.argv[1]
for name in ["sharded", "resumed"]:
    rows = duckdb.sql(f"select ticker, date from '{root}/{name}/summary.parquet' order by date").fetchall()
    assert len(rows) == 4 and len(set(rows)) == 4, (name, rows)
    n = duckdb.sql(f"select count(*) from read_parquet('{root}/{name}/ticker=*/date=*/levels.parquet', hive_partitioning=true)").fetchall()[0][0]
    assert n == 4 * 6, (name, n)
PY
then ok; else bad "batch summary or Hive tree"; fi
# The report index links each of the 4 days' report.html, and every link resolves.
links=$(grep -o 'href="ticker=SPX/date=[0-9-]*/report.html"' "$tmp/resumed/index.html" | sed 's/href="//; s/"$//')
missing=0; for l in $links; do [ -f "$tmp/resumed/$l" ] || missing=1; done
[ "$(echo "$links" | grep -c report.html)" = 4 ] && [ "$missing" = 0 ] && ok || bad "batch index.html does not link the 4 day reports"

# Open interest from a separate file: the real sample with its open_interest column removed, plus an OI
# file extracted from it (first value per contract, OSI symbols for one root, DataShop columns for the
# rest), must give exactly the tables of the original archive.
if "$python" - "$sample" "$tmp" <<'PY'
import csv, gzip, sys
src, root = sys.argv[1], sys.argv[2]
with gzip.open(src, "rt", newline="") as f:
    rows = list(csv.reader(f))
header, body = rows[0], rows[1:]
k = header.index("open_interest")
with open(f"{root}/no_oi.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    for r in rows:
        w.writerow(r[:k] + r[k + 1:])
col = {n: header.index(n) for n in ("root", "expiration", "strike", "option_type")}
seen = {}
for r in body:
    key = tuple(r[col[n]] for n in ("root", "expiration", "strike", "option_type"))
    seen.setdefault(key, r[k])
with open(f"{root}/oi.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["symbol", "root", "expiration", "strike", "option_type", "open_interest"])
    for (rt, exp, strike, cp), oi in seen.items():
        y, m, d = exp.split("-")
        osi = f"{rt:<6}{y[2:]}{m}{d}{cp.upper()}{round(float(strike) * 1000):08d}"
        w.writerow([osi, rt, exp, strike, cp, oi])
PY
then
  "$gex" run "$sample" --out "$tmp/oi_archive" --format csv --quiet \
    && "$gex" run "$tmp/no_oi.csv" --open-interest "$tmp/oi.csv" --out "$tmp/oi_file" --format csv --quiet || bad "runs for the OI-file check"
  same=1
  for f in "$tmp"/oi_archive/*.csv; do cmp -s "$f" "$tmp/oi_file/$(basename "$f")" || { same=0; bad "--open-interest: $(basename "$f") differs from the archive's own OI"; }; done
  grep -q '"open_interest_source" : "file' "$tmp/oi_file/metadata.json" || grep -q '"open_interest_source":"file' "$tmp/oi_file/metadata.json" || { same=0; bad "metadata does not name the OI file"; }
  [ $same = 1 ] && ok
else bad "building the OI-file check inputs"; fi

# The generator's OPRA folder (statistics, cbbo-1m quotes, tbbo trades) through gex run with flow positions:
# every generated print is classified at the quote, by the quote rule, by the tick rule, or counted unclassified.
"$gex" generate --format opra --contracts 500 --interval 1800 --seed 6 --out "$tmp/opra" 2>"$tmp/opra.log" \
  && "$gex" run "$tmp"/opra/*.csv --interval 1800 --positions flow --out "$tmp/opra_out" --quiet \
  && "$python" - "$tmp" <<'PY' && ok || bad "generated OPRA day through gex run --positions flow"
import json, re, sys
root = sys.argv[1]
log = open(f"{root}/opra.log").read()
trades = int(re.search(r"(\d+) trades \((\d+) at the ask, (\d+) at the bid", log).group(1))
counts = json.load(open(f"{root}/opra_out/metadata.json"))["counts"]
seen = sum(v for k, v in counts.items() if k.startswith("trades "))
assert seen == trades, (seen, trades, counts)
PY

# Unwritable output: exit 74 with a message.
"$gex" run "$sample" --out /proc/gex-no/out --quiet 2>"$tmp/err"; code=$?
[ $code = 74 ] && grep -q "/proc/gex-no" "$tmp/err" && ok || bad "unwritable --out gave exit $code"

# Limits: a cap set low refuses the input with exit 65, naming the file and how to raise the cap.
"$gex" run "$sample" --out "$tmp/capped" --max-contracts 10 --quiet 2>"$tmp/err"; code=$?
[ $code = 65 ] && grep -q "$sample" "$tmp/err" && grep -q -- "--max-contracts" "$tmp/err" && ok || bad "--max-contracts 10 gave exit $code: $(cat "$tmp/err")"
GEX_MAX_LINE_BYTES=40 "$gex" levels data/spx_quotedata_2023-09-14.csv >/dev/null 2>"$tmp/err"; code=$?
[ $code = 65 ] && grep -q "GEX_MAX_LINE_BYTES" "$tmp/err" && ok || bad "GEX_MAX_LINE_BYTES=40 gave exit $code: $(cat "$tmp/err")"
"$gex" run "$sample" --out "$tmp/capped" --max-input-bytes 100000 --quiet 2>"$tmp/err"; code=$?
[ $code = 65 ] && grep -q -- "--max-input-bytes" "$tmp/err" && ok || bad "--max-input-bytes gave exit $code: $(cat "$tmp/err")"

echo "run: $passed passed, $failed failed"
[ "$failed" = 0 ]
