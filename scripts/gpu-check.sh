#!/usr/bin/env bash
# Every GPU check of the NVGPU target, then the benchmark, in one run (meant
# to take well under 5 minutes on an H100/H200). Runs inside the bundle
# made by scripts/gpu-bundle.sh; needs only the CUDA driver (and PyTorch for
# the comparison).
#
# usage: gpu-check.sh [BUNDLE] [RESULTS]
#   BUNDLE   default: the folder of this script if it holds sm_90a/, else
#            build/gpu-bundle
#   RESULTS  default: $OUT if set (device machines), else BUNDLE/results
# Writes RESULTS/gpu-check.md (one row per checked kernel: status, errors,
# time) and, from gpu_bench.py, RESULTS/gpu-bench.{md,csv,png}.
# Exit: 0 all passed, 1 a check failed, 77 no usable GPU.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ $# -ge 1 ]; then BUNDLE="$1"
elif [ -d "$HERE/sm_90a" ]; then BUNDLE="$HERE"
else BUNDLE="$HERE/../build/gpu-bundle"; fi
BUNDLE="$(cd "$BUNDLE" && pwd)"
RESULTS="${2:-${OUT:-$BUNDLE/results}}"
mkdir -p "$RESULTS"
RUN="$BUNDLE/bin/attn-gpu-run"
START=$(date +%s)

"$RUN" --probe
rc=$?
if [ $rc -ne 0 ] && [ $rc -ne 77 ] && [ -d "$BUNDLE/runner-src" ]; then
  # Typically a C library older than the build machine's: rebuild here.
  echo "gpu-check: the shipped runner does not start (exit $rc); rebuilding it"
  SRC="$BUNDLE/runner-src"
  mkdir -p /tmp/attn-gpu-run-bin
  ${CXX:-c++} -std=c++17 -O2 -I"$SRC/include" "$SRC"/tools/attn-gpu-run/*.cpp \
    "$SRC"/lib/Reference/*.cpp "$SRC"/lib/GpuRuntime/*.cpp -ldl \
    -o /tmp/attn-gpu-run-bin/attn-gpu-run && RUN=/tmp/attn-gpu-run-bin/attn-gpu-run
  "$RUN" --probe
  rc=$?
fi
if [ $rc -eq 77 ]; then echo "gpu-check: no usable GPU here; nothing run"; exit 77; fi
[ $rc -eq 0 ] || { echo "gpu-check: the runner does not start (exit $rc)"; exit 1; }
command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=name,driver_version,clocks.max.sm --format=csv

REPORT="$RESULTS/gpu-check.md"
{
  echo "| kernel | chip | result | output max abs err | lse max abs err | median ms |"
  echo "|---|---|---|---|---|---|"
} > "$REPORT"
fails=0; total=0
for chip in sm_90a sm_80 sm_90a_q128; do
  [ -d "$BUNDLE/$chip" ] || continue
  while read -r name; do
    desc="$BUNDLE/$chip/$name.kdesc"
    [ -f "$desc" ] || continue
    total=$((total + 1))
    out="$(timeout 60 "$RUN" "$desc" --check --reps=3 --warmup=1 --json 2>&1)"
    code=$?
    json="$(printf '%s\n' "$out" | grep '^{' | tail -1)"
    if [ $code -eq 0 ]; then status=ok; else
      status="FAIL($code)"; fails=$((fails + 1))
      # Where it goes wrong, for the next session without a GPU.
      { echo "== $chip $name (exit $code)"; printf '%s\n' "$out" | grep -v '^{'
        timeout 60 "$RUN" "$desc" --diagnose --reps=1 --warmup=0 2>&1
        if [ "$fails" -le 2 ] && command -v compute-sanitizer >/dev/null; then
          timeout 90 compute-sanitizer --print-limit 5 "$RUN" "$desc" --reps=1 \
            --warmup=0 2>&1 | tail -40
        fi; } >> "$RESULTS/gpu-diagnose.log"
    fi
    if [ -n "$json" ]; then
      row="$(python3 -c 'import json,sys; j=json.loads(sys.argv[1]); print("%s | %.3g | %.3g | %.4f" % (j["check"], j["max_abs_err"], j["lse_max_abs_err"], j["ms_median"]))' "$json")"
    else
      row="$(printf '%s' "$out" | tr '\n|' '  ' | cut -c1-200) | | |"
    fi
    echo "| $name | $chip | $status: $row |" >> "$REPORT"
    echo "$chip $name: $status"
  done < "$BUNDLE/check.txt"
done
echo "gpu-check: $((total - fails))/$total checked kernels passed ($(( $(date +%s) - START )) s)"
cat "$REPORT"

PYTHONUNBUFFERED=1 python3 "$BUNDLE/gpu_bench.py" --bundle "$BUNDLE" --runner "$RUN" --out "$RESULTS" || echo "gpu-check: benchmark failed"
echo "gpu-check: done in $(( $(date +%s) - START )) s"
[ $fails -eq 0 ]
