#!/usr/bin/env python3
"""Mutation fuzzer for attn-opt and attn-run (python3 stdlib only).

Takes seed IR files (examples/*.mlir and test/dialects/attn/IR/*.mlir by default;
files are split on '// -----' into separate seeds), makes deterministic
mutants (truncations, deleted/duplicated lines, token substitutions,
attribute values set to edge values, numbers, shapes and element types
changed, random bytes, ...), and runs on each:

    attn-opt FILE
    attn-opt FILE --attn-decompose --attn-cpu-pipeline   (or --opt-pipeline)
    attn-opt FILE --PASS        for every registered attn-* pass (--each-pass)
    attn-run FILE --reps=1 --warmup=0 [--check]   (also per --run-pipeline;
                                          on every --run-every'th mutant
                                          with at most --run-max-funcs
                                          functions)

A run fails when its exit code is neither 0 nor 1 (signals, aborts,
segfaults, sanitizer reports), when it times out (--timeout CPU seconds,
or 10 times that in wall seconds), when it exceeds the
address-space limit (--mem-limit-mb: the allocation failure aborts), when
its stderr contains an LLVM crash marker ('Assertion', 'Stack dump', 'LLVM
ERROR', 'UNREACHABLE'), or, with --check, when attn-run reports results
that differ from the float64 reference (a silent wrong answer). Failing
mutants are minimized (--minimize: lines, then tokens, while the same kind
of failure remains) and saved under OUT/crashes/ with a .txt file holding
the command, the exit code and the stderr. Prints

    fuzz: N mutants, M runs, K crashes

and exits 0 iff K == 0.

--replay DIR runs every DIR/*.mlir (kept findings: regression tests)
through the same commands instead of mutants. The long campaign's
command (10,000 mutants in five seeded runs) is in docs/reliability.md.
"""

import argparse
import concurrent.futures
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

CRASH_MARKERS = ("Assertion", "Stack dump", "LLVM ERROR", "UNREACHABLE",
                 "AddressSanitizer", "runtime error:")
# attn-run --check's verdict on a wrong answer.
WRONG_ANSWER = "results differ from the float64 reference"
SPLIT_RE = re.compile(r"^// -----\s*$", re.M)

# --------------------------------------------------------------------------
# Mutations. Each takes (rng, text) and returns the mutated text, or None
# when it does not apply to this text.
# --------------------------------------------------------------------------

NUMBER_RE = re.compile(r"(?<![\w.%#@])-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b")
NUMBER_REPLACEMENTS = [
    "0", "-1", "1", "2", "99999999999999999999", "nan", "inf", "-inf",
    "0.0", "-0.0", "1.0e308", "1e309", "4294967296", "9223372036854775807",
    "-9223372036854775808", "0x7FF8000000000000", "0x7FF0000000000000",
    "0xFFF0000000000000", "3.5", "1e-320", "1000000", "3.0e38", "1.0e39",
    "2147483648", "65536",
]

TYPE_RE = re.compile(r"\b(f32|f16|bf16|f64|i1|i8|i32|i64|index)\b")
TYPE_REPLACEMENTS = [
    "f32", "f16", "bf16", "f64", "i1", "i8", "i32", "i64", "index",
    "f8E4M3FN", "complex<f32>", "none", "tf32", "vector<4xf32>", "f80",
]

# a "x"-separated dimension list inside a shaped type: tensor<1x4x128x64xf32>
SHAPE_RE = re.compile(r"(?<=<)((?:[0-9?]+x)+)(?=[a-z])")
DIM_REPLACEMENTS = [
    "0", "1", "2", "3", "5", "?", "4294967296", "9223372036854775807",
    "99999999999999999999", "-1",
]

DELIMS = "[](){}<>,:=\"'"

