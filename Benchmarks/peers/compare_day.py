#!/usr/bin/env python3
"""`gex run` against the independent numpy day engine (numpy_day.py), table by table.

  compare_day.py --gex .build-release/release/gex                  # generated defect-free day + real samples
  compare_day.py --gex GEX --day FILE.csv[.gz] ...                  # these DataShop archives only
  compare_day.py --gex GEX --time [--contracts 21000 --interval 600]  # timing JSON: ours vs numpy (whole process)

Default run: a generated defect-free SPX-like day (`gex generate --contracts 1600 --interval 1800`, 13
snapshots), then the committed DataShop sample (data/UnderlyingOptionsIntervals_1800sec_calcs_oi_2021-04-26.csv.gz)
and every `*UnderlyingOptionsIntervals*` file in ../shared/data/real (skipped with a message when absent).
Each is run through `gex run --format csv` and through numpy_day.run in this process, then compared:

  levels     spot, spot source, regime, walls (GEX and OI), counts and squeeze flags exactly; Zero Gamma (every
             root) and the delta-neutral price within 1e-8 × spot; totals within 1e-9 of their scale (GEX:
             |calls| + |puts|; DEX/VEX/CEX/charm: Σ over strikes of |by-strike value|; flows: |linear flow|)
  by_strike  same strikes; every column within 1e-9 × the snapshot's largest |value| of that column
  by_expiry  same settlements, forward source exact, forward and discount within 1e-11 relative,
             exposures as by_strike
  surface    same (settlement, strike) cells; net GEX as by_strike
  profiles   same grid (hypothetical spots within 1e-12 relative); GEX per variant and DEX within 1e-9 × the
             curve's largest |value|

It prints the largest difference per table (as a fraction of its tolerance scale) and exits 1 on any mismatch.
"""
from __future__ import annotations

import argparse
import glob
import json
import math
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import numpy_day  # noqa: E402

TOL = {"root": 1e-8, "total": 1e-9, "table": 1e-9, "forward": 1e-11, "grid": 1e-12}
EXACT_LEVELS = ["spot", "spot_source", "regime", "call_wall", "put_wall", "abs_gamma_strike", "call_oi_wall", "put_oi_wall",
                "contracts", "iv_from_quotes", "iv_smile_filled", "iv_missing", "forwards_from_parity", "forwards_fallback"]


def read_ours(directory: str) -> dict:
    import pyarrow.csv as pacsv
    out = {}
    for name in ("levels", "by_strike", "by_expiry", "surface", "profiles"):
        path = os.path.join(directory, name + ".csv")
        t = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
            column_types={c: "string" for c in ("zero_gammas", "time", "settlement", "expiry", "spot_source", "regime",
                                                "variant", "forward_source", "underlying")},
            strings_can_be_null=False))
        out[name] = {c: t.column(c).to_pylist() for c in t.column_names}
    return out


def num(values) -> np.ndarray:
    return np.array([np.nan if v is None or v == "" else float(v) for v in values], float)


class Report:
    def __init__(self, label: str):
        self.label = label
        self.failures: list[str] = []
        self.failed = 0
        self.worst: dict[str, tuple[float, str]] = {}

    def fail(self, msg: str):
        self.failed += 1
        if len(self.failures) < 12:
            self.failures.append(msg)

    def note(self, table: str, ratio: float, where: str):
        """ratio = |difference| / tolerance-scale (≤ the tolerance passes)."""
        if not math.isfinite(ratio):
            ratio = math.inf
        if table not in self.worst or ratio > self.worst[table][0]:
            self.worst[table] = (ratio, where)


def index(table: dict, keys: tuple) -> dict:
    cols = [table[k] for k in keys]
    return {tuple(c[i] for c in cols): i for i in range(len(cols[0]))} if cols and cols[0] else {}


