#!/usr/bin/env bash
# The gex CLI's contract: help, version, exit codes (0 ok, 64 usage, 65 bad data, 74 I/O), JSON keys.
set -uo pipefail
gex=${1:?usage: cli-smoke.sh PATH_TO_GEX}
chain=data/spx_quotedata_2023-09-14.csv
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0
expect() {  # expect CODE DESCRIPTION -- command...
  local want=$1 what=$2; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
  if [ "$got" = "$want" ]; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL $what: exit $got, expected $want"; sed 's/^/  /' "$tmp/err" | head -3; fi
}
expect 0 "--help" -- "$gex" --help
expect 0 "--version" -- "$gex" --version
expect 0 "levels" -- "$gex" levels "$chain"
expect 64 "unknown option" -- "$gex" levels "$chain" --no-such-option
expect 64 "bad --asof" -- "$gex" levels "$chain" --asof tomorrow
expect 64 "bad --levels" -- "$gex" levels "$chain" --levels 1
expect 74 "missing file" -- "$gex" levels "$tmp/none.csv"
printf 'not,a,chain\n1,2,3\n' >"$tmp/bad.csv"
expect 65 "not a chain" -- "$gex" levels "$tmp/bad.csv"
grep -q "bad.csv" "$tmp/err" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: error does not name the file"; }
sed 's/Date: September 14, 2023 at 4:31 PM EDT/Date: someday/' "$chain" >"$tmp/nodate.csv"
expect 65 "unreadable as-of" -- "$gex" levels "$tmp/nodate.csv"
grep -q -- "--asof" "$tmp/err" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: as-of error does not ask for --asof"; }
expect 0 "--asof override" -- "$gex" levels "$tmp/nodate.csv" --asof 2023-09-14T16:31
expect 0 "json" -- "$gex" levels "$chain" --json --out "$tmp/levels"
if python3 - "$tmp/out" <<'PY'
import json, math, sys
d = json.load(open(sys.argv[1]))
need = ["asof", "spot", "net_gex", "zero_gamma", "zero_gammas", "regime", "call_wall", "put_wall", "abs_gamma_strike", "convention", "sign", "units"]
missing = [k for k in need if k not in d]
assert not missing, missing
assert d["zero_gammas"] == sorted(d["zero_gammas"])
assert d["zero_gamma"] is None or d["zero_gamma"] in d["zero_gammas"]
PY
then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: --json object"; fi
[ -f "$tmp/levels/by_strike.csv" ] && [ -f "$tmp/levels/metadata.json" ] && [ -f "$tmp/levels/profile.csv" ] && [ -f "$tmp/levels/by_expiry.csv" ] \
  && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: --out files"; }
mkdir -p "$tmp/ro" && chmod 500 "$tmp/ro"
if [ "$(id -u)" != 0 ]; then expect 74 "unwritable --out" -- "$gex" levels "$chain" --out "$tmp/ro/x"; fi
expect 74 "unwritable --out (/proc)" -- "$gex" levels "$chain" --out /proc/gex-no/x
expect 0 "inspect" -- "$gex" inspect data/UnderlyingOptionsIntervals_1800sec_calcs_oi_2021-04-26.csv.gz --json
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert d['rows']==20160 and [u['contracts'] for u in d['underlyings']]==[392,1076]" "$tmp/out" \
  && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: inspect --json counts"; }
full=data/UnderlyingOptionsIntervals_1800sec_calcs_oi_2021-04-26.csv.gz
head -c $(( $(stat -c %s "$full") / 2 )) "$full" >"$tmp/cut.csv.gz"
expect 65 "truncated gzip" -- "$gex" inspect "$tmp/cut.csv.gz"
# gex greeks on the committed mpmath slice: every greek within 1e-9 relative (floor 1e-12 × column max).
grep -v '^#' Tests/OptionsMathTests/Fixtures/greeks_slice.csv | cut -d, -f1-8 >"$tmp/greeks_in.csv"
gzip -c "$tmp/greeks_in.csv" >"$tmp/greeks_in.csv.gz"
expect 0 "greeks" -- "$gex" greeks --input "$tmp/greeks_in.csv.gz" --output "$tmp/greeks_out.csv" --workers 2
if python3 - "$tmp/greeks_out.csv" Tests/OptionsMathTests/Fixtures/greeks_slice.csv <<'PY'
import csv, sys
ours = list(csv.DictReader(open(sys.argv[1])))
ref = list(csv.DictReader(line for line in open(sys.argv[2]) if not line.startswith("#")))
assert len(ours) == len(ref) and all(a["id"] == b["id"] for a, b in zip(ours, ref))
for g in ["price", "delta", "gamma", "vega", "theta", "vanna", "charm", "rho"]:
    floor = 1e-12 * max(abs(float(r[g])) for r in ref)
    worst = max(abs(float(a[g]) - float(b[g])) / max(abs(float(b[g])), floor) for a, b in zip(ours, ref))
    assert worst <= 1e-9, (g, worst)
PY
then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: gex greeks vs mpmath slice"; fi
printf 'S,K,T,sigma,r,q,cp\n100,abc,1,0.2,0,0,C\n' >"$tmp/bad_greeks.csv"
expect 65 "greeks bad number" -- "$gex" greeks --input "$tmp/bad_greeks.csv" --output "$tmp/never.csv"
[ ! -e "$tmp/never.csv" ] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: a failed run left an output file"; }
# gex iv on a committed mpmath slice: identifiable rows within 2 attainable units, the rest ok or a reason.
grep -v '^#' Tests/OptionsMathTests/Fixtures/iv_cli_slice.csv | cut -d, -f1-8 >"$tmp/iv_in.csv"
expect 0 "iv" -- "$gex" iv --input "$tmp/iv_in.csv" --output "$tmp/iv_out.csv"
if python3 - "$tmp/iv_out.csv" Tests/OptionsMathTests/Fixtures/iv_cli_slice.csv <<'PY'
import csv, sys
ours = list(csv.DictReader(open(sys.argv[1])))
ref = list(csv.DictReader(line for line in open(sys.argv[2]) if not line.startswith("#")))
assert len(ours) == len(ref) > 500
eps = 2.0 ** -52
for a, b in zip(ours, ref):
    assert a["id"] == b["id"]
    if b["identifiable"] == "1":
        assert a["iv_status"] == "ok", (a["id"], a["iv_status"])
        sigma = float(b["sigma"])
        assert abs(float(a["iv"]) - sigma) <= 2 * max(float(b["attainable"]), eps * sigma), a["id"]
    else:
        assert a["iv_status"] in {"ok", "not-identifiable", "below-intrinsic", "above-maximum"}, a["iv_status"]
PY
then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: gex iv vs mpmath slice"; fi
echo "cli: $passed passed, $failed failed"
[ "$failed" = 0 ]
