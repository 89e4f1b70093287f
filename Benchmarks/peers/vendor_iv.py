#!/usr/bin/env python3
"""Our-convention implied volatility vs the DataShop calcs file's own `implied_volatility` (issue #6).

Computes, per (contract, snapshot), the IV that `gex run` computes (mid quote, Black-76 on the per-expiry
put-call-parity forward F and discount D, T = exact seconds to settlement / (365 × 86,400), quote filter
0 < bid ≤ ask and spread ≤ 0.2 or ≤ 0.5 × mid), using the functions of `numpy_day.py` (the independent numpy
implementation of `gex run`), joins the vendor's `implied_volatility`, and prints:

  1. the distribution of ours − vendor (all rows, then by underlying × call/put × log(K/F) bucket ×
     relative-spread bucket);
  2. diagnostics that test why they differ: the vendor's underlying (`implied_underlying_price`,
     `active_underlying_price`) and rate, our parity forward vs theirs and vs the spot, time convention,
     American exercise (CRR tree) for the equity, zero-bid and wide quotes, placeholder IVs, bid/ask/last
     trade as the priced input, and stale calcs (vendor values repeated while the quote moved).

Usage:
  python Benchmarks/peers/vendor_iv.py [CALCS_CSV(.gz)] [--csv OUT.csv]

Needs numpy, scipy and pyarrow (the Benchmarks/.venv); no pandas.
"""
from __future__ import annotations

import argparse
import math
import os
import sys
from datetime import datetime

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy_day as nd  # noqa: E402

DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "data",
                       "UnderlyingOptionsIntervals_1800sec_calcs_oi_2021-04-26.csv.gz")
AMER_RATE = 0.001  # ~ the 2021-04 short T-bill rate; with r = 0 and q = 0 an American put/call is European
PLACEHOLDER = 0.02  # the vendor's IV floor/placeholder (deep ITM, price below their intrinsic)


# ---------------------------------------------------------------------------------------------
# Ours: per (contract, snapshot) IV exactly as `gex run` (via numpy_day), before any smile fill


def our_rows(path: str, cfg: nd.Config) -> dict:
    stores = nd.read_datashop([path])
    out = {k: [] for k in ("und", "time", "root", "exp_days", "strike_milli", "is_call", "bid", "ask", "F", "D",
                           "fsource", "T", "spot", "iv", "status", "usable", "reason")}
    for store in stores:
        passes = nd.forward_pass(store, cfg)
        for t, (spot, _source, fwd) in enumerate(passes):
            now = int(store.times[t])
            live = np.nonzero(store.present[t] & (store.settlement > now))[0]
            settle = store.settlement[live]
            F = np.array([fwd[int(s)].forward for s in settle])
            D = np.array([fwd[int(s)].discount for s in settle])
            src = [fwd[int(s)].source for s in settle]
            K = store.strike[live]
            is_call = store.is_call[live]
            T = (settle - now) / nd.SECONDS_PER_YEAR
            bid, ask = store.bid[t, live], store.ask[t, live]
            with np.errstate(invalid="ignore"):
                no_quote = ~(np.isfinite(bid) & np.isfinite(ask) & (ask >= bid))
                zero_bid = ~no_quote & ~(bid > 0)
                spread, mid = ask - bid, 0.5 * (bid + ask)
                too_wide = (~no_quote & ~zero_bid & (spread > cfg.always_accepted_spread)
                            & (spread > cfg.max_relative_spread * mid))
            usable = ~(no_quote | zero_bid | too_wide)
            reason = np.where(no_quote, "no-quote", np.where(zero_bid, "zero-bid", np.where(too_wide, "too-wide", "ok")))
            iv = np.full(len(live), np.nan)
            status = np.full(len(live), "filtered", dtype=object)
            u = np.nonzero(usable)[0]
            if len(u):
                iv[u], status[u] = nd.implied_volatility(mid[u] / D[u], F[u], K[u], T[u], is_call[u])
            n = len(live)
            out["und"] += [store.underlying] * n
            out["time"].append(np.full(n, now))
            out["root"] += list(store.root[live])
            out["exp_days"].append(store.expiry[live].astype(np.int64))
            out["strike_milli"].append(store.strike_milli[live])
            for k, v in (("is_call", is_call), ("bid", bid), ("ask", ask), ("F", F), ("D", D), ("T", T),
                         ("spot", np.full(n, spot)), ("iv", iv), ("status", status), ("usable", usable),
                         ("reason", reason)):
                out[k].append(v)
            out["fsource"] += src
    res = {}
    for k, v in out.items():
        res[k] = np.array(v, dtype=object) if k in ("und", "root", "fsource") else np.concatenate(v)
    return res


