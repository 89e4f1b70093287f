#!/usr/bin/env python3
"""Independent numpy reference ("peer") of Sergei Perfiliev's gamma-exposure (GEX) method.

Reads one Cboe delayed-quote chain CSV ("quotedata.csv", current or legacy ``.dat`` layout), drops contracts
that have already settled at the file's as-of time, then reproduces Perfiliev's recipe: 60 hypothetical spot
levels over 0.8-1.2 x spot, r = q = 0, T = business days / 262 with a 1/262 floor, Black-Scholes gamma from the
file's IV, three profiles (all, ex-next-expiry, ex-next-monthly) and the zero-gamma level by linear
interpolation at the first sign change. Net GEX and the walls use the file's own Gamma column.

Usage: python3 perfiliev_gex.py CHAIN_FILE [--json]   -> one JSON object on stdout.
Exit codes: 0 ok, 65 file cannot be parsed, 66 file missing or unreadable.
Only numpy and the standard library are used.
"""
import argparse
import csv
import datetime as dt
import json
import math
import re
import sys

import numpy as np

AM_SETTLED_ROOTS = frozenset({"SPX", "NDX", "RUT", "VIX"})  # settle at 09:30 ET, every other root at 16:00 ET
AM_SETTLE, PM_SETTLE = dt.time(9, 30), dt.time(16, 0)
MULTIPLIER = 100          # contract multiplier
BUSINESS_DAYS = 262       # Perfiliev's year length in business days
N_LEVELS = 60             # hypothetical spot levels over [0.8, 1.2] x spot
EXIT_DATAERR, EXIT_NOINPUT = 65, 66
_MONTHS = ("january", "february", "march", "april", "may", "june", "july",
           "august", "september", "october", "november", "december")


class ChainParseError(ValueError):
    """The file is not a Cboe quotedata chain this peer understands."""


# ----------------------------------------------------------------------------------------------- parsing
def _month(word):
    """Month number for an English month name or abbreviation (>= 3 letters), else None."""
    w = word.lower().rstrip(".")
    return next((i + 1 for i, name in enumerate(_MONTHS) if len(w) >= 3 and name.startswith(w)), None)


def parse_asof(text):
    """Parse an as-of stamp in any of the seen forms into a naive US/Eastern datetime.

    'Date: June 11, 2022, 8:47 PM EDT', 'Date: February 5 2022, 8:09 PM EST',
    'Date: September 14, 2023 at 4:31 PM EDT', 'Date: 9 June 2023, 1:40 PM EDT' (day first),
    legacy 'Sep 04 2020 @ 20:49 ET' (24-hour clock). Tokens are found by content, not position.
    """
    s = re.sub(r"^\s*Date:\s*", "", text)
    tm = re.search(r"(\d{1,2}):(\d{2})\s*([AaPp][Mm])?", s)
    if tm is None:
        raise ChainParseError(f"no time of day in as-of stamp {text!r}")
    hour, minute = int(tm.group(1)), int(tm.group(2))
    if tm.group(3):  # 12-hour clock: 12 AM -> 0, 12 PM -> 12
        hour = hour % 12 + (12 if tm.group(3).upper() == "PM" else 0)
    rest = s[:tm.start()] + " " + s[tm.end():]
    months = [m for m in (_month(w) for w in re.findall(r"[A-Za-z]+", rest)) if m]
    years = re.findall(r"\b(\d{4})\b", rest)
    days = re.findall(r"\b(\d{1,2})\b", rest)
    if len(months) != 1 or len(years) != 1 or len(days) != 1:
        raise ChainParseError(f"cannot read the date in as-of stamp {text!r}")
    try:
        return dt.datetime(int(years[0]), months[0], int(days[0]), hour, minute)
    except ValueError as exc:
        raise ChainParseError(f"invalid as-of stamp {text!r}: {exc}") from None


