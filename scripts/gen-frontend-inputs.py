#!/usr/bin/env python3
"""Exports standard attention blocks through real front ends and saves the IR
as the test inputs of --attn-raise (test/passes/Raise/Inputs/*.mlir).

Run through scripts/gen-frontend-inputs.sh, which creates the pinned virtual
environment this needs; the tests themselves never import these packages.

Routes:
  torch 2.15 + torch-mlir 20261001 (FX importer), output_type
    "linalg-on-tensors" and "tosa", for: nn.MultiheadAttention, a GPT-2-style
    causal block (registered tril mask buffer), a LLaMA-style block (GQA
    repeat_kv + RoPE on q/k), F.scaled_dot_product_attention (is_causal,
    math decomposition);
  JAX 0.10.2 jax.nn.dot_product_attention (causal) -> StableHLO -> IREE
    3.13's input conversion (--compile-to=input) to linalg.
"""
import argparse
import math
import os
import re
import subprocess
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(0)

E, H, HKV, S = 64, 4, 2, 16


class MHA(nn.Module):
    def __init__(self):
        super().__init__()
        self.mha = nn.MultiheadAttention(E, H, batch_first=True)

    def forward(self, x):
        return self.mha(x, x, x, need_weights=False)[0]


class GPT2Attention(nn.Module):
    """nanoGPT's CausalSelfAttention, eager path."""

    def __init__(self):
        super().__init__()
        self.c_attn = nn.Linear(E, 3 * E)
        self.c_proj = nn.Linear(E, E)
        self.register_buffer("bias", torch.tril(torch.ones(S, S)).view(1, 1, S, S))

    def forward(self, x):
        B, T, C = x.size()
        q, k, v = self.c_attn(x).split(E, dim=2)
        k = k.view(B, T, H, C // H).transpose(1, 2)
        q = q.view(B, T, H, C // H).transpose(1, 2)
        v = v.view(B, T, H, C // H).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
        att = att.masked_fill(self.bias[:, :, :T, :T] == 0, float("-inf"))
        att = F.softmax(att, dim=-1)
        y = att @ v
        y = y.transpose(1, 2).contiguous().view(B, T, C)
        return self.c_proj(y)


def rotate_half(x):
    x1 = x[..., : x.shape[-1] // 2]
    x2 = x[..., x.shape[-1] // 2 :]
    return torch.cat((-x2, x1), dim=-1)


def repeat_kv(x, n_rep):
    """Hugging Face's repeat_kv: expand + reshape."""
    b, h, s, d = x.shape
    if n_rep == 1:
        return x
    x = x[:, :, None, :, :].expand(b, h, n_rep, s, d)
    return x.reshape(b, h * n_rep, s, d)


class LlamaAttention(nn.Module):
    def __init__(self):
        super().__init__()
        self.hd = E // H
        self.q_proj = nn.Linear(E, H * self.hd, bias=False)
        self.k_proj = nn.Linear(E, HKV * self.hd, bias=False)
        self.v_proj = nn.Linear(E, HKV * self.hd, bias=False)
        self.o_proj = nn.Linear(H * self.hd, E, bias=False)
        inv = 1.0 / (10000 ** (torch.arange(0, self.hd, 2).float() / self.hd))
        t = torch.arange(S).float()
        freqs = torch.outer(t, inv)
        emb = torch.cat((freqs, freqs), dim=-1)
        self.register_buffer("cos", emb.cos())
        self.register_buffer("sin", emb.sin())

    def forward(self, x):
        B, T, _ = x.shape
        q = self.q_proj(x).view(B, T, H, self.hd).transpose(1, 2)
        k = self.k_proj(x).view(B, T, HKV, self.hd).transpose(1, 2)
        v = self.v_proj(x).view(B, T, HKV, self.hd).transpose(1, 2)
        cos, sin = self.cos[:T], self.sin[:T]
        q = q * cos + rotate_half(q) * sin
        k = k * cos + rotate_half(k) * sin
        k = repeat_kv(k, H // HKV)
        v = repeat_kv(v, H // HKV)
        mask = torch.full((T, T), float("-inf")).triu(1)
        w = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(self.hd)
        w = w + mask
        w = F.softmax(w, dim=-1, dtype=torch.float32).to(q.dtype)
        o = torch.matmul(w, v)
        o = o.transpose(1, 2).contiguous().reshape(B, T, -1)
        return self.o_proj(o)


class SDPA(nn.Module):
    def __init__(self):
        super().__init__()
        self.qkv = nn.Linear(E, 3 * E)

    def forward(self, x):
        B, T, _ = x.shape
        q, k, v = self.qkv(x).split(E, dim=2)
        q = q.view(B, T, H, E // H).transpose(1, 2)
        k = k.view(B, T, H, E // H).transpose(1, 2)
        v = v.view(B, T, H, E // H).transpose(1, 2)
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return y.transpose(1, 2).reshape(B, T, E)


MODELS = {
    "torch_mha": MHA,
    "torch_gpt2": GPT2Attention,
    "torch_llama_gqa": LlamaAttention,
    "torch_sdpa_causal": SDPA,
}


def normalize(text):
    """torch-mlir's output parses with MLIR 22 as it is (dense_resource
    weight blobs included): nothing to rewrite."""
    return text, []


def normalize_iree(text, name):
    """IREE's input conversion wraps the function in its util dialect, which
    MLIR 22 does not have: util.func -> func.func, util.return -> return."""
    notes = []
    new = re.sub(r"util\.func public @main", f"func.func @{name}", text)
    if new != text:
        notes.append("util.func public @main -> func.func @" + name)
    text, new = new, new.replace("util.return", "return")
    if new != text:
        notes.append("util.return -> return")
    if "util." in new or "iree" in new or "flow." in new or "hal." in new:
        raise SystemExit(f"{name}: IREE dialect ops left after normalization")
    return new, notes


def export_jax(outdir):
    """jax.nn.dot_product_attention (XLA implementation) in a block with
    projections, exported to StableHLO and converted to linalg by IREE's
    input pipeline (iree-compile --compile-to=input)."""
    import jax
    import jax.numpy as jnp
    import numpy as np
    from jax import export
    from iree.compiler import tools as ireec

    rng = np.random.default_rng(0)
    D = E // H

    def weights(n, m):
        return jnp.asarray(rng.standard_normal((n, m), dtype=np.float32) * 0.1)

    wq, wk, wv, wo = weights(E, E), weights(E, HKV * D), weights(E, HKV * D), weights(E, E)

    def causal(x):
        q = (x @ wq).reshape(1, S, H, D)
        k = (x @ wq).reshape(1, S, H, D) * 0.5
        v = (x @ wo).reshape(1, S, H, D)
        o = jax.nn.dot_product_attention(q, k, v, is_causal=True, implementation="xla")
        return o.reshape(1, S, E) @ wo

    def gqa(x):
        q = (x @ wq).reshape(1, S, H, D)
        k = (x @ wk).reshape(1, S, HKV, D)
        v = (x @ wv).reshape(1, S, HKV, D)
        o = jax.nn.dot_product_attention(q, k, v, implementation="xla")
        return o.reshape(1, S, E) @ wo

    # gqa is not exported: IREE folds the query groups into the rows of
    # Q K^T and transposes the scores before the softmax, a form
    # --attn-raise does not recognize yet (docs/raise.md, "Limits").
    for name, fn in (("jax_sdpa_causal", causal),):
        exported = export.export(jax.jit(fn))(jax.ShapeDtypeStruct((1, S, E), jnp.float32))
        out = ireec.compile_str(exported.mlir_module(), input_type="stablehlo",
                                target_backends=["llvm-cpu"],
                                extra_args=["--compile-to=input",
                                            "--mlir-print-debuginfo=false"])
        text = out.decode() if isinstance(out, bytes) else out
        text, notes = normalize_iree(text, name)
        write(outdir, f"{name}_linalg.mlir", text, notes,
              f"jax {jax.__version__} jax.nn.dot_product_attention, "
              "StableHLO through iree-base-compiler 3.13 --compile-to=input")


def export_torch(name, cls, outdir):
    from torch_mlir import fx

    torch.manual_seed(0)  # each model's weights independent of --only
    model = cls().eval()
    x = torch.rand(1, S, E) * 2 - 1  # only traced: attn-run makes its own inputs
    for out_type, suffix in (("linalg-on-tensors", "linalg"), ("tosa", "tosa")):
        m = fx.export_and_import(model, x, output_type=out_type, func_name=name)
        text, notes = normalize(str(m))
        write(outdir, f"{name}_{suffix}.mlir", text, notes,
              f"torch {torch.__version__}, torch-mlir FX importer, output_type={out_type}")


def write(outdir, fname, text, notes, origin):
    header = [f"// Generated by scripts/gen-frontend-inputs.sh ({origin}).",
              "// Do not edit: regenerate instead."]
    for n in notes:
        header.append("// Normalized for MLIR 22: " + n)
    with open(os.path.join(outdir, fname), "w") as f:
        f.write("\n".join(header) + "\n" + text.rstrip() + "\n")
    print("wrote", fname)


def main():
    global S, E, H, HKV
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--only", default="")
    ap.add_argument("--seq", type=int, default=S,
                    help="sequence length (the test inputs use 16; larger "
                         "sizes are for timing)")
    ap.add_argument("--embed", type=int, default=E)
    ap.add_argument("--heads", type=int, default=H)
    ap.add_argument("--kv-heads", type=int, default=HKV)
    args = ap.parse_args()
    S, E, H, HKV = args.seq, args.embed, args.heads, args.kv_heads
    os.makedirs(args.outdir, exist_ok=True)
    for name, cls in MODELS.items():
        if args.only and args.only not in name:
            continue
        export_torch(name, cls, args.outdir)
    if not args.only or "jax" in args.only:
        export_jax(args.outdir)


if __name__ == "__main__":
    main()