# ---------------------------------------------------------------------------------------------
# The vendor columns


def vendor_rows(path: str) -> dict:
    names = nd._read_header(path)
    strs = ("underlying_symbol", "quote_datetime", "root", "expiration", "option_type")
    nums = ("strike", "bid", "ask", "close", "trade_volume", "implied_underlying_price", "active_underlying_price",
            "implied_volatility", "delta", "underlying_bid", "underlying_ask")
    types = {c: pa.string() for c in strs} | {c: pa.float64() for c in nums}
    tab = pacsv.read_csv(path, read_options=pacsv.ReadOptions(column_names=names, skip_rows=1),
                         convert_options=pacsv.ConvertOptions(column_types=types, include_columns=list(types)))
    v = {c: np.array(tab.column(c).to_pylist(), dtype=object) for c in strs}
    v |= {c: tab.column(c).to_numpy().astype(float) for c in nums}
    tcache, ecache = {}, {}

    def epoch(s):
        if s not in tcache:
            tcache[s] = int(datetime.strptime(s, "%Y-%m-%d %H:%M:%S").replace(tzinfo=nd.ET).timestamp())
        return tcache[s]

    def days(s):
        if s not in ecache:
            ecache[s] = int(np.datetime64(s, "D").astype(np.int64))
        return ecache[s]

    v["time"] = np.array([epoch(s) for s in v["quote_datetime"]], np.int64)
    v["exp_days"] = np.array([days(s) for s in v["expiration"]], np.int64)
    v["strike_milli"] = np.floor(v["strike"] * 1000 + 0.5).astype(np.int64)
    v["is_call"] = np.array([s.upper() == "C" for s in v["option_type"]])
    return v


def join(ours: dict, ven: dict) -> dict:
    index = {}
    for i in range(len(ven["time"])):
        key = (ven["underlying_symbol"][i], int(ven["time"][i]), ven["root"][i].strip().upper(), int(ven["exp_days"][i]),
               int(ven["strike_milli"][i]), bool(ven["is_call"][i]))
        index.setdefault(key, i)
    pos = np.array([index.get((ours["und"][j], int(ours["time"][j]), ours["root"][j], int(ours["exp_days"][j]),
                               int(ours["strike_milli"][j]), bool(ours["is_call"][j])), -1)
                    for j in range(len(ours["time"]))])
    assert (pos >= 0).all(), "unmatched rows"
    rows = dict(ours)
    for c in ("implied_underlying_price", "active_underlying_price", "implied_volatility", "delta", "close",
              "trade_volume", "quote_datetime", "underlying_bid", "underlying_ask"):
        rows["v_" + c] = ven[c][pos]
    rows["K"] = rows["strike_milli"] / 1000.0
    return rows


# ---------------------------------------------------------------------------------------------
# Helpers


def iv76(price, F, K, T, is_call, D=1.0):
    """Black-76 IV of a (discounted) price with forward F and discount D (numpy_day's solver)."""
    price, F, K, T = (np.asarray(a, float) for a in (price, F, K, T))
    D = np.broadcast_to(np.asarray(D, float), price.shape)
    sig, _ = nd.implied_volatility(price / D, F, K, T, is_call)
    return sig


def bs_price(S, K, T, sigma, r, q, is_call):
    with np.errstate(all="ignore"):
        v = sigma * np.sqrt(T)
        F = S * np.exp((r - q) * T)
        d1 = np.log(F / K) / v + 0.5 * v
        d2 = d1 - v
        w = np.where(is_call, 1.0, -1.0)
        return np.exp(-r * T) * w * (F * nd.ndtr(w * d1) - K * nd.ndtr(w * d2))