def _parse_expiry(text, cache):
    """'Fri Jun 10 2022' (current) or '09/04/2020' (legacy) -> datetime.date; memoised per string."""
    if text not in cache:
        for fmt in ("%a %b %d %Y", "%m/%d/%Y", "%Y-%m-%d"):
            try:
                cache[text] = dt.datetime.strptime(text.strip(), fmt).date()
                break
            except ValueError:
                continue
        else:
            raise ChainParseError(f"unrecognised expiration date {text!r}")
    return cache[text]


def _num(cell, where):
    """A numeric cell; blank means 0; text, NaN and inf are parse errors."""
    try:
        v = float(cell) if cell.strip() else 0.0
    except ValueError:
        v = math.nan
    if not math.isfinite(v):
        raise ChainParseError(f"{where}: not a finite number: {cell!r}")
    return v


def _root(symbol):
    """Option root: the leading letters before the 6-digit yymmdd (SPXW220610C00800000 -> SPXW)."""
    m = re.match(r"\s*\^?([A-Za-z]+)\d{6}", symbol)
    return m.group(1).upper() if m else ""


def _columns(header):
    """Column indices of the fields we use, by header name (first occurrence = call, second = put)."""
    def find(names, occurrence):
        hits = [i for i, h in enumerate(header) if h.strip() in names]
        if len(hits) <= occurrence:
            raise ChainParseError(f"header lacks column {names[0]!r} (occurrence {occurrence + 1})")
        return hits[occurrence]
    oi_names = ("Open Interest", "Open Int")
    cols = {"expiry": 0, "strike": find(("Strike",), 0),
            "c_sym": find(("Calls",), 0), "c_iv": find(("IV",), 0),
            "c_gamma": find(("Gamma",), 0), "c_oi": find(oi_names, 0),
            "p_sym": find(("Puts",), 0), "p_iv": find(("IV",), 1),
            "p_gamma": find(("Gamma",), 1), "p_oi": find(oi_names, 1)}
    if not cols["c_oi"] < cols["strike"] < cols["p_sym"] < cols["p_iv"]:
        raise ChainParseError("header columns are not in call / strike / put order")
    return cols


def _preamble(lines):
    """(spot, as-of) from the lines above the header."""
    # Spot: 'Last: 3900.8601' in the current layout; legacy: 2nd field of the first non-empty line.
    last = next((m for m in (re.search(r"Last:\s*([-+0-9.eE]+)", ln) for ln in lines) if m), None)
    filled = [r for r in csv.reader(lines) if any(c.strip() for c in r)]
    spot = _num(last.group(1), "spot") if last else (
        _num(filled[0][1], "legacy spot") if filled and len(filled[0]) > 1 else None)
    # As-of: the 'Date:' field, read from the raw line because it may be unquoted with commas inside
    # ('Date: 9 June 2023, 1:40 PM EDT,Bid: ...'): it runs up to the next ',Label:' field.
    # Legacy: the first cell that carries ' @ ' (e.g. 'Sep 04 2020 @ 20:49 ET').
    date = next((m.group(0) for m in (re.search(r"Date:.*", ln.replace('"', "")) for ln in lines) if m), None)
    stamp = (re.split(r",\s*[A-Za-z][A-Za-z ]*:", date)[0].strip(" ,") if date
             else next((c.strip() for r in filled for c in r if " @ " in c), None))
    if not spot or not math.isfinite(spot) or spot <= 0 or stamp is None:
        raise ChainParseError("preamble lacks a positive spot or an as-of stamp")
    return spot, parse_asof(stamp)


