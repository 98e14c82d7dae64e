#!/usr/bin/env python3
"""Block-sparse attention benchmarks (issue 4 targets), CPU, fused path.

    python3 bench/sparse_bench.py [--out bench/results] [--reps 3]
                                  [--threads 2] [--seq 16384]

1. Sliding window (left = 512, right = 0), B = 1, H = 8, D = 64, S = --seq:
   time vs dense fused at the same shape; target
   window <= 1.3 x (non-empty block fraction) x dense. The fraction is the
   pass's own block classification (attn.block_counts of --attn-fuse, 64 x 64
   tiles), which test/passes/Forms/Fuse/attn-fuse-block-counts.mlir checks against
   a brute-force count.
2. Static pattern vs the same pattern given as a run-time block table
   (blocks(row_ptr, cols) full_blocks(flags), with the same sparsity
   attribute for the partial blocks): target dynamic <= 1.15 x static. The
   table is an arith.constant in the function, but the table path of the
   lowering never looks at its values: it is read, checked and iterated at
   run time exactly as an argument would be. Patterns: the sliding window
   above (loop-bound path) and sinks (64 keys) + the same window (compile-
   time block lists).

3. Antidiagonal scoring (stride 8) + cumulative-threshold selection +
   block-table attention in one function, at about 10% block density:
   target >= 4x faster than dense fused; relative L2 error of the output
   against the dense output on the same inputs (attn-run --dump).

Both forms of each pattern, and the chain of 3., are first checked against
the float64 reference at S = 512 (attn-run --check).

4. The error of 3. by input distribution (attn-run --distribution): uniform
   noise, where the scores are flat and no selection can be accurate, and
   inputs with the structure of real attention (sinks, local decay, heavy
   hitters), at S = --error-seq, with the selection's density.
Writes sparse.csv and sparse.md to --out.
"""
import argparse
import csv
import json
import os
import re
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "build", "bin")
TILE = 64


def tensor(s, h=8, d=64):
    return f"tensor<1x{h}x{s}x{d}xf32>"


def func(name, s, sparsity=None, table=None):
    t = tensor(s)
    attrs, pre, ops = [], "", ""
    if sparsity:
        attrs.append(f"sparsity = {sparsity}")
    if table:
        rp, cols, full = table
        n_rows, nnz = len(rp), len(cols)
        def dense(v, ty):
            return f"dense<[[[{', '.join(map(str, v))}]]]> : tensor<1x1x{len(v)}x{ty}>"
        pre = (f"  %rp = arith.constant {dense(rp, 'i32')}\n"
               f"  %cols = arith.constant {dense(cols, 'i32')}\n"
               f"  %full = arith.constant {dense(['true' if f else 'false' for f in full], 'i1')}\n")
        ops = (f" blocks(%rp, %cols : tensor<1x1x{n_rows}xi32>, tensor<1x1x{nnz}xi32>)"
               f" full_blocks(%full : tensor<1x1x{nnz}xi1>)")
        attrs.append(f"block_size = #attn.tiling<query = {TILE}, key = {TILE}>")
    else:
        attrs.append(f"tiling = #attn.tiling<query = {TILE}, key = {TILE}>")
    a = " {" + ", ".join(attrs) + "}"
    return (f"func.func @{name}(%q: {t}, %k: {t}, %v: {t}) -> {t} {{\n{pre}"
            f"  %o = attn.attention %q, %k, %v{ops}{a} : {t}, {t}, {t} -> {t}\n"
            f"  return %o : {t}\n}}\n")


def visible(kind, i, j):
    w = j >= i - 512 and j <= i
    return w or (kind == "sink_window" and j < 64)


