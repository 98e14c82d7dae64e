#!/usr/bin/env python3
"""Before/after comparison of two attn-run builds on the fused path.

    flock /tmp/attn-cpu.lock python3 bench/ab_bench.py --before OLD/attn-run \
        [--after build/bin/attn-run] [--reps 5] [--rounds 3] [--threads 2]

Runs the S=4096 shapes of bench/results/results.md (D 64 and 128, causal or
not) and the bf16 S=4096 D=64 shape through both binaries, alternating
binaries in every round, and prints a Markdown table of the median times and
the after/before ratio (a refactor must keep it at or below 1 within noise).
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


def time_ms(binary, path, threads, reps, cpu):
    cmd = [binary, path, "--json", f"--threads={threads}", f"--reps={reps}",
           "--warmup=1", "--pipeline=fused", f"--cpu={cpu}"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{p.stderr}")
    r = json.loads(p.stdout.strip().splitlines()[-1])
    return r["time_ms_median"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", required=True)
    ap.add_argument("--after", default=os.path.join(ROOT, "build", "bin", "attn-run"))
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--cpu", default="host")
    a = ap.parse_args()
    print("| shape | before (ms) | after (ms) | after / before |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, d, causal, elt in SHAPES:
            path = os.path.join(tmp, name + ".mlir")
            with open(path, "w") as f:
                f.write(attention_ir(name, 1, 8, 8, 4096, 4096, d, d, causal, elt))
            before, after = [], []
            for _ in range(a.rounds):
                before.append(time_ms(a.before, path, a.threads, a.reps, a.cpu))
                after.append(time_ms(a.after, path, a.threads, a.reps, a.cpu))
            b, n = statistics.median(before), statistics.median(after)
            print(f"| {name} | {b:.2f} | {n:.2f} | {n / b:.3f} |", flush=True)


if __name__ == "__main__":
    main()