ATTR_VALUES = [
    "#attn.causal",
    "#attn.sliding_window<left = 0, right = 0>",
    "#attn.sliding_window<left = -1, right = 3>",
    "#attn.sliding_window<left = 9223372036854775807, right = 9223372036854775807>",
    "#attn.sliding_window<left = 1>",
    "#attn.sliding_window",
    "#attn.tiling<query = 64, key = 128>",
    "#attn.tiling<query = 0, key = -4>",
    "#attn.tiling",
    "#attn.layout<bshd>",
    "#attn.layout<bhsd>",
    "#attn.layout<bogus>",
    "#attn.layout",
    "#attn.bogus",
    "#attn<causal>",
    "#attn.causal<1>",
    "unit",
    "1.0 : f32",
    "1.0 : f64",
    "0.0 : f64",
    "-30.0 : f64",
    "nan : f64",
    "0x7FF0000000000000 : f64",
    "0xFFF8000000000000 : f64",
    "7 : i64",
    "\"causal\"",
    "[1, 2]",
    "dense<1.0> : tensor<4xf32>",
    "{}",
    "@sym",
    "affine_map<(d0) -> (d0)>",
    "array<i32: 1, 1, 1, 0, 0, 0>",
    "array<i32: 1, 1, 1, 1, 1, 1>",
    "array<i32: 5, 0, 0, 0, 0, 0>",
    "array<i32: -1, 1, 1, 0, 0, 2>",
    "-1 : i64",
    "1000000 : i64",
    "9223372036854775807 : i64",
    "1.0e39 : f64",
    "3.0e38 : f64",
    "-1.0 : f64",
    "1.0e-45 : f64",
    "[0.5, 1.5]",
    "#attn.feature_map<favor>",
    "#attn.feature_map<bogus>",
    "#attn.global<keys = 0>",
    "#attn.neighborhood<grid = 4x4, kernel = 3x3>",
    "#attn.block_layout<block = 1x1, [[1]]>",
]

# Integer and float attributes by name: values at and past their bounds.
INT_ATTR_RE = re.compile(
    r"\b(local|top_k|stride|chunk_size|left|right|dilation|keys|queries|"
    r"query|key)\s*=\s*(-?\d+)")
INT_EDGES = ["-1", "0", "1", "2", "3", "7", "64", "1000000", "2147483648",
             "4611686018427387904", "9223372036854775807",
             "-9223372036854775808"]
FLOAT_ATTR_RE = re.compile(
    r"\b(scale|softcap|threshold)\s*=\s*([-+\w.]+)(\s*:\s*f64)?")
FLOAT_EDGES = ["0.0", "-0.0", "-1.0", "1.0e-45", "1.0e-30", "0.5", "1.0",
               "1.0001", "1.0e30", "3.0e38", "3.4028235e38", "1.0e39",
               "1.0e308", "0x7FF8000000000000", "0x7FF0000000000000",
               "0xFFF0000000000000"]

ATTR_RE = re.compile(r"\b(\w+)\s*=\s*(#attn\.\w+(?:<[^<>]*>)?|[-\w.]+(?:\s*:\s*\w+)?)")
ATTR_NAMES = [
    "scale", "softcap", "sparsity", "layout", "tiling", "left", "right",
    "query", "key", "bogus", "operandSegmentSizes", "operand_segment_sizes",
    "resultSegmentSizes", "value", "sym_name",
]

KEYWORDS = [
    "mask", "bias", "alibi", "attn.attention", "attn.bogus", "return",
    "func.func", "func.return", "tensor", "memref", "vector", "attn.causal",
    "attn.layout", "attn.tiling", "attn.sliding_window", "bshd", "bhsd",
    "private", "public", "->", "%q", "%k", "%v", "%o", "%lse", "%m", "%b",
]
KEYWORD_RE = re.compile(
    r"\b(mask|bias|alibi|attention|return|causal|sliding_window|tiling|layout|"
    r"bshd|bhsd|tensor|func)\b|%\w+")

