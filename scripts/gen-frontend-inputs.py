#!/usr/bin/env python3
"""Exports standard attention blocks through real front ends and saves the IR
as the test inputs of --attn-raise (test/Passes/Raise/Inputs/*.mlir).

Run through scripts/gen-frontend-inputs.sh, which creates the pinned virtual
environment this needs; the tests themselves never import these packages.

Routes:
  torch 2.15 + torch-mlir 20261001 (FX importer), output_type
    "linalg-on-tensors" and "tosa", for: nn.MultiheadAttention, a GPT-2-style
    causal block (registered tril mask buffer), a LLaMA-style block (GQA
    repeat_kv + RoPE on q/k), F.scaled_dot_product_attention (is_causal,
    math decomposition);
  JAX 0.12 jax.nn.dot_product_attention -> StableHLO -> IREE 3.13's input
    conversion (--compile-to=input) to linalg.
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
    """Makes the importers' output parse with MLIR 22 and run in attn-run.
    Each rewrite is listed in the file header."""
    notes = []
    # The FX importer names the entry @main; keep it, attn-run takes any name.
    # dense_resource blobs (weights) are kept: MLIR 22 parses them.
    return text, notes


def export_torch(name, cls, outdir):
    from torch_mlir import fx

    model = cls().eval()
    x = torch.rand(1, S, E) * 2 - 1
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
    ap = argparse.ArgumentParser()
    ap.add_argument("outdir")
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    for name, cls in MODELS.items():
        if args.only and args.only not in name:
            continue
        export_torch(name, cls, args.outdir)


if __name__ == "__main__":
    main()
