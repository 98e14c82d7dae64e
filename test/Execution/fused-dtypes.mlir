// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=fused --threads=1 | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=fused --threads=2 --seed=7 | FileCheck %s

// Execution tests of the fused lowering for element types, layouts and head
// grouping: f16 and bf16 inputs (tiles extended to f32, state in f32, the
// output rounded once), the bshd layout, grouped-query (8:2) and multi-query
// (8:1) attention, where query head h reads K/V head h / (Hq / Hkv).
// Tolerances: f16 atol 2e-3 / rtol 4e-3, bf16 1.6e-2 / 1.6e-2
// (docs/attn-run.md).

// f16, Sq != Skv, with lse.
// CHECK-LABEL: entry f16_lse (
// CHECK: result #0 (f16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 337920 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @f16_lse(%q: tensor<1x2x33x32xf16>, %k: tensor<1x2x40x32xf16>,
    %v: tensor<1x2x40x32xf16>)
    -> (tensor<1x2x33x32xf16>, tensor<1x2x33xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x2x33x32xf16>, tensor<1x2x40x32xf16>, tensor<1x2x40x32xf16>
      -> tensor<1x2x33x32xf16>, tensor<1x2x33xf32>
  return %o, %lse : tensor<1x2x33x32xf16>, tensor<1x2x33xf32>
}

// bf16, Sq != Skv, with lse.
// CHECK-LABEL: entry bf16_lse (
// CHECK: result #0 (bf16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 337920 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bf16_lse(%q: tensor<1x2x33x32xbf16>, %k: tensor<1x2x40x32xbf16>,
    %v: tensor<1x2x40x32xbf16>)
    -> (tensor<1x2x33x32xbf16>, tensor<1x2x33xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x2x33x32xbf16>, tensor<1x2x40x32xbf16>, tensor<1x2x40x32xbf16>
      -> tensor<1x2x33x32xbf16>, tensor<1x2x33xf32>
  return %o, %lse : tensor<1x2x33x32xbf16>, tensor<1x2x33xf32>
}

// f16 over many 5 x 7 tiles, D != Dv.
// CHECK-LABEL: entry f16_long_tiles5x7 (
// CHECK: result #0 (f16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 2329600 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @f16_long_tiles5x7(%q: tensor<1x2x70x24xf16>,
    %k: tensor<1x2x130x24xf16>, %v: tensor<1x2x130x40xf16>)
    -> (tensor<1x2x70x40xf16>, tensor<1x2x70xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {tiling = #attn.tiling<query = 5, key = 7>}
      : tensor<1x2x70x24xf16>, tensor<1x2x130x24xf16>, tensor<1x2x130x40xf16>
      -> tensor<1x2x70x40xf16>, tensor<1x2x70xf32>
  return %o, %lse : tensor<1x2x70x40xf16>, tensor<1x2x70xf32>
}

// f16, causal, GQA 8:2, Sq < Skv.
// CHECK-LABEL: entry f16_causal_gqa (
// CHECK: result #0 (f16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 394240 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @f16_causal_gqa(%q: tensor<1x8x20x16xf16>, %k: tensor<1x2x48x16xf16>,
    %v: tensor<1x2x48x16xf16>)
    -> (tensor<1x8x20x16xf16>, tensor<1x8x20xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x8x20x16xf16>, tensor<1x2x48x16xf16>, tensor<1x2x48x16xf16>
      -> tensor<1x8x20x16xf16>, tensor<1x8x20xf32>
  return %o, %lse : tensor<1x8x20x16xf16>, tensor<1x8x20xf32>
}

// bf16, causal, GQA 8:2, Sq > Skv (rows 0..27 fully masked).
// CHECK-LABEL: entry bf16_causal_gqa (
// CHECK: result #0 (bf16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 107520 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bf16_causal_gqa(%q: tensor<1x8x48x16xbf16>,
    %k: tensor<1x2x20x16xbf16>, %v: tensor<1x2x20x16xbf16>)
    -> (tensor<1x8x48x16xbf16>, tensor<1x8x48xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x8x48x16xbf16>, tensor<1x2x20x16xbf16>, tensor<1x2x20x16xbf16>
      -> tensor<1x8x48x16xbf16>, tensor<1x8x48xf32>
  return %o, %lse : tensor<1x8x48x16xbf16>, tensor<1x8x48xf32>
}

