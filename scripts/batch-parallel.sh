#!/usr/bin/env bash
# Example: GNU parallel on one machine, 4 shards of 1 worker each (the shards never touch the same day).
#   scripts/batch-parallel.sh /archive/2024 out/batch
set -euo pipefail
archives=${1:?archive directory}; out=${2:?output root}; shards=${SHARDS:-4}
seq 0 $((shards - 1)) | parallel -j "$shards" gex batch "$archives"/'*.csv.gz' --out "$out" --shard {}/"$shards" --workers 1 --quiet
