#!/usr/bin/env bash
# Builds what is missing and runs the whole lit suite (check-attn), then
# scripts/gcc-sanitize.sh: a second build of attn-opt and attn-run with
# GCC 12 + ASan + UBSan that reruns the FileCheck tests, most execution tests
# and a fuzz sample (the IR does not depend on the compiler; no memory or
# UB errors). CI (.ci/run) runs both; ATTN_SANITIZE=0 skips the second
# build (docs/reliability.md has its cost).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
ninja -C "$ATTN_BUILD" check-attn
if [ "${ATTN_SANITIZE:-1}" != 0 ]; then
  ATTN_BUILD="$ATTN_BUILD" "$ATTN_ROOT/scripts/gcc-sanitize.sh"
fi
