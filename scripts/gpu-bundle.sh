#!/usr/bin/env bash
# Builds the bundle for a GPU machine (which has the CUDA driver and PyTorch
# but no LLVM/MLIR): the kernels of the execution shape matrix (f16, bf16)
# and of the benchmark as cubins + descriptions, the MLIR-free runner and
# the scripts that use them.
#
# usage: scripts/gpu-bundle.sh [OUT]       (default: build/gpu-bundle)
#   OUT/sm_90a/NAME.{cubin,kdesc}  every kernel for Hopper (H100/H200)
#   OUT/sm_90a_q128/NAME.{cubin,kdesc}  every kernel with query-tile=128
#   OUT/sm_80/NAME.{ptx,kdesc}     the check kernels built for sm_80, as PTX
#                                  (a cubin for sm_80 does not load on sm_90;
#                                  the driver JIT-compiles the PTX)
#   OUT/bin/attn-gpu-run, OUT/runner-src/ (its sources), OUT/gpu-check.sh,
#   OUT/gpu_bench.py, OUT/check.txt and OUT/bench.txt (kernel names)
# Then on the GPU machine: OUT/gpu-check.sh (see that script).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${ATTN_BUILD:-$ROOT/build}"
OUT="${1:-$BUILD/gpu-bundle}"
LIMIT_MIB="${ATTN_BUNDLE_LIMIT_MIB:-32}"
OPT="$BUILD/bin/attn-opt"
RUNNER="$BUILD/bin/attn-gpu-run"
for t in "$OPT" "$RUNNER"; do
  [ -x "$t" ] || { echo "gpu-bundle: $t is not built (ninja -C $BUILD attn-opt attn-gpu-run)" >&2; exit 1; }
done

rm -rf "$OUT"
mkdir -p "$OUT/src" "$OUT/sm_90a" "$OUT/sm_80" "$OUT/bin"
python3 "$ROOT/scripts/gpu_cases.py" check "$OUT/src" > "$OUT/check.txt"
python3 "$ROOT/scripts/gpu_cases.py" bench "$OUT/src" > "$OUT/bench.txt"

# One attn-opt per kernel, ATTN_JOBS at a time (ptxas dominates).
build_one() { # NAME CHIP FORMAT [QUERY-TILE]
  local name="$1" chip="$2" format="$3" qt="${4:-64}" dir="$OUT/$2"
  [ "$qt" = 64 ] || dir="$OUT/${chip}_q$qt"
  mkdir -p "$dir"
  "$OPT" "$OUT/src/$name.mlir" \
    --attn-nvgpu-pipeline="chip=$chip format=$format query-tile=$qt" \
    --attn-nvgpu-write-bundle="dir=$dir" -o /dev/null
}
export -f build_one
export OPT OUT
{
  sed 's/$/ sm_90a bin/' "$OUT/check.txt" "$OUT/bench.txt"
  sed 's/$/ sm_80 isa/' "$OUT/check.txt"
  # The benchmark kernels with 128-row query tiles too (gpu_bench.py times
  # both).
  grep '_f16$' "$OUT/check.txt" | sed 's/$/ sm_90a bin 128/'
  sed 's/$/ sm_90a bin 128/' "$OUT/bench.txt"
} | xargs -P "${ATTN_JOBS:-2}" -L 1 bash -c 'build_one "$@"' _

cp "$RUNNER" "$OUT/bin/"
# The runner's sources, for GPU machines whose C library is older than this
# one's (gpu-check.sh rebuilds it there with the local C++ compiler).
mkdir -p "$OUT/runner-src"
(cd "$ROOT" && tar cf - include/attn/Reference include/attn/GpuRuntime \
   lib/Reference/Attention.cpp lib/Reference/MaskPattern.cpp lib/Reference/Data.cpp \
   lib/Reference/SeededRandom.cpp \
   lib/GpuRuntime/KernelDesc.cpp tools/attn-gpu-run/*.cpp tools/attn-gpu-run/*.h) \
  | (cd "$OUT/runner-src" && tar xf -)
cp "$ROOT/scripts/gpu-check.sh" "$ROOT/bench/gpu_bench.py" "$OUT/"
chmod +x "$OUT/gpu-check.sh"

kib=$(du -sk "$OUT" | cut -f1)
n=$(ls "$OUT"/sm_*/*.kdesc | wc -l)
echo "gpu-bundle: $OUT: $n kernels, $((kib / 1024)) MiB ($kib KiB)"
if [ "$kib" -gt $((LIMIT_MIB * 1024)) ]; then
  echo "gpu-bundle: error: larger than $LIMIT_MIB MiB" >&2
  exit 1
fi
