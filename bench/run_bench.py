#!/usr/bin/env python3
"""attn-opt CPU benchmark: fused vs unfused attention, against the FMA peak.

    python3 bench/run_bench.py [--out bench/results] [--reps 3] [--threads 2]
                               [--quick]

Measures the machine's FP32 FMA peak (attn-fma-peak), then runs every shape
through `attn-run --json`, alternating the unfused baseline
(--attn-decompose + the same CPU codegen) and the fused path in one run,
and writes results.csv, results.md and results.png to --out. Also measures
the decode shape with split-KV forced on and off, and the peak resident
memory of the fused path as the sequence grows.
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "build", "bin")


def attention_ir(name, b, hq, hkv, sq, skv, d, dv, causal, elt="f32", lse=False):
    q = f"tensor<{b}x{hq}x{sq}x{d}x{elt}>"
    k = f"tensor<{b}x{hkv}x{skv}x{d}x{elt}>"
    v = f"tensor<{b}x{hkv}x{skv}x{dv}x{elt}>"
    o = f"tensor<{b}x{hq}x{sq}x{dv}x{elt}>"
    attrs = " {sparsity = #attn.causal}" if causal else ""
    return (f"func.func @{name}(%q: {q}, %k: {k}, %v: {v}) -> {o} {{\n"
            f"  %o = attn.attention %q, %k, %v{attrs} : {q}, {k}, {v} -> {o}\n"
            f"  return %o : {o}\n}}\n")


def run_attn(path, pipeline, threads, reps, warmup=1, check=False, extra=()):
    cmd = [os.path.join(BIN, "attn-run"), path, "--json", f"--threads={threads}",
           f"--reps={reps}", f"--warmup={warmup}", f"--pipeline={pipeline}"]
    if check:
        cmd.append("--check")
    cmd += list(extra)
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
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--quick", action="store_true", help="S <= 2048 only")
    ap.add_argument("--only-bf16", action="store_true",
                    help="run only the bf16 dot-product comparison")
    ap.add_argument("--max-unfused-s", type=int, default=2048,
                    help="skip the unfused baseline above this length "
                         "(its score tensors need B*H*S*S*4 bytes several times "
                         "and it runs at a few GFLOP/s), except for the target "
                         "shape S=4096, D=64, non-causal")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="attn-bench-")

    peak = fma_peak()
    print("FP32 FMA peak (GFLOP/s):", peak, flush=True)
    peak_t = peak.get(args.threads, max(peak.values()))

    bench_bf16(args, tmp, peak_t)
    if args.only_bf16:
        return

    seqs = [512, 1024, 2048] if args.quick else [512, 1024, 2048, 4096, 8192]
    rows = []
    for d in (64, 128):
        for causal in (False, True):
            for s in seqs:
                name = f"b1_h8_s{s}_d{d}{'_causal' if causal else ''}"
                path = os.path.join(tmp, name + ".mlir")
                with open(path, "w") as f:
                    f.write(attention_ir("attn", 1, 8, 8, s, s, d, d, causal))
                target = s == 4096 and d == 64 and not causal
                pipes = ["fused"] + (["unfused"] if s <= args.max_unfused_s or target else [])
                samples = {p: [] for p in pipes}
                flops = None
                # Alternate the pipelines rep by rep so drift hits both.
                for _ in range(args.reps):
                    for p in pipes:
                        # Fused runs are short: time several and keep the
                        # median of each call, then the median of calls.
                        r = run_attn(path, p, args.threads,
                                     reps=1 if p == "unfused" else 3)
                        samples[p].append(r["time_ms_median"])
                        flops = r["flops"]
                for p in pipes:
                    t = statistics.median(samples[p])
                    g = flops / (t * 1e6)
                    rows.append(dict(shape=name, S=s, D=d, causal=causal,
                                     pipeline=p, threads=args.threads,
                                     time_ms=round(t, 3), gflops=round(g, 2),
                                     frac_peak=round(g / peak_t, 4), flops=flops))
                    print(rows[-1], flush=True)

    # Decode: split-KV forced on vs off.
    decode = []
    path = os.path.join(tmp, "decode.mlir")
    with open(path, "w") as f:
        f.write(attention_ir("decode", 1, 1, 1, 1, 262144, 128, 128, False))
    split_pipes = {
        "split": f"attn-fuse{{split-kv=always kv-splits={2 * args.threads}}},attn-cpu-pipeline{{cpu=host}}",
        "no-split": "attn-fuse{split-kv=never},attn-cpu-pipeline{cpu=host}",
    }
    samples = {k: [] for k in split_pipes}
    for _ in range(args.reps):
        for k, p in split_pipes.items():
            samples[k].append(run_attn(path, p, args.threads, reps=5)["time_ms_median"])
    for k in split_pipes:
        decode.append(dict(mode=k, time_ms=round(statistics.median(samples[k]), 3)))
    print(decode, flush=True)

    # Peak resident memory of the fused path, B=1, H=1, D=64.
    mem = []
    for s in (1024, 4096, 16384, 32768):
        path = os.path.join(tmp, f"mem{s}.mlir")
        with open(path, "w") as f:
            f.write(attention_ir("mem", 1, 1, 1, s, s, 64, 64, False))
        r = run_attn(path, "fused", args.threads, reps=1, warmup=0)
        mem.append(dict(S=s, peak_rss_mb=r["peak_rss_mb"], time_ms=r["time_ms_median"]))
        print(mem[-1], flush=True)

    write_outputs(args, rows, decode, mem, peak)


def bench_bf16(args, tmp, peak_t):
    """bf16 inputs: the dot-product path (vdpbf16ps, where the host has
    AVX512-BF16) against the same bf16 op through f32 FMAs and against f32
    inputs; fractions are of twice the FP32 FMA peak (the instruction does
    two multiply-adds per f32 lane)."""
    cpu = "attn-cpu-pipeline"
    pipes = {
        "bf16 dot": f"attn-fuse{{bf16-dot=true}},{cpu}{{cpu=avx512-bf16}}",
        "bf16 via f32 FMA": f"attn-fuse{{bf16-dot=false}},{cpu}{{cpu=host}}",
        "f32": f"attn-fuse,{cpu}",
    }
    has_dot = "avx512_bf16" in open("/proc/cpuinfo").read()
    if not has_dot:
        print("host lacks AVX512-BF16: no bf16 dot-product rows", flush=True)
        del pipes["bf16 dot"]
    rows = []
    seqs = [1024, 2048] if args.quick else [1024, 4096]
    for d in (64, 128):
        for causal in (False, True):
            for s in seqs:
                name = f"b1_h8_s{s}_d{d}{'_causal' if causal else ''}"
                paths = {}
                for elt in ("bf16", "f32"):
                    paths[elt] = os.path.join(tmp, f"{name}_{elt}.mlir")
                    with open(paths[elt], "w") as f:
                        f.write(attention_ir("attn", 1, 8, 8, s, s, d, d, causal, elt=elt))
                samples = {k: [] for k in pipes}
                flops = None
                for _ in range(args.reps):
                    for k, p in pipes.items():
                        r = run_attn(paths["f32" if k == "f32" else "bf16"], p,
                                     args.threads, reps=3)
                        samples[k].append(r["time_ms_median"])
                        flops = r["flops"]
                for k in pipes:
                    t = statistics.median(samples[k])
                    g = flops / (t * 1e6)
                    rows.append(dict(shape=name, pipeline=k, threads=args.threads,
                                     time_ms=round(t, 3), gflops=round(g, 2),
                                     frac_2x_peak=round(g / (2 * peak_t), 4),
                                     frac_peak=round(g / peak_t, 4)))
                    print(rows[-1], flush=True)
    with open(os.path.join(args.out, "bf16.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    md = ["# bf16 attention: dot-product instructions vs f32 FMAs", "",
          f"FP32 FMA peak at {args.threads} thread(s): {peak_t} GFLOP/s; the bf16 "
          f"dot-product path is measured against twice that ({2 * peak_t}).", "",
          f"Median of {args.reps} alternating runs (3 timed calls each).", "",
          "| shape | pipeline | time (ms) | GFLOP/s | fraction of 2x FP32 peak | fraction of FP32 peak |",
          "|---|---|---|---|---|---|"]
    for r in rows:
        md.append(f"| {r['shape']} | {r['pipeline']} | {r['time_ms']} | {r['gflops']} "
                  f"| {r['frac_2x_peak']:.1%} | {r['frac_peak']:.1%} |")
    with open(os.path.join(args.out, "bf16.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    print("\n".join(md), flush=True)


def write_outputs(args, rows, decode, mem, peak):
    csv_path = os.path.join(args.out, "results.csv")
    with open(csv_path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    md = ["# attn-opt CPU benchmark", "",
          f"FP32 FMA peak (GFLOP/s, measured by attn-fma-peak): "
          + ", ".join(f"{t} thread(s): {g}" for t, g in sorted(peak.items())), "",
          f"Threads: {args.threads}; median of {args.reps} alternating runs.", "",
          "| shape | pipeline | time (ms) | GFLOP/s | fraction of peak |",
          "|---|---|---|---|---|"]
    for r in rows:
        md.append(f"| {r['shape']} | {r['pipeline']} | {r['time_ms']} | {r['gflops']} | {r['frac_peak']:.1%} |")
    by = {(r["shape"], r["pipeline"]): r for r in rows}
    md += ["", "## Fused speed-up over unfused, and causal over non-causal", "",
           "| shape | fused / unfused speed-up | causal speed-up (fused) |", "|---|---|---|"]
    for r in rows:
        if r["pipeline"] != "fused" or r["causal"]:
            continue
        u = by.get((r["shape"], "unfused"))
        c = by.get((r["shape"] + "_causal", "fused"))
        su = f"{u['time_ms'] / r['time_ms']:.2f}x" if u else "n/a"
        sc = f"{r['time_ms'] / c['time_ms']:.2f}x" if c else "n/a"
        md.append(f"| {r['shape']} | {su} | {sc} |")
    md += ["", "## Decode (B=1, H=1, Sq=1, Skv=262144, D=128)", "",
           "| mode | time (ms) |", "|---|---|"]
    md += [f"| {d['mode']} | {d['time_ms']} |" for d in decode]
    if len(decode) == 2:
        md.append(f"\nsplit-KV speed-up: {decode[1]['time_ms'] / decode[0]['time_ms']:.2f}x")
    md += ["", "## Peak resident memory of attn-run, fused, B=1, H=1, D=64", "",
           "| S | peak RSS (MiB) |", "|---|---|"]
    md += [f"| {m['S']} | {m['peak_rss_mb']} |" for m in mem]
    if len(mem) >= 2:
        md.append(f"\ngrowth from S={mem[0]['S']} to S={mem[-1]['S']}: "
                  f"{mem[-1]['peak_rss_mb'] - mem[0]['peak_rss_mb']:.1f} MiB")
    with open(os.path.join(args.out, "results.md"), "w") as f:
        f.write("\n".join(md) + "\n")
    print("\n".join(md))
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib missing (pip install matplotlib): no plot", file=sys.stderr)
        return
    fig, axes = plt.subplots(1, 2, figsize=(12, 4.5))
    for d, ax in zip((64, 128), axes):
        for p in ("fused", "unfused"):
            for causal in (False, True):
                pts = [r for r in rows if r["D"] == d and r["pipeline"] == p and r["causal"] == causal]
                if pts:
                    ax.plot([r["S"] for r in pts], [r["gflops"] for r in pts], marker="o",
                            label=f"{p}{' causal' if causal else ''}")
        ax.set_xscale("log", base=2)
        ax.set_xlabel("sequence length S")
        ax.set_ylabel("GFLOP/s")
        ax.set_title(f"B=1 H=8 D={d}, {args.threads} threads")
        sec = ax.secondary_yaxis("right", functions=(
            lambda g: g / peak.get(args.threads, 1), lambda f: f * peak.get(args.threads, 1)))
        sec.set_ylabel("fraction of FP32 FMA peak")
        ax.grid(True, alpha=0.3)
        ax.legend()
    fig.tight_layout()
    fig.savefig(os.path.join(args.out, "results.png"), dpi=110)


if __name__ == "__main__":
    main()