# Whole constructs spliced in, to reach the optional-operand and generic
# forms even from seeds that lack them.
SNIPPETS = [
    " mask(%q : tensor<1x1x4x4xi1>)",
    " bias(%k : tensor<4x4xf32>)",
    " alibi(%v : tensor<4xf32>)",
    " {sparsity = #attn.causal}",
    " {layout = #attn.layout<bshd>}",
    " {softcap = 30.0 : f64, scale = 0.5 : f64}",
    " {tiling = #attn.tiling<query = 1, key = 1>}",
    ", tensor<1x4x128xf32>",
    ", tensor<1x4x64xf32>",
    " %q, %q, %q",
    "\"attn.attention\"(%q, %k, %v) <{operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0>}> : (tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>) -> tensor<1x4x64x64xf32>",
    "\"attn.attention\"(%q, %k) <{operandSegmentSizes = array<i32: 1, 1, 0, 0, 0, 0>}> : (tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>) -> tensor<1x4x64x64xf32>",
    "\"attn.attention\"(%q, %k, %v) : (tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>) -> tensor<1x4x64x64xf32>",
    "\"attn.attention\"(%q, %k, %v) <{operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0>}> : (tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>) -> (tensor<1x4x64x64xf32>, tensor<1x4x64xf32>, tensor<1x4x64xf32>)",
    "\"attn.attention\"(%q, %k, %v) <{operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0>}> : (tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>) -> ()",
    "\"attn.attention\"(%q, %k, %v) <{operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0>}> ({ ^bb0: }) : (tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>) -> tensor<1x4x64x64xf32>",
    "attn.attention %q, %k, %v : tensor<*xf32>, tensor<*xf32>, tensor<*xf32> -> tensor<*xf32>",
    "attn.attention %q, %k, %v : tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32> -> tensor<?x?x?x?xf32>",
    "attn.attention %q, %k, %v : memref<1x4x64x64xf32>, memref<1x4x64x64xf32>, memref<1x4x64x64xf32> -> memref<1x4x64x64xf32>",
    "attn.attention %q, %k, %v : tensor<1x4x64x64xf32, #attn.causal>, tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32> -> tensor<1x4x64x64xf32>",
]


def _sub_match(rng, text, regex, repl_fn, group=0):
    matches = list(regex.finditer(text))
    if not matches:
        return None
    m = rng.choice(matches)
    return text[:m.start(group)] + repl_fn(m) + text[m.end(group):]


def mut_truncate(rng, text):
    if len(text) < 2:
        return None
    return text[:rng.randrange(1, len(text))]


def mut_delete_line(rng, text):
    lines = text.splitlines(keepends=True)
    if len(lines) < 2:
        return None
    del lines[rng.randrange(len(lines))]
    return "".join(lines)


def mut_duplicate_line(rng, text):
    lines = text.splitlines(keepends=True)
    if not lines:
        return None
    i = rng.randrange(len(lines))
    lines.insert(rng.randrange(len(lines) + 1), lines[i])
    return "".join(lines)


def mut_swap_lines(rng, text):
    lines = text.splitlines(keepends=True)
    if len(lines) < 2:
        return None
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "".join(lines)


def mut_number(rng, text):
    return _sub_match(rng, text, NUMBER_RE,
                      lambda m: rng.choice(NUMBER_REPLACEMENTS))


def mut_type(rng, text):
    return _sub_match(rng, text, TYPE_RE,
                      lambda m: rng.choice(TYPE_REPLACEMENTS))


def mut_type_all(rng, text):
    # Swap one element type everywhere, which keeps the IR type-consistent
    # (e.g. f32 -> f16 in every tensor) and so reaches the lowerings.
    found = sorted(set(TYPE_RE.findall(text)))
    if not found:
        return None
    old = rng.choice(found)
    new = rng.choice(["f32", "f16", "bf16", "f64", "i1", "index", "i32"])
    return re.sub(r"\b%s\b" % re.escape(old), new, text)


def mut_dims(rng, text):
    def repl(m):
        dims = m.group(1)[:-1].split("x")
        choice = rng.randrange(5)
        if choice == 0:  # replace one dim
            dims[rng.randrange(len(dims))] = rng.choice(DIM_REPLACEMENTS)
        elif choice == 1 and len(dims) > 1:  # swap two dims
            i, j = rng.randrange(len(dims)), rng.randrange(len(dims))
            dims[i], dims[j] = dims[j], dims[i]
        elif choice == 2 and len(dims) > 1:  # drop a dim (rank - 1)
            del dims[rng.randrange(len(dims))]
        elif choice == 3:  # add a dim (rank + 1)
            dims.insert(rng.randrange(len(dims) + 1), rng.choice(["1", "2"]))
        else:  # malformed: drop an 'x'
            s = "x".join(dims)
            xs = [i for i, c in enumerate(s) if c == "x"]
            if xs:
                i = rng.choice(xs)
                return s[:i] + s[i + 1:] + "x"
        return "x".join(dims) + "x"
    return _sub_match(rng, text, SHAPE_RE, repl, group=1)


