#!/usr/bin/env bash
# Builds the tools with AddressSanitizer + UndefinedBehaviorSanitizer in a
# second build directory (build-asan, or $ATTN_ASAN_BUILD) and runs the whole
# lit suite with them. Any sanitizer report stops the tool with a non-zero
# exit code, which fails its test. Called by scripts/test.sh (CI).
set -euo pipefail
ATTN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${ATTN_ASAN_BUILD:-$ATTN_ROOT/build-asan}"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$BUILD/build.ninja" ]; then
  # -O1: the sanitizers' usual setting, several times faster to build than -O3.
  cmake -S "$ATTN_ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS_RELEASE="-O1 -g0" \
    -DCMAKE_C_COMPILER=clang-22 -DCMAKE_CXX_COMPILER=clang++-22 \
    -DATTN_SANITIZE=address,undefined "${launcher[@]}" >/dev/null
fi
echo "== sanitizers: building in $BUILD"
ninja -C "$BUILD" -j"${ATTN_JOBS:-$(nproc)}" attn-opt attn-run attn-ref-selftest attn-linear-selftest
# LLVM's own singletons are deliberately never freed: leak checking would
# only report those. Everything else aborts on the first report.
export ASAN_OPTIONS="detect_leaks=0:abort_on_error=0:exitcode=86:${ASAN_OPTIONS:-}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=86:${UBSAN_OPTIONS:-}"
echo "== sanitizers: lit suite with the ASan+UBSan tools"
"${LLVM_LIT:-/usr/lib/llvm-22/bin/lit}" -sv ${ATTN_SANITIZE_LIT_ARGS:-} "$BUILD/test"
