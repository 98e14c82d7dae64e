#!/usr/bin/env bash
# Builds what is missing and runs the whole lit suite (check-attn).
# ATTN_SANITIZE=1 then also runs scripts/gcc-sanitize.sh: a second build of
# attn-opt and attn-run with GCC 12 + ASan + UBSan that reruns the FileCheck
# tests and a fuzz sample (the IR does not depend on the compiler; no memory
# or UB errors). It is not on by default (nor in CI) until it has run clean
# within the CI time budget (docs/reliability.md).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
ninja -C "$ATTN_BUILD" check-attn
if [ -n "${ATTN_SANITIZE:-}" ]; then
  "$ATTN_ROOT/scripts/gcc-sanitize.sh"
fi