def parse_chain(path):
    """Read a chain file. Returns spot, as-of and per-contract numpy arrays (call, put, call, put, ...)."""
    with open(path, "rb") as fh:
        lines = fh.read().decode("utf-8-sig", errors="replace").splitlines()
    rows = list(csv.reader(lines))
    head = next((i for i, r in enumerate(rows) if r and r[0].strip() == "Expiration Date"), None)
    if head is None:
        raise ChainParseError("no header line starting with 'Expiration Date'")
    spot, asof = _preamble(lines[:head])
    cols = _columns(rows[head])
    width = max(cols.values()) + 1
    cache, exp, strike, sym = {}, [], [], []
    nums = {"iv": [], "gamma": [], "oi": []}
    for n, r in enumerate(rows[head + 1:], start=head + 2):
        if not any(c.strip() for c in r):
            continue  # blank line
        if len(r) < width:
            raise ChainParseError(f"line {n}: {len(r)} cells, expected at least {width}")
        e, k = _parse_expiry(r[cols["expiry"]], cache), _num(r[cols["strike"]], f"line {n}")
        if k < 0:
            raise ChainParseError(f"line {n}: negative strike {k}")
        for side in ("c_", "p_"):  # each row holds a call and a put
            exp.append(e)
            strike.append(k)
            sym.append(r[cols[side + "sym"]])
            for name, values in nums.items():
                values.append(_num(r[cols[side + name]], f"line {n}"))
    if not exp:
        raise ChainParseError("no data rows after the header")
    roots = [_root(s) for s in sym]
    roots = [r or roots[i ^ 1] for i, r in enumerate(roots)]  # a blank symbol borrows its row partner's root
    return {"spot": float(spot), "asof": asof, "expiry": np.array(exp, dtype="datetime64[D]"),
            "strike": np.array(strike), "is_call": np.arange(len(exp)) % 2 == 0, "root": np.array(roots),
            **{name: np.array(values) for name, values in nums.items()}}


# ------------------------------------------------------------------------------------------------- model
def _pdf(x):
    """Standard normal density."""
    return np.exp(-x ** 2 / 2.0) / np.sqrt(2.0 * np.pi)


def gamma_exposure(levels, strike, vol, t, oi, is_call):
    """Perfiliev's per-contract GEX at each level: (levels x contracts) matrix, unsigned.

    Call gamma phi(d1)/(L vol sqrt T); put gamma in his own form K phi(d2)/(L^2 vol sqrt T); 0 when T or vol is 0.
    Contribution = OI * 100 * L * L * 0.01 * gamma.
    """
    L = levels[:, None]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        d1 = (np.log(L / strike) + 0.5 * vol ** 2 * t) / (vol * np.sqrt(t))
        d2 = d1 - vol * np.sqrt(t)
        call = _pdf(d1) / (L * vol * np.sqrt(t))
        put = strike * _pdf(d2) / (L * L * vol * np.sqrt(t))
        g = np.where(is_call, call, put)
    g = np.where((t == 0) | (vol == 0), 0.0, g)
    return oi * MULTIPLIER * L * L * 0.01 * g


def zero_crossings(levels, profile):
    """Perfiliev's zero gamma for every sign change of the profile (linear interpolation), in level order."""
    idx = np.where(np.diff(np.sign(profile)))[0]
    neg, pos = profile[idx], profile[idx + 1]
    nl, pl = levels[idx], levels[idx + 1]
    return pl - (pl - nl) * pos / (pos - neg)  # [0] is Perfiliev's zero gamma (first crossing)


def _argmax_strike(strikes, values):
    """Strike with the largest value; ties -> lowest strike (strikes are sorted ascending)."""
    return float(strikes[int(np.argmax(values))]) if len(strikes) else None


