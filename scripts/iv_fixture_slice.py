#!/usr/bin/env python3
"""Cut Tests/OptionsMathTests/Fixtures/iv_slice.csv from ../shared/reference/iv_dev.csv.gz.

Picks the hardest rows by the reference data alone (never by a solver's result): shortest T,
deepest wings |ln(F/K)|/(sigma sqrt T), extreme sigma, best and worst conditioned, smallest prices,
deepest in the money, every kind of non-identifiable row, plus a random remainder; 2,750 rows in all,
sorted by id. `attainable` is written with 6 significant digits (it is only a tolerance) to keep the
file under 400 KB. Usage (from the package root): python3 Scripts/iv_fixture_slice.py
"""
import csv
import gzip
import math
import random

SOURCE = "../shared/reference/iv_dev.csv.gz"
TARGET = "Tests/OptionsMathTests/Fixtures/iv_slice.csv"
TOTAL = 2750

with gzip.open(SOURCE, "rt") as f:
    reader = csv.reader(f)
    header = next(reader)
    rows = [r for r in reader]

def num(r, k):
    return float(r[header.index(k)])

def x_of(r):
    return math.log(num(r, "S") / num(r, "K")) + (num(r, "r") - num(r, "q")) * num(r, "T")

def h_of(r):
    return abs(x_of(r)) / (num(r, "sigma") * math.sqrt(num(r, "T")))

ident = [r for r in rows if r[-1] == "1"]
nonident = [r for r in rows if r[-1] == "0"]
itm = [r for r in ident if num(r, "cp") * x_of(r) > 0]
chosen = {}

def take(seq, n):
    for r in seq[:n]:
        chosen[r[0]] = r

take(sorted(rows, key=lambda r: num(r, "T")), 350)
take(sorted(ident, key=lambda r: -h_of(r)), 400)
take(sorted(ident, key=lambda r: -num(r, "sigma")), 200)
take(sorted(ident, key=lambda r: num(r, "sigma")), 200)
take(sorted(ident, key=lambda r: num(r, "attainable") / num(r, "sigma")), 200)
take(sorted(ident, key=lambda r: -num(r, "attainable") / num(r, "sigma")), 200)
take(sorted(ident, key=lambda r: num(r, "price")), 200)
take(sorted(itm, key=lambda r: -abs(x_of(r)) / (num(r, "sigma") * math.sqrt(num(r, "T")))), 250)
take([r for r in nonident if num(r, "price") == 0], 200)
take([r for r in nonident if 0 < num(r, "price") < 1e-300], 150)
take([r for r in nonident if num(r, "price") > 1e-300], 250)
rest = [r for r in rows if r[0] not in chosen]
random.Random(20240501).shuffle(rest)
take(rest, TOTAL - len(chosen))

with open(TARGET, "w", newline="") as f:
    f.write(",".join(header) + "\n")
    for r in sorted(chosen.values(), key=lambda r: int(r[0])):
        r = list(r)
        r[header.index("attainable")] = "%.6g" % float(r[header.index("attainable")])
        f.write(",".join(r) + "\n")
print(len(chosen), "rows")
