#!/usr/bin/env bash
# Installs the Debian packages attn-opt needs, if any is missing, and
# configures + builds the project in ./build (incremental when it exists).
# Sourced by scripts/setup.sh and scripts/test.sh.
set -euo pipefail

ATTN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ATTN_BUILD="${ATTN_BUILD:-$ATTN_ROOT/build}"
PKGS="llvm-22-dev llvm-22-tools libmlir-22-dev mlir-22-tools clang-22 libomp-22-dev cmake ninja-build python3 python3-numpy python3-pytest mpich"

missing=""
for p in $PKGS; do
  status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
  [[ "$status" == *"install ok installed"* ]] || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "== installing:$missing"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q $missing
fi

# The README's Python commands and the Python tests (test/CMakeLists.txt
# picks the first python3 with both) run with the python3 on PATH, which
# need not be Debian's /usr/bin/python3 (a pyenv or venv one does not see
# python3-numpy): give that interpreter NumPy and pytest from PyPI.
for mod in numpy pytest; do
  if ! python3 -c "import $mod" 2>/dev/null; then
    echo "== installing $mod for $(command -v python3)"
    PIP_DISABLE_PIP_VERSION_CHECK=1 python3 -m pip install -q "$mod"
  fi
done

echo "== configuring and building in $ATTN_BUILD"
if [ ! -f "$ATTN_BUILD/build.ninja" ]; then
  cmake -S "$ATTN_ROOT" -B "$ATTN_BUILD" -G Ninja \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22
fi
# The tools, the C API library the Python package loads (python/attn) and
# the mlir-opt plugins.
ninja -C "$ATTN_BUILD" -j"${ATTN_JOBS:-$(nproc)}" attn-opt attn-run attn-aot \
  attn-ref-selftest AttnCAPI AttnDialectPlugin AttnPassPlugin
