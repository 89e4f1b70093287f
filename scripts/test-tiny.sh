#!/usr/bin/env bash
# gex run with tiny chunk sizes: a small generated day with defects, run with --chunk-size 1, 2, 3, 7
# on 1, 2 and 3 workers; every output file must be bit-identical to a default run (batch 16, 2 workers)
# (Parquet bytes; report.html and metadata.json after removing the run's timings and worker count).
set -uo pipefail
gex=${1:?usage: test-tiny.sh PATH_TO_GEX}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
failed=0; runs=0
"$gex" generate --contracts 600 --interval 1800 --defects 0.01 --seed 7 --out "$tmp/day.csv.gz" 2>/dev/null || { echo "FAIL generate"; exit 1; }

# metadata.json / report.html without what legitimately differs between runs (timings, worker count).
normalise() {
  python3 - "$1" <<'PY'
import json, re, sys
path = sys.argv[1]
if path.endswith(".json"):
    def strip(x):
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if "seconds" not in k and "timing" not in k and k not in ("workers",)}
        if isinstance(x, list):
            return [strip(v) for v in x]
        return x
    print(json.dumps(strip(json.load(open(path))), sort_keys=True))
else:
    text = open(path).read()
    text = re.sub(r'workers</td>\s*<td class="v">[^<]*', "workers", text)
    print(re.sub(r"[0-9.]+ ?s(econds)?\b", "", text))
PY
}

"$gex" run "$tmp/day.csv.gz" --out "$tmp/ref" --workers 2 --quiet >/dev/null || { echo "FAIL reference run"; exit 1; }
for chunk in 1 2 3 7; do
  for w in 1 2 3; do
    out="$tmp/c${chunk}_w$w"
    "$gex" run "$tmp/day.csv.gz" --out "$out" --workers "$w" --chunk-size "$chunk" --quiet >/dev/null || { echo "FAIL run chunk $chunk workers $w"; failed=$((failed + 1)); continue; }
    runs=$((runs + 1))
    for f in "$tmp"/ref/*; do
      name=$(basename "$f")
      case $name in
        *.json|*.html) [ "$(normalise "$f")" = "$(normalise "$out/$name")" ] || { echo "FAIL $name differs: chunk $chunk, $w workers"; failed=$((failed + 1)); } ;;
        *) cmp -s "$f" "$out/$name" || { echo "FAIL $name differs: chunk $chunk, $w workers"; failed=$((failed + 1)); } ;;
      esac
    done
  done
done
echo "test-tiny: $runs runs x $(ls "$tmp/ref" | wc -l) files compared with the default chunking, $failed differences"
[ $failed = 0 ]
