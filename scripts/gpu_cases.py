#!/usr/bin/env python3
"""The GPU problems of issue 11 as attn.attention entry functions.

`check` is the execution shape matrix (small, checked against the float64
reference in f16 and bf16); `bench` is the benchmark set (f16, B*H = 64).
Writes one NAME.mlir per case into the output folder and prints the names.

usage: gpu_cases.py {check,bench} OUTDIR
"""
import os
import sys

# name, B, Hq, Hkv, Sq, Skv, D, Dv, pattern, lse, layout
CHECK = [
    ("plain",        1, 2, 2, 128, 128,  64,  64, "", False, "bhsd"),
    ("odd",          2, 2, 2, 77, 139,   64,  64, "", False, "bhsd"),
    ("d128",         1, 2, 2, 130, 200, 128, 128, "", False, "bhsd"),
    ("dv_ne_d",      1, 2, 2, 96, 160,   64, 128, "", False, "bhsd"),
    ("gqa",          1, 8, 2, 100, 130,  64,  64, "#attn.causal", False, "bhsd"),
    ("mqa",          2, 4, 1, 64, 190,  128,  64, "", False, "bhsd"),
    ("causal_sq_lt", 1, 2, 2, 70, 200,   64,  64, "#attn.causal", False, "bhsd"),
    ("causal_sq_gt", 1, 2, 2, 200, 70,   64,  64, "#attn.causal", True, "bhsd"),
    ("window",       1, 2, 2, 300, 300,  64,  64,
     "#attn.sliding_window<left = 70, right = 5>", False, "bhsd"),
    ("lse",          1, 3, 3, 90, 150,   64,  64, "#attn.causal", True, "bhsd"),
    ("bshd",         2, 4, 2, 65, 129,   64,  64, "#attn.causal", True, "bshd"),
    ("softcap",      1, 2, 2, 96, 100,   64,  64, "softcap", True, "bhsd"),
    # Patterns by static block lists and tables in the kernel.
    ("dilated",      1, 2, 2, 200, 260,  64,  64,
     "#attn.dilated_window<left = 90, right = 10, dilation = 3>", False, "bhsd"),
    ("causal_tl",    1, 2, 2, 150, 90,   64,  64,
     "#attn.causal<align = top_left>", True, "bhsd"),
    ("global",       1, 2, 2, 200, 200,  64,  64,
     "#attn.union<[#attn.global<keys = 3, queries = 5>, "
     "#attn.sliding_window<left = 20, right = 0>]>", True, "bhsd"),
    ("layout",       1, 2, 2, 190, 190,  64,  64,
     "#attn.block_layout<block = 64x64, [[1, 0, 0], [0, 0, 1], [1, 0, 1]]>",
     True, "bhsd"),
    ("neighborhood", 1, 2, 2, 144, 144,  64,  64,
     "#attn.neighborhood<grid = 12x12, kernel = 5x3, dilation = 2x1>", False, "bhsd"),
    ("intersect",    1, 2, 2, 160, 160,  64,  64,
     "#attn.intersect<[#attn.causal, #attn.dilated_window<left = 100, "
     "right = 0, dilation = 2>]>", True, "bhsd"),
    # Mask (broadcast over heads), bias (broadcast over the batch), ALiBi:
    # read per score from global memory.
    ("mask",         2, 2, 2, 100, 150,  64,  64, "mask", True, "bhsd"),
    ("bias",         2, 2, 2, 96, 120,   64,  64, "bias window", False, "bhsd"),
    ("alibi",        1, 4, 2, 130, 130,  64,  64, "alibi causal", True, "bhsd"),
    # Dynamic block tables (attn-gpu-run draws them as attn-run, density
    # 0.5: some query blocks list no key block, so fully masked rows).
    ("table",        1, 4, 2, 200, 230,  64,  64, "table", True, "bhsd"),
    ("table_full",   2, 2, 2, 128, 192, 128, 128, "table_full causal", True,
     "bhsd"),
]