def crr_american(S, K, T, sigma, r, is_call, steps=150, american=True):
    """CRR binomial American (or, american=False, European) price, vectorised over options (q = 0)."""
    S, K, T, sigma = (np.asarray(a, float) for a in (S, K, T, sigma))
    dt = T / steps
    u = np.exp(sigma * np.sqrt(dt))
    d = 1 / u
    disc = np.exp(-r * dt)
    p = (np.exp(r * dt) - d) / (u - d)
    w = np.where(is_call, 1.0, -1.0)
    j = np.arange(steps + 1)
    ST = S[:, None] * u[:, None] ** (steps - 2 * j[None, :])
    V = np.maximum(w[:, None] * (ST - K[:, None]), 0.0)
    for n in range(steps - 1, -1, -1):
        V = disc[:, None] * (p[:, None] * V[:, :n + 1] + (1 - p[:, None]) * V[:, 1:n + 2])
        ST = S[:, None] * u[:, None] ** (n - 2 * np.arange(n + 1)[None, :])
        if american:
            V = np.maximum(V, w[:, None] * (ST - K[:, None]))
    return V[:, 0]


def iv_american(price, S, K, T, r, is_call, steps=100, iters=30):
    lo = np.full(len(price), 1e-3)
    hi = np.full(len(price), 5.0)
    ok = (crr_american(S, K, T, lo, r, is_call, steps) <= price) & (crr_american(S, K, T, hi, r, is_call, steps) >= price)
    for _ in range(iters):
        midv = 0.5 * (lo + hi)
        high = crr_american(S, K, T, midv, r, is_call, steps) > price
        hi = np.where(high, midv, hi)
        lo = np.where(high, lo, midv)
    return np.where(ok, 0.5 * (lo + hi), np.nan)


def q(x, ps=(5, 25, 50, 75, 95)):
    x = x[np.isfinite(x)]
    return [float(np.percentile(x, p)) for p in ps] if len(x) else [math.nan] * len(ps)


def summary(x):
    x = np.asarray(x, float)
    x = x[np.isfinite(x)]
    if not len(x):
        return "n 0"
    p = q(x)
    return (f"n {len(x):5d}  p05 {p[0]:+8.4f}  p25 {p[1]:+8.4f}  med {p[2]:+8.4f}  p75 {p[3]:+8.4f}  p95 {p[4]:+8.4f}  "
            f"max|.| {np.abs(x).max():7.3f}  |.|<0.005 {np.mean(np.abs(x) < 0.005):5.1%}")


def match_line(label, mine, vendor, mask):
    d = mine[mask] - vendor[mask]
    ok = np.isfinite(d)
    if not ok.any():
        return f"  {label:58s} n 0"
    a = np.abs(d[ok])
    return (f"  {label:58s} n {ok.sum():5d}/{mask.sum():5d}  med {np.median(d[ok]):+.4f}  med|.| {np.median(a):.4f}  "
            f"p90|.| {np.percentile(a, 90):.4f}  ≤0.0005 {np.mean(a <= 0.0005):5.1%}  ≤0.005 {np.mean(a <= 0.005):5.1%}")


MONEY = [(-np.inf, -0.2, "k<-0.2"), (-0.2, -0.05, "-0.2..-0.05"), (-0.05, 0.05, "±0.05"), (0.05, 0.2, "0.05..0.2"),
         (0.2, np.inf, "k>0.2")]
SPREAD = [(-np.inf, 0.05, "spr≤5%"), (0.05, 0.2, "5-20%"), (0.2, 0.5, "20-50%"), (0.5, np.inf, ">50%")]


def bucket(x, edges):
    out = np.full(len(x), "", dtype=object)
    for lo, hi, name in edges:
        out[(x >= lo) & (x < hi)] = name
    return out


