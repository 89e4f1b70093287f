#!/usr/bin/env python3
"""Compare the Swift `gex` CLI against the numpy Perfiliev peer, chain by chain.

Usage: python3 compare_perfiliev.py --gex PATH_TO_GEX_BINARY FILE...

For each FILE it runs `GEX levels FILE --convention perfiliev --json` and the peer (perfiliev_gex.py in this
folder), then checks:
  zero_gamma        within 0.01 index points (both null counts as equal)
  call_wall, put_wall, abs_gamma_strike, spot, contracts   exactly equal
  net_gex           within 1e-9 relative
Prints `ok FILE ...` or `FAIL FILE: ...` per file, then `perfiliev: N passed, M failed`.
Exit status 1 if any file failed or no file was given, else 0.
"""
import argparse
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # leave no __pycache__ beside the peer
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import perfiliev_gex  # noqa: E402  (the peer, imported from this folder)

ZERO_GAMMA_TOL = 0.01      # index points
NET_GEX_REL_TOL = 1e-9     # relative
EXACT_KEYS = ("spot", "contracts", "call_wall", "put_wall", "abs_gamma_strike")
GEX_TIMEOUT_S = 600


def run_gex(binary, path):
    """Run the Swift CLI on one chain and return its JSON object (raises RuntimeError on failure)."""
    cmd = [binary, "levels", path, "--convention", "perfiliev", "--json"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=GEX_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeError(f"cannot run gex: {exc}") from None
    if proc.returncode != 0:
        err = proc.stderr.strip().splitlines()[-1:] or ["(no stderr)"]
        raise RuntimeError(f"gex exited {proc.returncode}: {err[0]}")
    try:
        out = json.loads(proc.stdout)
    except json.JSONDecodeError as exc:
        raise RuntimeError(f"gex stdout is not JSON: {exc}") from None
    if not isinstance(out, dict):
        raise RuntimeError("gex stdout is not a JSON object")
    return out


def differences(gex, peer):
    """List of human-readable differences between the two results (empty when they agree)."""
    diffs = []
    missing = [k for k in EXACT_KEYS + ("zero_gamma", "net_gex") if k not in gex]
    if missing:
        return [f"gex output lacks {', '.join(missing)}"]

    g, p = gex["zero_gamma"], peer["zero_gamma"]
    if (g is None) != (p is None) or (g is not None and abs(g - p) > ZERO_GAMMA_TOL):
        diffs.append(f"zero_gamma gex={g} peer={p}")

    for key in EXACT_KEYS:
        g, p = gex[key], peer[key]
        if g != p:  # int/float mix is fine (1 == 1.0); null only equals null
            diffs.append(f"{key} gex={g} peer={p}")

    g, p = gex["net_gex"], peer["net_gex"]
    if not isinstance(g, (int, float)) or abs(g - p) > NET_GEX_REL_TOL * max(abs(g), abs(p)):
        diffs.append(f"net_gex gex={g!r} peer={p!r}")
    return diffs


def compare_file(binary, path):
    """(passed, line) for one chain file."""
    if not os.path.isfile(path):
        return False, f"FAIL {path}: file does not exist"
    try:
        peer = perfiliev_gex.run(path)
    except (OSError, perfiliev_gex.ChainParseError) as exc:
        return False, f"FAIL {path}: peer cannot read it: {exc}"
    try:
        gex = run_gex(binary, path)
    except RuntimeError as exc:
        return False, f"FAIL {path}: {exc}"
    diffs = differences(gex, peer)
    if diffs:
        return False, f"FAIL {path}: " + "; ".join(diffs)
    return True, (f"ok {path} zero_gamma={peer['zero_gamma']} call_wall={peer['call_wall']} "
                  f"put_wall={peer['put_wall']} abs_gamma_strike={peer['abs_gamma_strike']} "
                  f"net_gex={peer['net_gex']:.6g} contracts={peer['contracts']}")


def main(argv=None):
    ap = argparse.ArgumentParser(description="Compare gex (Swift) with the Perfiliev numpy peer.")
    ap.add_argument("--gex", required=True, help="path to the gex binary")
    ap.add_argument("files", nargs="*", help="Cboe quotedata chain files")
    args = ap.parse_args(argv)
    if not args.files:
        print("compare_perfiliev: no chain file given", file=sys.stderr)
    passed = failed = 0
    for path in args.files:
        ok, line = compare_file(args.gex, path)
        print(line, flush=True)
        passed, failed = passed + ok, failed + (not ok)
    print(f"perfiliev: {passed} passed, {failed} failed")
    return 1 if failed or not args.files else 0


if __name__ == "__main__":
    sys.exit(main())
