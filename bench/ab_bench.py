#!/usr/bin/env python3
"""Before/after comparison of two attn-run builds on the fused path.

    flock /tmp/attn-cpu.lock python3 bench/ab_bench.py --before OLD/attn-run \
        [--after build/bin/attn-run] [--reps 5] [--rounds 3] [--threads 2]

Runs the S=4096 shapes of bench/results/results.md (D 64 and 128, causal or
not) and the bf16 S=4096 D=64 shape through both binaries, alternating
binaries in every round, and prints a Markdown table of the median times and
the after/before ratio (a refactor must keep it at or below 1 within noise).

`--suite sparse` times the functions of bench/sparse_bench.py (dense, every
static pattern and its run-time block table, score + select + attend) at
`--seq` (default 8192); `--suite linear` the linear attention shapes of
bench/linear_bench.py (elu1, relu and favor (M = 128) feature maps, causal
and not, S=16384); `--only NAME` keeps the shapes whose name contains
NAME, `--stat min` compares the fastest repetitions instead of the medians;
`--suite small` S=512/1000 with D 64/80, causal and not, and the decode
shape (Sq=1, Skv=32768, H=32 over 8 kv heads, D=128).
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile

from run_bench import attention_ir

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

SHAPES = [  # name, d, causal, elt
    ("b1_h8_s4096_d64", 64, False, "f32"),
    ("b1_h8_s4096_d64_causal", 64, True, "f32"),
    ("b1_h8_s4096_d128", 128, False, "f32"),
    ("b1_h8_s4096_d128_causal", 128, True, "f32"),
    ("b1_h8_s4096_d64_bf16", 64, False, "bf16"),
]


def time_ms(binary, path, threads, reps, cpu, stat="median"):
    cmd = [binary, path, "--json", f"--threads={threads}", f"--reps={reps}",
           "--warmup=1", "--pipeline=fused", f"--cpu={cpu}",
           "--keep-freed-memory"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{p.stderr}")
    r = json.loads(p.stdout.strip().splitlines()[-1])
    return r["time_ms_min"] if stat == "min" else r["time_ms_median"]


def suite(kind, seq):
    """(name, IR) pairs of a suite."""
    if kind == "dense":
        return [(name, attention_ir(name, 1, 8, 8, 4096, 4096, d, d, causal, elt))
                for name, d, causal, elt in SHAPES]
    if kind == "sparse":
        import sparse_bench as sb
        out = [("dense", sb.func("dense", seq))]
        for k, attr in sb.PATTERNS.items():
            out.append((f"static_{k}", sb.func(f"static_{k}", seq, attr)))
            out.append((f"table_{k}", sb.func(f"table_{k}", seq, attr,
                                              sb.table_for(k, seq))))
        out.append(("score_select_attend",
                    sb.e2e_func("score_select_attend", seq, 0.1)))
        return out
    if kind == "linear":
        import linear_bench as lb
        return [(f"{fm}_{'causal' if c else 'full'}",
                 lb.linear_ir(f"{fm}_{'causal' if c else 'full'}", 1, 8, 16384,
                              64, c, fm))
                for fm in ("elu1", "relu", "favor") for c in (False, True)]
    out = []
    for s in (512, 1000):
        for d in (64, 80):
            for c in (False, True):
                n = f"s{s}_d{d}{'_causal' if c else ''}"
                out.append((n, attention_ir(n, 1, 8, 8, s, s, d, d, c)))
    out.append(("decode", attention_ir("decode", 1, 32, 8, 1, 32768, 128, 128,
                                       False)))
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", default=os.path.join(ROOT, "build", "bin", "attn-run"))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--cpu", default="host")
    ap.add_argument("--suite", default="dense",
                    choices=["dense", "sparse", "linear", "small"])
    ap.add_argument("--seq", type=int, default=8192, help="--suite sparse")
    ap.add_argument("--only", default="",
                    help="time only the shapes whose name contains this")
    ap.add_argument("--stat", default="median", choices=["median", "min"],
                    help="per run: the median or the fastest repetition "
                         "(min is steadier on a shared machine)")
    a = ap.parse_args()
    print("| shape | before (ms) | after (ms) | after / before |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in suite(a.suite, a.seq):
            if a.only not in name:
                continue
            path = os.path.join(tmp, name + ".mlir")
            with open(path, "w") as f:
                f.write(text)
            before, after = [], []
            for _ in range(a.rounds):
                before.append(time_ms(a.before, path, a.threads, a.reps, a.cpu,
                                      a.stat))
                after.append(time_ms(a.after, path, a.threads, a.reps, a.cpu,
                                     a.stat))
            b, n = statistics.median(before), statistics.median(after)
            print(f"| {name} | {b:.2f} | {n:.2f} | {n / b:.3f} |", flush=True)


if __name__ == "__main__":
    main()
