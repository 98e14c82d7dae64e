// REQUIRES: avx512bf16
// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=2 \
// RUN:   --pipeline='attn-fuse{bf16-dot=true},attn-decompose,attn-cpu-pipeline{cpu=avx512-bf16}' | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=1 --seed=5 \
// RUN:   --pipeline='attn-fuse{bf16-dot=true split-kv=always kv-splits=3},attn-decompose,attn-cpu-pipeline{cpu=avx512-bf16}' | FileCheck %s
// The same pair contractions without the instruction (f32 FMAs on the
// even/odd halves), on any AVX2 host:
// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=2 --seed=9 \
// RUN:   --pipeline='attn-fuse{bf16-dot=true},attn-decompose,attn-cpu-pipeline{cpu=x86-64-v3}' | FileCheck %s
// The default fused pipeline (f32 P, the register kernel on f32 copies of
// the tiles) on the same shapes:
// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=2 --seed=13 --pipeline=fused | FileCheck %s

// Execution tests of the bf16 dot-product path (attn-fuse{bf16-dot=true}):
// Q K^T and P V as contractions over bf16 pairs, lowered to vdpbf16ps.
// P is rounded to bf16 before P V; the bf16 tolerance of attn-run
// (1.6e-2 abs/rel, docs/attn-run.md) covers it. Shapes exercise 16-, 8-
// and 4-lane column blocks and the f32 fall-back for the rest, partial key
// tiles, GQA, masks and every score modifier, bshd and the split-KV merge.

// CHECK-LABEL: entry plain_lse (
// CHECK: result #0 (bf16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @plain_lse(%q: tensor<1x2x100x64xbf16>, %k: tensor<1x2x130x64xbf16>,
    %v: tensor<1x2x130x64xbf16>)
    -> (tensor<1x2x100x64xbf16>, tensor<1x2x100xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x2x100x64xbf16>, tensor<1x2x130x64xbf16>, tensor<1x2x130x64xbf16>
      -> tensor<1x2x100x64xbf16>, tensor<1x2x100xf32>
  return %o, %lse : tensor<1x2x100x64xbf16>, tensor<1x2x100xf32>
}

// Causal, GQA 4:2, Sq < Skv, tiles 16 x 32, D = 32, Dv = 20 (16 + 4 lanes).
// CHECK-LABEL: entry causal_gqa (
// CHECK: result #0 (bf16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @causal_gqa(%q: tensor<1x4x70x32xbf16>, %k: tensor<1x2x90x32xbf16>,
    %v: tensor<1x2x90x20xbf16>) -> tensor<1x4x70x20xbf16> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.causal, tiling = #attn.tiling<query = 16, key = 32>}
      : tensor<1x4x70x32xbf16>, tensor<1x2x90x32xbf16>, tensor<1x2x90x20xbf16>
      -> tensor<1x4x70x20xbf16>
  return %o : tensor<1x4x70x20xbf16>
}

// Sliding window, mask and bias operands, softcap, ALiBi; D = 16,
// Dv = 24 (16 + 8 lanes), keys = 40 per tile (16 + 16 + 8 lanes).
// CHECK-LABEL: entry modifiers (
// CHECK: result #0 (bf16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @modifiers(%q: tensor<2x2x48x16xbf16>, %k: tensor<2x2x80x16xbf16>,
    %v: tensor<2x2x80x24xbf16>, %m: tensor<1x1x48x80xi1>,
    %bias: tensor<2x1x48x80xf32>, %slopes: tensor<2xf32>)
    -> tensor<2x2x48x24xbf16> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<1x1x48x80xi1>)
      bias(%bias : tensor<2x1x48x80xf32>) alibi(%slopes : tensor<2xf32>)
      {sparsity = #attn.sliding_window<left = 30, right = 10>, softcap = 20.0,
       tiling = #attn.tiling<query = 16, key = 40>}
      : tensor<2x2x48x16xbf16>, tensor<2x2x80x16xbf16>, tensor<2x2x80x24xbf16>
      -> tensor<2x2x48x24xbf16>
  return %o : tensor<2x2x48x24xbf16>
}

// bshd decode: one query against 300 keys (the split runs use 3 parts).
// CHECK-LABEL: entry decode_bshd (
// CHECK: result #0 (bf16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @decode_bshd(%q: tensor<1x1x4x64xbf16>, %k: tensor<1x300x4x64xbf16>,
    %v: tensor<1x300x4x64xbf16>) -> tensor<1x1x4x64xbf16> {
  %o = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<1x1x4x64xbf16>, tensor<1x300x4x64xbf16>, tensor<1x300x4x64xbf16>
      -> tensor<1x1x4x64xbf16>
  return %o : tensor<1x1x4x64xbf16>
}

// Odd tiles and head dim: no pairs, the f32 form.
// CHECK-LABEL: entry odd_tiles (
// CHECK: result #0 (bf16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @odd_tiles(%q: tensor<1x2x30x17xbf16>, %k: tensor<1x2x50x17xbf16>,
    %v: tensor<1x2x50x17xbf16>) -> tensor<1x2x30x17xbf16> {
  %o = attn.attention %q, %k, %v {tiling = #attn.tiling<query = 8, key = 7>}
      : tensor<1x2x30x17xbf16>, tensor<1x2x50x17xbf16>, tensor<1x2x50x17xbf16>
      -> tensor<1x2x30x17xbf16>
  return %o : tensor<1x2x30x17xbf16>
}
