#!/usr/bin/env python3
"""GPU benchmark of the NVGPU target against PyTorch's flash attention.

Runs on the GPU machine from the bundle of scripts/gpu-bundle.sh: for each
benchmark kernel (f16, B=4, H=16, D in {64, 128}, S in {1024, 4096, 16384},
causal and not) it times the attn-opt kernel with attn-gpu-run (CUDA events,
median of --reps) and torch.nn.functional.scaled_dot_product_attention with
the flash backend on the same shapes in the same run, and writes
OUT/gpu-bench.{md,csv} and, if matplotlib is present, OUT/gpu-bench.png.

Both columns use the same flop count: 2 * (D + Dv) per visible
(query, key) pair (attn-gpu-run's count from the float64 reference library).

usage: gpu_bench.py --bundle DIR --out DIR [--reps N]
"""
import argparse
import csv
import json
import os
import subprocess
import sys


def parse_desc(path):
    d = {}
    with open(path) as f:
        for line in f:
            parts = line.split()
            if parts:
                d[parts[0]] = parts[1:]
    b, hq, hkv, sq, skv, dd, dv = map(int, d["dims"])
    return dict(b=b, hq=hq, hkv=hkv, sq=sq, skv=skv, d=dd, dv=dv,
                causal=d["pattern"][0] == "causal", scale=float(d["scale"][0]))


def visible_pairs(sq, skv, causal):
    if not causal:
        return sq * skv
    off = skv - sq  # bottom-right aligned, as attn.attention
    return sum(max(0, min(skv, i + off + 1)) for i in range(sq))


