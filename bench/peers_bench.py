#!/usr/bin/env python3
"""attn-opt against other attention implementations on this CPU (issue 10).

    ninja -C build attn-run attn-fma-peak attn-read-bw attn-peer-inputs
    flock /tmp/attn-cpu.lock python3 bench/peers_bench.py [--reps 5] [--threads 2]

Creates (once, and again when bench/peers-requirements.txt changes) the
pinned virtual environment bench/.venv-peers from PyPI and re-runs itself
inside it. Then, on the same shapes and thread count, alternating the
systems sample by sample (the first system of each round rotates):

  attn-run   this project's fused path: attn-run --pipeline=fused --json
  ONNX Runtime   com.microsoft MultiHeadAttention, float32, intra-op threads
  OpenVINO   opset13 ScaledDotProductAttention, INFERENCE_PRECISION_HINT f32
             (bf16 for the bf16 row)
  PyTorch    scaled_dot_product_attention, torch.set_num_threads
  IREE       torch SDPA through iree-turbine to iree_linalg_ext.attention,
             llvm-cpu for the host, local-task with N workers

Every system is first checked against the project's float64 reference on
the very inputs attn-run generates (`attn-peer-inputs` writes them and the
reference; attn-run's own --check and a --dump comparison confirm that they
are attn-run's inputs). A sample is the median of --calls timed calls after
one warm-up; a row is the median of --reps samples. GFLOP/s uses the
project's work count (masked work not counted) for every system. The FP32
FMA peak (attn-fma-peak) and the read bandwidth (attn-read-bw) are measured
in the same run; the decode row gets "the time to read K and V once".

Output: peers.md, peers.csv and peers.png in --out (bench/results).
"""
import argparse
import csv
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
VENV = os.path.join(BENCH, ".venv-peers")
REQ = os.path.join(BENCH, "peers-requirements.txt")
sys.path.insert(0, BENCH)

from run_bench import BIN, attention_ir, fma_peak, run_attn  # noqa: E402

# name, B, Hq, Hkv, Sq, Skv, D, element type, causal
SHAPES = [dict(zip(("name", "B", "Hq", "Hkv", "Sq", "Skv", "D", "elt", "causal"), s)) for s in [
    ("S=1024 D=64", 1, 8, 8, 1024, 1024, 64, "f32", 0),
    ("S=1024 D=128", 1, 8, 8, 1024, 1024, 128, "f32", 0),
    ("S=4096 D=64", 1, 8, 8, 4096, 4096, 64, "f32", 0),
    ("S=4096 D=128", 1, 8, 8, 4096, 4096, 128, "f32", 0),
    ("S=4096 D=64 causal", 1, 8, 8, 4096, 4096, 64, "f32", 1),
    ("S=4096 D=64 bf16", 1, 8, 8, 4096, 4096, 64, "bf16", 0),
    ("S=512 D=64", 1, 8, 8, 512, 512, 64, "f32", 0),
    ("S=512 D=64 causal", 1, 8, 8, 512, 512, 64, "f32", 1),
    ("S=512 D=80", 1, 8, 8, 512, 512, 80, "f32", 0),
    ("S=512 D=80 causal", 1, 8, 8, 512, 512, 80, "f32", 1),
    ("S=1000 D=64", 1, 8, 8, 1000, 1000, 64, "f32", 0),
    ("S=1000 D=64 causal", 1, 8, 8, 1000, 1000, 64, "f32", 1),
    ("S=1000 D=80", 1, 8, 8, 1000, 1000, 80, "f32", 0),
    ("S=1000 D=80 causal", 1, 8, 8, 1000, 1000, 80, "f32", 1),
    ("decode Skv=32768 H=32:8 D=128", 1, 32, 8, 1, 32768, 128, "f32", 0),
]]
PEERS = ["onnxruntime", "openvino", "pytorch", "iree"]


def ensure_venv(script=__file__):
    """Re-exec `script` inside bench/.venv-peers, (re)creating it from the
    pinned requirements when they changed. --no-deps: the file pins the
    closure (torch's CUDA wheels are left out: this is a CPU benchmark)."""
    if os.path.realpath(sys.prefix) == os.path.realpath(VENV):
        return
    want = hashlib.sha256(open(REQ, "rb").read()).hexdigest()
    stamp = os.path.join(VENV, ".requirements.sha256")
    py = os.path.join(VENV, "bin", "python")
    if not (os.path.exists(stamp) and open(stamp).read().strip() == want):
        print(f"creating {VENV} from {REQ}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", "--clear", VENV], check=True)
        subprocess.run([py, "-m", "pip", "install", "--no-deps", "-r", REQ], check=True)
        with open(stamp, "w") as f:
            f.write(want + "\n")
    os.execv(py, [py, os.path.abspath(script)] + sys.argv[1:])