def block_class(kind, q0, q1, k0, k1):
    """Interval classification of the two patterns (Sq = Skv)."""
    # window [p - 512, p]: empty iff k0 > q1 - 1 or k1 - 1 < q0 - 512
    w_empty = k0 > q1 - 1 or k1 - 1 < q0 - 512
    w_full = k0 >= q1 - 1 - 512 and k1 - 1 <= q0
    if kind == "window":
        return "empty" if w_empty else "full" if w_full else "partial"
    s_empty, s_full = k0 >= 64, k1 - 1 < 64
    if w_full or s_full:
        return "full"
    return "empty" if (w_empty and s_empty) else "partial"


def table_for(kind, s):
    """BSR rows (query tiles) listing the non-empty key tiles."""
    rp, cols, full = [0], [], []
    n = (s + TILE - 1) // TILE
    for qt in range(n):
        for kt in range(n):
            c = block_class(kind, qt * TILE, min(qt * TILE + TILE, s),
                            kt * TILE, min(kt * TILE + TILE, s))
            if c != "empty":
                cols.append(kt)
                full.append(c == "full")
        rp.append(len(cols))
    return rp, cols, full


PATTERNS = {
    "window": "#attn.sliding_window<left = 512, right = 0>",
    "sink_window": "#attn.union<[#attn.global<keys = 64>, "
                   "#attn.sliding_window<left = 512, right = 0>]>",
}


def e2e_func(name, s, threshold, block=TILE, stride=8, h=8, d=64):
    """Antidiagonal score -> threshold select -> attend (non-causal); also
    returns the row pointers, from which the density is read."""
    t = tensor(s, h, d)
    n = (s + block - 1) // block
    sc = f"tensor<1x{h}x{n}x{n}xf32>"
    rp, cols = f"tensor<1x{h}x{n + 1}xi32>", f"tensor<1x{h}x{n * n}xi32>"
    bs = f"#attn.tiling<query = {block}, key = {block}>"
    return (f"func.func @{name}(%q: {t}, %k: {t}, %v: {t}) -> ({t}, {rp}) {{\n"
            f"  %s = attn.block_score %q, %k {{method = #attn.score_method<antidiagonal>, "
            f"stride = {stride}, block_size = {bs}}} : {t}, {t} -> {sc}\n"
            f"  %rp, %cols = attn.block_select %s {{threshold = {threshold} : f64, "
            f"keep_diagonal, keep_sink}} : {sc} -> {rp}, {cols}\n"
            f"  %o = attn.attention %q, %k, %v blocks(%rp, %cols : {rp}, {cols}) "
            f"{{block_size = {bs}}} : {t}, {t}, {t} -> {t}\n"
            f"  return %o, %rp : {t}, {rp}\n}}\n")


def run(path, threads, reps, check=False, warmup=1, dump=None, inputs=None):
    cmd = [os.path.join(BIN, "attn-run"), path, "--json", "--pipeline=fused",
           f"--threads={threads}", f"--reps={reps}", f"--warmup={warmup}"]
    if inputs:
        cmd.append(f"--distribution={inputs}")
    if check:
        cmd.append("--check")
    if dump:
        cmd.append(f"--dump={dump}")
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{p.stderr}{p.stdout}")
    return [json.loads(l) for l in p.stdout.splitlines() if l.startswith("{")]


def block_counts(path):
    out = subprocess.run([os.path.join(BIN, "attn-opt"), path,
                          "--attn-fuse=split-kv=never"],
                         capture_output=True, text=True, check=True).stdout
    m = re.search(r"attn.block_counts = \{empty = (\d+) : i64, full = (\d+) : "
                  r"i64, partial = (\d+) : i64\}", out)
    return tuple(map(int, m.groups()))


def check_small(tmp, s, kind, threads):
    """Small-size check of both timed forms against the float64 reference."""
    path = os.path.join(tmp, f"check_{kind}.mlir")
    with open(path, "w") as f:
        f.write(func(f"static_{kind}", s, PATTERNS[kind]) +
                func(f"table_{kind}", s, PATTERNS[kind], table_for(kind, s)))
    r = run(path, threads, 1, check=True, warmup=0)
    assert all(x["ok"] for x in r), r


