// RUN: attn-run --pipeline=unfused %s --check --reps=1 --warmup=0 --threads=1 | FileCheck %s
// RUN: attn-run --pipeline=unfused %s --check --reps=1 --warmup=0 --threads=2 --seed=7 | FileCheck %s

// Execution tests of the bshd layout: Q, K, V and the output are stored
// [B, S, H, D]; the mask, bias and lse stay in logical order [B, Hq, Sq, Skv] /
// [B, Hq, Sq] (docs/semantics.md). Hq != Sq so that a transposition mix-up
// reads the wrong elements.

// Dv != D, Sq != Skv, B = 2.
// CHECK-LABEL: entry bshd_dv (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 131040 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bshd_dv(%q: tensor<2x13x3x16xf32>, %k: tensor<2x21x3x16xf32>,
    %v: tensor<2x21x3x24xf32>)
    -> (tensor<2x13x3x24xf32>, tensor<2x3x13xf32>) {
  %o, %lse = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<2x13x3x16xf32>, tensor<2x21x3x16xf32>, tensor<2x21x3x24xf32>
      -> tensor<2x13x3x24xf32>, tensor<2x3x13xf32>
  return %o, %lse : tensor<2x13x3x24xf32>, tensor<2x3x13xf32>
}

// GQA 8:2, causal, Sq < Skv.
// CHECK-LABEL: entry bshd_gqa_causal (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 150528 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bshd_gqa_causal(%q: tensor<1x12x8x16xf32>, %k: tensor<1x30x2x16xf32>,
    %v: tensor<1x30x2x16xf32>)
    -> (tensor<1x12x8x16xf32>, tensor<1x8x12xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {layout = #attn.layout<bshd>, sparsity = #attn.causal}
      : tensor<1x12x8x16xf32>, tensor<1x30x2x16xf32>, tensor<1x30x2x16xf32>
      -> tensor<1x12x8x16xf32>, tensor<1x8x12xf32>
  return %o, %lse : tensor<1x12x8x16xf32>, tensor<1x8x12xf32>
}

// MQA 4:1 with a sliding window, Dv != D.
// CHECK-LABEL: entry bshd_mqa_window (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 74880 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bshd_mqa_window(%q: tensor<2x24x4x8xf32>, %k: tensor<2x24x1x8xf32>,
    %v: tensor<2x24x1x16xf32>)
    -> tensor<2x24x4x16xf32> {
  %o = attn.attention %q, %k, %v
      {layout = #attn.layout<bshd>, sparsity = #attn.sliding_window<left = 5, right = 3>}
      : tensor<2x24x4x8xf32>, tensor<2x24x1x8xf32>, tensor<2x24x1x16xf32>
      -> tensor<2x24x4x16xf32>
  return %o : tensor<2x24x4x16xf32>
}

// Full mask [B, Hq, Sq, Skv] in logical order.
// CHECK-LABEL: entry bshd_mask_rank4 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bshd_mask_rank4(%q: tensor<2x10x3x16xf32>, %k: tensor<2x14x3x16xf32>,
    %v: tensor<2x14x3x16xf32>, %m: tensor<2x3x10x14xi1>)
    -> (tensor<2x10x3x16xf32>, tensor<2x3x10xf32>) {
  %o, %lse = attn.attention %q, %k, %v mask(%m : tensor<2x3x10x14xi1>)
      {layout = #attn.layout<bshd>}
      : tensor<2x10x3x16xf32>, tensor<2x14x3x16xf32>, tensor<2x14x3x16xf32>
      -> tensor<2x10x3x16xf32>, tensor<2x3x10xf32>
  return %o, %lse : tensor<2x10x3x16xf32>, tensor<2x3x10xf32>
}

// Mask [Sq, Skv] with causal, Sq > Skv: rows 0..7 fully masked, GQA 4:2.
// CHECK-LABEL: entry bshd_mask_causal_fully_masked (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bshd_mask_causal_fully_masked(%q: tensor<1x14x4x16xf32>,
    %k: tensor<1x6x2x16xf32>, %v: tensor<1x6x2x4xf32>, %m: tensor<14x6xi1>)
    -> (tensor<1x14x4x4xf32>, tensor<1x4x14xf32>) {
  %o, %lse = attn.attention %q, %k, %v mask(%m : tensor<14x6xi1>)
      {layout = #attn.layout<bshd>, sparsity = #attn.causal}
      : tensor<1x14x4x16xf32>, tensor<1x6x2x16xf32>, tensor<1x6x2x4xf32>
      -> tensor<1x14x4x4xf32>, tensor<1x4x14xf32>
  return %o, %lse : tensor<1x14x4x4xf32>, tensor<1x4x14xf32>
}

// Bias [1, Hq, Sq, Skv] in logical order and ALiBi.
// CHECK-LABEL: entry bshd_bias_alibi (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 39168 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bshd_bias_alibi(%q: tensor<1x9x4x16xf32>, %k: tensor<1x17x4x16xf32>,
    %v: tensor<1x17x4x16xf32>, %b: tensor<1x4x9x17xf32>, %s: tensor<4xf32>)
    -> (tensor<1x9x4x16xf32>, tensor<1x4x9xf32>) {
  %o, %lse = attn.attention %q, %k, %v bias(%b : tensor<1x4x9x17xf32>)
      alibi(%s : tensor<4xf32>) {layout = #attn.layout<bshd>}
      : tensor<1x9x4x16xf32>, tensor<1x17x4x16xf32>, tensor<1x17x4x16xf32>
      -> tensor<1x9x4x16xf32>, tensor<1x4x9xf32>
  return %o, %lse : tensor<1x9x4x16xf32>, tensor<1x4x9xf32>
}

// Decode step (Sq = 1), GQA 8:2.
// CHECK-LABEL: entry bshd_decode_gqa (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 163840 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bshd_decode_gqa(%q: tensor<2x1x8x64xf32>, %k: tensor<2x40x2x64xf32>,
    %v: tensor<2x40x2x64xf32>)
    -> (tensor<2x1x8x64xf32>, tensor<2x8x1xf32>) {
  %o, %lse = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<2x1x8x64xf32>, tensor<2x40x2x64xf32>, tensor<2x40x2x64xf32>
      -> tensor<2x1x8x64xf32>, tensor<2x8x1xf32>
  return %o, %lse : tensor<2x1x8x64xf32>, tensor<2x8x1xf32>
}