def shape_key(s):
    return (f"b{s['B']}_hq{s['Hq']}_hkv{s['Hkv']}_sq{s['Sq']}_skv{s['Skv']}_d{s['D']}"
            f"_{s['elt']}_c{s['causal']}")


def peer_inputs(s, cache, seed):
    """attn-run's inputs and the float64 reference, cached across runs."""
    d = os.path.join(cache, f"{shape_key(s)}_seed{seed}")
    info = os.path.join(d, "info.json")
    if not os.path.exists(info):
        os.makedirs(d, exist_ok=True)
        cmd = [os.path.join(BIN, "attn-peer-inputs")] + [str(s[k]) for k in (
            "B", "Hq", "Hkv", "Sq", "Skv", "D", "elt", "causal")] + [str(seed), d]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        with open(info, "w") as f:
            f.write(out)
    return d, json.loads(open(info).read())


def check_project(s, path, d, threads, seed, tmp):
    """attn-run --check (its own reference) plus a --dump comparison with
    ref.f64: the second shows that the peers get attn-run's inputs."""
    import numpy as np
    from peers_systems import TOL
    r = run_attn(path, "fused", threads, reps=1, check=True,
                 extra=[f"--seed={seed}", f"--dump={tmp}"])
    # attn-run --dump writes .npy (float64) files.
    got = np.load(os.path.join(tmp, "attn.0.npy")).astype(np.float64).ravel()
    ref = np.fromfile(os.path.join(d, "ref.f64"), dtype=np.float64)
    atol, rtol = TOL[s["elt"]]
    same = got.shape == ref.shape and bool(np.all(np.abs(got - ref) <= atol + rtol * np.abs(ref)))
    return {"ok": bool(r["ok"]) and same, "max_abs_err": r["max_abs_err"],
            "max_rel_err": r["max_rel_err"], "note": None if same else "dump differs from ref.f64"}


class Worker:
    """One peer in its own process (see peers_systems.py)."""

    def __init__(self, key, threads):
        import multiprocessing as mp
        from peers_systems import worker
        ctx = mp.get_context("spawn")
        self.key, self.conn = key, None
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=worker, args=(key, threads, child), daemon=True)
        self.proc.start()
        self.alive = True
        r = self.ask(None, 600)
        if not r or not r.get("ready"):
            self.alive = False
            self.error = (r or {}).get("error", "worker died")

    def ask(self, msg, timeout):
        try:
            if msg is not None:
                self.conn.send(msg)
            if not self.conn.poll(timeout):
                raise TimeoutError(f"no answer in {timeout} s")
            return self.conn.recv()
        except (EOFError, OSError, TimeoutError) as e:
            self.alive = False
            self.proc.kill()
            return {"error": f"{self.key} worker lost: {e}"}

    def close(self):
        if self.alive:
            self.conn.send(("quit",))
        self.proc.join(5)


