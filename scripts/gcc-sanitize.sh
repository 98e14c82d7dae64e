#!/usr/bin/env bash
# The second build of CI (scripts/test.sh runs it after the lit suite):
# attn-opt and attn-run compiled by GCC 12 (not clang) with
# AddressSanitizer + UndefinedBehaviorSanitizer, in build-check/ (or
# $ATTN_CHECK_BUILD). One build serves two checks (docs/reliability.md):
#  - compiler independence: the FileCheck tests of the dialect, the
#    transforms, both targets and the pipelines pin the printed IR, and here
#    they run on a GCC-built attn-opt (C++ leaves the order in which
#    function arguments are evaluated unspecified: GCC and clang differ);
#    the lowerings of every example to LLVM must also be byte-identical to
#    those of the clang-built attn-opt of $ATTN_BUILD (default build/).
#    scripts/check_arg_order.py first flags, in seconds, any call that
#    creates ops in two of its arguments, tested or not;
#  - memory and UB errors: the same tests, the execution tests (but the
#    slowest four), the kept fuzz findings and a fuzz sample of 100 mutants
#    run with the sanitized tools; any report stops a tool with exit code
#    86, which fails its test.
# Only these two tools and these tests (docs/reliability.md has the
# measured times and what is left out).
set -euo pipefail
ATTN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${ATTN_CHECK_BUILD:-$ATTN_ROOT/build-check}"
cd "$ATTN_ROOT"

echo "== argument order: no call creates ops in two of its arguments"
python3 scripts/check_arg_order.py \
  dialects passes lib include/attn tools

if ! command -v g++-12 >/dev/null; then
  echo "== installing g++-12"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q g++-12
fi
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$BUILD/build.ninja" ]; then
  # -O1: the sanitizers' usual level (-O0 tools make the fuzz sample's
  # attn-run --check runs several times slower).
  cmake -S "$ATTN_ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_CXX_FLAGS_RELEASE="-O1 -g0" -DCMAKE_C_FLAGS_RELEASE="-O1 -g0" \
    -DCMAKE_C_COMPILER=gcc-12 -DCMAKE_CXX_COMPILER=g++-12 \
    -DATTN_SANITIZE=address,undefined "${launcher[@]}" >/dev/null
fi
echo "== GCC 12 + ASan + UBSan: building attn-opt, attn-run in $BUILD"
ninja -C "$BUILD" -j"${ATTN_JOBS:-$(nproc)}" attn-opt attn-run
# The sanitizer options (no leak checking, no LLVM allocator poisoning,
# exit code 86 at the first report) are compiled into the tools:
# lib/Support/SanitizerDefaults.cpp says why.
echo "== GCC 12 + ASan + UBSan: FileCheck and execution tests, kept fuzz findings"
# Left out: the tests that need the other tools (attn-aot, the C API, the
# plugins, the self-tests, attn-gpu-run, Python), and the four slowest
# execution tests under the sanitizers (about half the time of
# test/Execution), whose attn-run code paths the others cover: the
# JIT-compiled kernels they stress are not instrumented.
"${LLVM_LIT:-/usr/lib/llvm-22/bin/lit}" -sv ${ATTN_CHECK_LIT_ARGS:-} \
  --filter-out 'Execution/(fused-bf16-dot|fused-dtypes|fused-masks|linear-matrix)\.mlir' \
  "$BUILD/test/dialects" "$BUILD/test/passes" "$BUILD/test/Execution" \
  "$BUILD/test/tools/attn-run-npy.test" "$BUILD/test/tools/known-parser-crashes.mlir" \
  "$BUILD/test/Fuzz/fuzz-regressions.test"

# The same printed IR from both compilers, whole lowerings, not only what
# the CHECK lines pin.
RELEASE_OPT="${ATTN_BUILD:-$ATTN_ROOT/build}/bin/attn-opt"
echo "== identical IR: GCC 12 build against $RELEASE_OPT (clang-22)"
if [ ! -x "$RELEASE_OPT" ]; then
  echo "error: $RELEASE_OPT is missing (scripts/deps.sh builds it)" >&2
  exit 1
fi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
n=0
for f in examples/*.mlir; do
  for flags in --attn-lower-to-llvm --attn-lower-to-llvm=form=unfused; do
    "$RELEASE_OPT" "$f" $flags > "$tmp/clang.mlir"
    "$BUILD/bin/attn-opt" "$f" $flags > "$tmp/gcc.mlir"
    if ! cmp -s "$tmp/clang.mlir" "$tmp/gcc.mlir"; then
      echo "error: attn-opt $f $flags prints different IR when built by GCC:" >&2
      diff "$tmp/clang.mlir" "$tmp/gcc.mlir" | head -20 >&2
      exit 1
    fi
    n=$((n + 1))
  done
done
echo "identical IR: $n lowerings of examples/*.mlir"

# A smaller fuzz sample than the main suite's (which runs 300 mutants with
# the release tools), with another seed: sanitizer reports on error paths.
echo "== GCC 12 + ASan + UBSan: fuzz sample"
python3 test/Fuzz/fuzz_ir.py --attn-opt "$BUILD/bin/attn-opt" \
  --attn-run "$BUILD/bin/attn-run" --check --each-pass --pass-sample 1 \
  --opt-pipeline "--attn-decompose --attn-cpu-pipeline" \
  --opt-pipeline "--attn-fuse --attn-decompose --attn-cpu-pipeline" \
  --run-pipeline unfused --run-pipeline fused --one-pipeline \
  --run-every 4 --count "${ATTN_CHECK_FUZZ_COUNT:-100}" --seed 2 \
  --mem-limit-mb 0 --timeout 60