def analyze(chain):
    """Run the Perfiliev convention on a parsed chain; returns the JSON-ready result dict."""
    spot, asof = chain["spot"], chain["asof"]
    # 1. Expired-contract filter: settlement instant (naive ET) must be after the as-of time.
    am = np.isin(chain["root"], list(AM_SETTLED_ROOTS))
    settle_min = np.where(am, AM_SETTLE.hour * 60 + AM_SETTLE.minute, PM_SETTLE.hour * 60 + PM_SETTLE.minute)
    settle = chain["expiry"].astype("datetime64[m]") + settle_min.astype("timedelta64[m]")
    keep = settle > np.datetime64(asof, "m")
    exp, k = chain["expiry"][keep], chain["strike"][keep]
    vol, oi, fgamma, is_call = chain["iv"][keep], chain["oi"][keep], chain["gamma"][keep], chain["is_call"][keep]

    # 2. Time to expiry: business days / 262, floored at 1/262.
    bdays = np.busday_count(np.datetime64(asof.date(), "D"), exp)
    t = np.where(bdays == 0, 1.0 / BUSINESS_DAYS, bdays / BUSINESS_DAYS)

    # 3. Profiles over 60 levels: sum of call GEX minus sum of put GEX, for three contract subsets.
    levels = np.linspace(0.8 * spot, 1.2 * spot, N_LEVELS)
    gex = gamma_exposure(levels, k, vol, t, oi, is_call)
    expiries = sorted(set(exp.tolist()))
    monthly = next((d for d in expiries if d.weekday() == 4 and 15 <= d.day <= 21), None)  # 3rd Friday
    masks = {"all": np.ones(len(exp), bool),
             "ex_next_expiry": exp != np.datetime64(expiries[0], "D") if expiries else np.ones(0, bool),
             "ex_next_monthly": exp != np.datetime64(monthly, "D") if monthly else np.ones(len(exp), bool)}
    profiles = {name: gex[:, m & is_call].sum(axis=1) - gex[:, m & ~is_call].sum(axis=1)
                for name, m in masks.items()}
    zeros = zero_crossings(levels, profiles["all"])

    # 4. Net GEX and walls from the file's Gamma column at spot (all strikes, all kept expiries).
    file_gex = fgamma * oi * MULTIPLIER * spot * spot * 0.01
    net_gex = file_gex[is_call].sum() - file_gex[~is_call].sum()
    strikes, inv = np.unique(k, return_inverse=True)
    call_gex = np.bincount(inv[is_call], weights=file_gex[is_call], minlength=len(strikes))
    put_gex = -np.bincount(inv[~is_call], weights=file_gex[~is_call], minlength=len(strikes))

    result = {
        "asof": asof.strftime("%Y-%m-%dT%H:%M"),
        "spot": float(spot),
        "contracts": int(keep.sum()),
        "expired_dropped": int((~keep).sum()),
        "expiries": len(expiries),
        "net_gex": float(net_gex),
        "zero_gamma": float(zeros[0]) if len(zeros) else None,
        "zero_gammas": sorted(float(z) for z in zeros),
        "call_wall": _argmax_strike(strikes, call_gex),
        "put_wall": _argmax_strike(strikes, np.abs(put_gex)),
        "abs_gamma_strike": _argmax_strike(strikes, call_gex + np.abs(put_gex)),
        "levels": [float(x) for x in levels],
        "profile_all": [float(x) for x in profiles["all"]],
        "profile_ex_next_expiry": [float(x) for x in profiles["ex_next_expiry"]],
        "profile_ex_next_monthly": [float(x) for x in profiles["ex_next_monthly"]],
        "convention": "perfiliev",
        "units": {"net_gex": "USD per 1% move", "profile": "USD per 1% move"},
    }
    _assert_finite(result)
    return result


def _assert_finite(result):
    """NaN / inf must never reach the JSON output."""
    numbers = [v for v in result.values() if isinstance(v, float)]
    numbers += [x for v in result.values() if isinstance(v, list) for x in v]
    assert all(math.isfinite(x) for x in numbers), "non-finite number in result"


def run(path):
    """Parse and analyse one chain file."""
    return analyze(parse_chain(path))


def main(argv=None):
    ap = argparse.ArgumentParser(description="Perfiliev GEX peer for a Cboe quotedata chain.")
    ap.add_argument("chain_file")
    ap.add_argument("--json", action="store_true", help="accepted for symmetry; output is always JSON")
    args = ap.parse_args(argv)
    try:
        result = run(args.chain_file)
    except OSError as exc:
        print(f"perfiliev_gex: cannot read {args.chain_file}: {exc}", file=sys.stderr)
        return EXIT_NOINPUT
    except ChainParseError as exc:
        print(f"perfiliev_gex: cannot parse {args.chain_file}: {exc}", file=sys.stderr)
        return EXIT_DATAERR
    print(json.dumps(result, allow_nan=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
