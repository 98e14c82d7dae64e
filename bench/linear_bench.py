#!/usr/bin/env python3
"""Benchmarks of attn.linear_attention (issue 5 targets).

    ninja -C build attn-fma-peak attn-run && python3 bench/linear_bench.py

Runs, through `attn-run --json` (the `fused` pipeline: --attn-fuse for
softmax ops, --attn-lower-linear for linear ones, then the CPU codegen):
  1. non-causal elu+1, B=1, H=8, D=Dv=64, S in {4096, ..., 65536}:
     time(2S) / time(S) must be <= 2.2 (linear scaling);
  2. S=16384, H=8, D=64: linear elu+1 non-causal vs fused softmax
     attn.attention (non-causal): speedup must be >= 20x;
  3. causal chunked elu+1 at S=16384, H=8, D=64: GFLOP/s over the chunk
     form's real flops (attn-run's count, docs/semantics.md "Work": per
     chunk of C rows 2C^2 D' + 2C^2 (Dv+1) + 4 C D' (Dv+1)) against the
     measured FP32 FMA peak for the thread count: must be >= 30%.
Medians of --reps timed runs after one warm-up, with attn-run
--keep-freed-memory (freed buffers stay in the process between repetitions,
as with a caching allocator; --no-keep-freed-memory turns it off). Writes
bench/results/linear.csv and linear.md.
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "build", "bin")


def linear_ir(name, b, h, s, d, causal, fmap="elu1", chunk=None, features=128):
    """One linear_attention function; favor takes a [d, features] projection
    argument (attn-run fills it with orthogonal Gaussian features)."""
    t = f"tensor<{b}x{h}x{s}x{d}xf32>"
    attrs = [f"feature_map = #attn.feature_map<{fmap}>"]
    if causal:
        attrs.append("causal")
    if chunk:
        attrs.append(f"chunk_size = {chunk}")
    w, proj = "", ""
    if fmap == "favor":
        wt = f"tensor<{d}x{features}xf32>"
        w, proj = f", %w: {wt}", f" projection(%w : {wt})"
    return (f"func.func @{name}(%q: {t}, %k: {t}, %v: {t}{w}) -> {t} {{\n"
            f"  %o = attn.linear_attention %q, %k, %v{proj} {{{', '.join(attrs)}}}"
            f" : {t}, {t}, {t} -> {t}\n  return %o : {t}\n}}\n")


def softmax_ir(name, b, h, s, d):
    t = f"tensor<{b}x{h}x{s}x{d}xf32>"
    return (f"func.func @{name}(%q: {t}, %k: {t}, %v: {t}) -> {t} {{\n"
            f"  %o = attn.attention %q, %k, %v : {t}, {t}, {t} -> {t}\n"
            f"  return %o : {t}\n}}\n")


def run(path, threads, reps, check=False, keep=True):
    cmd = [os.path.join(BIN, "attn-run"), path, "--json", f"--threads={threads}",
           f"--reps={reps}", "--warmup=1", "--pipeline=fused"]
    if keep:
        cmd.append("--keep-freed-memory")
    if check:
        cmd.append("--check")
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{p.stderr}")
    return json.loads(p.stdout.strip().splitlines()[-1])


def fma_peak():
    out = subprocess.run([os.path.join(BIN, "attn-fma-peak")], capture_output=True,
                         text=True, check=True).stdout
    return {r["threads"]: r["peak_gflops"] for r in map(json.loads, out.splitlines())}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results"))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--chunk", type=int, default=0,
                    help="chunk_size of the causal case (0: the pass default)")
    ap.add_argument("--softmax-reps", type=int, default=3)
    ap.add_argument("--no-keep-freed-memory", action="store_true",
                    help="let the compiled code's freed memory go back to the OS "
                         "(page faults in every repetition)")
    args = ap.parse_args()

    peak = fma_peak()[args.threads]
    print(f"FP32 FMA peak, {args.threads} threads: {peak:.1f} GFLOP/s", flush=True)
    rows = []
    tmp = tempfile.mkdtemp(prefix="attn-linear-bench-")

    def bench(kind, name, ir, reps, check=False):
        path = os.path.join(tmp, name + ".mlir")
        with open(path, "w") as f:
            f.write(ir)
        r = run(path, args.threads, reps, check, not args.no_keep_freed_memory)
        row = {"case": kind, "shape": name, "time_ms": r["time_ms_median"],
               "flops": r["flops"], "gflops": r["gflops_per_s"],
               "peak_fraction": r["gflops_per_s"] / peak}
        rows.append(row)
        print(f"{kind:22s} {name:34s} {row['time_ms']:10.3f} ms "
              f"{row['gflops']:8.2f} GFLOP/s ({100 * row['peak_fraction']:.1f}% of peak)",
              flush=True)
        return row

    # 1. Scaling of the non-causal form.
    scaling = []
    for s in [4096, 8192, 16384, 32768, 65536]:
        scaling.append(bench("scaling", f"lin_elu1_b1_h8_s{s}_d64",
                             linear_ir(f"lin_elu1_b1_h8_s{s}_d64", 1, 8, s, 64, False),
                             args.reps))
    ratios = [(b["shape"], b["time_ms"] / a["time_ms"])
              for a, b in zip(scaling, scaling[1:])]

    # 2. Linear vs fused softmax at S = 16384.
    lin = next(r for r in scaling if r["shape"].endswith("_s16384_d64"))
    soft = bench("softmax_fused", "softmax_b1_h8_s16384_d64",
                 softmax_ir("softmax_b1_h8_s16384_d64", 1, 8, 16384, 64),
                 args.softmax_reps)
    speedup = soft["time_ms"] / lin["time_ms"]

    # 3. Causal chunked form against the FMA peak.
    causal = bench("causal_chunked", "lin_elu1_causal_b1_h8_s16384_d64",
                   linear_ir("lin_elu1_causal_b1_h8_s16384_d64", 1, 8, 16384, 64,
                             True, chunk=args.chunk or None),
                   args.reps)

    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "linear.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    targets = [
        ("non-causal time(2S)/time(S) <= 2.2",
         ", ".join(f"{n.split('_s')[1].split('_')[0]}: {x:.2f}" for n, x in ratios),
         all(x <= 2.2 for _, x in ratios)),
        ("linear elu1 vs fused softmax at S=16384, H=8, D=64 >= 20x",
         f"{speedup:.1f}x ({lin['time_ms']:.2f} ms vs {soft['time_ms']:.1f} ms)",
         speedup >= 20),
        ("causal chunked at S=16384 >= 30% of FP32 peak",
         f"{100 * causal['peak_fraction']:.1f}% ({causal['gflops']:.1f} of {peak:.1f} GFLOP/s)",
         causal["peak_fraction"] >= 0.30),
    ]
    with open(os.path.join(args.out, "linear.md"), "w") as f:
        f.write("# attn.linear_attention benchmark\n\n")
        keep = "" if args.no_keep_freed_memory else " --keep-freed-memory"
        f.write(f"Command: `python3 bench/linear_bench.py --threads {args.threads} "
                f"--reps {args.reps}`{' --no-keep-freed-memory' if not keep else ''}; "
                f"attn-run --pipeline=fused{keep}; medians after one warm-up.\n")
        f.write(f"FP32 FMA peak ({args.threads} threads, attn-fma-peak): "
                f"{peak:.1f} GFLOP/s.\n\n")
        f.write("| target | measured | met |\n|---|---|---|\n")
        for t, m, ok in targets:
            f.write(f"| {t} | {m} | {'yes' if ok else 'NO'} |\n")
        f.write("\n| case | shape | time (ms) | flops | GFLOP/s | of peak |\n"
                "|---|---|---|---|---|---|\n")
        for r in rows:
            f.write(f"| {r['case']} | {r['shape']} | {r['time_ms']:.3f} | {r['flops']} | "
                    f"{r['gflops']:.2f} | {100 * r['peak_fraction']:.1f}% |\n")
    for t, m, ok in targets:
        print(f"{'PASS' if ok else 'MISS'}: {t}: {m}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