def read_bw(mib):
    out = subprocess.run([os.path.join(BIN, "attn-read-bw")] + [str(m) for m in mib],
                         capture_output=True, text=True, check=True).stdout
    return [json.loads(l) for l in out.splitlines()]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(BENCH, "results"))
    ap.add_argument("--reps", type=int, default=5, help="samples per system and shape")
    ap.add_argument("--calls", type=int, default=3, help="timed calls per sample")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--systems", default="attn-run," + ",".join(PEERS))
    ap.add_argument("--shapes", default="", help="only shapes whose name contains this")
    ap.add_argument("--iree-max-s", type=int, default=1024,
                    help="run IREE only on shapes with Skv <= this (decode excepted)")
    ap.add_argument("--cache", default=os.path.join(tempfile.gettempdir(), "attn-peers-cache"))
    ap.add_argument("--no-venv", action="store_true", help="use the current interpreter")
    ap.add_argument("--inputs-only", action="store_true",
                    help="only write the inputs and references to --cache (no timing)")
    args = ap.parse_args()
    shapes = [s for s in SHAPES if args.shapes in s["name"]]
    if args.inputs_only:
        for s in shapes:
            print(s["name"], peer_inputs(s, args.cache, args.seed)[1], flush=True)
        return
    if not args.no_venv:
        ensure_venv()
    from peers_report import write_outputs
    systems = args.systems.split(",")
    os.makedirs(args.out, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="attn-peers-")
    meta = {"command": "python3 bench/peers_bench.py " + " ".join(sys.argv[1:]),
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "cpu": cpu_name(), "threads": args.threads, "reps": args.reps,
            "calls": args.calls, "load_start": os.getloadavg()}

    peak = fma_peak()
    meta["peak"] = peak.get(args.threads, max(peak.values()))
    print("FP32 FMA peak (GFLOP/s):", peak, flush=True)
    workers = {k: Worker(k, args.threads) for k in systems if k != "attn-run"}
    versions = {"attn-run": git_rev(), "python": platform.python_version()}
    for k, w in workers.items():
        versions.update(w.ask(("versions",), 60) if w.alive else {k: "failed: " + w.error})
    print(versions, flush=True)
    meta["versions"] = versions

    rows = []
    for s in shapes:
        d, info = peer_inputs(s, args.cache, args.seed)
        path = os.path.join(tmp, shape_key(s) + ".mlir")
        with open(path, "w") as f:
            f.write(attention_ir("attn", s["B"], s["Hq"], s["Hkv"], s["Sq"], s["Skv"],
                                 s["D"], s["D"], bool(s["causal"]), elt=s["elt"]))
        status = {}
        if "attn-run" in systems:
            status["attn-run"] = check_project(s, path, d, args.threads, args.seed, tmp)
        for k, w in workers.items():
            if k == "iree" and s["Sq"] > 1 and s["Skv"] > args.iree_max_s:
                status[k] = {"skip": f"Skv > --iree-max-s={args.iree_max_s}"}
            elif w.alive:
                status[k] = w.ask(("prepare", s, d), 1800)
            else:
                status[k] = {"error": "worker not running"}
            print(s["name"], k, status[k], flush=True)
        timed = [k for k in systems if "ok" in status.get(k, {})]
        samples = {k: [] for k in timed}
        for rep in range(args.reps):
            order = timed[rep % len(timed):] + timed[:rep % len(timed)] if timed else []
            for k in order:
                if k == "attn-run":
                    r = run_attn(path, "fused", args.threads, reps=args.calls,
                                 extra=[f"--seed={args.seed}"])
                    samples[k].append(r["time_ms_median"] / 1e3)
                else:
                    ts = workers[k].ask(("time", args.calls), 1800)
                    if isinstance(ts, list):
                        samples[k].append(statistics.median(ts))
                    else:
                        status[k]["error"] = ts.get("error")
                time.sleep(0.2)  # let spinning thread pools go idle
        for k in systems:
            st = status.get(k, {})
            t = statistics.median(samples[k]) if samples.get(k) else None
            rows.append(dict(
                shape=s["name"], system=k, B=s["B"], Hq=s["Hq"], Hkv=s["Hkv"],
                Sq=s["Sq"], Skv=s["Skv"], D=s["D"], elt=s["elt"], causal=s["causal"],
                threads=args.threads, flops=info["flops"],
                time_ms=round(t * 1e3, 4) if t else None,
                gflops=round(info["flops"] / t / 1e9, 2) if t else None,
                check_ok=st.get("ok"), max_abs_err=st.get("max_abs_err"),
                note=st.get("skip") or st.get("error") or st.get("note") or "",
                load=round(os.getloadavg()[0], 2)))
            print({k2: rows[-1][k2] for k2 in ("shape", "system", "time_ms", "gflops",
                                               "check_ok", "note")}, flush=True)

    # Read bandwidth: a buffer the size of the decode K+V, and DRAM.
    dec = next((s for s in shapes if s["Sq"] == 1), None)
    kv_mib = (2 * dec["Hkv"] * dec["Skv"] * dec["D"] * 4) >> 20 if dec else 256
    meta["read_bw"] = read_bw([kv_mib, 2048])
    meta["load_end"] = os.getloadavg()
    for w in workers.values():
        w.close()
    write_outputs(args.out, rows, meta, dec, kv_mib)
    shutil.rmtree(tmp, ignore_errors=True)


def cpu_name():
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor()


def git_rev():
    p = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"],
                       capture_output=True, text=True)
    return p.stdout.strip() or "unknown"


if __name__ == "__main__":
    main()