def mut_dims_all(rng, text):
    # Change one dimension value everywhere (e.g. every 64 -> 3), which
    # often stays valid and changes what the lowerings see.
    dims = sorted({d for m in SHAPE_RE.finditer(text)
                   for d in m.group(1)[:-1].split("x")})
    if not dims:
        return None
    old = rng.choice(dims)
    new = rng.choice(["1", "2", "3", "7", "?", "0"])

    def repl(m):
        ds = m.group(1)[:-1].split("x")
        return "x".join(new if d == old else d for d in ds) + "x"
    return SHAPE_RE.sub(repl, text)


def mut_delete_delim(rng, text):
    idx = [i for i, c in enumerate(text) if c in DELIMS]
    if not idx:
        return None
    i = rng.choice(idx)
    return text[:i] + text[i + 1:]


def mut_insert_delim(rng, text):
    i = rng.randrange(len(text) + 1)
    return text[:i] + rng.choice(DELIMS) + text[i:]


def mut_attr_value(rng, text):
    return _sub_match(rng, text, ATTR_RE,
                      lambda m: m.group(1) + " = " + rng.choice(ATTR_VALUES))


def mut_int_attr(rng, text):
    return _sub_match(rng, text, INT_ATTR_RE,
                      lambda m: m.group(1) + " = " + rng.choice(INT_EDGES))


def mut_float_attr(rng, text):
    return _sub_match(rng, text, FLOAT_ATTR_RE,
                      lambda m: m.group(1) + " = " + rng.choice(FLOAT_EDGES) +
                      " : f64")


def mut_attr_name(rng, text):
    return _sub_match(rng, text, ATTR_RE,
                      lambda m: rng.choice(ATTR_NAMES) + m.group(0)[len(m.group(1)):])


def mut_keyword(rng, text):
    return _sub_match(rng, text, KEYWORD_RE, lambda m: rng.choice(KEYWORDS))


def mut_snippet(rng, text):
    i = rng.randrange(len(text) + 1)
    return text[:i] + rng.choice(SNIPPETS) + text[i:]


def mut_bytes(rng, text):
    data = bytearray(text.encode("utf-8", "surrogateescape"))
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(data) + 1)
        b = rng.randrange(256)
        if rng.random() < 0.5 and i < len(data):
            data[i] = b
        else:
            data.insert(i, b)
    return data.decode("utf-8", "surrogateescape")


MUTATIONS = [
    (mut_truncate, 3), (mut_delete_line, 3), (mut_duplicate_line, 2),
    (mut_swap_lines, 1), (mut_number, 4), (mut_type, 3), (mut_type_all, 2),
    (mut_dims, 4), (mut_dims_all, 2), (mut_delete_delim, 3),
    (mut_insert_delim, 1), (mut_attr_value, 4), (mut_attr_name, 2),
    (mut_int_attr, 4), (mut_float_attr, 3),
    (mut_keyword, 2), (mut_snippet, 3), (mut_bytes, 2),
]


def mutate(rng, text):
    """Applies 1-3 mutations; returns (text, names of applied mutations)."""
    funcs = [f for f, _ in MUTATIONS]
    weights = [w for _, w in MUTATIONS]
    applied = []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        for _attempt in range(10):
            f = rng.choices(funcs, weights)[0]
            out = f(rng, text) if text else None
            if out is not None and out != text:
                text = out
                applied.append(f.__name__[4:])
                break
    return text, applied


# --------------------------------------------------------------------------
# Running.
# --------------------------------------------------------------------------


def resolve_tool(path):
    if os.sep in path:
        ok = os.path.isfile(path) and os.access(path, os.X_OK)
        return os.path.abspath(path) if ok else None
    return shutil.which(path)


