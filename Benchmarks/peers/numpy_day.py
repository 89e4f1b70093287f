#!/usr/bin/env python3
"""An independent numpy implementation of the day engine (`gex run`), for tests and timing.

Reads Cboe DataShop Option Quote Intervals CSVs (plain or .gz) and computes, for every snapshot of
every underlying, what `gex run ARCHIVE --out DIR` writes: the tables `levels`, `by_strike`,
`by_expiry`, `surface` and `profiles`, with the same column names and units, so that a comparer can
join them (`compare_day.py`).

Written from the documented method (shared/docs/domain.md, the README, the `metadata.json` that
`gex run` writes); the Swift sources were read only for the conventions. Everything is vectorised
numpy; scipy supplies `ndtr` (the normal CDF, accurate in the tails) and `brentq` (root refinement).
It is not a transliteration: forwards by `numpy.linalg.lstsq` (SVD, not QR), implied volatility by a
bracketed Newton iteration on the log of the normalised Black-76 price (not Let's Be Rational),
greeks in Black-76 form on the forward, the profile as dense level × contract tiles times a
membership matrix, roots by Brent's method to 1e-12 × spot (ours: Illinois to 1e-9 × spot).

Conventions reproduced (the defaults of `gex run`; see README.md in this folder for the details):
- contracts keyed by (root, expiry, strike × 1000, right); settlement 09:30 ET for the roots SPX,
  NDX, RUT, VIX, VIXW, DJX, else the close (16:00 ET, 13:00 on early-close days); rows of contracts
  settled at the quote time are dropped; a crossed quote (bid > ask) keeps the row without a quote;
  the first row of a (contract, time) is kept; open interest is the first non-empty value;
  spot per snapshot = mid of underlying bid/ask when both > 0 and ask ≥ bid, else
  active_underlying_price when > 0 (first such row of the snapshot);
- T = whole seconds to the settlement instant / (365 × 86,400);
- forwards per settlement instant: least squares C − P = D·(F − K) over two-sided pairs within
  ±10 % of spot (nearest 40), robust (drop |residual| > max(4 × 1.4826 × MAD, widest pair
  half-spread), refit, at most 4 fits), accepted when 0.5 < D ≤ 1.05 and 0.5 S < F < 2 S — with D
  replaced by e^{−rT} (r = 0.045) and F = mean(C − P)/D + mean(K) when −ln(D)/T ∉ [−5 %, 25 %]; else the
  previous snapshot's parity estimate of that expiry, else r = 0.045, q = 0.013;
- quote filter: 0 < bid ≤ ask, spread ≤ 0.2 or ≤ 0.5 × mid; IV of mid / D on F (Black-76);
- smile fill per expiry: σ(k) = a + b k + c k² (k = ln K/F) by least squares over out-of-the-money
  IVs (puts K < F, calls K ≥ F; all IVs if none), k clamped to the fitted range, floor 0.01;
  without any IV in the expiry, σ = 0 (gamma 0);
- positions classic (+call −put; --sign for the other presets) × OI × 100;
- GEX = w·Γ·S²·0.01, DEX = w·Δ·S, VEX = w·vanna·S·0.01, CEX = w·charm/365·S with each expiry's r and q
  implied by its F and D (r = −ln D / T, q = r − ln(F/S)/T);
- profile over numpy.linspace(0.9 S, 1.1 S, 201), variants all, ex-next-expiry, ex-next-monthly
  (third Friday), 0dte, and calendar-days-to-expiry buckets 1–7, 8–30, 31–90, 91+ (GEX and DEX each); every sign change of the 'all' profile refined on the repriced profile;
  walls within ±10 % of spot (ties: lower strike); flows for ±0.25/0.5/1/2 %.

Usage:
  numpy_day.py ARCHIVE... --out DIR          # writes DIR/{levels,by_strike,by_expiry,surface,profiles}.csv
  numpy_day.py ARCHIVE... --out DIR --sign customers-long --levels 201 --range 0.1 --wall-band 0.1
"""
from __future__ import annotations

import argparse
import gzip
import math
import os
import sys
import time as _time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import numpy as np
from scipy.optimize import brentq
from scipy.special import ndtr

ET = ZoneInfo("America/New_York")
SECONDS_PER_YEAR = 365 * 86_400
AM_ROOTS = {"SPX", "NDX", "RUT", "VIX", "VIXW", "DJX"}
EPS = np.finfo(float).eps
INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)
VARIANTS = ("all", "ex-next-expiry", "ex-next-monthly", "0dte", "dte-1-7", "dte-8-30", "dte-31-90", "dte-91-plus")
SIGNS = {"classic": (1.0, -1.0), "customers-long": (-1.0, 1.0), "short-both": (-1.0, -1.0)}


@dataclass
class Config:
    sign: str = "classic"
    levels: int = 201
    half_width: float = 0.10
    wall_band: float | None = 0.10
    wall_max_days: int | None = None
    fallback_rate: float = 0.045
    plausible_rate_low: float = -0.05
    plausible_rate_high: float = 0.25
    fallback_dividend_yield: float = 0.013
    max_relative_spread: float = 0.5
    always_accepted_spread: float = 0.2
    forward_band: float = 0.10
    forward_max_pairs: int = 40
    forward_min_pairs: int = 3
    forward_outlier: float = 4.0
    flow_moves: tuple = (-0.02, -0.01, -0.005, -0.0025, 0.0025, 0.005, 0.01, 0.02)
    root_xtol: float = 1e-12  # × spot


# ---------------------------------------------------------------------------------------------
# Calendar


def _early_close(d: date) -> bool:
    """13:00 ET closes: July 3 and December 24 on Mon–Thu, the day after Thanksgiving."""
    wd = d.weekday()  # 0 = Monday
    if d.month == 7 and d.day == 3 and wd <= 3:
        return True
    if d.month == 12 and d.day == 24 and wd <= 3:
        return True
    if d.month == 11 and wd == 4:
        first = date(d.year, 11, 1)
        thanksgiving = first + timedelta(days=(3 - first.weekday()) % 7 + 21)
        return d == thanksgiving + timedelta(days=1)
    return False


