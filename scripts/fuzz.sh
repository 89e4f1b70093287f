#!/usr/bin/env bash
# libFuzzer over every reader: builds each target of Tests/Fuzz (GEX_FUZZ=1 adds them to the package)
# in release with --sanitize=fuzzer --sanitize=address and coverage in every module (SwiftPM instruments only
# the fuzz target itself otherwise) into .build-fuzz, seeds a working corpus from the committed
# fixtures, and runs each for FUZZ_SECONDS (default 30). Crashes, leaks, timeouts and OOMs are written to
# .build-fuzz/artifacts/<target>/ and fail the run; reproduce one with
#   .build-fuzz/release/<Target> .build-fuzz/artifacts/<target>/crash-…
# Usage: scripts/fuzz.sh [TARGET…]   (default: all; FUZZ_SECONDS=30, FUZZ_MAX_LEN=16384)
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}
max_len=${FUZZ_MAX_LEN:-16384}
scratch=.build-fuzz
targets=("$@")
[ ${#targets[@]} = 0 ] && targets=(FuzzChain FuzzDataShop FuzzOPRA FuzzByteStream FuzzNumbers)
bad=Tests/ArchivesTests/Fixtures/bad
regressions=Tests/ArchivesTests/Fixtures/fuzz

# $(seed TARGET DIR): the committed inputs that suit TARGET, copied into DIR. OPRA and ByteStream inputs
# start with one parameter byte (interval / buffer size), so their seeds get one prepended.
seed() {
  local target=$1 dir=$2 prefix=""
  mkdir -p "$dir"
  case $target in
    FuzzChain) files=("$bad"/chain_* "$regressions"/chain_*); head -c 8000 data/spx_quotedata_2023-09-14.csv >"$dir/spx_head.csv" ;;
    FuzzDataShop) files=("$bad"/ds_* "$regressions"/ds_*)
      gzip -dc data/UnderlyingOptionsIntervals_1800sec_calcs_oi_2021-04-26.csv.gz | head -c 8000 >"$dir/datashop_head.csv"
      gzip -dc data/UnderlyingOptionsIntervals_1800sec_calcs_oi_2021-04-26.csv.gz | head -c 6000 | gzip -c >"$dir/datashop_head.csv.gz" ;;
    FuzzOPRA) files=(Tests/Fuzz/seeds/opra/* "$regressions"/opra_*); prefix=$'\x00' ;;
    FuzzByteStream) files=("$bad"/ds_*.gz "$bad"/*.zip "$bad"/chain_bom_crlf.csv "$bad"/chain_mixed_line_endings.csv "$regressions"/stream_*); prefix=$'\x07' ;;
    FuzzNumbers) files=("$regressions"/number_*)
      for s in 4505.1001 -0.5 1e-3 0.000000000000000000001 9007199254740993 "  12.5 " 1,234 inf nan 0x1p3 \
               "September 14, 2023 at 10:31 AM EDT" "14 septembre 2023 16:31 CEST" "2023-09-14T16:31-04:00" "Sep 04 2020 @ 16:15 ET"; do
        printf '%s' "$s" >"$dir/seed_$(printf '%s' "$s" | md5sum | cut -c1-8)"; done ;;
  esac
  for f in "${files[@]}"; do
    [ -f "$f" ] || continue
    { printf '%s' "$prefix"; cat "$f"; } >"$dir/$(basename "$f")"
  done
}

export GEX_FUZZ=1
# Swift's own crash handler reads memory in ways ASan reports as a second, misleading error.
export SWIFT_BACKTRACE=enable=no
failed=0
for t in "${targets[@]}"; do
  echo "== $t: building (release, fuzzer + address sanitizer, edge + compare coverage in every module)"
  swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
    --scratch-path "$scratch" --product "$t" 2>&1 | grep -E "error|warning: unre|Compiling Fuzz|Build complete" | grep -v "ld.gold" || true
  bin="$scratch/release/$t"
  [ -x "$bin" ] || { echo "FAIL $t: no binary"; failed=$((failed + 1)); continue; }
  corpus="$scratch/corpus/$t" artifacts="$scratch/artifacts/$t"
  seed "$t" "$corpus"
  mkdir -p "$artifacts"
  echo "== $t: fuzzing for ${seconds}s (corpus $corpus: $(ls "$corpus" | wc -l) inputs)"
  "$bin" "$corpus" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=3072 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 >"$scratch/$t.log" 2>&1
  code=$?
  grep -E "^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE" "$scratch/$t.log" | tr '\n' ' '; echo
  if [ $code != 0 ]; then
    failed=$((failed + 1))
    echo "FAIL $t (exit $code): $(ls "$artifacts" | tr '\n' ' ')"
    grep -E "ERROR|Fatal error|invariant violated|SUMMARY" "$scratch/$t.log" | head -5
  fi
done
echo "fuzz: ${#targets[@]} targets, $failed failed"
[ $failed = 0 ]