# ---------------------------------------------------------------------------------------------


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("path", nargs="?", default=DEFAULT)
    ap.add_argument("--csv", help="write the joined per-row table here")
    ap.add_argument("--steps", type=int, default=100, help="CRR steps for the American test")
    a = ap.parse_args(argv)
    cfg = nd.Config()
    r = join(our_rows(a.path, cfg), vendor_rows(a.path))
    n = len(r["iv"])
    und, is_call, K, T = r["und"], r["is_call"], r["K"], r["T"]
    bid, ask = r["bid"], r["ask"]
    mid = 0.5 * (bid + ask)
    viv = r["v_implied_volatility"]
    vF = r["v_implied_underlying_price"]
    vS = r["v_active_underlying_price"]
    diff = r["iv"] - viv
    k = np.log(K / r["F"])
    with np.errstate(invalid="ignore", divide="ignore"):
        rel = (ask - bid) / mid
    placeholder = np.isclose(viv, PLACEHOLDER)
    both = np.isfinite(diff)
    U = sorted(set(und))
    print(f"vendor_iv: {n} (contract, snapshot) rows; our IV for {np.isfinite(r['iv']).sum()} "
          f"(filtered: {dict(zip(*np.unique(r['reason'][~r['usable']], return_counts=True)))}; "
          f"solver status ≠ ok: {dict(zip(*np.unique(r['status'][r['usable'] & ~np.isfinite(r['iv'])], return_counts=True)))})")
    print(f"vendor IV placeholder {PLACEHOLDER}: {placeholder.sum()} rows ({placeholder[both].sum()} where we have an IV)")
    print("\n== 1. ours − vendor, all rows with both IVs")
    print("  all      ", summary(diff))
    for u in U:
        print(f"  {u:9s}", summary(diff[und == u]))
    print("  excluding vendor placeholder 0.02:", summary(diff[~placeholder]))

    print("\n== 2. ours − vendor by underlying × right × log(K/F) (our F) × relative spread")
    mb, sb = bucket(k, MONEY), bucket(rel, SPREAD)
    print(f"  {'und':5s} {'rt':2s} {'log(K/F)':12s} {'spread':7s} {'n':>5s} {'median':>8s} {'p05':>8s} {'p95':>8s} "
          f"{'our σ':>6s} {'vend σ':>6s} {'vend=0.02':>9s}")
    for u in U:
        for right, cm in (("C", is_call), ("P", ~is_call)):
            for _, _, mname in MONEY:
                for sname in [""] + [s[2] for s in SPREAD]:
                    m = both & (und == u) & cm & (mb == mname)
                    if sname:
                        m &= sb == sname
                    if m.sum() == 0:
                        continue
                    p = q(diff[m])
                    tag = sname or "(all)"
                    print(f"  {u:5s} {right:2s} {mname:12s} {tag:7s} {m.sum():5d} {p[2]:+8.4f} {p[0]:+8.4f} {p[4]:+8.4f} "
                          f"{np.median(r['iv'][m]):6.3f} {np.median(viv[m]):6.3f} {placeholder[m].sum():9d}")

    print("\n== 3. Hypothesis (1): recompute IV from OUR mid with THEIR underlying / rate / time "
          "(same filtered rows, vendor ≠ 0.02)")
    clean = r["usable"] & ~placeholder & (viv > 0)
    days_T = (r["exp_days"] - (r["time"] - 5 * 3600) // 86400) / 365.0  # whole calendar days / 365
    for u in U:
        m = clean & (und == u)
        print(f" {u}:")
        print(match_line("ours (parity F, D; exact T)", r["iv"], viv, m))
        print(match_line("Black-Scholes S = active_underlying_price, r = q = 0", iv76(mid, vS, K, T, is_call), viv, m))
        print(match_line("Black-76 F = implied_underlying_price, D = 1 (r = 0)", iv76(mid, vF, K, T, is_call), viv, m))
        print(match_line("Black-76 F = implied_underlying_price, our D", iv76(mid, vF, K, T, is_call, r["D"]), viv, m))
        print(match_line("Black-76 F = our parity F, D = 1", iv76(mid, r["F"], K, T, is_call), viv, m))
        print(match_line("Black-76 F = implied_underlying_price, D=1, T = days/365",
                         iv76(mid, vF, K, days_T, is_call), viv, m))
        best = None
        for rate in (0.0, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.045):
            s = iv76(mid, vF, K, T, is_call, np.exp(-rate * T))
            d = np.abs(s[m] - viv[m])
            med = np.nanmedian(d)
            if best is None or med < best[1]:
                best = (rate, med)
        print(f"  {'rate scan, F = implied_underlying_price: best r':58s} r = {best[0]:.4f} (med|.| {best[1]:.5f})")
        if u == "A":
            # BS on the spot with the implied forward folded into a carry: F = implied_underlying_price·e^{rT}
            for rate in (0.0, 0.001):
                s = iv76(mid, vF * np.exp(rate * T), K, T, is_call, np.exp(-rate * T))
                print(match_line(f"BS S = implied_underlying_price, r = {rate}, q = 0", s, viv, m))

    print("\n== 4. Hypothesis (2): forwards per expiry (median over snapshots): ours vs implied_underlying_price vs spot")
    for u in U:
        print(f" {u}:")
        mu = und == u
        for e in np.unique(r["exp_days"][mu]):
            me = mu & (r["exp_days"] == e)
            src = r["fsource"][me]
            vals, cnt = np.unique(src, return_counts=True)
            Fo, Fv, S = np.median(r["F"][me]), np.median(vF[me]), np.median(r["spot"][me])
            de = both & me & ~placeholder
            print(f"  {str(np.datetime64(int(e), 'D'))}  T {np.median(T[me]) * 365:6.1f} d  ours F {Fo:9.4f}  "
                  f"implied_underlying {Fv:9.4f}  (ours−theirs {Fo - Fv:+.4f})  spot {S:8.3f}  F/S {Fo / S:6.4f}  "
                  f"r_impl {-np.log(np.median(r['D'][me])) / np.median(T[me]):+.4f}  "
                  f"src {vals[np.argmax(cnt)]}  iv diff med {np.median(diff[de]) if de.any() else math.nan:+.4f}")
    mv = clean & (und == "^VIX")
    if mv.any():
        print("  VIX IV on the spot index instead of the forward (what a spot-based engine would show):")
        print(match_line("Black-76 F = VIX spot, D = 1 vs vendor", iv76(mid, r["spot"], K, T, is_call), viv, mv))
        print(match_line("Black-76 F = VIX spot, D = 1 vs ours", iv76(mid, r["spot"], K, T, is_call), r["iv"], mv))

    print("\n== 5. Hypothesis (3): A — American exercise and dividends")
    ma = (und == "A") & clean
    idx = np.nonzero(ma)[0]
    if len(idx):
        amer = np.full(n, np.nan)
        amer[idx] = iv_american(mid[idx], vF[idx], K[idx], T[idx], AMER_RATE, is_call[idx], a.steps)
        for label, mm in (("all A", ma), ("A calls", ma & is_call), ("A puts", ma & ~is_call),
                          ("A puts K/F > 1.05 (ITM)", ma & ~is_call & (K / vF > 1.05)),
                          ("A puts K/F > 1.2 (deep ITM)", ma & ~is_call & (K / vF > 1.2))):
            print(match_line(f"European B76 F = implied_underlying, r=0 | {label}", iv76(mid, vF, K, T, is_call), viv, mm))
            print(match_line(f"American CRR S = implied_und, r={AMER_RATE} | {label}", amer, viv, mm))
        pe = ma & ~is_call & (K / r["F"] > 1.05)
        pi = np.nonzero(pe)[0]
        eu = crr_american(vF[pi], K[pi], T[pi], viv[pi], AMER_RATE, is_call[pi], a.steps, american=False)
        am = crr_american(vF[pi], K[pi], T[pi], viv[pi], AMER_RATE, is_call[pi], a.steps)
        print(f"  ITM puts (K/F > 1.05, n {len(pi)}): early-exercise premium (same tree, American − European) at the vendor IV, r = {AMER_RATE}: "
              f"median {np.median(am - eu):.4f}, p95 {np.percentile(am - eu, 95):.4f} (price units; "
              f"median half-spread {np.median(0.5 * (ask[pi] - bid[pi])):.4f})")
        Fo = r["F"][und == "A"]
        So = r["spot"][und == "A"]
        To = T[und == "A"]
        print(f"  our parity forwards vs spot: ln(F/S)/T median {np.median(np.log(Fo / So) / To):+.4f} "
              f"(= r − q implied by parity); implied_underlying/spot − 1 median "
              f"{np.median(vF[und == 'A'] / So - 1):+.5f}")

    print("\n== 6. Hypothesis (4): wide and zero-bid quotes")
    for u in U:
        mu = und == u
        zb = mu & (bid == 0) & (ask > 0)
        wide = mu & ~r["usable"] & (r["reason"] == "too-wide")
        print(f"  {u}: zero-bid rows {zb.sum()} (vendor IV given for {np.isfinite(viv[zb]).sum()}, median "
              f"{np.nanmedian(viv[zb]) if zb.any() else math.nan:.3f}); our filter drops them.  too-wide rows {wide.sum()}")
        if zb.any():
            s = iv76(0.5 * ask, vF, K, T, is_call)
            print(match_line("zero-bid: B76 on half the ask (their mid), F = implied_und", s, viv, zb & ~placeholder))
        for lo, hi, name in SPREAD:
            m = both & mu & (rel >= lo) & (rel < hi) & ~placeholder
            if m.any():
                print(f"    spread {name:7s} n {m.sum():5d}  median|ours−vendor| {np.median(np.abs(diff[m])):.4f}")

    print("\n== 7. Hypothesis (5): which price did the vendor invert? (F = implied_underlying_price, r = 0, vendor ≠ 0.02)")
    for u in U:
        m = (und == u) & ~placeholder & (bid > 0) & (ask >= bid)
        print(f" {u}:")
        print(match_line("mid", iv76(mid, vF, K, T, is_call), viv, m))
        print(match_line("bid", iv76(bid, vF, K, T, is_call), viv, m))
        print(match_line("ask", iv76(ask, vF, K, T, is_call), viv, m))
        traded = m & (r["v_close"] > 0)
        print(match_line("last trade (close > 0 rows only)", iv76(r["v_close"], vF, K, T, is_call), viv, traded))
        print(match_line("mid (same traded rows)", iv76(mid, vF, K, T, is_call), viv, traded))
        # placeholders: where does 0.02 appear?
        pm = (und == u) & placeholder
        if pm.any():
            w = np.where(is_call, 1.0, -1.0)
            intrinsic = np.maximum(w * (vF - K), 0)
            print(f"  placeholder 0.02 rows {pm.sum()}: ITM {np.mean(w[pm] * (vF[pm] - K[pm]) > 0):.1%}, "
                  f"mid ≤ intrinsic on their F {np.mean(mid[pm] <= intrinsic[pm] + 1e-9):.1%}, "
                  f"ours − 0.02 median {np.nanmedian(diff[pm]):+.4f} (n {np.isfinite(diff[pm]).sum()})")
    # stale calcs: vendor values identical across consecutive snapshots although the option quote moved
    key = np.array([f"{a}|{b}|{c}|{d}|{e}" for a, b, c, d, e in zip(und, r["root"], r["exp_days"], r["strike_milli"], is_call)])
    order = np.lexsort((r["time"], key))
    ks, ivs, bs, as_, sp = key[order], viv[order], bid[order], ask[order], r["spot"][order]
    same = ks[1:] == ks[:-1]
    ivsame = same & (ivs[1:] == ivs[:-1])
    qmove = same & ((bs[1:] != bs[:-1]) | (as_[1:] != as_[:-1]))
    smove = same & (sp[1:] != sp[:-1])
    print(f"  consecutive snapshots of a contract: {same.sum()}; vendor IV unchanged {ivsame.sum()} "
          f"({ivsame.sum() / same.sum():.1%}); of those the option quote moved in {(ivsame & qmove).sum()}, "
          f"the spot moved in {(ivsame & smove).sum()} (IV held while the spot moved: stale calcs keyed to the option quote)")

    if a.csv:
        cols = {"underlying": und, "quote_datetime": r["v_quote_datetime"], "root": r["root"],
                "expiry": np.array([str(np.datetime64(int(e), "D")) for e in r["exp_days"]]), "strike": K,
                "right": np.where(is_call, "C", "P"), "bid": bid, "ask": ask, "T": T, "F": r["F"], "D": r["D"],
                "forward_source": r["fsource"], "log_k_f": k, "rel_spread": rel, "our_iv": r["iv"],
                "vendor_iv": viv, "diff": diff, "implied_underlying_price": vF, "active_underlying_price": vS}
        pacsv.write_csv(pa.table({c: pa.array(list(v) if v.dtype == object else v) for c, v in cols.items()}), a.csv)
        print(f"\nwrote {a.csv}")


if __name__ == "__main__":
    main()
