#!/usr/bin/env python3
"""attn-mpi-run: run a sharded function on MPI ranks, check it against the
float64 reference of the whole problem.

    mpirun -n N attn-mpi-run.py FILE.mlir [--entry=NAME] [--pipeline=fused|unfused]
                                [--seed=S] [--workdir=DIR] [--attn-opt=PATH]

FILE holds functions (all are run, or --entry) whose arguments (and results) carry shard.shard
annotations over a one-dimensional shard.grid of N devices (docs/
distributed.md). Rank 0 partitions it (sharding-propagation, shard-partition),
lowers the collectives to MPI (convert-shard-to-mpi) and writes the IR to
the work directory; every rank JIT-compiles it with the attn CPU pipeline
(MPI calls resolved in the MPI library this process loaded), draws the
seeded inputs of the whole problem, runs on its block of each split
argument and writes its results. Rank 0 assembles them (split results
concatenated along the split axis, replicated ones taken from every rank)
and compares them with the float64 reference evaluator (lib/Reference, via
the attn Python package) on the function without its annotations, with
attn-run's f32 tolerance |got - ref| <= 1e-5 + 1e-4 |ref|.

The MPI library: $ATTN_MPI_LIBRARY, else MPICH's libmpich.so.12 (the one
scripts/deps.sh installs). Exit status 0 when every result matches.
"""
import argparse
import ctypes
import ctypes.util
import os
import re
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))


class Mpi:
    """The few MPI calls the launcher makes itself, through ctypes (MPICH's
    ABI: MPI_COMM_WORLD is the integer handle 0x44000000)."""

    COMM_WORLD = 0x44000000

    def __init__(self):
        path = os.environ.get("ATTN_MPI_LIBRARY") or "libmpich.so.12"
        # RTLD_GLOBAL: the JIT-compiled code's MPI_* calls resolve here.
        self.lib = ctypes.CDLL(path, mode=ctypes.RTLD_GLOBAL)
        self.lib.MPI_Init(None, None)
        rank, size = ctypes.c_int(), ctypes.c_int()
        self.lib.MPI_Comm_rank(self.COMM_WORLD, ctypes.byref(rank))
        self.lib.MPI_Comm_size(self.COMM_WORLD, ctypes.byref(size))
        self.rank, self.size = rank.value, size.value

    def barrier(self):
        self.lib.MPI_Barrier(self.COMM_WORLD)

    def finalize(self):
        self.lib.MPI_Finalize()

    def abort(self, code):
        self.lib.MPI_Abort(self.COMM_WORLD, code)


_TENSOR = re.compile(r"tensor<([0-9x]*)x?(f32|f64|f16|bf16)>")


def parse_tensor(text):
    m = _TENSOR.fullmatch(text.strip())
    if not m:
        raise SystemExit("attn-mpi-run: unsupported type %r (static f32 "
                         "tensors only)" % text.strip())
    dims = [int(d) for d in m.group(1).split("x") if d] if m.group(1) else []
    return tuple(dims), m.group(2)


def signature(ir, entry):
    """(argument types, result types) of func.func @entry in printed IR."""
    m = re.search(r"func\.func @%s\((.*?)\)(?:\s*->\s*(\(.*?\)|[^{\s]+))?\s*"
                  r"(?:attributes\s*\{.*?\}\s*)?\{" % re.escape(entry), ir)
    if not m:
        raise SystemExit("attn-mpi-run: no function @%s" % entry)
    args = [parse_tensor(a.split(":", 1)[1]) for a in
            re.findall(r"%[^,:]+:\s*tensor<[^>]*>", m.group(1))]
    res = m.group(2) or ""
    res = res[1:-1] if res.startswith("(") else res
    results = [parse_tensor(r) for r in re.findall(r"tensor<[^>]*>", res)]
    return args, results


def split_axis(global_shape, local_shape, ranks, what):
    """The axis a one-dimensional grid splits (None: replicated)."""
    axes = [i for i, (g, l) in enumerate(zip(global_shape, local_shape))
            if g != l]
    if not axes:
        return None
    if len(axes) > 1 or global_shape[axes[0]] != local_shape[axes[0]] * ranks:
        raise SystemExit("attn-mpi-run: %s: %s -> %s is not a split of one "
                         "axis over %d ranks" % (what, global_shape,
                                                 local_shape, ranks))
    return axes[0]


def block(array, axis, rank, ranks):
    if axis is None:
        return np.ascontiguousarray(array)
    n = array.shape[axis] // ranks
    index = [slice(None)] * array.ndim
    index[axis] = slice(rank * n, (rank + 1) * n)
    return np.ascontiguousarray(array[tuple(index)])