// f16 inputs with an f32 bias [1, Hq, Sq, Skv].
// CHECK-LABEL: entry f16_bias_f32 (
// CHECK: result #0 (f16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 49152 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @f16_bias_f32(%q: tensor<1x2x16x16xf16>, %k: tensor<1x2x24x16xf16>,
    %v: tensor<1x2x24x16xf16>, %b: tensor<1x2x16x24xf32>)
    -> (tensor<1x2x16x16xf16>, tensor<1x2x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v bias(%b : tensor<1x2x16x24xf32>)
      : tensor<1x2x16x16xf16>, tensor<1x2x24x16xf16>, tensor<1x2x24x16xf16>
      -> tensor<1x2x16x16xf16>, tensor<1x2x16xf32>
  return %o, %lse : tensor<1x2x16x16xf16>, tensor<1x2x16xf32>
}

// bf16 inputs with a bf16 bias [Sq, Skv] and a sliding window.
// CHECK-LABEL: entry bf16_bias_bf16_window (
// CHECK: result #0 (bf16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 16000 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bf16_bias_bf16_window(%q: tensor<1x2x16x16xbf16>,
    %k: tensor<1x2x24x16xbf16>, %v: tensor<1x2x24x16xbf16>,
    %b: tensor<16x24xbf16>)
    -> (tensor<1x2x16x16xbf16>, tensor<1x2x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      bias(%b : tensor<16x24xbf16>)
      {sparsity = #attn.sliding_window<left = 5, right = 2>,
       tiling = #attn.tiling<query = 4, key = 8>}
      : tensor<1x2x16x16xbf16>, tensor<1x2x24x16xbf16>, tensor<1x2x24x16xbf16>
      -> tensor<1x2x16x16xbf16>, tensor<1x2x16xf32>
  return %o, %lse : tensor<1x2x16x16xbf16>, tensor<1x2x16xf32>
}

// f16 decode step, Sq = 1, Skv = 300.
// CHECK-LABEL: entry f16_sq1_decode (
// CHECK: result #0 (f16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 307200 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @f16_sq1_decode(%q: tensor<1x4x1x64xf16>, %k: tensor<1x4x300x64xf16>,
    %v: tensor<1x4x300x64xf16>)
    -> (tensor<1x4x1x64xf16>, tensor<1x4x1xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x4x1x64xf16>, tensor<1x4x300x64xf16>, tensor<1x4x300x64xf16>
      -> tensor<1x4x1x64xf16>, tensor<1x4x1xf32>
  return %o, %lse : tensor<1x4x1x64xf16>, tensor<1x4x1xf32>
}

// GQA 8:2 (G = 4), B = 2, Sq != Skv, D != Dv.
// CHECK-LABEL: entry gqa_8_2 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 2007040 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @gqa_8_2(%q: tensor<2x8x16x32xf32>, %k: tensor<2x2x70x32xf32>,
    %v: tensor<2x2x70x24xf32>)
    -> (tensor<2x8x16x24xf32>, tensor<2x8x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<2x8x16x32xf32>, tensor<2x2x70x32xf32>, tensor<2x2x70x24xf32>
      -> tensor<2x8x16x24xf32>, tensor<2x8x16xf32>
  return %o, %lse : tensor<2x8x16x24xf32>, tensor<2x8x16xf32>
}

// GQA 8:2 with a per-query-head mask [1, Hq, Sq, Skv]: the mask is indexed by
// the query head h, K/V by h / 4.
// CHECK-LABEL: entry gqa_8_2_mask_rank4 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @gqa_8_2_mask_rank4(%q: tensor<1x8x12x16xf32>,
    %k: tensor<1x2x20x16xf32>, %v: tensor<1x2x20x16xf32>,
    %m: tensor<1x8x12x20xi1>)
    -> (tensor<1x8x12x16xf32>, tensor<1x8x12xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      mask(%m : tensor<1x8x12x20xi1>)
      {tiling = #attn.tiling<query = 5, key = 7>}
      : tensor<1x8x12x16xf32>, tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>
      -> tensor<1x8x12x16xf32>, tensor<1x8x12xf32>
  return %o, %lse : tensor<1x8x12x16xf32>, tensor<1x8x12xf32>
}

// MQA 8:1: every query head reads the one K/V head.
// CHECK-LABEL: entry mqa_8_1 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 2293760 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mqa_8_1(%q: tensor<2x8x16x32xf32>, %k: tensor<2x1x70x32xf32>,
    %v: tensor<2x1x70x32xf32>)
    -> (tensor<2x8x16x32xf32>, tensor<2x8x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<2x8x16x32xf32>, tensor<2x1x70x32xf32>, tensor<2x1x70x32xf32>
      -> tensor<2x8x16x32xf32>, tensor<2x8x16xf32>
  return %o, %lse : tensor<2x8x16x32xf32>, tensor<2x8x16xf32>
}

