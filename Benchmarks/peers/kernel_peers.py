#!/usr/bin/env python3
"""Peers for the OptionsMath kernels, timed in-process on SPX-like inputs.

What users would otherwise run:
  * numpy/scipy vectorised analytic BSM greeks (gamma only, and the seven: price, delta, gamma,
    vega, theta, vanna, charm), with scipy.special.ndtr for N(x);
  * a vectorised numpy safeguarded Newton implied volatility (Newton on sigma with bisection
    fallback inside a bracket, 50 iterations max, tolerance 1e-12 on price);
  * py_vollib_vectorized (a numba port of Jaeckel's "Let's Be Rational"), when it imports.

Prints one JSON object: {workload: {"per_second": float, "seconds": float, "n": int}}.
Inputs are generated from a fixed seed with the same distribution as the Swift benchmarks
(S = 5000, strikes 0.7-1.3 S on a 5-point grid, T 1 day-2 years log-uniform, sigma 8-80 %,
r 4 %, q 1.3 %, calls and puts 50/50). Only numpy and scipy are required.
"""
import json
import sys
import time

import numpy as np
from scipy.special import ndtr

SQRT_2PI = np.sqrt(2.0 * np.pi)


def inputs(n, seed=1):
    rng = np.random.default_rng(seed)
    s = np.full(n, 5000.0)
    k = np.round(rng.uniform(0.7, 1.3, n) * 5000.0 / 5.0) * 5.0
    t = np.exp(rng.uniform(np.log(1 / 365), np.log(2.0), n))
    sigma = rng.uniform(0.08, 0.8, n)
    w = np.where(rng.uniform(size=n) < 0.5, 1.0, -1.0)
    return s, k, t, sigma, 0.04, 0.013, w


def gamma(s, k, t, sigma, r, q):
    sq = sigma * np.sqrt(t)
    d1 = (np.log(s / k) + (r - q + 0.5 * sigma * sigma) * t) / sq
    return np.exp(-q * t) * np.exp(-0.5 * d1 * d1) / (SQRT_2PI * s * sq)


def seven(s, k, t, sigma, r, q, w):
    rt = np.sqrt(t)
    sq = sigma * rt
    d1 = (np.log(s / k) + (r - q + 0.5 * sigma * sigma) * t) / sq
    d2 = d1 - sq
    dq, dr = np.exp(-q * t), np.exp(-r * t)
    pdf = np.exp(-0.5 * d1 * d1) / SQRT_2PI
    n1, n2 = ndtr(w * d1), ndtr(w * d2)
    price = w * (s * dq * n1 - k * dr * n2)
    delta = w * dq * n1
    gam = dq * pdf / (s * sq)
    vega = s * dq * pdf * rt
    theta = -s * dq * pdf * sigma / (2 * rt) - w * r * k * dr * n2 + w * q * s * dq * n1
    vanna = -dq * pdf * d2 / sigma
    charm = w * q * dq * n1 - dq * pdf * (2 * (r - q) * t - d2 * sq) / (2 * t * sq)
    return price, delta, gam, vega, theta, vanna, charm


def price(s, k, t, sigma, r, q, w):
    sq = sigma * np.sqrt(t)
    d1 = (np.log(s / k) + (r - q + 0.5 * sigma * sigma) * t) / sq
    return w * (s * np.exp(-q * t) * ndtr(w * d1) - k * np.exp(-r * t) * ndtr(w * (d1 - sq)))


def newton_iv(p, s, k, t, r, q, w, iterations=50):
    """Vectorised Newton on sigma, safeguarded by a bisection bracket [1e-4, 5]."""
    lo, hi = np.full(p.shape, 1e-4), np.full(p.shape, 5.0)
    sigma = np.full(p.shape, 0.3)
    for _ in range(iterations):
        f = price(s, k, t, sigma, r, q, w) - p
        lo = np.where(f < 0, sigma, lo)
        hi = np.where(f > 0, sigma, hi)
        sq = sigma * np.sqrt(t)
        d1 = (np.log(s / k) + (r - q + 0.5 * sigma * sigma) * t) / sq
        vega = s * np.exp(-q * t) * np.exp(-0.5 * d1 * d1) / SQRT_2PI * np.sqrt(t)
        step = np.where(vega > 1e-300, f / np.maximum(vega, 1e-300), np.inf)
        candidate = sigma - step
        bad = ~np.isfinite(candidate) | (candidate <= lo) | (candidate >= hi)
        sigma = np.where(bad, 0.5 * (lo + hi), candidate)
        if np.all(np.abs(f) < 1e-12 * np.maximum(p, 1.0)):
            break
    return sigma


def timed(fn, n, repeat=3):
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return {"per_second": n / best, "seconds": best, "n": n}


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    s, k, t, sigma, r, q, w = inputs(n)
    out = {
        "numpy_gamma": timed(lambda: gamma(s, k, t, sigma, r, q), n),
        "numpy_seven_greeks": timed(lambda: seven(s, k, t, sigma, r, q, w), n),
    }
    p = price(s, k, t, sigma, r, q, w)
    m = min(n, 1_000_000)
    out["numpy_newton_iv"] = timed(lambda: newton_iv(p[:m], s[:m], k[:m], t[:m], r, q, w[:m]), m, repeat=1)
    iv = newton_iv(p[:m], s[:m], k[:m], t[:m], r, q, w[:m])
    ok = np.abs(iv - sigma[:m]) < 1e-6
    out["numpy_newton_iv"]["fraction_within_1e-6"] = float(np.mean(ok))
    try:
        import py_vollib_vectorized as pvv  # noqa: F401
        flag = np.where(w > 0, "c", "p")
        pvv.vectorized_implied_volatility(p[:10], s[:10], k[:10], t[:10], r, flag[:10], q=q,
                                          model="black_scholes_merton", return_as="numpy")
        out["py_vollib_vectorized_iv"] = timed(
            lambda: pvv.vectorized_implied_volatility(p[:m], s[:m], k[:m], t[:m], r, flag[:m], q=q,
                                                      model="black_scholes_merton", return_as="numpy"), m, repeat=1)
    except Exception as error:  # reported, never fatal: the peer may not import on this platform
        out["py_vollib_vectorized_iv"] = {"error": f"{type(error).__name__}: {str(error).splitlines()[0][:200]}"}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
