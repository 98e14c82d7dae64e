#!/usr/bin/env bash
# Builds what is missing and runs the whole lit suite (check-attn).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/deps.sh"
ninja -C "$ATTN_BUILD" check-attn
