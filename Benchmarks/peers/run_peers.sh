#!/usr/bin/env bash
# The peers harness (`make bench-peers`): the same work through what users would otherwise use,
# timed in the same run as ours; one table (workload, ours, peer, ratio, cores) printed and written
# as JSON and Markdown under Benchmarks/results/ (ignored by git).
#   venvs: Benchmarks/.venv-peers (numpy, scipy, pandas, polars) and Benchmarks/.venv-vollib
#   (py_vollib_vectorized on numba 0.59 / numpy 1.26 with py_lets_be_rational's original 1.0.1 sdist: see
#   the vollib block). Without PyPI the vollib row says "skipped" instead of failing the harness.
#   PEERS_PANDAS_APPLY=0 skips the Perfiliev pandas row-apply peer (one run takes minutes).
set -euo pipefail
cd "$(dirname "$0")/../.."
gex=${1:?usage: run_peers.sh PATH_TO_GEX}
results=Benchmarks/results; mkdir -p "$results"
peers=Benchmarks/.venv-peers; vollib=Benchmarks/.venv-vollib
if [ ! -x $peers/bin/python ]; then python3 -m venv $peers && $peers/bin/pip install -q -r Benchmarks/peers/requirements.txt; fi
# ---- vollib venv: py_vollib_vectorized with py_lets_be_rational 1.0.1 -----------------------------------------
# py_vollib_vectorized JIT-compiles py_lets_be_rational's pure-Python 1.0.1 code with numba. pip instead brings
# lets_be_rational 1.1.x, whose wheel ships both lets_be_rational/ (imported by vollib, under py_vollib) and its own
# py_lets_be_rational/ (a wrapper numba cannot compile), plus a py_lets_be_rational 1.1.x shim whose RECORD also
# lists lets_be_rational/: so `pip install --force-reinstall` of the 1.0.1 sdist deletes lets_be_rational/, and
# reinstalling lets_be_rational overwrites the 1.0.1 files. Working order: uninstall the py_lets_be_rational
# distribution, reinstall lets_be_rational (restores lets_be_rational/), then install the 1.0.1 sdist without
# --force-reinstall (it only writes py_lets_be_rational/). Verified by importing all three and by comparing the
# installed py_lets_be_rational/*.py with the sdist's, byte for byte; repaired in place, then rebuilt once.
export PY_LETS_BE_RATIONAL_ENABLE_NUMBA=1
lbr=py_lets_be_rational-1.0.1; sdist="$results/sdist"
vollib_ok() {
  [ -x $vollib/bin/python ] && [ -d "$sdist/$lbr" ] || return 1
  $vollib/bin/python -c 'import lets_be_rational, py_lets_be_rational, py_vollib_vectorized' 2>/dev/null || return 1
  local site; site=$($vollib/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  for f in "$sdist/$lbr"/py_lets_be_rational/*.py; do cmp -s "$f" "$site/py_lets_be_rational/${f##*/}" || return 1; done
}
vollib_pin() {  # put py_lets_be_rational 1.0.1 in place beside lets_be_rational
  $vollib/bin/pip download -q --no-deps --no-binary :all: -d "$sdist" "py_lets_be_rational==1.0.1" &&
  tar -xzf "$sdist/$lbr.tar.gz" -C "$sdist" &&
  $vollib/bin/pip uninstall -q -y py_lets_be_rational &&
  { ! $vollib/bin/pip show -q lets_be_rational 2>/dev/null ||
    $vollib/bin/pip install -q --force-reinstall --no-deps "lets_be_rational==$($vollib/bin/pip show lets_be_rational | sed -n 's/^Version: //p')"; } &&
  $vollib/bin/pip install -q --no-deps "$sdist/$lbr.tar.gz"
}
vollib_create() {
  rm -rf $vollib && python3 -m venv $vollib &&
  $vollib/bin/pip install -q "numpy==1.26.4" "scipy==1.11.4" "pandas==2.1.4" "numba==0.59.1" py_vollib_vectorized && vollib_pin
}
vollib_skip=""
if ! vollib_ok; then
  echo "run_peers: setting up $vollib (py_vollib_vectorized + py_lets_be_rational 1.0.1)" >&2
  { [ -x $vollib/bin/python ] && vollib_pin >/dev/null 2>&1 && vollib_ok; } || { vollib_create >/dev/null 2>&1 && vollib_ok; } ||
    vollib_skip="venv could not be built (PyPI unreachable?)"
