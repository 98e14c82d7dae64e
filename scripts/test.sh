#!/usr/bin/env bash
# Builds what is missing and runs the whole lit suite (check-attn), then
# scripts/gcc-sanitize.sh: a second build of attn-opt and attn-run with
# GCC 12 + ASan + UBSan that reruns the FileCheck tests and the fuzz sample
# (the IR does not depend on the compiler; no memory or UB errors).
# ATTN_QUICK=1 runs only the lit suite.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
ninja -C "$ATTN_BUILD" check-attn
if [ -z "${ATTN_QUICK:-}" ]; then
  "$ATTN_ROOT/scripts/gcc-sanitize.sh"
fi
