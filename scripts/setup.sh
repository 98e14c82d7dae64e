#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a checked, timed run:
# install packages, build, lower a shipped example and execute it on the CPU.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"

EXAMPLE="$ATTN_ROOT/examples/causal.mlir"
echo "== attn-opt: lowering $EXAMPLE with --attn-decompose (first lines)"
"$ATTN_BUILD/bin/attn-opt" "$EXAMPLE" --attn-decompose | head -n 12
echo "== attn-run: compile, execute on the CPU and check against the float64 reference"
"$ATTN_BUILD/bin/attn-run" "$EXAMPLE" --check --reps=5