fi
[ -z "$vollib_skip" ] || echo "run_peers: py_vollib_vectorized skipped: $vollib_skip" >&2
# ---- end vollib venv ----------------------------------------------------------------------------------------------
n=${PEERS_N:-1000000}
(cd Benchmarks && GEX_SIMD=${SIMD:-avx2} swift run -c release --disable-sandbox PeerWorkloads "$n" 2>/dev/null) >"$results/ours_kernels.json"
$peers/bin/python Benchmarks/peers/kernel_peers.py "$n" >"$results/numpy_kernels.json"
rm -f "$results/vollib_kernels.json"
[ -n "$vollib_skip" ] || $vollib/bin/python Benchmarks/peers/kernel_peers.py 200000 >"$results/vollib_kernels.json" 2>"$results/vollib_kernels.log" ||
  vollib_skip="kernel_peers.py failed (see $results/vollib_kernels.log)"
# One chain: Perfiliev's method, ours vs the numpy peer (process wall time, best of 3).
chain=data/spx_quotedata_2023-09-14.csv
time_cmd() { local best=999; for _ in 1 2 3; do local s=$(date +%s.%N); "$@" >/dev/null; local e=$(date +%s.%N); best=$(python3 -c "print(min($best, $e - $s))"); done; echo "$best"; }
ours_chain=$(time_cmd "$gex" levels "$chain" --convention perfiliev --json)
peer_chain=$(time_cmd $peers/bin/python Benchmarks/peers/perfiliev_gex.py "$chain" --json)
# ---- Perfiliev as published: pandas DataFrame.apply per row, loop over levels (one run: it takes minutes) ----------
pandas_chain=0; pandas_agrees=""
if [ "${PEERS_PANDAS_APPLY:-1}" != 0 ]; then
  s=$(date +%s.%N)
  if $peers/bin/python Benchmarks/peers/perfiliev_pandas.py "$chain" >"$results/perfiliev_pandas.json"; then
    pandas_chain=$(python3 -c "print($(date +%s.%N) - $s)")
  else
    echo "run_peers: perfiliev_pandas.py failed: no pandas row" >&2
  fi