def error_by_distribution(tmp, args):
    """(distribution, density, relative L2 error) of the score + select +
    attend chain against dense attention, one run each, no timing."""
    import numpy as np
    s = args.error_seq
    n = (s + TILE - 1) // TILE
    out = []
    for dist in [d for d in args.error_inputs.split(",") if d]:
        dump = os.path.join(tmp, "dump-" + dist.replace(":", "_"))
        os.makedirs(dump, exist_ok=True)
        for name, text in (("dense", func("dense", s)),
                           ("score_select_attend",
                            e2e_func("score_select_attend", s, args.threshold))):
            path = os.path.join(tmp, f"err_{name}.mlir")
            with open(path, "w") as f:
                f.write(text)
            run(path, args.threads, 1, warmup=0, dump=dump, inputs=dist)
        dense_o = np.load(os.path.join(dump, "dense.0.npy")).ravel()
        sparse_o = np.load(os.path.join(dump, "score_select_attend.0.npy")).ravel()
        rp = np.load(os.path.join(dump, "score_select_attend.1.npy")).ravel()
        density = float(rp.reshape(-1, n + 1)[:, -1].mean()) / (n * n)
        err = float(np.linalg.norm(sparse_o - dense_o) / np.linalg.norm(dense_o))
        print(f"error with --distribution={dist}: density {density:.4f}, "
              f"relative L2 {err:.4f}", flush=True)
        out.append((dist, density, err))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(ROOT, "bench", "results"))
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seq", type=int, default=16384)
    ap.add_argument("--threshold", type=float, default=0.1,
                    help="block_select threshold (0.1 gives ~10%% density on "
                         "the generated inputs)")
    ap.add_argument("--error-seq", type=int, default=4096,
                    help="sequence length of the error-by-distribution runs")
    ap.add_argument("--error-inputs",
                    default="uniform,sinks,local-decay,heavy-hitters",
                    help="attn-run --distribution values for the error report")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="attn-sparse-bench-")
    s = args.seq

    # Small-size correctness of what is timed.
    for kind in PATTERNS:
        check_small(tmp, 512, kind, args.threads)
    path = os.path.join(tmp, "check_e2e.mlir")
    with open(path, "w") as fo:
        fo.write(e2e_func("score_select_attend", 512, args.threshold))
    assert all(x["ok"] for x in run(path, args.threads, 1, check=True, warmup=0))

    rows = []
    files = {}
    files["dense"] = func("dense", s)
    for kind, attr in PATTERNS.items():
        files[f"static_{kind}"] = func(f"static_{kind}", s, attr)
        files[f"table_{kind}"] = func(f"table_{kind}", s, attr,
                                      table_for(kind, s))
    files["score_select_attend"] = e2e_func("score_select_attend", s,
                                            args.threshold)
    times = {}
    dump = os.path.join(tmp, "dump")
    os.makedirs(dump, exist_ok=True)
    for name, text in files.items():
        path = os.path.join(tmp, name + ".mlir")
        with open(path, "w") as f:
            f.write(text)
        want_dump = name in ("dense", "score_select_attend")
        r = run(path, args.threads, args.reps,
                dump=dump if want_dump else None)[0]
        times[name] = r["time_ms_median"]
        print(f"{name}: {r['time_ms_median']:.1f} ms (min {r['time_ms_min']:.1f})",
              flush=True)
        counts = block_counts(path) if name.startswith("static") else None
        rows.append({"config": name, "S": s, "time_ms_median": r["time_ms_median"],
                     "time_ms_min": r["time_ms_min"],
                     "blocks_empty_full_partial": counts})

    total = ((s + TILE - 1) // TILE) ** 2
    e, f, p = block_counts(os.path.join(tmp, "static_window.mlir"))
    frac = (f + p) / total
    target = 1.3 * frac * times["dense"]
    lines = [
        "# Block-sparse benchmarks (fused path, CPU)",
        "",
        f"B = 1, H = 8, D = 64, S = {s}, f32, {args.threads} threads, "
        f"64 x 64 tiles, median of {args.reps} reps.",
        "",
        "| config | median ms | min ms | blocks empty/full/partial |",
        "|---|---|---|---|",
    ]
    for r in rows:
        lines.append(f"| {r['config']} | {r['time_ms_median']:.1f} | "
                     f"{r['time_ms_min']:.1f} | {r['blocks_empty_full_partial'] or ''} |")
    lines += [
        "",
        "## Targets",
        "",
        f"- sliding window (512, 0): non-empty block fraction {frac:.4f} "
        f"({f + p} of {total}); time {times['static_window']:.1f} ms vs "
        f"1.3 x {frac:.4f} x dense {times['dense']:.1f} ms = {target:.1f} ms: "
        f"ratio to dense {times['static_window'] / times['dense']:.4f}, "
        f"{'MET' if times['static_window'] <= target else 'NOT MET'}",
    ]
    for kind in PATTERNS:
        ratio = times[f"table_{kind}"] / times[f"static_{kind}"]
        lines.append(f"- {kind}: run-time block table / static pattern = "
                     f"{ratio:.3f} (target <= 1.15: "
                     f"{'MET' if ratio <= 1.15 else 'NOT MET'})")
    # Score + select + attend: density from the returned row pointers,
    # relative L2 error against the dense output on the same inputs.
    import numpy as np
    # attn-run --dump writes .npy files (float64, with their shapes).
    dense_o = np.load(os.path.join(dump, "dense.0.npy")).ravel()
    sparse_o = np.load(os.path.join(dump, "score_select_attend.0.npy")).ravel()
    n = (s + TILE - 1) // TILE
    rp = np.load(os.path.join(dump, "score_select_attend.1.npy")).reshape(-1, n + 1)
    density = float(rp[:, -1].mean()) / (n * n)
    rel_l2 = float(np.linalg.norm(sparse_o - dense_o) / np.linalg.norm(dense_o))
    speedup = times["dense"] / times["score_select_attend"]
    lines.append(
        f"- antidiagonal score (stride 8) + threshold select (tau = "
        f"{args.threshold}, keep diagonal and sink) + attend, non-causal: "
        f"density {density:.4f} of the blocks, {times['score_select_attend']:.1f} ms "
        f"vs dense {times['dense']:.1f} ms: {speedup:.2f}x (target >= 4x: "
        f"{'MET' if speedup >= 4 else 'NOT MET'}); relative L2 error vs dense "
        f"{rel_l2:.4f} (on attn-run's uniform random inputs the scores are "
        f"nearly flat, so the dense output is an average of S zero-mean values "
        f"with norm ~ 1/sqrt(S), and the sparse one averages ~density * S of "
        f"them: the expected relative error is ~sqrt(1/density - 1) = "
        f"{(1 / density - 1) ** 0.5:.2f}; content-dependent selection only pays "
        f"off on inputs with structure)")
    lines += ["", f"## Selection error by input distribution (S = {args.error_seq})",
              "", "Relative L2 error of score + select + attend against dense "
              "attention on the same inputs (attn-run --distribution), and the "
              "density the selection chose.", "",
              "| inputs | density | relative L2 error |", "|---|---|---|"]
    for dist, dens, err in error_by_distribution(tmp, args):
        lines.append(f"| {dist} | {dens:.4f} | {err:.4f} |")
    with open(os.path.join(args.out, "sparse.md"), "w") as fo:
        fo.write("\n".join(lines) + "\n")
    with open(os.path.join(args.out, "sparse.csv"), "w", newline="") as fo:
        w = csv.DictWriter(fo, fieldnames=list(rows[0].keys()))
        w.writeheader()
        w.writerows(rows)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