def close_hour(d: date) -> int:
    return 13 if _early_close(d) else 16


def et_epoch(d: date, hour: int, minute: int = 0, second: int = 0) -> int:
    return int(datetime(d.year, d.month, d.day, hour, minute, second, tzinfo=ET).timestamp())


def settlement_epoch(root: str, expiry: date) -> int:
    if root in AM_ROOTS:
        return et_epoch(expiry, 9, 30)
    return et_epoch(expiry, close_hour(expiry))


def et_date(epoch: int) -> date:
    return datetime.fromtimestamp(int(epoch), tz=ET).date()


def iso_utc(epoch: int) -> str:
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def is_third_friday(d: date) -> bool:
    return d.weekday() == 4 and 15 <= d.day <= 21


# ---------------------------------------------------------------------------------------------
# Reading


@dataclass
class DayStore:
    """One underlying's day: contracts sorted by (expiry, root, strike, call before put), times sorted,
    snapshot-major quote grids (NaN where there is no row or no usable quote)."""
    underlying: str
    root: np.ndarray          # str per contract
    expiry: np.ndarray        # datetime64[D]
    strike_milli: np.ndarray  # int64
    is_call: np.ndarray       # bool
    settlement: np.ndarray    # int64 epoch seconds
    open_interest: np.ndarray  # float (NaN when never given)
    times: np.ndarray         # int64 epoch seconds, ascending
    present: np.ndarray       # bool [T, N]: a row exists
    bid: np.ndarray           # float [T, N]
    ask: np.ndarray           # float [T, N]
    spot: np.ndarray          # float [T]
    spot_source: list         # str [T]
    defects: dict = field(default_factory=dict)

    @property
    def strike(self) -> np.ndarray:
        return self.strike_milli / 1000.0


def _read_header(path: str) -> list[str]:
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", newline="") as f:
        return [h.strip().lower() for h in f.readline().rstrip("\r\n").split(",")]


def _column(table, name, numeric=True):
    import pyarrow.compute as pc
    if name not in table.column_names:
        return None
    col = table.column(name)
    if numeric:
        return pc.cast(col, "float64").to_numpy(zero_copy_only=False).astype(float)
    return col