fi
if [ "$pandas_chain" != 0 ]; then
  pandas_agrees=$($peers/bin/python Benchmarks/peers/perfiliev_gex.py "$chain" --json | python3 -c '
import json, sys
a, b = json.load(sys.stdin), json.load(open(sys.argv[1]))
same = a["contracts"] == b["contracts"] and abs(a["zero_gamma"] - b["zero_gamma"]) < 0.01 and abs(a["net_gex"] / b["net_gex"] - 1) < 1e-9
print("same levels" if same else "DIFFERENT levels")' "$results/perfiliev_pandas.json")
fi
# ---- end Perfiliev pandas ------------------------------------------------------------------------------------------
# Reading a generated DataShop day: ours (gex inspect) vs pandas / polars read_csv vs cat.
day="$results/peers_day.csv"
[ -f "$day" ] || "$gex" generate --contracts 21000 --interval 600 --out "$day" 2>/dev/null
ours_read=$(time_cmd "$gex" inspect --workers 1 "$day")  # one core, as the table says
cat_read=$(time_cmd cat "$day")
pandas_read=$(time_cmd $peers/bin/python -c "import pandas, sys; pandas.read_csv(sys.argv[1])" "$day")
polars_read=$(time_cmd $peers/bin/python -c "import polars, sys; polars.read_csv(sys.argv[1])" "$day")
# A day: gex run vs the numpy day engine (numpy_day.py) over every snapshot of a generated day, whole processes.
$peers/bin/python Benchmarks/peers/compare_day.py --gex "$gex" --time --contracts "${DAY_CONTRACTS:-21000}" \
  --interval "${DAY_INTERVAL:-600}" --work "$results/day_peer" >"$results/day_peer.json" || true
export VOLLIB_SKIP="$vollib_skip" PANDAS_CHAIN="$pandas_chain" PANDAS_AGREES="$pandas_agrees"
$peers/bin/python - "$results" "$ours_chain" "$peer_chain" "$ours_read" "$cat_read" "$pandas_read" "$polars_read" "$(stat -c %s "$day")" <<'PY'
import json, os, sys, platform, datetime
results, ours_chain, peer_chain, ours_read, cat_read, pandas_read, polars_read, size = sys.argv[1:9]
ours = json.load(open(os.path.join(results, "ours_kernels.json")))
numpy = json.load(open(os.path.join(results, "numpy_kernels.json")))
try:
    vollib = json.load(open(os.path.join(results, "vollib_kernels.json")))
except Exception:
    vollib = {}
rows = []
def add(workload, ours_rate, peer, peer_rate, cores, unit):
    rows.append({"workload": workload, "ours": ours_rate, "peer": peer, "peer_value": peer_rate,
                 "ratio": (ours_rate / peer_rate) if peer_rate else None, "cores": cores, "unit": unit})
for t in (1, 2):
    add(f"gamma, 1M options", ours[f"ours_gamma_{t}thread"]["per_second"], "numpy vectorised", numpy["numpy_gamma"]["per_second"], t, "options/s")
    add(f"seven greeks, 1M options", ours[f"ours_seven_greeks_{t}thread"]["per_second"], "numpy+scipy vectorised", numpy["numpy_seven_greeks"]["per_second"], t, "options/s")
if "ours_iv_1thread" in ours:
    add("implied volatility", ours["ours_iv_1thread"]["per_second"], "numpy safeguarded Newton", numpy["numpy_newton_iv"]["per_second"], 1, "IV/s")
    if "per_second" in vollib.get("py_vollib_vectorized_iv", {}):
        add("implied volatility", ours["ours_iv_1thread"]["per_second"], "py_vollib_vectorized (LBR, numba)", vollib["py_vollib_vectorized_iv"]["per_second"], 1, "IV/s")
    else:
        add("implied volatility", ours["ours_iv_1thread"]["per_second"], "py_vollib_vectorized: skipped, " + (os.environ.get("VOLLIB_SKIP") or "no result"), None, 1, "IV/s")
mb = int(size) / 1e6
add("one chain, Perfiliev method (process)", 1 / float(ours_chain), "numpy vectorised (process)", 1 / float(peer_chain), 1, "chains/s")
if float(os.environ.get("PANDAS_CHAIN") or 0) > 0:
    add("one chain, Perfiliev method (process)", 1 / float(ours_chain), f"pandas row-apply, as published (1 run; {os.environ['PANDAS_AGREES']})",
        1 / float(os.environ["PANDAS_CHAIN"]), 1, "chains/s")
add(f"read DataShop day ({mb:.0f} MB)", mb / float(ours_read), "pandas.read_csv", mb / float(pandas_read), 1, "MB/s")
add(f"read DataShop day ({mb:.0f} MB)", mb / float(ours_read), "polars.read_csv", mb / float(polars_read), 2, "MB/s")
add(f"read DataShop day ({mb:.0f} MB)", mb / float(ours_read), "cat > /dev/null", mb / float(cat_read), 1, "MB/s")
try:
    day = json.load(open(os.path.join(results, "day_peer.json")))
    add(f"a day ({day['contracts']} contracts × {day['snapshots']} snapshots)", 1 / day["ours_seconds"],
        "numpy day engine (numpy_day.py, 1 core)", 1 / day["numpy_seconds"], day["ours_cores"], "days/s")
except (OSError, ValueError, KeyError):
    pass
meta = {"machine": f"{platform.machine()} {os.cpu_count()} cores", "date": datetime.date.today().isoformat()}
json.dump({"meta": meta, "rows": rows}, open(os.path.join(results, "peers.json"), "w"), indent=1)
lines = ["| workload | ours | peer | peer value | ours/peer | cores | unit |", "|---|---|---|---|---|---|---|"]
for r in rows:
    peer_value, ratio = ("–", "–") if r["peer_value"] is None else (f"{r['peer_value']:.4g}", f"{r['ratio']:.2f}×")
    lines.append(f"| {r['workload']} | {r['ours']:.4g} | {r['peer']} | {peer_value} | {ratio} | {r['cores']} | {r['unit']} |")
open(os.path.join(results, "peers.md"), "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