def set_limits(mem_mb):
    """Limits this process and so every run it starts (rlimits are
    inherited; preexec_fn is not safe with the thread pool)."""
    import resource
    # No core files for the crashes we are looking for.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if mem_mb > 0:
        lim = mem_mb * 1024 * 1024
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            lim = min(lim, hard)
        resource.setrlimit(resource.RLIMIT_AS, (lim, hard))


# A run's limit is on the CPU seconds it uses, not on wall seconds: on a
# loaded machine (CI, a niced campaign next to other jobs) a normal run can
# wait minutes for a core, while a hang or a blow-up burns CPU. A run that
# blocks without computing is still stopped after WALL_FACTOR times the limit
# in wall seconds.
WALL_FACTOR = 10


def cpu_seconds(pid):
    """CPU seconds (user + system, all threads) used so far by process pid."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def run_one(cmd, timeout):
    """Returns (crash reason or None, returncode, stderr)."""
    try:
        p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    except OSError as e:  # the tool itself could not be started
        return "could not run: %s" % e, None, ""
    start = time.monotonic()
    while True:
        try:
            _, err = p.communicate(timeout=min(1.0, timeout))
            break
        except subprocess.TimeoutExpired:
            cpu = cpu_seconds(p.pid)
            wall = time.monotonic() - start
            if cpu < timeout and wall < WALL_FACTOR * timeout:
                continue
            p.kill()
            _, err = p.communicate()
            err = (err or b"").decode("utf-8", "replace")
            return ("timeout after %gs (%.1f CPU s in %.1f s)"
                    % (timeout, cpu, wall), None, err)
    err = err.decode("utf-8", "replace")
    if p.returncode not in (0, 1):
        if p.returncode < 0:
            return "killed by signal %d" % -p.returncode, p.returncode, err
        return "exit code %d" % p.returncode, p.returncode, err
    for marker in CRASH_MARKERS:
        if marker in err:
            return "stderr contains '%s'" % marker, p.returncode, err
    if WRONG_ANSWER in err:
        return "wrong answer (attn-run --check)", p.returncode, err
    return None, p.returncode, err


SCALE_RE = re.compile(r"\bscale\s*=\s*([-+0-9.eE]+)")


def near_f32_overflow(path):
    """True when an attention scale of the file is at least 1e30 in
    magnitude (scores then come within rounding of the f32 maximum)."""
    try:
        text = open(path, encoding="utf-8", errors="replace").read()
    except OSError:
        return False
    for m in SCALE_RE.finditer(text):
        try:
            if abs(float(m.group(1))) >= 1e30:
                return True
        except ValueError:
            pass
    return False


def registered_passes(attn_opt):
    """Every --attn-* pass and pipeline attn-opt registers."""
    out = subprocess.run([attn_opt, "--help"], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL).stdout.decode()
    return sorted(set(re.findall(r"^\s+(--attn-[a-z0-9-]+)", out, re.M)))


def minimize(text, cmd_for, reason, timeout, budget=150):
    """Greedy delta debugging: drops chunks of lines, then single lines,
    then whitespace-separated tokens of each line, while the run still
    fails with the same kind of reason. At most `budget` runs."""
    kind = reason.split(" ")[0]
    runs = [0]
    fd, path = tempfile.mkstemp(suffix=".mlir", prefix="attn-min-")
    os.close(fd)

    def fails(candidate):
        if runs[0] >= budget:
            return False
        runs[0] += 1
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(candidate)
        r, _, _ = run_one(cmd_for(path), timeout)
        return r is not None and r.split(" ")[0] == kind

    lines = text.splitlines(keepends=True)
    n = max(len(lines) // 2, 1)
    while n >= 1 and runs[0] < budget:
        i, changed = 0, False
        while i < len(lines) and runs[0] < budget:
            cand = lines[:i] + lines[i + n:]
            if cand and fails("".join(cand)):
                lines, changed = cand, True
            else:
                i += n
        if not changed:
            n //= 2
    for li in range(len(lines)):
        toks = lines[li].split(" ")
        t = 0
        while t < len(toks) and runs[0] < budget:
            cand = toks[:t] + toks[t + 1:]
            trial = lines[:li] + [" ".join(cand)] + lines[li + 1:]
            if fails("".join(trial)):
                toks = cand
                lines = trial
            else:
                t += 1
    os.unlink(path)
    return "".join(lines)


def count_funcs(path):
    with open(path, "rb") as f:
        return f.read().count(b"func.func")


def load_seeds(paths):
    """Returns [(name, text)] with files split on '// -----'."""
    files = []
    for p in paths:
        if os.path.isdir(p):
            files += sorted(os.path.join(p, f) for f in os.listdir(p)
                            if f.endswith(".mlir"))
        elif os.path.isfile(p):
            files.append(p)
    seeds = []  # list of lists: chunks per file
    for f in files:
        with open(f, encoding="utf-8", errors="surrogateescape") as fh:
            text = fh.read()
        chunks = [c for c in SPLIT_RE.split(text) if c.strip()]
        seeds.append([("%s#%d" % (os.path.basename(f), i), c)
                      for i, c in enumerate(chunks)])
    return seeds


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(os.path.dirname(here))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--count", type=int, default=300, help="mutants (300)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (1)")
    ap.add_argument("--out", default=None,
                    help="output dir; crashing mutants go to OUT/crashes")
    ap.add_argument("--attn-opt", default="attn-opt", help="attn-opt binary")
    ap.add_argument("--attn-run", default="attn-run", help="attn-run binary")
    ap.add_argument("--skip-run", action="store_true",
                    help="do not run attn-run at all")
    ap.add_argument("--run-every", type=int, default=1,
                    help="run attn-run on every N-th mutant (1)")
    ap.add_argument("--opt-pipeline", action="append", default=None,
                    metavar="FLAGS",
                    help="attn-opt flags of a lowering run, space separated "
                    "(repeatable; write --opt-pipeline=--flag for a single "
                    "flag; default: '--attn-decompose --attn-cpu-pipeline')")
    ap.add_argument("--run-pipeline", action="append", default=None,
                    metavar="NAME",
                    help="also pass --pipeline=NAME to attn-run (repeatable; "
                    "default: attn-run's default pipeline only)")
    ap.add_argument("--run-max-funcs", type=int, default=3,
                    help="run attn-run only on mutants with at most this "
                    "many func.func (attn-run JIT-compiles every entry "
                    "separately, so mutants of big multi-function seeds "
                    "take seconds each without finding more) (3)")
    ap.add_argument("--seeds", action="append", default=None,
                    help="seed file or directory (repeatable); default: "
                    "examples/ and test/dialects/attn/IR/ of the source tree")
    ap.add_argument("--progress", type=int, default=0,
                    help="print a progress line to stderr every N runs")
    ap.add_argument("--timeout", type=float, default=20.0,
                    help="seconds per run (20)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="parallel runs (number of CPUs)")
    ap.add_argument("--mem-limit-mb", type=int, default=8192,
                    help="address-space limit per run, 0 = none (8192)")
    ap.add_argument("--keep", action="store_true",
                    help="keep every mutant in OUT/mutants")
    ap.add_argument("--check", action="store_true",
                    help="run attn-run with --check: results that differ "
                    "from the float64 reference are failures")
    ap.add_argument("--each-pass", action="store_true",
                    help="also run every registered --attn-* pass alone")
    ap.add_argument("--pass-sample", type=int, default=0,
                    help="with --each-pass: only this many of the passes "
                    "per mutant, drawn by the mutant's seed (0 = all)")
    ap.add_argument("--one-pipeline", action="store_true",
                    help="per mutant, only one of the --opt-pipeline and "
                    "one of the --run-pipeline runs, drawn by its seed "
                    "(long campaigns)")
    ap.add_argument("--no-minimize", action="store_true",
                    help="do not minimize failing inputs")
    ap.add_argument("--replay", action="append", default=None,
                    metavar="DIR",
                    help="run every DIR/*.mlir (kept findings) through the "
                    "commands instead of mutants (repeatable)")
    args = ap.parse_args()

    attn_opt = resolve_tool(args.attn_opt)
    if not attn_opt:
        print("fuzz: error: attn-opt not found: %s" % args.attn_opt,
              file=sys.stderr)
        return 2
    attn_run = None
    if not args.skip_run:
        attn_run = resolve_tool(args.attn_run)
        if not attn_run:
            print("fuzz: warning: attn-run not found (%s); skipping attn-run "
                  "runs" % args.attn_run, file=sys.stderr)

    seed_paths = args.seeds or [os.path.join(root, "examples"),
                                os.path.join(root, "test", "IR")]
    seeds = [s for s in load_seeds(seed_paths) if s]
    if not seeds:
        print("fuzz: error: no seed files in %s" % seed_paths, file=sys.stderr)
        return 2

    out = args.out or tempfile.mkdtemp(prefix="attn-fuzz-out-")
    crash_dir = os.path.join(out, "crashes")
    shutil.rmtree(crash_dir, ignore_errors=True)
    os.makedirs(out, exist_ok=True)
    work = (os.path.join(out, "mutants") if args.keep
            else tempfile.mkdtemp(prefix="attn-fuzz-"))
    os.makedirs(work, exist_ok=True)

    # Generate every mutant first (deterministic, independent of timing).
    mutants = []
    for n, f in enumerate(sorted(
            os.path.join(d, x) for d in (args.replay or [])
            for x in os.listdir(d) if x.endswith(".mlir"))):
        path = os.path.join(work, "mutant-%04d.mlir" % n)
        shutil.copyfile(f, path)
        mutants.append((n, path, os.path.basename(f), ["replay"]))
    for n in range(0 if args.replay else args.count):
        rng = random.Random("%d:%d" % (args.seed, n))
        name, text = rng.choice(rng.choice(seeds))
        text, applied = mutate(rng, text)
        path = os.path.join(work, "mutant-%04d.mlir" % n)
        with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(text)
        mutants.append((n, path, name, applied))

    set_limits(args.mem_limit_mb)
    jobs = []
    opt_pipelines = [p.split() for p in
                     (args.opt_pipeline or
                      ["--attn-decompose --attn-cpu-pipeline"])]
    run_pipelines = ([[]] if not args.run_pipeline else
                     [["--pipeline=" + p] for p in args.run_pipeline])
    passes = registered_passes(attn_opt) if args.each_pass else []
    if args.each_pass and not passes:
        print("fuzz: error: %s --help lists no --attn-* pass" % attn_opt,
              file=sys.stderr)
        return 2
    # One OpenMP thread: the harness runs --jobs processes already, and
    # spinning OpenMP barriers on an oversubscribed machine cost seconds.
    run_flags = ["--reps=1", "--warmup=0", "--threads=1"] + (
        ["--check"] if args.check else [])
    for n, path, name, applied in mutants:
        pick = random.Random("%d:%d:pipelines" % (args.seed, n))
        jobs.append((n, [attn_opt, path]))
        for flags in ([pick.choice(opt_pipelines)] if args.one_pipeline
                      else opt_pipelines):
            jobs.append((n, [attn_opt, path] + flags))
        chosen = passes
        if args.pass_sample and args.pass_sample < len(passes):
            chosen = random.Random("%d:%d:passes" % (args.seed, n)).sample(
                passes, args.pass_sample)
        for flag in chosen:
            jobs.append((n, [attn_opt, path, flag]))
        if (attn_run and n % max(args.run_every, 1) == 0 and
                count_funcs(path) <= args.run_max_funcs):
            for flags in ([pick.choice(run_pipelines)] if args.one_pipeline
                          else run_pipelines):
                jobs.append((n, [attn_run, path] + run_flags + flags))

    crashes = []
    slow = 0
    unspecified = 0
    kinds = ("attn-opt", "pipeline", "attn-run")
    passed = {k: 0 for k in kinds}
    total = {k: 0 for k in kinds}
    with concurrent.futures.ThreadPoolExecutor(max(args.jobs, 1)) as pool:
        futs = {pool.submit(run_one, cmd, args.timeout):
                (n, cmd) for n, cmd in jobs}
        done = 0
        for fut in concurrent.futures.as_completed(futs):
            n, cmd = futs[fut]
            reason, rc, err = fut.result()
            if reason and reason.startswith("timeout"):
                # A loaded machine (CI, other builds) can push a normal run
                # past the limit: a run that finishes on a retry with three
                # times the limit is slow, a hang fails again.
                slow += 1
                start = time.monotonic()
                reason, rc, err = run_one(cmd, 3 * args.timeout)
                # Kept with the load average, so that a campaign's report
                # can tell load from a slow input (rerun it alone).
                os.makedirs(os.path.join(out, "slow"), exist_ok=True)
                _, path, name, applied = mutants[n]
                kept = os.path.join(out, "slow", "mutant-%04d.mlir" % n)
                shutil.copyfile(path, kept)
                if args.progress:
                    print("fuzz: slow: %s timed out after %gs (load average "
                          "%.1f); retry: %s after %.1fs   [seed %s, "
                          "mutations %s]" % (
                              " ".join([os.path.basename(cmd[0]), kept] +
                                       cmd[2:]), args.timeout,
                              os.getloadavg()[0], reason or "passed",
                              time.monotonic() - start, name,
                              ",".join(applied)),
                          file=sys.stderr, flush=True)
            if (reason and reason.startswith("wrong answer") and
                    near_f32_overflow(mutants[n][1]) and
                    any(c.startswith("--pipeline=") and
                        c != "--pipeline=unfused" for c in cmd)):
                # docs/semantics.md, "Overflow": which scores within
                # rounding of the f32 range overflow depends on where the
                # lowering applies the scale; only the unfused lowering
                # rounds as the reference does.
                unspecified += 1
                reason = None
            done += 1
            if reason and args.progress:  # long campaigns: say it at once
                print("fuzz: found (%s): %s" % (reason, " ".join(cmd)),
                      file=sys.stderr, flush=True)
            if args.progress and done % args.progress == 0:
                print("fuzz: %d/%d runs, %d crashes so far, %d slow" %
                      (done, len(jobs), len(crashes) + bool(reason), slow),
                      file=sys.stderr, flush=True)
            kind = ("attn-run" if cmd[0] == attn_run else
                    "pipeline" if len(cmd) > 2 else "attn-opt")
            total[kind] += 1
            passed[kind] += rc == 0
            if reason:
                crashes.append((n, cmd, reason, rc, err))

    crashes.sort(key=lambda c: (c[0], c[1]))
    if crashes:
        os.makedirs(crash_dir, exist_ok=True)
    minimized = {}
    for i, (n, cmd, reason, rc, err) in enumerate(crashes):
        _, path, name, applied = mutants[n]
        saved = os.path.join(crash_dir, "mutant-%04d.mlir" % n)
        shutil.copyfile(path, saved)
        if not args.no_minimize and n not in minimized:
            with open(path, encoding="utf-8", errors="surrogateescape") as f:
                text = f.read()
            minimized[n] = minimize(
                text, lambda p, c=cmd: [c[0], p] + c[2:], reason,
                args.timeout)
            with open(os.path.join(crash_dir, "min-%04d.mlir" % n), "w",
                      encoding="utf-8", errors="surrogateescape") as f:
                f.write(minimized[n])
        shown = [os.path.basename(cmd[0]), saved] + cmd[2:]
        with open(os.path.join(crash_dir, "crash-%03d.txt" % i), "w") as f:
            f.write("mutant: %s (seed %s, mutations %s)\n"
                    % (saved, name, ",".join(applied)))
            f.write("command: %s\n" % " ".join(shown))
            f.write("result: %s\n\n%s" % (reason, err))
        print("fuzz: CRASH (%s): %s   [seed %s, mutations %s]"
              % (reason, " ".join(shown), name, ",".join(applied)))
        tail = err.strip().splitlines()[-6:]
        for line in tail:
            print("    " + line)

    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
        if args.out is None and not crashes:
            shutil.rmtree(out, ignore_errors=True)
    print("fuzz: exit 0 in " + ", ".join(
        "%s %d/%d" % (k, passed[k], total[k]) for k in kinds))
    if unspecified:
        print("fuzz: %d wrong answers not counted: scale near the f32 range "
              "through a pipeline other than unfused (unspecified)"
              % unspecified)
    if slow:
        print("fuzz: %d runs timed out once and were retried with %gs" %
              (slow, 3 * args.timeout))
    print("fuzz: %d mutants, %d runs, %d crashes" %
          (len(mutants), len(jobs), len(crashes)))
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