def compare_tables(ours: dict, peer: dict, rep: Report):
    # ----- levels
    lo, lp = ours["levels"], peer["levels"]
    io, ip = index(lo, ("underlying", "time")), index(lp, ("underlying", "time"))
    if set(io) != set(ip):
        rep.fail(f"levels: snapshots differ: ours {len(io)}, numpy {len(ip)}; only ours {sorted(set(io) - set(ip))[:3]}, "
                 f"only numpy {sorted(set(ip) - set(io))[:3]}")
    # per-snapshot scales from our by-strike table
    bs = ours["by_strike"]
    scale: dict[tuple, dict[str, float]] = {}
    for i in range(len(bs.get("time", []))):
        k = (bs["underlying"][i], bs["time"][i])
        s = scale.setdefault(k, {c: 0.0 for c in ("dex", "vex", "cex", "call_gex", "put_gex", "net_gex", "call_oi", "put_oi")})
        for c in s:
            s[c] = max(s[c], abs(float(bs[c][i])))
    abs_sum: dict[tuple, dict[str, float]] = {}
    for i in range(len(bs.get("time", []))):
        k = (bs["underlying"][i], bs["time"][i])
        s = abs_sum.setdefault(k, {"dex": 0.0, "vex": 0.0, "cex": 0.0})
        for c in s:
            s[c] += abs(float(bs[c][i]))
    flow_cols = [c for c in lo if c.startswith("flow_")]
    for key in sorted(set(io) & set(ip)):
        a, b = io[key], ip[key]
        where = f"{key[0]} {key[1]}"
        spot = float(lo["spot"][a])
        for c in EXACT_LEVELS + [c for c in flow_cols if c.endswith("_squeeze")]:
            va, vb = lo[c][a], lp[c][b]
            same = (va in (None, "") and vb in (None, "")) or (va not in (None, "") and vb not in (None, "") and
                                                              (str(va).lower() == str(vb).lower() or _float_eq(va, vb)))
            if not same:
                rep.fail(f"levels {where}: {c} ours {va!r} numpy {vb!r}")
        # roots
        for c in ("zero_gamma", "delta_neutral"):
            va, vb = lo[c][a], lp[c][b]
            if (va in (None, "")) != (vb is None):
                rep.fail(f"levels {where}: {c} ours {va!r} numpy {vb!r}")
            elif vb is not None:
                d = abs(float(va) - vb) / spot
                rep.note("levels: roots (× spot)", d / TOL["root"], f"{where} {c}")
                if d > TOL["root"]:
                    rep.fail(f"levels {where}: {c} ours {va} numpy {vb} (|Δ| = {d:.2e} × spot)")
        ra = [float(x) for x in (lo["zero_gammas"][a] or "").split(";") if x]
        rb = [float(x) for x in (lp["zero_gammas"][b] or "").split(";") if x]
        if len(ra) != len(rb):
            rep.fail(f"levels {where}: zero_gammas ours {ra} numpy {rb}")
        else:
            for x, y in zip(ra, rb):
                d = abs(x - y) / spot
                rep.note("levels: roots (× spot)", d / TOL["root"], f"{where} zero_gammas")
                if d > TOL["root"]:
                    rep.fail(f"levels {where}: zero_gammas ours {ra} numpy {rb}")
                    break
        # totals
        sc = abs_sum.get(key, {"dex": 0, "vex": 0, "cex": 0})
        gex_scale = abs(float(lo["call_gex"][a])) + abs(float(lo["put_gex"][a]))
        totals = {"net_gex": gex_scale, "call_gex": gex_scale, "put_gex": gex_scale, "gamma_notional": gex_scale,
                  "profile_at_spot": gex_scale, "net_dex": sc["dex"], "net_vex": sc["vex"], "vanna_flow_per_vol_point": sc["vex"],
                  "net_cex": sc["cex"], "charm_flow_to_close": sc["cex"], "charm_flow_0dte_per_hour": sc["cex"] / 24,
                  "gamma_tilt": 1.0}
        for c in flow_cols:
            if c.endswith("_exact") or c.endswith("_linear"):
                totals[c] = abs(float(lo[c.rsplit("_", 1)[0] + "_linear"][a])) + gex_scale * 1e-2
        for c, s in totals.items():
            _close(rep, "levels: totals", f"{where} {c}", float(lo[c][a]), float(lp[c][b]), s, TOL["total"])

    # ----- by_strike
    _compare_keyed(rep, "by_strike", ours["by_strike"], peer["by_strike"], ("underlying", "time", "strike"),
                   ["call_gex", "put_gex", "net_gex", "dex", "vex", "cex", "call_oi", "put_oi"], group=2)
    # ----- by_expiry
    eo, ep = ours["by_expiry"], peer["by_expiry"]
    _compare_keyed(rep, "by_expiry", eo, ep, ("underlying", "time", "settlement"),
                   ["call_gex", "put_gex", "net_gex", "dex", "vex", "cex", "contracts"], group=2,
                   exact=["expiry", "forward_source", "contracts"], relative={"forward": TOL["forward"], "discount": TOL["forward"],
                                                                               "days": 1e-15})
    # ----- surface
    _compare_keyed(rep, "surface", ours["surface"], peer["surface"], ("underlying", "time", "settlement", "strike"),
                   ["net_gex"], group=2, exact=["expiry"])
    # ----- profiles: by row position within (underlying, time, variant)
    po, pp = ours["profiles"], peer["profiles"]
    go, gp = _groups(po, ("underlying", "time", "variant")), _groups(pp, ("underlying", "time", "variant"))
    if set(go) != set(gp):
        rep.fail(f"profiles: curves differ: ours {len(go)}, numpy {len(gp)}")
    for key in sorted(set(go) & set(gp)):
        ra, rb = go[key], gp[key]
        if len(ra) != len(rb):
            rep.fail(f"profiles {key}: {len(ra)} levels vs {len(rb)}")
            continue
        la, lb = num([po["hypothetical_spot"][i] for i in ra]), num([pp["hypothetical_spot"][i] for i in rb])
        d = np.max(np.abs(la - lb) / np.abs(la))
        rep.note("profiles: grid", d / TOL["grid"], str(key))
        if d > TOL["grid"]:
            rep.fail(f"profiles {key}: grid differs by {d:.2e} relative")
        for c in ("gex", "dex") if key[2] == "all" else ("gex",):
            va, vb = num([po[c][i] for i in ra]), num([pp[c][i] for i in rb])
            s = np.max(np.abs(va))
            if s == 0:
                s = 1.0
            diff = np.abs(va - vb)
            j = int(np.nanargmax(diff)) if len(diff) else 0
            ratio = float(np.max(diff)) / s if len(diff) else 0.0
            if not np.all(np.isfinite(vb)):
                rep.fail(f"profiles {key} {c}: numpy has non-finite values")
            rep.note(f"profiles: {c}", ratio / TOL["table"], f"{key} level {j}")
            if ratio > TOL["table"]:
                rep.fail(f"profiles {key} {c}: level {j} ours {va[j]!r} numpy {vb[j]!r} ({ratio:.2e} of the curve's max)")