def attn_opt(tool, args, src):
    proc = subprocess.run([tool] + args + [src], capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit("attn-mpi-run: attn-opt %s failed:\n%s" %
                         (" ".join(args), proc.stderr))
    return proc.stdout


def prepare(opts, workdir, ranks):
    """Rank 0: the reference IR and the partitioned MPI IR."""
    ref = attn_opt(opts.attn_opt, ["--attn-strip-sharding"], opts.file)
    part = attn_opt(opts.attn_opt, [
        "--pass-pipeline=builtin.module(func.func(sharding-propagation,"
        "shard-partition),attn-shard-shift-to-mpi,convert-shard-to-mpi,"
        "attn-mpi-implementation,"
        "attn-strip-sharding)"],
        opts.file)
    with open(opts.file) as f:
        grids = re.findall(r"shard\.grid @\S+\(shape = ([0-9x?]+)\)", f.read())
    if grids != [str(ranks)]:
        raise SystemExit("attn-mpi-run: needs one one-dimensional shard.grid "
                         "of the %d ranks, found shapes %s" % (ranks, grids))
    for name, text in (("ref.mlir", ref), ("part.mlir", part)):
        with open(os.path.join(workdir, name), "w") as f:
            f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("--entry", default=None)
    ap.add_argument("--pipeline", default="fused",
                    choices=["fused", "unfused"])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--attn-opt", default=os.path.join(REPO, "build", "bin",
                                                       "attn-opt"))
    opts = ap.parse_args()

    mpi = Mpi()
    try:
        code = run(opts, mpi)
    except BaseException as e:  # one rank failing must not hang the others
        sys.stderr.write("rank %d: %s\n" % (mpi.rank, e))
        sys.stderr.flush()
        mpi.abort(1)
        raise
    mpi.barrier()
    mpi.finalize()
    return code


def run(opts, mpi):
    sys.path.insert(0, os.path.join(REPO, "python"))
    from attn import _native  # the JIT and the reference (libAttnCAPI.so)

    workdir = opts.workdir or os.path.join(tempfile.gettempdir(),
                                           "attn-mpi-run-%d" % os.getppid())
    if mpi.rank == 0:
        os.makedirs(workdir, exist_ok=True)
        prepare(opts, workdir, mpi.size)
    mpi.barrier()
    with open(os.path.join(workdir, "ref.mlir")) as f:
        ref_ir = f.read()
    with open(os.path.join(workdir, "part.mlir")) as f:
        part_ir = f.read()
    entries = ([opts.entry] if opts.entry else
               re.findall(r"func\.func @([\w$.-]+)\(", ref_ir))
    ok = True
    for entry in entries:
        ok &= run_entry(opts, mpi, _native, workdir, ref_ir, part_ir, entry)
    return 0 if ok else 1


def run_entry(opts, mpi, _native, workdir, ref_ir, part_ir, entry):
    g_args, g_res = signature(ref_ir, entry)
    l_args, l_res = signature(part_ir, entry)

    # The whole problem's inputs, the same on every rank.
    rng = np.random.default_rng(opts.seed)
    inputs = []
    for shape, elem in g_args:
        if elem not in ("f32", "f64"):
            raise SystemExit("attn-mpi-run: %s arguments are not supported"
                             % elem)
        inputs.append(rng.uniform(-1.0, 1.0, shape).astype(
            np.float32 if elem == "f32" else np.float64))
    local = [block(x, split_axis(g[0], l[0], mpi.size, "argument #%d" % i),
                   mpi.rank, mpi.size)
             for i, (x, g, l) in enumerate(zip(inputs, g_args, l_args))]
    pipeline = ("builtin.module(attn-lower-to-llvm{form=%s cpu=host},"
                "convert-to-llvm,reconcile-unrealized-casts)" % opts.pipeline)
    kernel = _native.Kernel(part_ir, entry, pipeline)
    outs = [np.empty(s, dtype=np.float32 if e == "f32" else np.float64)
            for s, e in l_res]
    kernel.run(local, outs)
    for i, o in enumerate(outs):
        np.save(os.path.join(workdir, "%s.r%d.out%d.npy" % (entry, mpi.rank, i)),
                o)
    mpi.barrier()
    if mpi.rank != 0:
        return True

    # Rank 0: assemble and compare with the float64 reference.
    ref_outs = [np.empty(s, dtype=np.float64) for s, _ in g_res]
    _native.reference(ref_ir, entry, [x.astype(np.float64) for x in inputs],
                      ref_outs)
    ok = True
    for i, ((g, _), (l, _), ref) in enumerate(zip(g_res, l_res, ref_outs)):
        parts = [np.load(os.path.join(workdir, "%s.r%d.out%d.npy" %
                                      (entry, r, i)))
                 for r in range(mpi.size)]
        axis = split_axis(g, l, mpi.size, "result #%d" % i)
        # A split result is the ranks' blocks in order; a replicated one
        # must be right on every rank.
        got = [np.concatenate(parts, axis=axis)] if axis is not None else parts
        max_err, bad = 0.0, 0
        for g_i in got:
            g_i = g_i.astype(np.float64)
            same_inf = np.isinf(ref) & (g_i == ref)
            with np.errstate(invalid="ignore"):  # inf - inf where both agree
                err = np.where(same_inf, 0.0, np.abs(g_i - ref))
            bad += int(np.count_nonzero(~(err <= 1e-5 + 1e-4 * np.abs(ref))))
            if err.size:  # NaN, when any, is the largest error
                e = float(np.max(err)) if not np.isnan(err).any() else np.nan
                max_err = e if np.isnan(e) else max(max_err, e)
        ok &= bad == 0
        print("%s: result #%d (%s): max_abs_err %.3g, %d mismatches%s" %
              (entry, i, "split on axis %d" % axis if axis is not None else
               "replicated, checked on every rank", max_err, bad,
               "" if bad == 0 else " (FAILED)"))
    print("%s: %d ranks, %s" % (entry, mpi.size, "PASSED" if ok else "FAILED"))
    sys.stdout.flush()
    return ok

if __name__ == "__main__":
    sys.exit(main())