// MQA 8:1 with per-query-head ALiBi slopes and causal.
// CHECK-LABEL: entry mqa_8_1_alibi_causal (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 350208 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mqa_8_1_alibi_causal(%q: tensor<1x8x24x16xf32>,
    %k: tensor<1x1x40x16xf32>, %v: tensor<1x1x40x16xf32>, %s: tensor<8xf32>)
    -> (tensor<1x8x24x16xf32>, tensor<1x8x24xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      alibi(%s : tensor<8xf32>)
      {sparsity = #attn.causal, tiling = #attn.tiling<query = 8, key = 16>}
      : tensor<1x8x24x16xf32>, tensor<1x1x40x16xf32>, tensor<1x1x40x16xf32>
      -> tensor<1x8x24x16xf32>, tensor<1x8x24xf32>
  return %o, %lse : tensor<1x8x24x16xf32>, tensor<1x8x24xf32>
}

// bshd layout, f32, Sq != Skv, D != Dv, with lse (lse stays [B, Hq, Sq]).
// CHECK-LABEL: entry bshd (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 316800 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bshd(%q: tensor<2x20x3x16xf32>, %k: tensor<2x33x3x16xf32>,
    %v: tensor<2x33x3x24xf32>)
    -> (tensor<2x20x3x24xf32>, tensor<2x3x20xf32>) {
  %o, %lse = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<2x20x3x16xf32>, tensor<2x33x3x16xf32>, tensor<2x33x3x24xf32>
      -> tensor<2x20x3x24xf32>, tensor<2x3x20xf32>
  return %o, %lse : tensor<2x20x3x24xf32>, tensor<2x3x20xf32>
}

// bshd, GQA 8:2, causal, 5 x 7 tiles.
// CHECK-LABEL: entry bshd_gqa_causal_tiles5x7 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 182784 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bshd_gqa_causal_tiles5x7(%q: tensor<1x17x8x16xf32>,
    %k: tensor<1x29x2x16xf32>, %v: tensor<1x29x2x16xf32>)
    -> (tensor<1x17x8x16xf32>, tensor<1x8x17xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.causal, layout = #attn.layout<bshd>,
       tiling = #attn.tiling<query = 5, key = 7>}
      : tensor<1x17x8x16xf32>, tensor<1x29x2x16xf32>, tensor<1x29x2x16xf32>
      -> tensor<1x17x8x16xf32>, tensor<1x8x17xf32>
  return %o, %lse : tensor<1x17x8x16xf32>, tensor<1x8x17xf32>
}

// bshd, f16, MQA 4:1, rank-2 mask [Sq, Skv].
// CHECK-LABEL: entry bshd_f16_mqa_mask (
// CHECK: result #0 (f16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bshd_f16_mqa_mask(%q: tensor<2x9x4x16xf16>,
    %k: tensor<2x70x1x16xf16>, %v: tensor<2x70x1x8xf16>, %m: tensor<9x70xi1>)
    -> (tensor<2x9x4x8xf16>, tensor<2x4x9xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      mask(%m : tensor<9x70xi1>)
      {layout = #attn.layout<bshd>}
      : tensor<2x9x4x16xf16>, tensor<2x70x1x16xf16>, tensor<2x70x1x8xf16>
      -> tensor<2x9x4x8xf16>, tensor<2x4x9xf32>
  return %o, %lse : tensor<2x9x4x8xf16>, tensor<2x4x9xf32>
}

// bshd, bf16, sliding window, Sq > Skv (fully masked rows).
// CHECK-LABEL: entry bshd_bf16_window (
// CHECK: result #0 (bf16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 6912 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bshd_bf16_window(%q: tensor<1x30x2x16xbf16>,
    %k: tensor<1x12x2x16xbf16>, %v: tensor<1x12x2x16xbf16>)
    -> (tensor<1x30x2x16xbf16>, tensor<1x2x30xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 3, right = 1>,
       layout = #attn.layout<bshd>, tiling = #attn.tiling<query = 8, key = 4>}
      : tensor<1x30x2x16xbf16>, tensor<1x12x2x16xbf16>, tensor<1x12x2x16xbf16>
      -> tensor<1x30x2x16xbf16>, tensor<1x2x30xf32>
  return %o, %lse : tensor<1x30x2x16xbf16>, tensor<1x2x30xf32>
}
