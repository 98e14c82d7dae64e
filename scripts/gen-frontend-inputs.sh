#!/usr/bin/env bash
# Regenerates test/passes/Raise/Inputs/*.mlir: standard attention blocks as
# real front ends emit them (torch-mlir's FX importer to linalg and TOSA;
# JAX through IREE's input conversion to linalg). It creates its own pinned
# virtual environment from PyPI (several GB: torch's CUDA wheels come along);
# nothing else in the project needs these packages, and the tests do not.
#
#   scripts/gen-frontend-inputs.sh [OUTDIR]     (default: the test inputs)
#   FRONTEND_VENV=/path/to/venv to reuse an environment.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="${1:-$ROOT/test/passes/Raise/Inputs}"
VENV="${FRONTEND_VENV:-$ROOT/.venv-frontend}"
PY="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
"$VENV/bin/pip" install -q \
  torch==2.15.0 torch-mlir==20261001 \
  jax==0.10.2 jaxlib==0.10.2 iree-base-compiler==3.13.0
"$VENV/bin/python" "$ROOT/scripts/gen-frontend-inputs.py" "$OUT"