def bench_cases():
    cases = []
    for d in (64, 128):
        for s in (1024, 4096, 16384):
            for causal in (False, True):
                name = "bench_d%d_s%d_%s" % (d, s, "causal" if causal else "full")
                cases.append((name, 4, 16, 16, s, s, d, d,
                              "#attn.causal" if causal else "", False, "bhsd"))
    return cases


def mlir(case, dtype):
    name, b, hq, hkv, sq, skv, d, dv, pattern, lse, layout = case
    def shape(h, s, e):
        dims = (b, h, s, e) if layout == "bhsd" else (b, s, h, e)
        return "tensor<%s%s>" % ("".join("%dx" % x for x in dims), dtype)
    q, k, v, o = shape(hq, sq, d), shape(hkv, skv, d), shape(hkv, skv, dv), shape(hq, sq, dv)
    attrs = []
    table_args, table_ops, table_types = "", "", ""
    if pattern.startswith("table"):
        # Blocks of 32 x 64 keys, one table per K/V head.
        bq, bk = 32, 64
        rows, kbs = -(-sq // bq), -(-skv // bk)
        nnz = rows * kbs
        rp = "tensor<%dx%dx%dxi32>" % (b, hkv, rows + 1)
        cl = "tensor<%dx%dx%dxi32>" % (b, hkv, nnz)
        fl = "tensor<%dx%dx%dxi1>" % (b, hkv, nnz)
        full = pattern.startswith("table_full")
        table_args = ", %%rp: %s, %%cols: %s%s" % (rp, cl, ", %%full: %s" % fl if full else "")
        table_ops = " blocks(%%rp, %%cols : %s, %s)%s" % (
            rp, cl, " full_blocks(%%full : %s)" % fl if full else "")
        attrs.append("block_size = #attn.tiling<query = %d, key = %d>" % (bq, bk))
        if pattern.endswith("causal"):
            attrs.append("sparsity = #attn.causal")
    elif pattern.split()[:1] in (["mask"], ["bias"], ["alibi"]):
        kind = pattern.split()[0]
        if kind == "mask":
            ty = "tensor<%dx1x%dx%dxi1>" % (b, sq, skv)
        elif kind == "bias":
            ty = "tensor<1x%dx%dx%dxf32>" % (hq, sq, skv)
        else:
            ty = "tensor<%dxf32>" % hq
        table_args = ", %%x: %s" % ty
        table_ops = " %s(%%x : %s)" % (kind, ty)
        if pattern.endswith("causal"):
            attrs.append("sparsity = #attn.causal")
        if pattern.endswith("window"):
            attrs.append("sparsity = #attn.sliding_window<left = 50, right = 7>")
    elif pattern == "softcap":
        attrs.append("softcap = 2.0")  # small: many scores are capped
    elif pattern:
        attrs.append("sparsity = " + pattern)
    if layout != "bhsd":
        attrs.append("layout = #attn.layout<%s>" % layout)
    attr = " {%s}" % ", ".join(attrs) if attrs else ""
    results = o + (", tensor<%dx%dx%dxf32>" % (b, hq, sq) if lse else "")
    res_list = "(%s)" % results if lse else results
    names = "%o, %lse" if lse else "%o"
    return ("func.func @%s(%%q: %s, %%k: %s, %%v: %s%s) -> %s {\n"
            "  %s = attn.attention %%q, %%k, %%v%s%s\n"
            "      : %s, %s, %s -> %s\n"
            "  return %s : %s\n}\n") % (
                "%s_%s" % (name, dtype), q, k, v, table_args, res_list, names,
                table_ops, attr, q, k, v, results, names, results)


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("check", "bench"):
        sys.exit(__doc__)
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    if sys.argv[1] == "check":
        todo = [(c, t) for t in ("f16", "bf16") for c in CHECK]
    else:
        todo = [(c, "f16") for c in bench_cases()]
    for case, dtype in todo:
        name = "%s_%s" % (case[0], dtype)
        with open(os.path.join(out, name + ".mlir"), "w") as f:
            f.write(mlir(case, dtype))
        print(name)


if __name__ == "__main__":
    main()
