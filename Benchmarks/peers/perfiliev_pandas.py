#!/usr/bin/env python3
"""Sergei Perfiliev's GEX method the way he published it: pandas, one DataFrame.apply per row.

The timing peer beside perfiliev_gex.py (numpy, vectorised). It keeps the published structure: the chain in
one pandas DataFrame (pandas.read_csv), Black-Scholes gamma exposure from the file's IV with scipy's
norm.pdf called once per row (DataFrame.apply, axis=1) for calls and again for puts, a Python loop over 60
spot levels in [0.8, 1.2] x spot, three profiles (all, ex-next-expiry, ex-next-monthly), and the zero-gamma
level by linear interpolation at the first sign change. T = business days / 262 (1/262 floor), r = q = 0.

Two departures, so that it computes the same numbers as `gex levels --convention perfiliev` and
perfiliev_gex.py (see README.md, "Conventions"): the header, spot and as-of lines are found by content (the
published code reads fixed line numbers), and contracts already settled at the as-of time are dropped first
(SPX/NDX/RUT/VIX roots settle at 09:30 ET, others at 16:00 ET).

Usage: python3 perfiliev_pandas.py CHAIN_FILE   -> JSON {spot, contracts, zero_gamma, net_gex} on stdout.
Needs pandas and scipy (Benchmarks/.venv-peers).
"""
import datetime as dt
import json
import sys

import numpy as np
import pandas as pd
from scipy.stats import norm

from perfiliev_gex import parse_asof


def calc_gamma_ex(S, K, vol, T, r, q, opt_type, OI):
    """Gamma exposure of one option position at spot S (Perfiliev's calcGammaEx)."""
    if T == 0 or vol == 0:
        return 0
    dp = (np.log(S / K) + (r - q + 0.5 * vol ** 2) * T) / (vol * np.sqrt(T))
    dm = dp - vol * np.sqrt(T)
    if opt_type == "call":
        gamma = np.exp(-q * T) * norm.pdf(dp) / (S * vol * np.sqrt(T))
        return OI * 100 * S * S * 0.01 * gamma
    # Gamma is the same for calls and puts: his put form, as a cross-check.
    gamma = K * np.exp(-r * T) * norm.pdf(dm) / (S * S * vol * np.sqrt(T))
    return OI * 100 * S * S * 0.01 * gamma


def is_third_friday(d):
    return d.weekday() == 4 and 15 <= d.day <= 21


def load(path):
    """Spot, as-of and the chain as one row per strike and expiry (calls and puts side by side)."""
    with open(path, encoding="utf-8-sig") as f:
        lines = f.readlines()
    spot = float(next(l for l in lines if "Last:" in l).split("Last:")[1].split(",")[0])
    asof = parse_asof(next(l for l in lines if "Date:" in l).split(",Bid:")[0].strip().strip('"'))
    header = next(i for i, l in enumerate(lines) if l.startswith("Expiration Date"))
    df = pd.read_csv(path, sep=",", header=None, skiprows=header + 1)
    df.columns = ["ExpirationDate", "Calls", "CallLastSale", "CallNet", "CallBid", "CallAsk", "CallVol",
                  "CallIV", "CallDelta", "CallGamma", "CallOpenInt", "StrikePrice", "Puts", "PutLastSale",
                  "PutNet", "PutBid", "PutAsk", "PutVol", "PutIV", "PutDelta", "PutGamma", "PutOpenInt"]
    df["ExpirationDate"] = pd.to_datetime(df["ExpirationDate"], format="%a %b %d %Y")
    for column in ["StrikePrice", "CallIV", "PutIV", "CallGamma", "PutGamma", "CallOpenInt", "PutOpenInt"]:
        df[column] = df[column].astype(float)
    return spot, asof, df


def expired(df, asof):
    """Rows settled at `asof` (both sides share the expiry; AM roots SPX/NDX/RUT/VIX at 09:30 ET, others 16:00 ET)."""
    root = df["Calls"].fillna(df["Puts"]).astype(str).str.extract(r"^([A-Z]+)\d{6}")[0]
    settle = df["ExpirationDate"] + pd.to_timedelta(np.where(root.isin(["SPX", "NDX", "RUT", "VIX"]), 9.5, 16.0), unit="h")
    return settle <= pd.Timestamp(asof)


def main(path):
    spot, asof, df = load(path)
    df = df.loc[~expired(df, asof)].copy()

    df["CallGEX"] = df["CallGamma"] * df["CallOpenInt"] * 100 * spot * spot * 0.01
    df["PutGEX"] = df["PutGamma"] * df["PutOpenInt"] * 100 * spot * spot * 0.01 * -1
    net_gex = float(df["CallGEX"].sum() + df["PutGEX"].sum())

    levels = np.linspace(0.8 * spot, 1.2 * spot, 60)
    today = asof.date()
    df["daysTillExp"] = [1 / 262 if np.busday_count(today, x.date()) == 0 else np.busday_count(today, x.date()) / 262
                         for x in df.ExpirationDate]
    next_expiry = df["ExpirationDate"].min()
    df["IsThirdFriday"] = [is_third_friday(x) for x in df.ExpirationDate]
    next_monthly = df.loc[df["IsThirdFriday"]]["ExpirationDate"].min()

    total, ex_next, ex_fri = [], [], []
    for level in levels:
        df["callGammaEx"] = df.apply(lambda row: calc_gamma_ex(level, row["StrikePrice"], row["CallIV"], row["daysTillExp"],
                                                               0, 0, "call", row["CallOpenInt"]), axis=1)
        df["putGammaEx"] = df.apply(lambda row: calc_gamma_ex(level, row["StrikePrice"], row["PutIV"], row["daysTillExp"],
                                                              0, 0, "put", row["PutOpenInt"]), axis=1)
        total.append(df["callGammaEx"].sum() - df["putGammaEx"].sum())
        rest = df.loc[df["ExpirationDate"] != next_expiry]
        ex_next.append(rest["callGammaEx"].sum() - rest["putGammaEx"].sum())
        rest = df.loc[df["ExpirationDate"] != next_monthly]
        ex_fri.append(rest["callGammaEx"].sum() - rest["putGammaEx"].sum())

    total = np.array(total)
    cross = np.where(np.diff(np.sign(total)))[0]
    neg, pos = total[cross], total[cross + 1]
    neg_level, pos_level = levels[cross], levels[cross + 1]
    zero_gamma = pos_level - ((pos_level - neg_level) * pos / (pos - neg))
    print(json.dumps({"spot": spot, "contracts": 2 * len(df), "zero_gamma": float(zero_gamma[0]) if len(zero_gamma) else None,
                      "net_gex": net_gex, "profile_all": total.tolist(),
                      "profile_ex_next_expiry": ex_next, "profile_ex_next_monthly": ex_fri}))


if __name__ == "__main__":
    main(sys.argv[1])
