#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a checked, timed run:
# install packages, build, lower a shipped example and execute it on the CPU.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"

EXAMPLE="$ATTN_ROOT/examples/causal.mlir"
LOWERED="$(mktemp)"
trap 'rm -f "$LOWERED"' EXIT
echo "== attn-opt: $EXAMPLE through --attn-fuse (first lines)"
"$ATTN_BUILD/bin/attn-opt" "$EXAMPLE" --attn-fuse > "$LOWERED"
head -n 16 "$LOWERED"
for pipeline in fused unfused; do
  echo "== attn-run --pipeline=$pipeline: lower, compile, run on the CPU, check against the float64 reference"
  "$ATTN_BUILD/bin/attn-run" "$EXAMPLE" --pipeline="$pipeline" --check --reps=5
done
