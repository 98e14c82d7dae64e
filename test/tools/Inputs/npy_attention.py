"""Writes seeded Q, K, V as .npy files and the float64 attention output,
computed here with NumPy from docs/semantics.md (softmax(scale Q K^T) V, the
causal pattern with either alignment), independently of attn-run.

  npy_attention.py make DIR B H SQ SKV D DTYPE ALIGN    (ALIGN: none,
      bottom_right, top_left) -> DIR/q.npy k.npy v.npy ref.npy
  npy_attention.py compare GOT.npy REF.npy DTYPE ATOL RTOL
"""
import sys

import numpy as np


def attention(q, k, v, align):
    d = q.shape[-1]
    s = np.einsum("bhid,bhjd->bhij", q, k) / np.sqrt(d)
    sq, skv = q.shape[2], k.shape[2]
    if align != "none":
        o = skv - sq if align == "bottom_right" else 0
        i = np.arange(sq)[:, None]
        j = np.arange(skv)[None, :]
        s = np.where(j <= i + o, s, -np.inf)
    m = s.max(axis=-1, keepdims=True)
    m = np.where(np.isfinite(m), m, 0.0)
    p = np.exp(s - m)
    l = p.sum(axis=-1, keepdims=True)
    out = np.einsum("bhij,bhjd->bhid", p, v) / np.where(l > 0, l, 1.0)
    return np.where(l > 0, out, 0.0)


def main():
    if sys.argv[1] == "make":
        d, b, h, sq, skv, hd = sys.argv[2], *map(int, sys.argv[3:8])
        dtype, align = sys.argv[8], sys.argv[9]
        rng = np.random.default_rng(1234)
        q, k, v = (rng.uniform(-1, 1, (b, h, n, hd)).astype(dtype)
                   for n in (sq, skv, skv))
        for name, x in (("q", q), ("k", k), ("v", v)):
            np.save(f"{d}/{name}.npy", x)
        ref = attention(q.astype(np.float64), k.astype(np.float64),
                        v.astype(np.float64), align)
        np.save(f"{d}/ref.npy", ref)
        # A wrong expectation: one element off by far more than tolerance.
        bad = ref.copy()
        bad.flat[7] += 0.5
        np.save(f"{d}/bad.npy", bad)
    else:
        got, ref = np.load(sys.argv[2]), np.load(sys.argv[3])
        dtype, atol, rtol = sys.argv[4], float(sys.argv[5]), float(sys.argv[6])
        assert got.dtype == np.dtype(dtype), (got.dtype, dtype)
        assert got.shape == ref.shape, (got.shape, ref.shape)
        err = np.abs(got.astype(np.float64) - ref)
        bad = int((err > atol + rtol * np.abs(ref)).sum())
        print(f"shape {'x'.join(map(str, got.shape))} dtype {got.dtype} "
              f"mismatches {bad}")


main()
