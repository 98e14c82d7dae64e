// RUN: attn-run --pipeline=unfused %s --check --reps=1 --warmup=0 --threads=1 | FileCheck %s
// RUN: attn-run --pipeline=unfused %s --check --reps=1 --warmup=0 --threads=2 --seed=7 | FileCheck %s

// Execution tests of grouped-query (GQA, Hq = 8, Hkv = 2: query head h reads
// K/V head h / 4) and multi-query attention (MQA, Hkv = 1), alone, with
// causal masking and in the bshd layout (docs/semantics.md).

// GQA 8:2, square.
// CHECK-LABEL: entry gqa_8_2 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 524288 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @gqa_8_2(%q: tensor<1x8x32x16xf32>, %k: tensor<1x2x32x16xf32>,
    %v: tensor<1x2x32x16xf32>)
    -> (tensor<1x8x32x16xf32>, tensor<1x8x32xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x8x32x16xf32>, tensor<1x2x32x16xf32>, tensor<1x2x32x16xf32>
      -> tensor<1x8x32x16xf32>, tensor<1x8x32xf32>
  return %o, %lse : tensor<1x8x32x16xf32>, tensor<1x8x32xf32>
}

// MQA 8:1, Sq = 7 < Skv = 19.
// CHECK-LABEL: entry mqa_8_1 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 68096 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mqa_8_1(%q: tensor<1x8x7x16xf32>, %k: tensor<1x1x19x16xf32>,
    %v: tensor<1x1x19x16xf32>)
    -> (tensor<1x8x7x16xf32>, tensor<1x8x7xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x8x7x16xf32>, tensor<1x1x19x16xf32>, tensor<1x1x19x16xf32>
      -> tensor<1x8x7x16xf32>, tensor<1x8x7xf32>
  return %o, %lse : tensor<1x8x7x16xf32>, tensor<1x8x7xf32>
}

// GQA 8:2, causal, Sq < Skv, B = 2.
// CHECK-LABEL: entry gqa_8_2_causal (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 700416 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @gqa_8_2_causal(%q: tensor<2x8x24x16xf32>, %k: tensor<2x2x40x16xf32>,
    %v: tensor<2x2x40x16xf32>)
    -> tensor<2x8x24x16xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<2x8x24x16xf32>, tensor<2x2x40x16xf32>, tensor<2x2x40x16xf32>
      -> tensor<2x8x24x16xf32>
  return %o : tensor<2x8x24x16xf32>
}

// MQA 8:1, causal, Sq > Skv: rows 0..15 are fully masked.
// CHECK-LABEL: entry mqa_8_1_causal (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 153600 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mqa_8_1_causal(%q: tensor<1x8x40x16xf32>, %k: tensor<1x1x24x16xf32>,
    %v: tensor<1x1x24x16xf32>)
    -> (tensor<1x8x40x16xf32>, tensor<1x8x40xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x8x40x16xf32>, tensor<1x1x24x16xf32>, tensor<1x1x24x16xf32>
      -> tensor<1x8x40x16xf32>, tensor<1x8x40xf32>
  return %o, %lse : tensor<1x8x40x16xf32>, tensor<1x8x40xf32>
}

// GQA 8:2 in the bshd layout, Dv != D.
// CHECK-LABEL: entry gqa_8_2_bshd (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 209664 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @gqa_8_2_bshd(%q: tensor<2x13x8x16xf32>, %k: tensor<2x21x2x16xf32>,
    %v: tensor<2x21x2x8xf32>)
    -> (tensor<2x13x8x8xf32>, tensor<2x8x13xf32>) {
  %o, %lse = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<2x13x8x16xf32>, tensor<2x21x2x16xf32>, tensor<2x21x2x8xf32>
      -> tensor<2x13x8x8xf32>, tensor<2x8x13xf32>
  return %o, %lse : tensor<2x13x8x8xf32>, tensor<2x8x13xf32>
}

// MQA 8:1 in the bshd layout with causal masking.
// CHECK-LABEL: entry mqa_8_1_bshd_causal (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 215040 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mqa_8_1_bshd_causal(%q: tensor<1x20x8x32xf32>,
    %k: tensor<1x20x1x32xf32>, %v: tensor<1x20x1x32xf32>)
    -> tensor<1x20x8x32xf32> {
  %o = attn.attention %q, %k, %v
      {layout = #attn.layout<bshd>, sparsity = #attn.causal}
      : tensor<1x20x8x32xf32>, tensor<1x20x1x32xf32>, tensor<1x20x1x32xf32>
      -> tensor<1x20x8x32xf32>
  return %o : tensor<1x20x8x32xf32>
}

// GQA 8:2 with a per-query-head mask [1, Hq, Sq, Skv]: the mask is indexed
// by the query head h, K/V by h / 4.
// CHECK-LABEL: entry gqa_8_2_head_mask (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @gqa_8_2_head_mask(%q: tensor<1x8x16x16xf32>,
    %k: tensor<1x2x16x16xf32>, %v: tensor<1x2x16x16xf32>,
    %m: tensor<1x8x16x16xi1>)
    -> (tensor<1x8x16x16xf32>, tensor<1x8x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v mask(%m : tensor<1x8x16x16xi1>)
      : tensor<1x8x16x16xf32>, tensor<1x2x16x16xf32>, tensor<1x2x16x16xf32>
      -> tensor<1x8x16x16xf32>, tensor<1x8x16xf32>
  return %o, %lse : tensor<1x8x16x16xf32>, tensor<1x8x16xf32>
}

// GQA 6:3 (group of 2) with a per-query-head bias [Hq, Sq, Skv], ALiBi
// slopes per query head, causal and Dv != D.
// CHECK-LABEL: entry gqa_6_3_bias_alibi (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 83520 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @gqa_6_3_bias_alibi(%q: tensor<1x6x12x16xf32>,
    %k: tensor<1x3x20x16xf32>, %v: tensor<1x3x20x24xf32>,
    %b: tensor<6x12x20xf32>, %s: tensor<6xf32>)
    -> tensor<1x6x12x24xf32> {
  %o = attn.attention %q, %k, %v bias(%b : tensor<6x12x20xf32>)
      alibi(%s : tensor<6xf32>) {sparsity = #attn.causal}
      : tensor<1x6x12x16xf32>, tensor<1x3x20x16xf32>, tensor<1x3x20x24xf32>
      -> tensor<1x6x12x24xf32>
  return %o : tensor<1x6x12x24xf32>
}