def torch_time(p, reps):
    import torch
    import torch.nn.functional as F
    try:
        from torch.nn.attention import SDPBackend, sdpa_kernel
        flash_only = lambda: sdpa_kernel(SDPBackend.FLASH_ATTENTION)
    except ImportError:  # PyTorch < 2.3
        flash_only = lambda: torch.backends.cuda.sdp_kernel(
            enable_flash=True, enable_math=False, enable_mem_efficient=False)
    dev = "cuda"
    q = torch.rand(p["b"], p["hq"], p["sq"], p["d"], device=dev, dtype=torch.float16) * 2 - 1
    k = torch.rand(p["b"], p["hkv"], p["skv"], p["d"], device=dev, dtype=torch.float16) * 2 - 1
    v = torch.rand(p["b"], p["hkv"], p["skv"], p["dv"], device=dev, dtype=torch.float16) * 2 - 1
    with flash_only():
        def f():
            return F.scaled_dot_product_attention(q, k, v, is_causal=p["causal"],
                                                  scale=p["scale"])
        for _ in range(3):
            f()
        torch.cuda.synchronize()
        times = []
        for _ in range(reps):
            s = torch.cuda.Event(enable_timing=True)
            e = torch.cuda.Event(enable_timing=True)
            s.record()
            f()
            e.record()
            e.synchronize()
            times.append(s.elapsed_time(e))
    times.sort()
    return times[len(times) // 2]


def time_kernel(runner, desc, reps, timeout, what):
    """Median ms of one attn-gpu-run timing, or None (reported)."""
    try:
        r = subprocess.run([runner, desc, "--json", "--reps=%d" % reps,
                            "--warmup=1"], capture_output=True, text=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        r = subprocess.CompletedProcess([], 124, "", "timed out")
    if r.returncode != 0:
        print("gpu_bench: %s failed: %s" % (what, r.stderr.strip()[-300:]))
        return None
    j = json.loads([l for l in r.stdout.splitlines() if l.startswith("{")][-1])
    return j["ms_median"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bundle", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--runner", help="attn-gpu-run (default: BUNDLE/bin)")
    ap.add_argument("--reps", type=int, default=10)
    ap.add_argument("--timeout", type=float, default=90,
                    help="seconds for one attn-gpu-run call")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    runner = a.runner or os.path.join(a.bundle, "bin", "attn-gpu-run")
    names = open(os.path.join(a.bundle, "bench.txt")).read().split()
    try:
        import torch  # noqa: F401
        have_torch = torch.cuda.is_available()
    except ImportError:
        have_torch = False
    if not have_torch:
        print("gpu_bench: PyTorch with CUDA not available: PyTorch column left empty")
    rows = []
    for name in names:
        desc = os.path.join(a.bundle, "sm_90a", name + ".kdesc")
        p = parse_desc(desc)
        flops = 2.0 * (p["d"] + p["dv"]) * p["b"] * p["hq"] * visible_pairs(
            p["sq"], p["skv"], p["causal"])
        # Fewer repetitions where one launch is long (S=16384).
        reps = a.reps if p["sq"] <= 4096 else max(3, a.reps // 3)
        ours = time_kernel(runner, desc, reps, a.timeout, name)
        # The same kernel with 128-row query tiles, where the bundle has it.
        q128 = os.path.join(a.bundle, "sm_90a_q128", name + ".kdesc")
        ours128 = (time_kernel(runner, q128, reps, a.timeout, name + " q128")
                   if os.path.exists(q128) else None)
        theirs = torch_time(p, a.reps) if have_torch else None
        tf = lambda ms: flops / (ms * 1e-3) / 1e12 if ms else None
        row = dict(name=name, d=p["d"], s=p["sq"], causal=p["causal"],
                   ours_ms=ours, ours_tflops=tf(ours), ours128_ms=ours128,
                   ours128_tflops=tf(ours128), torch_ms=theirs,
                   torch_tflops=tf(theirs))
        row["ratio"] = (row["ours_tflops"] / row["torch_tflops"]
                        if ours and theirs else None)
        row["ratio128"] = (row["ours128_tflops"] / row["torch_tflops"]
                           if ours128 and theirs else None)
        rows.append(row)
        print("%-28s ours %s (q128 %s) TFLOP/s, torch %s TFLOP/s" % (
            name, "%.1f" % row["ours_tflops"] if ours else "-",
            "%.1f" % row["ours128_tflops"] if ours128 else "-",
            "%.1f" % row["torch_tflops"] if theirs else "-"), flush=True)
    fmt = lambda x, f="%.1f": f % x if x is not None else "-"
    with open(os.path.join(a.out, "gpu-bench.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    with open(os.path.join(a.out, "gpu-bench.md"), "w") as f:
        f.write("| D | S | causal | attn-opt ms | attn-opt TFLOP/s | "
                "query-tile=128 TFLOP/s | PyTorch SDPA (flash) ms | "
                "PyTorch TFLOP/s | ratio | ratio (query-tile=128) |\n")
        f.write("|---|---|---|---|---|---|---|---|---|---|\n")
        for r in rows:
            f.write("| %d | %d | %s | %s | %s | %s | %s | %s | %s | %s |\n" % (
                r["d"], r["s"], "yes" if r["causal"] else "no",
                fmt(r["ours_ms"], "%.3f"), fmt(r["ours_tflops"]),
                fmt(r["ours128_tflops"]),
                fmt(r["torch_ms"], "%.3f"), fmt(r["torch_tflops"]),
                fmt(r["ratio"], "%.2f"), fmt(r["ratio128"], "%.2f")))
    print(open(os.path.join(a.out, "gpu-bench.md")).read())
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(10, 4))
        labels = ["D%d S%d%s" % (r["d"], r["s"], " c" if r["causal"] else "")
                  for r in rows]
        x = range(len(rows))
        ax.bar([i - 0.27 for i in x], [r["ours_tflops"] or 0 for r in rows],
               0.27, label="attn-opt (mma.sync, 64-row tiles)")
        ax.bar([i for i in x], [r["ours128_tflops"] or 0 for r in rows],
               0.27, label="attn-opt (mma.sync, 128-row tiles)")
        ax.bar([i + 0.27 for i in x], [r["torch_tflops"] or 0 for r in rows],
               0.27, label="PyTorch SDPA flash")
        ax.set_xticks(list(x))
        ax.set_xticklabels(labels, rotation=45, ha="right")
        ax.set_ylabel("TFLOP/s (f16)")
        ax.legend()
        fig.tight_layout()
        fig.savefig(os.path.join(a.out, "gpu-bench.png"), dpi=100)
    except ImportError:
        print("gpu_bench: matplotlib not available: no PNG")
    return 0


if __name__ == "__main__":
    sys.exit(main())
