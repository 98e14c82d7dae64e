#!/usr/bin/env python3
"""Issue 23: the Python package's per-call cost at small S against the same
compiled kernel called from C and against PyTorch's own SDPA on the CPU, and
the Python tests with PyTorch present.

    ninja -C build AttnCAPI attn-aot attn-fma-peak
    flock /tmp/attn-cpu.lock python3 bench/python_overhead.py --threads 2

Creates (once) the pinned virtual environment bench/.venv-python from
bench/python-requirements.txt (PyPI; torch, ml_dtypes, pytest) and re-runs
itself there, then:
  1. runs python/tests with that interpreter (the torch tests run there;
     the lit suite skips them);
  2. for B=1, H=8, D=64, S in {16, 64, 256}, f32, no mask: times
     - C: an attn-aot kernel of that static shape, called in a loop;
     - attn.scaled_dot_product_attention on NumPy arrays and on torch
       tensors (the default dynamic-shape kernel, compiled before timing);
     - torch.nn.functional.scaled_dot_product_attention;
     each the median over rounds of the mean time per call, with
     --threads OpenMP / torch threads;
  3. names the CPU and measures its FP32 FMA peak (attn-fma-peak) in the
     same run.
Output: bench/results/python-overhead.md (and the table on stdout).
"""
import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
VENV = os.path.join(BENCH, ".venv-python")
REQ = os.path.join(BENCH, "python-requirements.txt")
BUILD = os.environ.get("ATTN_BUILD", os.path.join(ROOT, "build"))
SIZES = [16, 64, 256]
H, D = 8, 64


def ensure_venv():
    """Re-exec inside bench/.venv-python, (re)created from the pinned
    requirements when they changed (--no-deps: the file pins the closure)."""
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    want = hashlib.sha256(open(REQ, "rb").read()).hexdigest()
    stamp = os.path.join(VENV, ".requirements.sha256")
    py = os.path.join(VENV, "bin", "python")
    if not (os.path.exists(stamp) and open(stamp).read().strip() == want):
        print("creating %s from %s" % (VENV, REQ), flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", VENV],
                       check=True)
        subprocess.run([py, "-m", "pip", "install", "-q", "--no-deps", "-r",
                        REQ], check=True)
        with open(stamp, "w") as f:
            f.write(want + "\n")
    os.execv(py, [py, os.path.abspath(__file__)] + sys.argv[1:])


def median_per_call(fn, calls, rounds):
    for _ in range(calls):
        fn()
    per = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        per.append((time.perf_counter() - t0) / calls * 1e6)
    return sorted(per)[len(per) // 2]


def c_kernel_us(s, calls, rounds, tmp, env):
    mlir = os.path.join(tmp, "k%d.mlir" % s)
    t = "tensor<1x%dx%dx%dxf32>" % (H, s, D)
    with open(mlir, "w") as f:
        f.write("func.func @kernel(%%q: %s, %%k: %s, %%v: %s) -> %s {\n"
                "  %%o = attn.attention %%q, %%k, %%v : %s, %s, %s -> %s\n"
                "  return %%o : %s\n}\n" % ((t,) * 9))
    d = os.path.join(tmp, "k%d" % s)
    os.makedirs(d, exist_ok=True)
    subprocess.run([os.path.join(BUILD, "bin", "attn-aot"), mlir,
                    "--entry=kernel", "-o", os.path.join(d, "kernel.o"),
                    "--header=" + os.path.join(d, "kernel.h")], check=True)
    exe = os.path.join(d, "bench")
    subprocess.run(["clang-22", "-O2", "-std=c11", "-I" + d,
                    "-DH=%d" % H, "-DS=%d" % s, "-DD=%d" % D,
                    os.path.join(BENCH, "call_overhead.c"),
                    os.path.join(d, "kernel.o"), "-o", exe,
                    "-L/usr/lib/llvm-22/lib", "-Wl,-rpath,/usr/lib/llvm-22/lib",
                    "-lomp", "-lm"], check=True)
    out = subprocess.run([exe, str(calls), str(rounds)], env=env, check=True,
                         capture_output=True, text=True).stdout
    return float(out.strip())


def cpu_name():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return "unknown CPU"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--calls", type=int, default=300)
    ap.add_argument("--rounds", type=int, default=7)
    ap.add_argument("--no-venv", action="store_true",
                    help="use the current interpreter")
    ap.add_argument("--skip-tests", action="store_true")
    args = ap.parse_args()
    if not args.no_venv:
        ensure_venv()
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    env = dict(os.environ)
    lib = os.path.join(BUILD, "lib", "libAttnCAPI.so")
    os.environ.setdefault("ATTN_LIBRARY", lib)
    lines = ["# Python per-call overhead (issue 23)", "",
             "CPU: %s; %d threads." % (cpu_name(), args.threads)]
    peak = os.path.join(BUILD, "bin", "attn-fma-peak")
    if os.path.exists(peak):
        out = subprocess.run([peak], capture_output=True,
                             text=True, env=env).stdout.strip()
        lines.append("FP32 FMA peak (attn-fma-peak, same run): %s"
                     % out.splitlines()[-1] if out else "?")
    if not args.skip_tests:
        r = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p",
                            "no:cacheprovider", os.path.join(ROOT, "python",
                                                             "tests")],
                           capture_output=True, text=True)
        tail = (r.stdout.strip().splitlines() or ["?"])[-1]
        lines.append("python/tests with torch (%s): %s" % (sys.executable,
                                                           tail))
    sys.path.insert(0, os.path.join(ROOT, "python"))
    import numpy as np
    import torch
    import torch.nn.functional as F
    import attn
    torch.set_num_threads(args.threads)
    lines += ["", "B=1, H=8, D=64, f32, no mask; microseconds per call "
              "(median over %d rounds of %d calls)." % (args.rounds,
                                                         args.calls), "",
              "| S | C (attn-aot kernel) | attn, NumPy | attn, torch | "
              "torch SDPA |", "|---|---|---|---|---|"]
    rng = np.random.default_rng(0)
    with tempfile.TemporaryDirectory() as tmp:
        for s in SIZES:
            q, k, v = (rng.uniform(-1, 1, (1, H, s, D)).astype(np.float32)
                       for _ in range(3))
            tq, tk, tv = (torch.from_numpy(x) for x in (q, k, v))
            c = c_kernel_us(s, args.calls, args.rounds, tmp, env)
            sdpa = attn.scaled_dot_product_attention
            a_np = median_per_call(lambda: sdpa(q, k, v), args.calls,
                                   args.rounds)
            a_t = median_per_call(lambda: sdpa(tq, tk, tv), args.calls,
                                  args.rounds)
            t = median_per_call(
                lambda: F.scaled_dot_product_attention(tq, tk, tv),
                args.calls, args.rounds)
            lines.append("| %d | %.1f | %.1f | %.1f | %.1f |"
                         % (s, c, a_np, a_t, t))
            print(lines[-1], flush=True)
    os.makedirs(os.path.join(BENCH, "results"), exist_ok=True)
    with open(os.path.join(BENCH, "results", "python-overhead.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
