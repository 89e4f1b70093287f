#!/usr/bin/env bash
# The one-way layer rule (README "Layout"): each target may import only what is listed here.
# Fails with the offending file and import when a target reaches sideways or up.
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A allowed=(
  [CShims]=""
  [CBLAS]=""
  [CLAPACKE]=""
  [CZlib]=""
  [CZstd]=""
  [CCrypto]=""
  [OptionsMath]="RealModule CShims"
  [LinearAlgebra]="CBLAS CLAPACKE"
  [MarketModel]="OptionsMath"
  [Exposure]="OptionsMath LinearAlgebra MarketModel"
  [Archives]="MarketModel OptionsMath Foundation Dispatch CZlib CShims Glibc Darwin"
  [SyntheticMarket]="OptionsMath MarketModel Foundation CZlib Glibc Darwin"
  [Reports]="MarketModel Exposure Foundation Dispatch CZstd CCrypto Glibc Darwin"
  [Pipeline]="MarketModel Exposure OptionsMath LinearAlgebra Dispatch Foundation Glibc Darwin"
  [gex]="*"
)
status=0
for dir in Sources/*/; do
  target=$(basename "$dir")
  [ -n "${allowed[$target]+x}" ] || { echo "check-imports: unknown target $target (add it to scripts/check-imports.sh)"; status=1; continue; }
  [ "${allowed[$target]}" = "*" ] && continue
  while IFS=: read -r file _ line; do
    module=$(sed -E 's/^[[:space:]]*(@[a-zA-Z_]+(\([^)]*\))?[[:space:]]+)*import[[:space:]]+(struct |class |enum |func )?([A-Za-z_]+).*/\4/' <<<"$line")
    case " ${allowed[$target]} " in *" $module "*) ;; *)
      echo "check-imports: $file imports $module, which $target may not import"; status=1;; esac
  done < <(grep -nE '^[[:space:]]*(@[a-zA-Z_]+(\([^)]*\))?[[:space:]]+)*import[[:space:]]' -r "$dir" --include='*.swift' || true)
done
[ $status -eq 0 ] && echo "check-imports: layer rule holds"
exit $status