def read_datashop(paths: list[str], use_threads: bool = True) -> list[DayStore]:
    """Reads DataShop CSVs into one DayStore per underlying symbol (symbol order)."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    parts = []
    for path in paths:
        names = _read_header(path)
        time_name = "quote_datetime" if "quote_datetime" in names else "quote_date"
        wanted = ["underlying_symbol", time_name, "root", "expiration", "strike", "option_type", "bid", "ask",
                  "underlying_bid", "underlying_ask", "active_underlying_price", "open_interest"]
        include = [c for c in wanted if c in names]
        types = {c: pa.float64() for c in ("strike", "bid", "ask", "underlying_bid", "underlying_ask",
                                           "active_underlying_price", "open_interest") if c in names}
        for c in ("underlying_symbol", time_name, "root", "expiration", "option_type"):
            types[c] = pa.string()
        table = pacsv.read_csv(path, read_options=pacsv.ReadOptions(column_names=names, skip_rows=1, use_threads=use_threads),
                               convert_options=pacsv.ConvertOptions(column_types=types, include_columns=include))
        if time_name != "quote_datetime":
            table = table.append_column("quote_datetime", pc.binary_join_element_wise(table.column(time_name), "15:45:00", " "))
        parts.append(table)
    n_total = sum(t.num_rows for t in parts)
    defects: dict[str, int] = {}

    def cat_strings(name):
        chunks = [t.column(name).combine_chunks() for t in parts]
        return pa.chunked_array(chunks).combine_chunks()

    def cat_numeric(name):
        out = []
        for t in parts:
            c = _column(t, name)
            out.append(c if c is not None else np.full(t.num_rows, np.nan))
        return np.concatenate(out)

    def codes(arr):
        enc = pc.dictionary_encode(pc.utf8_trim_whitespace(arr)).combine_chunks() if isinstance(arr, pa.ChunkedArray) \
            else pc.dictionary_encode(pc.utf8_trim_whitespace(arr))
        return enc.indices.to_numpy(zero_copy_only=False), enc.dictionary.to_pylist()

    sym_code, sym_values = codes(cat_strings("underlying_symbol"))
    time_code, time_values = codes(cat_strings("quote_datetime"))
    root_code, root_values = codes(cat_strings("root"))
    exp_code, exp_values = codes(cat_strings("expiration"))
    type_code, type_values = codes(cat_strings("option_type"))
    strike = cat_numeric("strike")
    bid, ask = cat_numeric("bid"), cat_numeric("ask")
    ub, ua, active = cat_numeric("underlying_bid"), cat_numeric("underlying_ask"), cat_numeric("active_underlying_price")
    oi = cat_numeric("open_interest")

    ok = np.ones(n_total, bool)

    def reject(mask, reason):
        mask = mask & ok
        if mask.any():
            defects[reason] = defects.get(reason, 0) + int(mask.sum())
        ok[mask] = False

    # time and expiry per distinct string
    def parse_time(s):
        try:
            dt = datetime.strptime(s.strip(), "%Y-%m-%d %H:%M:%S")
        except (ValueError, AttributeError):
            return -1
        return int(dt.replace(tzinfo=ET).timestamp())

    def parse_date(s):
        try:
            return np.datetime64(datetime.strptime(s.strip(), "%Y-%m-%d").date(), "D").astype(np.int64)
        except (ValueError, AttributeError):
            return np.iinfo(np.int64).min

    t_epoch = np.array([parse_time(s) for s in time_values], np.int64)[time_code]
    e_days = np.array([parse_date(s) for s in exp_values], np.int64)[exp_code]
    reject(t_epoch < 0, "unreadable or nonexistent quote time")
    reject(e_days == np.iinfo(np.int64).min, "unreadable expiration date")
    reject(~(strike > 0) | ~(strike < 1e7), "strike missing, zero, negative or absurd")
    tv = np.array([{"C": 0, "c": 0, "P": 1, "p": 1}.get(s, -1) for s in type_values], np.int64)[type_code]
    reject(tv < 0, "option_type is not C or P")
    roots_upper = [r.upper() for r in root_values]
    root_ok = np.array([bool(r) and len(r) <= 6 and all(ch.isascii() and (ch.isalnum() or ch == " ") for ch in r)
                        for r in root_values], bool)[root_code]
    reject(~root_ok, "missing or overlong root")
    q_days = (t_epoch - 5 * 3600) // 86_400  # only used for the 10-year check (±1 day does not matter)
    reject(e_days - q_days > 3660, "expiry more than 10 years after the quote date")
    # settlement per distinct (root, expiry)
    uniq_roots = sorted(set(roots_upper))
    rank_of = {r: k for k, r in enumerate(uniq_roots)}
    root_rank = np.array([rank_of[r] for r in roots_upper], np.int64)[root_code] if n_total else np.zeros(0, np.int64)
    settle = np.zeros(n_total, np.int64)
    okr = np.nonzero(ok)[0]
    if len(okr):
        pairs, inv = np.unique(np.stack([root_rank[okr], e_days[okr]], axis=1), axis=0, return_inverse=True)
        settle_u = np.array([settlement_epoch(uniq_roots[int(rr)], date(1970, 1, 1) + timedelta(days=int(ed)))
                             for rr, ed in pairs], np.int64)
        settle[okr] = settle_u[inv.ravel()]
    reject(settle <= t_epoch, "contract already settled at the quote time")
    reject(~np.isfinite(bid) | ~np.isfinite(ask), "non-numeric or non-finite field")
    reject((bid < 0) | (ask < 0), "negative bid or ask")
    reject((bid >= 1e7) | (ask >= 1e7), "absurd bid or ask (≥ 1e7)")
    crossed = ok & (bid > ask)
    if crossed.any():
        defects["crossed quote (bid > ask): quote dropped, row kept"] = int(crossed.sum())
    bid = np.where(crossed, np.nan, bid)
    ask = np.where(crossed, np.nan, ask)
    with np.errstate(invalid="ignore"):
        mid_ok = (ub > 0) & (ua > 0) & (ua >= ub)
        row_spot = np.where(mid_ok, 0.5 * (ub + ua), np.where(active > 0, active, np.nan))
    row_source = np.where(mid_ok, 0, np.where(active > 0, 1, 2))
    strike_milli = np.floor(strike * 1000 + 0.5).astype(np.int64, copy=False) if n_total else np.zeros(0, np.int64)

    stores = []
    for s_index in sorted(range(len(sym_values)), key=lambda k: sym_values[k]):
        rows = np.nonzero(ok & (sym_code == s_index))[0]
        if len(rows) == 0:
            continue
        # contracts: sort by (expiry, root string, strike, right)
        r_rank = root_rank[rows]
        keys = np.stack([e_days[rows], r_rank, strike_milli[rows], tv[rows]], axis=1)
        ukeys, c_of_row = np.unique(keys, axis=0, return_inverse=True)  # lexicographic = (expiry, root, strike, right)
        c_of_row = c_of_row.ravel()
        utimes, t_of_row = np.unique(t_epoch[rows], return_inverse=True)
        t_of_row = t_of_row.ravel()
        n, nt = len(ukeys), len(utimes)
        cell = t_of_row.astype(np.int64) * n + c_of_row
        _, first_rows = np.unique(cell, return_index=True)  # stable: first row per (contract, time)
        dup = len(rows) - len(first_rows)
        if dup:
            defects["duplicate row (same contract and time)"] = defects.get("duplicate row (same contract and time)", 0) + dup
        present = np.zeros(nt * n, bool)
        gbid = np.full(nt * n, np.nan)
        gask = np.full(nt * n, np.nan)
        sel = rows[first_rows]
        present[cell[first_rows]] = True
        gbid[cell[first_rows]] = bid[sel]
        gask[cell[first_rows]] = ask[sel]
        # open interest: first non-empty value in file order
        o = np.full(n, np.nan)
        has = ~np.isnan(oi[rows])
        if has.any():
            cu, ci = np.unique(c_of_row[has], return_index=True)
            o[cu] = oi[rows][has][ci]
        # spot: first row of the snapshot with a usable underlying price
        spot = np.full(nt, np.nan)
        source = ["missing"] * nt
        valid = row_source[rows] < 2
        if valid.any():
            tu, ti = np.unique(t_of_row[valid], return_index=True)
            spot[tu] = row_spot[rows][valid][ti]
            for t, k in zip(tu, row_source[rows][valid][ti]):
                source[t] = "underlying-mid" if k == 0 else "active-underlying"
        c_root = np.array([uniq_roots[int(r)] for r in ukeys[:, 1]], dtype=object)
        c_exp = ukeys[:, 0].astype("datetime64[D]")
        c_settle = np.zeros(n, np.int64)
        c_settle[c_of_row] = settle[rows]
        stores.append(DayStore(
            underlying=sym_values[s_index], root=c_root, expiry=c_exp, strike_milli=ukeys[:, 2].astype(np.int64),
            is_call=ukeys[:, 3] == 0, settlement=c_settle, open_interest=o, times=utimes.astype(np.int64),
            present=present.reshape(nt, n), bid=gbid.reshape(nt, n), ask=gask.reshape(nt, n), spot=spot,
            spot_source=source, defects=dict(defects)))
    return stores


# ---------------------------------------------------------------------------------------------
# Forwards


@dataclass
class Forward:
    forward: float
    discount: float
    source: str  # parity | parity-assumed-discount | assumed-rates | previous-snapshot


def estimate_forward(K, cb, ca, pb, pa, spot, years, cfg: Config, previous: Forward | None) -> Forward:
    with np.errstate(invalid="ignore", divide="ignore"):
        usable = ((cb > 0) & (ca >= cb) & (pb > 0) & (pa >= pb) & (K > 0) & np.isfinite(ca) & np.isfinite(pa)
                  & (np.abs(K / spot - 1) <= cfg.forward_band))
    idx = np.nonzero(usable)[0]
    idx = idx[np.lexsort((K[idx], np.abs(K[idx] - spot)))][: cfg.forward_max_pairs]
    for _ in range(4):
        if len(idx) < cfg.forward_min_pairs:
            break
        k = K[idx]
        y = 0.5 * (cb[idx] + ca[idx]) - 0.5 * (pb[idx] + pa[idx])
        design = np.stack([np.ones_like(k), -k], axis=1)
        coef, _, rank, _ = np.linalg.lstsq(design, y, rcond=None)
        if rank < 2:
            break
        dF, d = coef
        res = y - (dF - d * k)
        mad = np.sort(np.abs(res))[len(res) // 2]
        widest = np.max(0.5 * ((ca[idx] - cb[idx]) + (pa[idx] - pb[idx])))
        cut = max(cfg.forward_outlier * 1.4826 * mad, widest)
        kept = np.abs(res) <= cut
        if kept.all():
            f = dF / d
            if 0.5 < d <= 1.05 and 0.5 * spot < f < 2 * spot:
                if years > 0 and not (cfg.plausible_rate_low <= -math.log(d) / years <= cfg.plausible_rate_high):
                    # Implausible implied rate (tick rounding on short expiries): D from the given
                    # rate, F by parity alone (least squares in F with D fixed).
                    d0 = math.exp(-cfg.fallback_rate * years)
                    f0 = float(np.mean(y)) / d0 + float(np.mean(k))
                    if 0.5 * spot < f0 < 2 * spot:
                        return Forward(f0, d0, "parity-assumed-discount")
                    break
                return Forward(f, d, "parity")
            break
        idx = idx[kept]
    if previous is not None:
        return Forward(previous.forward, previous.discount, "previous-snapshot")
    return Forward(spot * math.exp((cfg.fallback_rate - cfg.fallback_dividend_yield) * years),
                   math.exp(-cfg.fallback_rate * years), "assumed-rates")


# ---------------------------------------------------------------------------------------------
# Implied volatility (Black-76, undiscounted price on the forward)


def _normalised_otm_call(x, s):
    """b(x, s) = e^{x/2} N(x/s + s/2) − e^{−x/2} N(x/s − s/2) for x ≤ 0, s > 0."""
    h = x / s
    return np.exp(0.5 * x) * ndtr(h + 0.5 * s) - np.exp(-0.5 * x) * ndtr(h - 0.5 * s)


def implied_volatility(price, F, K, T, is_call, max_iter=100):
    """σ and a status string per option: ok, invalid-input, expired, below-intrinsic, above-maximum,
    not-identifiable. Vectorised bracketed Newton on ln b(s) (s = σ√T), converged to |Δs| ≤ 1e-15 s."""
    price, F, K, T = (np.asarray(a, float) for a in (price, F, K, T))
    n = price.shape[0]
    sigma = np.full(n, np.nan)
    status = np.full(n, "ok", dtype=object)
    with np.errstate(all="ignore"):
        valid = np.isfinite(price) & np.isfinite(F) & np.isfinite(K) & np.isfinite(T) & (price >= 0) & (F > 0) & (K > 0) & (T >= 0)
        status[~valid] = "invalid-input"
        status[valid & (T == 0)] = "expired"
        x = np.log(F / K)
        w = np.where(is_call, 1.0, -1.0)
        itm = w * x > 0
        todo = valid & (T > 0)
        zero = todo & (price == 0)
        status[zero & itm] = "below-intrinsic"
        status[zero & ~itm] = "not-identifiable"
        todo &= price > 0
        maximum = np.where(is_call, F, K)
        intrinsic = np.maximum(w * (F - K), 0.0)
        noise = np.where(itm, 4 * EPS * (F + K), 0.0)
        tv = price - intrinsic
        above = todo & (price >= maximum)
        status[above] = "above-maximum"
        todo &= ~above
        below = todo & (tv < -noise)
        status[below] = "below-intrinsic"
        todo &= ~below
        unid = todo & (tv <= noise)
        status[unid] = "not-identifiable"
        todo &= ~unid
        near_max = todo & (maximum - price <= 4 * EPS * maximum)
        status[near_max] = "above-maximum"
        todo &= ~near_max
        idx = np.nonzero(todo)[0]
        if len(idx):
            xo = -np.abs(x[idx])
            beta = tv[idx] / np.sqrt(F[idx] * K[idx])
            log_beta = np.log(beta)
            # start at the inflection point s = √(2|x|) (ATM: from b ≈ s/√(2π))
            s = np.maximum(np.sqrt(2 * np.abs(xo)), beta * math.sqrt(2 * math.pi))
            lo = np.zeros_like(s)
            hi = np.full_like(s, np.inf)
            active = np.arange(len(idx))
            for _ in range(max_iter):
                sa, xa = s[active], xo[active]
                b = _normalised_otm_call(xa, sa)
                good = b > 0
                f = np.where(good, np.log(np.where(good, b, 1.0)) - log_beta[active], -np.inf)
                lo[active] = np.where(f < 0, sa, lo[active])
                hi[active] = np.where(f > 0, sa, hi[active])
                vega = INV_SQRT_2PI * np.exp(-0.5 * (xa * xa / (sa * sa) + 0.25 * sa * sa))
                step = np.where(good, f * b / vega, np.nan)
                new = sa - step
                la, ha = lo[active], hi[active]
                bad = ~(new > la) | ~(new < ha)
                new = np.where(bad, np.where(np.isfinite(ha), 0.5 * (la + ha), 2 * sa), new)
                s[active] = new
                done = (f == 0) | (np.abs(new - sa) <= 1e-15 * new) | (np.isfinite(ha) & (ha - la <= 4 * EPS * ha))
                active = active[~done]
                if len(active) == 0:
                    break
            sigma[idx] = s / np.sqrt(T[idx])
            failed = ~np.isfinite(sigma[idx]) | ~(sigma[idx] > 0)
            status[idx[failed]] = "not-identifiable"
            sigma[idx[failed]] = np.nan
    return sigma, status


# ---------------------------------------------------------------------------------------------
# Greeks (Black–Scholes–Merton with the expiry's implied r and q, written on the forward)


def greeks_at(spot_ratio, x, v, alpha, w, r, q, T, want=("delta", "gamma")):
    """Greeks per share at hypothetical spot S' = spot_ratio · S (broadcasting).

    x = ln(F/K) at the snapshot spot, v = σ√T, alpha = e^{−qT} = D·F/S. At S' the forward is
    F·S'/S (sticky strike, rates held). Returns a dict; `gamma` is per share per point at S'
    divided by S' (caller multiplies by 1/S')."""
    out = {}
    with np.errstate(divide="ignore", invalid="ignore"):
        xs = x + np.log(spot_ratio)
        live = v > 0
        vs = np.where(live, v, 1.0)
        d1 = xs / vs + 0.5 * vs
        pdf = INV_SQRT_2PI * np.exp(-0.5 * d1 * d1)
        if "gamma_times_spot" in want:
            out["gamma_times_spot"] = np.where(live, alpha * pdf / vs, 0.0)  # Γ · S'
        if "delta" in want or "charm" in want:
            step = np.where(w * xs > 0, 1.0, np.where(xs == 0, 0.5, 0.0))
            nwd1 = np.where(live, ndtr(w * d1), step)
            if "delta" in want:
                out["delta"] = w * alpha * nwd1
        if "vanna" in want or "charm" in want:
            d2 = d1 - vs
            sigma = np.where(live, vs / np.sqrt(T), 1.0)
            if "vanna" in want:
                out["vanna"] = np.where(live, -alpha * pdf * d2 / sigma, 0.0)
            if "charm" in want:
                body = alpha * pdf * (2 * (r - q) * T - d2 * vs) / (2 * T * vs)
                out["charm"] = w * q * alpha * nwd1 - np.where(live, body, 0.0)
    return out


# ---------------------------------------------------------------------------------------------
# One snapshot


@dataclass
class Snapshot:
    t: int
    time: int
    spot: float
    spot_source: str
    contract: np.ndarray   # indices into the store
    strike: np.ndarray
    strike_milli: np.ndarray
    is_call: np.ndarray
    years: np.ndarray
    slot: np.ndarray       # expiry slot per contract
    settlements: np.ndarray  # per slot, ascending
    forwards: list           # Forward per slot
    sigma: np.ndarray
    weight: np.ndarray
    counts: dict


def forward_pass(store: DayStore, cfg: Config):
    """Spot and forwards for every snapshot, sequentially (fallback to the previous snapshot)."""
    n = len(store.is_call)
    # adjacent call/put pairs of the same (expiry, root, strike)
    i = np.arange(n - 1)
    pair = (store.is_call[:-1] & ~store.is_call[1:] & (store.expiry[:-1] == store.expiry[1:])
            & (store.root[:-1] == store.root[1:]) & (store.strike_milli[:-1] == store.strike_milli[1:]))
    calls, puts = i[pair], i[pair] + 1
    previous: dict[int, Forward] = {}
    out = []
    for t, now in enumerate(store.times):
        live = store.present[t] & (store.settlement > now)
        settlements = np.unique(store.settlement[live])
        both = live[calls] & live[puts]
        pc_, pp_ = calls[both], puts[both]
        spot, source = store.spot[t], store.spot_source[t]
        K = store.strike[pc_]
        cb, ca, pb, pa = store.bid[t, pc_], store.ask[t, pc_], store.bid[t, pp_], store.ask[t, pp_]
        pslot = np.searchsorted(settlements, store.settlement[pc_])
        if not spot > 0 and len(pc_):
            first = pslot.min()
            m = pslot == first
            gap = np.abs(0.5 * (cb[m] + ca[m]) - 0.5 * (pb[m] + pa[m]))
            center = K[m][np.nanargmin(gap)]
            spot = estimate_forward(K[m], cb[m], ca[m], pb[m], pa[m], center, 1e-3,
                                    Config(**{**cfg.__dict__, "fallback_rate": 0.0, "fallback_dividend_yield": 0.0}), None).forward
            source = "parity-forward"
        fwd = {}
        for slot, settle in enumerate(settlements):
            m = pslot == slot
            years = (int(settle) - int(now)) / SECONDS_PER_YEAR
            f = estimate_forward(K[m], cb[m], ca[m], pb[m], pa[m], spot, years, cfg, previous.get(int(settle)))
            fwd[int(settle)] = f
        for k, f in fwd.items():
            if f.source == "parity":
                previous[k] = f
        out.append((spot, source, fwd))
    return out


def price_snapshot(store: DayStore, t: int, spot: float, spot_source: str, fwd: dict, cfg: Config) -> Snapshot:
    now = int(store.times[t])
    live = np.nonzero(store.present[t] & (store.settlement > now))[0]
    settle = store.settlement[live]
    settlements = np.unique(settle)
    slot = np.searchsorted(settlements, settle)
    forwards = [fwd[int(s)] for s in settlements]
    F = np.array([f.forward for f in forwards])[slot]
    D = np.array([f.discount for f in forwards])[slot]
    K = store.strike[live]
    is_call = store.is_call[live]
    years = (settle - now) / SECONDS_PER_YEAR
    bid, ask = store.bid[t, live], store.ask[t, live]
    counts: dict[str, int] = {}
    with np.errstate(invalid="ignore"):
        no_quote = ~(np.isfinite(bid) & np.isfinite(ask) & (ask >= bid))
        zero_bid = ~no_quote & ~(bid > 0)
        spread, mid = ask - bid, 0.5 * (bid + ask)
        too_wide = ~no_quote & ~zero_bid & (spread > cfg.always_accepted_spread) & (spread > cfg.max_relative_spread * mid)
    for name, m in (("no-quote", no_quote), ("zero-bid", zero_bid), ("too-wide", too_wide)):
        if m.any():
            counts["quote rejected: " + name] = int(m.sum())
    usable = ~(no_quote | zero_bid | too_wide)
    iv = np.full(len(live), np.nan)
    u = np.nonzero(usable)[0]
    if len(u):
        sig, st = implied_volatility(mid[u] / D[u], F[u], K[u], years[u], is_call[u])
        iv[u] = sig
        for reason in set(st) - {"ok"}:
            counts["no implied volatility: " + reason] = int((st == reason).sum())
    # smile fill per expiry slot
    sigma = iv.copy()
    filled = missing = 0
    for s_i in range(len(settlements)):
        members = np.nonzero(slot == s_i)[0]
        need = members[~np.isfinite(iv[members])]
        if len(need) == 0:
            continue
        f = forwards[s_i].forward
        fin = members[np.isfinite(iv[members])]
        otm = fin[np.where(is_call[fin], K[fin] >= f, K[fin] < f)]
        pts = otm if len(otm) else fin
        coef = None
        if len(pts):
            k = np.log(K[pts] / f)
            cols = min(3, len(pts))
            design = np.stack([np.ones_like(k), k, k * k][:cols], axis=1)
            c, _, rank, _ = np.linalg.lstsq(design, iv[pts], rcond=None)
            if rank == cols:
                coef = np.concatenate([c, np.zeros(3 - cols)])
                klo, khi = k.min(), k.max()
        if coef is not None:
            kk = np.clip(np.log(K[need] / f), klo, khi)
            sigma[need] = np.maximum(coef[0] + coef[1] * kk + coef[2] * kk * kk, 0.01)
            filled += len(need)
        else:
            sigma[need] = 0.0
            missing += len(need)
    counts["contracts smile-filled"] = filled
    counts["contracts without volatility (gamma 0)"] = missing
    for f in forwards:
        if f.source != "parity":
            counts["forward fallback: " + f.source] = counts.get("forward fallback: " + f.source, 0) + 1
    cs, ps = SIGNS[cfg.sign]
    oi = np.nan_to_num(store.open_interest[live], nan=0.0)
    weight = np.where(is_call, cs, ps) * oi * 100.0
    return Snapshot(t=t, time=now, spot=spot, spot_source=spot_source, contract=live, strike=K,
                    strike_milli=store.strike_milli[live], is_call=is_call, years=years, slot=slot,
                    settlements=settlements, forwards=forwards, sigma=sigma, weight=weight,
                    counts={"iv_from_quotes": int(np.isfinite(iv).sum()), "iv_smile_filled": filled, "iv_missing": missing,
                            "_reasons": counts})


def _sum_by(keys, values):
    u, inv = np.unique(keys, return_inverse=True)
    return u, np.bincount(inv.ravel(), weights=values, minlength=len(u))


def _roots(levels, curve, func, spot, xtol):
    """Sign changes refined with Brent; a run of exact zeros is a root (its middle level) only when the
    values on both sides of the run have opposite signs (no root for an identically zero profile)."""
    roots = []
    n = len(levels)
    i = 0
    while i < n:
        if curve[i] == 0:
            end = i
            while end + 1 < n and curve[end + 1] == 0:
                end += 1
            if i > 0 and end + 1 < n and (curve[i - 1] < 0) != (curve[end + 1] < 0):
                roots.append(float(levels[(i + end) // 2]))
            i = end + 1
            continue
        if i + 1 < n and curve[i + 1] != 0 and (curve[i] < 0) != (curve[i + 1] < 0):
            roots.append(brentq(func, levels[i], levels[i + 1], xtol=xtol * spot, rtol=4 * EPS, maxiter=200))
        i += 1
    return roots


def _nearest(roots, spot):
    return min(roots, key=lambda r: (abs(r - spot), r)) if roots else None


def analyse(store: DayStore, p: Snapshot, cfg: Config, tables: dict):
    """Greeks, exposures, tables, profile, roots, walls, flows of one priced snapshot; appends rows."""
    S = p.spot
    n = len(p.strike)
    und = store.underlying
    ts = iso_utc(p.time)
    F = np.array([f.forward for f in p.forwards])[p.slot]
    D = np.array([f.discount for f in p.forwards])[p.slot]
    T = p.years
    r = -np.log(D) / T
    q = r - np.log(F / S) / T
    alpha = D * F / S  # e^{−qT}
    x = np.log(F / p.strike)
    v = p.sigma * np.sqrt(T)
    w = np.where(p.is_call, 1.0, -1.0)
    g = greeks_at(1.0, x, v, alpha, w, r, q, T, want=("delta", "gamma_times_spot", "vanna", "charm"))
    gamma = g["gamma_times_spot"] / S
    W = p.weight
    scale = S * S * 0.01
    gex = W * gamma * scale
    dex = W * g["delta"] * S
    vex = W * g["vanna"] * S * 0.01
    cex = W * g["charm"] / 365 * S
    today = et_date(p.time)
    exp_dates = store.expiry[p.contract]
    call_gex, put_gex = gex[p.is_call].sum(), gex[~p.is_call].sum()
    net_gex = call_gex + put_gex
    # by strike
    oi = np.nan_to_num(store.open_interest[p.contract], nan=0.0)
    sk, call_k = _sum_by(p.strike_milli, np.where(p.is_call, gex, 0.0))
    _, put_k = _sum_by(p.strike_milli, np.where(p.is_call, 0.0, gex))
    _, dex_k = _sum_by(p.strike_milli, dex)
    _, vex_k = _sum_by(p.strike_milli, vex)
    _, cex_k = _sum_by(p.strike_milli, cex)
    _, coi_k = _sum_by(p.strike_milli, np.where(p.is_call, oi, 0.0))
    _, poi_k = _sum_by(p.strike_milli, np.where(p.is_call, 0.0, oi))
    bs = tables["by_strike"]
    for col, vals in (("strike", sk / 1000.0), ("call_gex", call_k), ("put_gex", put_k), ("net_gex", call_k + put_k),
                      ("dex", dex_k), ("vex", vex_k), ("cex", cex_k), ("call_oi", coi_k), ("put_oi", poi_k)):
        bs.setdefault(col, []).extend(vals.tolist())
    bs.setdefault("underlying", []).extend([und] * len(sk))
    bs.setdefault("time", []).extend([ts] * len(sk))
    # by expiry (settlement slot)
    ns = len(p.settlements)
    be = tables["by_expiry"]
    cnt = np.bincount(p.slot, minlength=ns)
    cols = {"call_gex": np.bincount(p.slot, np.where(p.is_call, gex, 0.0), ns),
            "put_gex": np.bincount(p.slot, np.where(p.is_call, 0.0, gex), ns),
            "dex": np.bincount(p.slot, dex, ns), "vex": np.bincount(p.slot, vex, ns), "cex": np.bincount(p.slot, cex, ns)}
    for s_i, settle in enumerate(p.settlements):
        f = p.forwards[s_i]
        row = {"underlying": und, "time": ts, "expiry": et_date(int(settle)).isoformat(), "settlement": iso_utc(int(settle)),
               "days": (int(settle) - p.time) / 86_400, "forward": f.forward, "discount": f.discount, "forward_source": f.source,
               "call_gex": cols["call_gex"][s_i], "put_gex": cols["put_gex"][s_i],
               "net_gex": cols["call_gex"][s_i] + cols["put_gex"][s_i], "dex": cols["dex"][s_i], "vex": cols["vex"][s_i],
               "cex": cols["cex"][s_i], "contracts": float(cnt[s_i])}
        for k, val in row.items():
            be.setdefault(k, []).append(val)
    # surface (slot × strike)
    sf = tables["surface"]
    key = p.slot.astype(np.int64) * (1 << 40) + p.strike_milli
    uk, gk = _sum_by(key, gex)
    sl = (uk >> 40).astype(int)
    sf.setdefault("underlying", []).extend([und] * len(uk))
    sf.setdefault("time", []).extend([ts] * len(uk))
    sf.setdefault("expiry", []).extend([et_date(int(p.settlements[s])).isoformat() for s in sl])
    sf.setdefault("settlement", []).extend([iso_utc(int(p.settlements[s])) for s in sl])
    sf.setdefault("strike", []).extend(((uk & ((1 << 40) - 1)) / 1000.0).tolist())
    sf.setdefault("net_gex", []).extend(gk.tolist())

    # profile: levels × contracts tiles (contracts with weight 0 contribute nothing)
    lower, upper = S * (1 - cfg.half_width), S * (1 + cfg.half_width)
    levels = np.linspace(lower, upper, cfg.levels)
    nz = np.nonzero(W != 0)[0]
    exp_u = np.unique(exp_dates)
    next_expiry = exp_u[0] if len(exp_u) else None
    monthly = [d for d in exp_u if is_third_friday(d.astype(object))]
    next_monthly = monthly[0] if monthly else None
    today64 = np.datetime64(today, "D")
    dte = (exp_dates - today64).astype(np.int64)
    member = np.stack([np.ones(n, bool), exp_dates != next_expiry, exp_dates != next_monthly, exp_dates == today64,
                       (dte >= 1) & (dte <= 7), (dte >= 8) & (dte <= 30), (dte >= 31) & (dte <= 90), dte >= 91], axis=1)
    agg = (W[:, None] * member)[nz]
    ratio = levels / S
    prof = np.zeros((cfg.levels, len(VARIANTS)))
    dexp = np.zeros((cfg.levels, len(VARIANTS)))
    block = 4096
    for start in range(0, len(nz), block):
        c = nz[start:start + block]
        gg = greeks_at(ratio[:, None], x[c], v[c], alpha[c], w[c], r[c], q[c], T[c], want=("delta", "gamma_times_spot"))
        # Γ(S')·S'²·0.01 = (Γ·S')·S'·0.01
        prof += (gg["gamma_times_spot"] * (levels[:, None] * 0.01)) @ agg[start:start + block]
        dexp += (gg["delta"] * levels[:, None]) @ agg[start:start + block]

    xz, vz, az, wz, Wz = x[nz], v[nz], alpha[nz], w[nz], W[nz]

    def reprice(level):
        gg = greeks_at(level / S, xz, vz, az, wz, None, None, None, want=("gamma_times_spot",))
        return float(np.dot(Wz, gg["gamma_times_spot"]) * level * 0.01)

    def dollar_delta(level):
        gg = greeks_at(level / S, xz, vz, az, wz, None, None, None, want=("delta",))
        return float(np.dot(Wz, gg["delta"]) * level)

    roots = _roots(levels, prof[:, 0], reprice, S, cfg.root_xtol)
    zero_gamma = _nearest(roots, S)
    at_spot = reprice(S)
    regime = "long-gamma" if at_spot > 0 else ("short-gamma" if at_spot < 0 else "neutral")
    delta_neutral = _nearest(_roots(levels, dexp[:, 0], dollar_delta, S, cfg.root_xtol), S)
    pr = tables["profiles"]
    for j, level in enumerate(levels):
        for vi, name in enumerate(VARIANTS):
            pr.setdefault("underlying", []).append(und)
            pr.setdefault("time", []).append(ts)
            pr.setdefault("hypothetical_spot", []).append(float(level))
            pr.setdefault("variant", []).append(name)
            pr.setdefault("gex", []).append(float(prof[j, vi]))
            pr.setdefault("dex", []).append(float(dexp[j, vi]))

    # walls: by-strike rows (optionally only expiries within wall_max_days), within the band
    if cfg.wall_max_days is not None:
        days = (store.settlement[p.contract] - p.time) / 86_400
        keep = days <= cfg.wall_max_days
        wk, wc = _sum_by(p.strike_milli[keep], np.where(p.is_call, gex, 0.0)[keep])
        _, wp = _sum_by(p.strike_milli[keep], np.where(p.is_call, 0.0, gex)[keep])
        _, wco = _sum_by(p.strike_milli[keep], np.where(p.is_call, oi, 0.0)[keep])
        _, wpo = _sum_by(p.strike_milli[keep], np.where(p.is_call, 0.0, oi)[keep])
    else:
        wk, wc, wp, wco, wpo = sk, call_k, put_k, coi_k, poi_k
    wstrike = wk / 1000.0
    band = np.ones(len(wk), bool) if cfg.wall_band is None else np.abs(wstrike - S) <= cfg.wall_band * S

    def argmax(values):
        vals = np.where(band, values, 0.0)
        if len(vals) == 0 or not (vals.max() > 0):
            return None
        return float(wstrike[int(np.argmax(vals))])  # first maximum = lowest strike

    walls = {"call_wall": argmax(np.abs(wc)), "put_wall": argmax(np.abs(wp)),
             "abs_gamma_strike": argmax(np.abs(wc) + np.abs(wp)), "call_oi_wall": argmax(wco), "put_oi_wall": argmax(wpo)}

    base = dollar_delta(S) / S
    flows = []
    for mv in cfg.flow_moves:
        moved = S * (1 + mv)
        exact = -(dollar_delta(moved) / moved - base) * moved
        linear = -net_gex * (mv * 100)
        squeeze = exact * mv > 0 and abs(exact) > 1.25 * abs(linear)
        flows.append((mv, exact, linear, squeeze))
    close = et_epoch(today, close_hour(today))
    net_dex, net_vex, net_cex = dex.sum(), vex.sum(), cex.sum()
    zero_dte = exp_dates == today64
    lv = tables["levels"]
    row = {"underlying": und, "time": ts, "spot": S, "spot_source": p.spot_source, "zero_gamma": zero_gamma,
           "zero_gammas": ";".join(repr(float(z)) for z in roots), "regime": regime, **walls,
           "net_gex": net_gex, "call_gex": call_gex, "put_gex": put_gex, "net_dex": net_dex, "net_vex": net_vex,
           "net_cex": net_cex, "gamma_notional": abs(call_gex) - abs(put_gex),
           "gamma_tilt": abs(call_gex) / (abs(call_gex) + abs(put_gex)) if abs(call_gex) + abs(put_gex) > 0 else 0.5,
           "delta_neutral": delta_neutral, "profile_at_spot": at_spot, "vanna_flow_per_vol_point": net_vex,
           "charm_flow_to_close": net_cex * max(0, close - p.time) / 86_400,
           "charm_flow_0dte_per_hour": float(cex[zero_dte].sum() / 24)}
    for mv, exact, linear, squeeze in flows:
        bp = int(round(mv * 10_000))
        label = ("down_" if bp < 0 else "up_") + f"{abs(bp)}bp"
        row[f"flow_{label}_exact"] = exact
        row[f"flow_{label}_linear"] = linear
        row[f"flow_{label}_squeeze"] = "true" if squeeze else "false"
    row.update({"contracts": float(n), "iv_from_quotes": float(p.counts["iv_from_quotes"]),
                "iv_smile_filled": float(p.counts["iv_smile_filled"]), "iv_missing": float(p.counts["iv_missing"]),
                "forwards_from_parity": float(sum(f.source == "parity" for f in p.forwards)),
                "forwards_fallback": float(sum(f.source != "parity" for f in p.forwards))})
    for k, val in row.items():
        lv.setdefault(k, []).append(val)


def run(paths: list[str], cfg: Config | None = None, use_threads: bool = True, stores: list[DayStore] | None = None):
    """Runs the day; returns (tables: name → {column → list}, counts, timings)."""
    cfg = cfg or Config()
    started = _time.perf_counter()
    if stores is None:
        stores = read_datashop(paths, use_threads=use_threads)
    read_s = _time.perf_counter() - started
    tables = {name: {} for name in ("levels", "by_strike", "by_expiry", "surface", "profiles")}
    counts: dict[str, int] = {}
    for store in stores:
        for t, (spot, source, fwd) in enumerate(forward_pass(store, cfg)):
            p = price_snapshot(store, t, spot, source, fwd, cfg)
            for k, val in p.counts["_reasons"].items():
                counts[k] = counts.get(k, 0) + val
            # Snapshot status counts, as gex run reports them (the levels row of a skipped snapshot is not compared).
            status = ("skipped: no live contracts" if len(p.strike) == 0 else "skipped: no spot" if not spot > 0
                      else "no open interest: exposures zero" if not np.any(p.weight != 0) else None)
            if status is not None:
                counts["snapshots " + status] = counts.get("snapshots " + status, 0) + 1
            if len(p.strike) == 0 or not spot > 0:
                continue
            analyse(store, p, cfg, tables)
    return tables, counts, {"read_seconds": read_s, "total_seconds": _time.perf_counter() - started}


def write_csv(tables: dict, out: str):
    import pyarrow as pa
    import pyarrow.csv as pacsv
    os.makedirs(out, exist_ok=True)
    for name, cols in tables.items():
        t = pa.table({k: pa.array(v) for k, v in cols.items()}) if cols else pa.table({})
        pacsv.write_csv(t, os.path.join(out, name + ".csv"), pacsv.WriteOptions(quoting_style="needed"))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("archives", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--sign", default="classic", choices=sorted(SIGNS))
    ap.add_argument("--levels", type=int, default=201)
    ap.add_argument("--range", type=float, default=0.10)
    ap.add_argument("--wall-band", default="0.1")
    ap.add_argument("--wall-max-days", type=int, default=None)
    ap.add_argument("--single-thread", action="store_true", help="pyarrow CSV reading on one thread")
    a = ap.parse_args(argv)
    cfg = Config(sign=a.sign, levels=a.levels, half_width=a.range,
                 wall_band=None if a.wall_band == "all" else float(a.wall_band), wall_max_days=a.wall_max_days)
    tables, counts, timings = run(a.archives, cfg, use_threads=not a.single_thread)
    write_csv(tables, a.out)
    print(f"numpy_day: {len(tables['levels'].get('time', []))} snapshots in {timings['total_seconds']:.2f} s "
          f"(read {timings['read_seconds']:.2f} s); counts {counts}", file=sys.stderr)


if __name__ == "__main__":
    main()
