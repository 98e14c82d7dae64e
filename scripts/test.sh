#!/usr/bin/env bash
# Builds what is missing and runs the whole lit suite (check-attn), then the
# compiler-independence check (GCC 12 build + FileCheck tests, argument
# order) and the suite again under AddressSanitizer + UBSan.
# ATTN_QUICK=1 runs only the first part.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
ninja -C "$ATTN_BUILD" check-attn
if [ -z "${ATTN_QUICK:-}" ]; then
  "$ATTN_ROOT/scripts/gcc-check.sh"
  "$ATTN_ROOT/scripts/sanitize.sh"
fi