def _float_eq(a, b):
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return False


def _close(rep, table, where, a, b, scale, tol):
    if not (math.isfinite(a) and math.isfinite(b)):
        if not (a == b or (math.isnan(a) and math.isnan(b))):
            rep.fail(f"{table} {where}: ours {a!r} numpy {b!r}")
        return
    s = scale if scale > 0 else max(abs(a), 1e-300)
    ratio = abs(a - b) / s
    rep.note(table, ratio / tol, where)
    if ratio > tol and abs(a - b) > 0:
        rep.fail(f"{table} {where}: ours {a!r} numpy {b!r} (|Δ| = {ratio:.2e} of scale {s:.4g}, tolerance {tol:g})")


def _groups(table, keys):
    g: dict[tuple, list[int]] = {}
    cols = [table[k] for k in keys]
    for i in range(len(cols[0]) if cols and cols[0] else 0):
        g.setdefault(tuple(c[i] for c in cols), []).append(i)
    return g


def _compare_keyed(rep, name, to, tp, keys, columns, group, exact=(), relative=None):
    relative = relative or {}
    keyed_o = {tuple(_norm(to[k][i]) for k in keys): i for i in range(len(to[keys[0]]))} if to.get(keys[0]) else {}
    keyed_p = {tuple(_norm(tp[k][i]) for k in keys): i for i in range(len(tp[keys[0]]))} if tp.get(keys[0]) else {}
    if set(keyed_o) != set(keyed_p):
        only_o, only_p = sorted(set(keyed_o) - set(keyed_p)), sorted(set(keyed_p) - set(keyed_o))
        rep.fail(f"{name}: rows differ: {len(only_o)} only in ours (e.g. {only_o[:2]}), {len(only_p)} only in numpy (e.g. {only_p[:2]})")
    # scales: per group (underlying, time) the largest |value| of each column in ours
    scale: dict[tuple, dict[str, float]] = {}
    for k, i in keyed_o.items():
        s = scale.setdefault(k[:group], {c: 0.0 for c in columns})
        for c in columns:
            s[c] = max(s[c], abs(float(to[c][i])))
    for k in sorted(set(keyed_o) & set(keyed_p)):
        a, b = keyed_o[k], keyed_p[k]
        where = " ".join(str(x) for x in k)
        for c in exact:
            if str(to[c][a]) != str(tp[c][b]) and not _float_eq(to[c][a], tp[c][b]):
                rep.fail(f"{name} {where}: {c} ours {to[c][a]!r} numpy {tp[c][b]!r}")
        for c in columns:
            _close(rep, name, f"{where} {c}", float(to[c][a]), float(tp[c][b]), scale[k[:group]][c], TOL["table"])
        for c, tol in relative.items():
            va, vb = float(to[c][a]), float(tp[c][b])
            _close(rep, f"{name}: {c}", where, va, vb, abs(va), tol)


