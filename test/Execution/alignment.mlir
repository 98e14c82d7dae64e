// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=unfused | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --seed=3 --pipeline=fused | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --seed=4 --threads=1 \
// RUN:   --pipeline="attn-fuse{block-lists=runtime split-kv=always kv-splits=2},attn-decompose,attn-cpu-pipeline{cpu=host}" | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --seed=5 \
// RUN:   --pipeline="attn-fuse{block-lists=static},attn-decompose,attn-cpu-pipeline{cpu=host}" | FileCheck %s

// Top-left alignment (`align = top_left`, PyTorch's is_causal) of the causal
// and window patterns, with Sq < Skv and Sq > Skv (where the two alignments
// differ), against the float64 reference, through the unfused lowering and
// the fused one with compile-time, run-time and static block lists. The lse
// is returned so that rows the pattern hides entirely (Sq > Skv,
// bottom-right) are compared too. Tiles do not divide the lengths.

// CHECK-LABEL: entry causal_tl_short_q (
// CHECK-COUNT-2: 0 mismatches
// CHECK: check: PASSED
func.func @causal_tl_short_q(%q: tensor<1x2x13x8xf32>, %k: tensor<1x2x37x8xf32>, %v: tensor<1x2x37x8xf32>)
    -> (tensor<1x2x13x8xf32>, tensor<1x2x13xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.causal<align = top_left>, tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x13x8xf32>, tensor<1x2x37x8xf32>, tensor<1x2x37x8xf32> -> tensor<1x2x13x8xf32>, tensor<1x2x13xf32>
  return %o, %lse : tensor<1x2x13x8xf32>, tensor<1x2x13xf32>
}

// CHECK-LABEL: entry causal_tl_long_q (
// CHECK-COUNT-2: 0 mismatches
// CHECK: check: PASSED
func.func @causal_tl_long_q(%q: tensor<1x4x37x8xf32>, %k: tensor<1x2x13x8xf32>, %v: tensor<1x2x13x8xf32>)
    -> (tensor<1x4x37x8xf32>, tensor<1x4x37xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.causal<align = top_left>, tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x4x37x8xf32>, tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32> -> tensor<1x4x37x8xf32>, tensor<1x4x37xf32>
  return %o, %lse : tensor<1x4x37x8xf32>, tensor<1x4x37xf32>
}

// CHECK-LABEL: entry causal_br_long_q (
// CHECK-COUNT-2: 0 mismatches
// CHECK: check: PASSED
func.func @causal_br_long_q(%q: tensor<1x2x37x8xf32>, %k: tensor<1x2x13x8xf32>, %v: tensor<1x2x13x8xf32>)
    -> (tensor<1x2x37x8xf32>, tensor<1x2x37xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.causal<align = bottom_right>, tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x37x8xf32>, tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32> -> tensor<1x2x37x8xf32>, tensor<1x2x37xf32>
  return %o, %lse : tensor<1x2x37x8xf32>, tensor<1x2x37xf32>
}

// CHECK-LABEL: entry window_tl (
// CHECK-COUNT-2: 0 mismatches
// CHECK: check: PASSED
func.func @window_tl(%q: tensor<1x2x13x8xf32>, %k: tensor<1x2x37x8xf32>, %v: tensor<1x2x37x8xf32>)
    -> (tensor<1x2x13x8xf32>, tensor<1x2x13xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 3, right = 2, align = top_left>,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x13x8xf32>, tensor<1x2x37x8xf32>, tensor<1x2x37x8xf32> -> tensor<1x2x13x8xf32>, tensor<1x2x13xf32>
  return %o, %lse : tensor<1x2x13x8xf32>, tensor<1x2x13xf32>
}

// CHECK-LABEL: entry dilated_tl (
// CHECK-COUNT-2: 0 mismatches
// CHECK: check: PASSED
func.func @dilated_tl(%q: tensor<1x2x37x8xf32>, %k: tensor<1x2x13x8xf32>, %v: tensor<1x2x13x8xf32>)
    -> (tensor<1x2x37x8xf32>, tensor<1x2x37xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.dilated_window<left = 4, right = 1, dilation = 2, align = top_left>,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x37x8xf32>, tensor<1x2x13x8xf32>, tensor<1x2x13x8xf32> -> tensor<1x2x37x8xf32>, tensor<1x2x37xf32>
  return %o, %lse : tensor<1x2x37x8xf32>, tensor<1x2x37xf32>
}

// CHECK-LABEL: entry union_tl (
// CHECK-COUNT-2: 0 mismatches
// CHECK: check: PASSED
func.func @union_tl(%q: tensor<1x2x13x8xf32>, %k: tensor<1x2x37x8xf32>, %v: tensor<1x2x37x8xf32>)
    -> (tensor<1x2x13x8xf32>, tensor<1x2x13xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.union<[#attn.global<keys = 2>, #attn.sliding_window<left = 2, right = 0, align = top_left>]>,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x13x8xf32>, tensor<1x2x37x8xf32>, tensor<1x2x37x8xf32> -> tensor<1x2x13x8xf32>, tensor<1x2x13xf32>
  return %o, %lse : tensor<1x2x13x8xf32>, tensor<1x2x13xf32>
}
