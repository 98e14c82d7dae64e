#!/usr/bin/env python3
"""attn.attention_grad (issue 22): the backward next to this project's
forward and PyTorch's CPU backward of scaled_dot_product_attention.

    ninja -C build attn-run attn-fma-peak
    flock /tmp/attn-cpu.lock python3 bench/grad_bench.py [--threads 2] [--reps 3]

Rows: f32 and bf16, S in {1024, 4096}, D in {64, 128}, causal and not
(B = 1, H = 8). Per row, alternating sample by sample:

  forward    attn-run --pipeline=fused on attn.attention (O only)
  backward   attn-run --pipeline=fused on attn.attention_grad alone (Q, K,
             V, O, lse and dO are inputs, so only the backward is timed)
  PyTorch    autograd through torch.nn.functional.scaled_dot_product_attention
             (the forward run once, then .backward(dO, retain_graph=True)
             timed), torch.set_num_threads(--threads)

GFLOP/s uses the project's work count for every system: the backward is
2.5 times the forward's (five products against two, masked work not
counted). The FP32 FMA peak is measured in the same run. The first run
creates bench/.venv-peers (bench/peers-requirements.txt, from PyPI) for
PyTorch; --no-peers skips it. --max-s skips longer rows: the backward has
no fused lowering yet (it runs the unfused decomposition, which
materializes several [B, H, S, S] f32 tensors).

Output: grad.md and grad.csv in --out (bench/results).
"""
import argparse
import csv
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.path.insert(0, BENCH)

from run_bench import BIN, attention_ir, fma_peak, run_attn  # noqa: E402

ROWS = [dict(elt=e, S=s, D=d, causal=c) for e in ("f32", "bf16")
        for s in (1024, 4096) for d in (64, 128) for c in (0, 1)]
B, H = 1, 8


def grad_ir(name, s, d, causal, elt):
    """The backward alone: every operand an argument."""
    x = f"tensor<{B}x{H}x{s}x{d}x{elt}>"
    lse = f"tensor<{B}x{H}x{s}xf32>"
    attrs = " {sparsity = #attn.causal}" if causal else ""
    return (f"func.func @{name}(%q: {x}, %k: {x}, %v: {x}, %o: {x}, %lse: {lse}, %do: {x})\n"
            f"    -> ({x}, {x}, {x}) {{\n"
            f"  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do{attrs}\n"
            f"      : {x}, {x}, {x}, {x}, {lse}, {x} -> {x}, {x}, {x}\n"
            f"  return %dq, %dk, %dv : {x}, {x}, {x}\n}}\n")


def torch_backward(row, threads, reps):
    """Median seconds of one SDPA backward (autograd) in PyTorch."""
    import torch
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    dt = torch.bfloat16 if row["elt"] == "bf16" else torch.float32
    shape = (B, H, row["S"], row["D"])
    q, k, v = (torch.rand(shape, dtype=dt).mul_(2).sub_(1).requires_grad_() for _ in range(3))
    do = torch.rand(shape, dtype=dt)
    o = torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=bool(row["causal"]))
    o.backward(do, retain_graph=True)  # warm-up
    times = []
    for _ in range(reps):
        q.grad = k.grad = v.grad = None
        t0 = time.perf_counter()
        o.backward(do, retain_graph=True)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--max-s", type=int, default=4096)
    ap.add_argument("--only-f32", action="store_true")
    ap.add_argument("--no-peers", action="store_true", help="skip PyTorch")
    args = ap.parse_args()
    if not args.no_peers:
        from peers_bench import ensure_venv
        ensure_venv(__file__)
    os.makedirs(args.out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="attn-grad-bench-")
    peak = fma_peak()
    peak_t = peak.get(args.threads, max(peak.values()))
    cpu = platform.processor() or platform.machine()
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    rows = [r for r in ROWS if r["S"] <= args.max_s and (r["elt"] == "f32" or not args.only_f32)]
    results = []
    for r in rows:
        name = f"s{r['S']}_d{r['D']}_{r['elt']}_c{r['causal']}"
        fwd_path = os.path.join(tmp, f"fwd_{name}.mlir")
        bwd_path = os.path.join(tmp, f"bwd_{name}.mlir")
        with open(fwd_path, "w") as f:
            f.write(attention_ir("fwd", B, H, H, r["S"], r["S"], r["D"], r["D"], r["causal"], r["elt"]))
        with open(bwd_path, "w") as f:
            f.write(grad_ir("bwd", r["S"], r["D"], r["causal"], r["elt"]))
        fwd_t, bwd_t, torch_t = [], [], []
        fwd_flops = bwd_flops = 0
        for _ in range(args.reps):
            fr = run_attn(fwd_path, "fused", args.threads, reps=1)
            br = run_attn(bwd_path, "fused", args.threads, reps=1, warmup=0)
            fwd_flops, bwd_flops = fr["flops"], br["flops"]
            fwd_t.append(fr["time_ms_median"] / 1e3)
            bwd_t.append(br["time_ms_median"] / 1e3)
            if not args.no_peers:
                torch_t.append(torch_backward(r, args.threads, 1))
        row = dict(r, fwd_gflops=fwd_flops / statistics.median(fwd_t) / 1e9,
                   bwd_gflops=bwd_flops / statistics.median(bwd_t) / 1e9,
                   torch_gflops=(bwd_flops / statistics.median(torch_t) / 1e9) if torch_t else None)
        row["bwd_over_fwd"] = row["bwd_gflops"] / row["fwd_gflops"]
        row["bwd_over_torch"] = row["bwd_gflops"] / row["torch_gflops"] if torch_t else None
        results.append(row)
        print(row, flush=True)
    fields = ["elt", "S", "D", "causal", "fwd_gflops", "bwd_gflops", "torch_gflops",
              "bwd_over_fwd", "bwd_over_torch"]
    with open(os.path.join(args.out, "grad.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        for row in results:
            w.writerow({k: row[k] for k in fields})
    fmt = lambda x: "-" if x is None else f"{x:.2f}"
    with open(os.path.join(args.out, "grad.md"), "w") as f:
        f.write(f"# attn.attention_grad (issue 22)\n\nCPU: {cpu}, {args.threads} threads, "
                f"FP32 FMA peak {peak_t:.1f} GFLOP/s (same run), B = {B}, H = {H}, "
                f"median of {args.reps}. Backward work = 2.5 x forward.\n\n"
                "| dtype | S | D | causal | forward GFLOP/s | backward GFLOP/s | "
                "PyTorch backward GFLOP/s | backward / forward | backward / PyTorch |\n"
                "|---|---|---|---|---|---|---|---|---|\n")
        for row in results:
            f.write(f"| {row['elt']} | {row['S']} | {row['D']} | {'yes' if row['causal'] else 'no'} | "
                    f"{fmt(row['fwd_gflops'])} | {fmt(row['bwd_gflops'])} | "
                    f"{fmt(row['torch_gflops'])} | {fmt(row['bwd_over_fwd'])} | "
                    f"{fmt(row['bwd_over_torch'])} |\n")
    print(open(os.path.join(args.out, "grad.md")).read())


if __name__ == "__main__":
    main()