def _norm(v):
    if isinstance(v, float) or isinstance(v, np.floating):
        return round(float(v), 6)
    try:
        return round(float(v), 6)
    except (TypeError, ValueError):
        return v


def run_gex(gex: str, archives: list[str], out: str, extra=()):
    cmd = [gex, "run", *archives, "--out", out, "--format", "csv", "--quiet", *extra]
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {r.returncode}: {r.stderr.strip()[:500]}")
    return json.load(open(os.path.join(out, "metadata.json")))


def tilt_call_open_interest(src: str, dst: str, factor: float):
    """A copy of a generated day with every call's open interest × factor (rounded): the generated days are
    short gamma over the whole ±10 % grid, so the tilt is what gives the profile a Zero Gamma root to compare."""
    with open(src) as fin, open(dst, "w") as fout:
        header = fin.readline()
        fout.write(header)
        names = header.strip().split(",")
        it, io = names.index("option_type"), names.index("open_interest")
        for line in fin:
            f = line.rstrip("\n").split(",")
            if f[it] == "C" and f[io]:
                f[io] = str(int(round(float(f[io]) * factor)))
            fout.write(",".join(f) + "\n")


def compare_archive(gex: str, archives: list[str], label: str, work: str, options=()) -> Report:
    """options: gex run flags (--sign, --levels, --range, --wall-band, --wall-max-days), passed to both engines."""
    rep = Report(label)
    out = os.path.join(work, "ours_" + str(abs(hash(label)) % 10**8))
    opts = dict(zip(options[::2], options[1::2]))
    cfg = numpy_day.Config(sign=opts.get("--sign", "classic"), levels=int(opts.get("--levels", 201)),
                           half_width=float(opts.get("--range", 0.1)),
                           wall_band=None if opts.get("--wall-band") == "all" else float(opts.get("--wall-band", 0.1)),
                           wall_max_days=int(opts["--wall-max-days"]) if "--wall-max-days" in opts else None)
    try:
        meta = run_gex(gex, archives, out, options)
        ours = read_ours(out)
    except Exception as e:  # noqa: BLE001
        rep.fail(f"gex run failed: {e}")
        return rep
    t0 = time.perf_counter()
    peer, counts, _ = numpy_day.run(archives, cfg)
    rep.numpy_seconds = time.perf_counter() - t0
    compare_tables(ours, peer, rep)
    ours_counts = {k: v for k, v in meta.get("counts", {}).items() if v}
    peer_counts = {k: v for k, v in counts.items() if v}
    if ours_counts != peer_counts:
        rep.fail(f"counts differ: ours {ours_counts} numpy {peer_counts}")
    rep.counts = ours_counts
    rep.snapshots = len(ours["levels"].get("time", []))
    return rep


def print_report(rep: Report, verbose=False) -> bool:
    ok = not rep.failed
    worst = "; ".join(f"{t} {r:.2g}" + (f" ({w})" if verbose else "") for t, (r, w) in sorted(rep.worst.items()))
    print(f"{'ok  ' if ok else 'FAIL'} {rep.label}: {getattr(rep, 'snapshots', 0)} snapshots; "
          f"largest |Δ| / tolerance — {worst}")
    if getattr(rep, "counts", None):
        print(f"     counts (both): {rep.counts}")
    for f in rep.failures:
        print("     " + f)
    if rep.failed > len(rep.failures):
        print(f"     … {rep.failed - len(rep.failures)} more mismatches")
    return ok


def timing(gex: str, contracts: int, interval: int, work: str, seed: int = 1) -> dict:
    day = os.path.join(work, f"time_{contracts}_{interval}.csv")
    if not os.path.exists(day):
        subprocess.run([gex, "generate", "--contracts", str(contracts), "--interval", str(interval), "--seed", str(seed),
                        "--out", day], check=True, capture_output=True)
    def wall(cmd, env=None):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        return time.perf_counter() - t0
    ours = wall([gex, "run", day, "--out", os.path.join(work, "time_ours"), "--format", "csv", "--quiet"])
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    peer = wall([sys.executable, os.path.join(HERE, "numpy_day.py"), day, "--out", os.path.join(work, "time_numpy"),
                 "--single-thread"], env=env)
    meta = json.load(open(os.path.join(work, "time_ours", "metadata.json")))
    snapshots = sum(u["snapshots"] for u in meta["underlyings"])
    n = sum(u["contracts"] for u in meta["underlyings"])
    return {"ours_seconds": ours, "numpy_seconds": peer, "snapshots": snapshots, "contracts": n,
            "ratio": peer / ours, "ours_cores": os.cpu_count(), "numpy_cores": 1, "bytes": os.path.getsize(day)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gex", required=True)
    ap.add_argument("--day", nargs="*", help="DataShop archives to compare (default: generated day + real samples)")
    ap.add_argument("--contracts", type=int, default=None)
    ap.add_argument("--interval", type=int, default=None)
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--time", action="store_true", help="timing mode: print JSON {ours_seconds, numpy_seconds, …}")
    ap.add_argument("--verbose", action="store_true", help="also print where each largest difference is")
    ap.add_argument("--work", help="keep work files here (default: a temporary directory)")
    a = ap.parse_args()
    gex = os.path.abspath(a.gex)
    with tempfile.TemporaryDirectory(prefix="compare_day_") as tmp:
        work = a.work or tmp
        os.makedirs(work, exist_ok=True)
        if a.time:
            print(json.dumps(timing(gex, a.contracts or 21000, a.interval or 600, work, seed=1)))
            return 0
        jobs = []
        if a.day:
            jobs = [([p], os.path.basename(p), ()) for p in a.day]
        else:
            day = os.path.join(work, "generated.csv")
            contracts, interval = a.contracts or 1600, a.interval or 1800
            subprocess.run([gex, "generate", "--contracts", str(contracts), "--interval", str(interval), "--seed", str(a.seed),
                            "--out", day], check=True, capture_output=True)
            tilted = os.path.join(work, "generated_tilted.csv")
            tilt_call_open_interest(day, tilted, 1.4)
            what = f"gex generate --contracts {contracts} --interval {interval} --seed {a.seed}"
            jobs.append(([day], f"generated day ({what})", ()))
            jobs.append(([tilted], f"generated day, call OI x 1.4 (Zero Gamma roots)", ()))
            jobs.append(([tilted], f"generated day, call OI x 1.4, --sign customers-long --wall-band 0.05 --wall-max-days 30 "
                                   f"--levels 101 --range 0.2",
                         ("--sign", "customers-long", "--wall-band", "0.05", "--wall-max-days", "30", "--levels", "101",
                          "--range", "0.2")))
            sample = os.path.join(ROOT, "data", "UnderlyingOptionsIntervals_1800sec_calcs_oi_2021-04-26.csv.gz")
            if os.path.exists(sample):
                jobs.append(([sample], os.path.relpath(sample, ROOT), ()))
            real = sorted(glob.glob(os.path.join(ROOT, "..", "shared", "data", "real", "*UnderlyingOptionsIntervals*")))
            if not real:
                print("skip: ../shared/data/real has no DataShop samples (absent)")
            for p in real:
                jobs.append(([p], os.path.relpath(os.path.abspath(p), os.path.dirname(ROOT)), ()))
        failed = 0
        for archives, label, options in jobs:
            failed += not print_report(compare_archive(gex, archives, label, work, options), a.verbose)
        print(f"day peer: {len(jobs) - failed} passed, {failed} failed")
        return 1 if failed or not jobs else 0


if __name__ == "__main__":
    sys.exit(main())
