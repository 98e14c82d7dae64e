// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=1 --pipeline=fused | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=2 --pipeline=unfused | FileCheck %s

// Ops with query_rows(start, total) (docs/semantics.md, "Query rows"): the
// fused and the unfused lowering against the float64 reference, which reads
// the rows from the op. Each case computes a middle block of rows of a
// larger query, where the patterns and ALiBi see the absolute rows.

// Bottom-right causal, rows [16, 40) of 48 over Skv = 64 (o = 16).
// CHECK-LABEL: entry causal_rows (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: result #1 (f32): {{.*}}, 0 mismatches
// CHECK: check: PASSED
func.func @causal_rows(%q: tensor<1x2x24x16xf32>, %k: tensor<1x2x64x16xf32>,
                       %v: tensor<1x2x64x16xf32>)
    -> (tensor<1x2x24x16xf32>, tensor<1x2x24xf32>) {
  %s = arith.constant 16 : index
  %t = arith.constant 48 : index
  %o, %lse = attn.attention %q, %k, %v query_rows(%s, %t)
      {sparsity = #attn.causal, tiling = #attn.tiling<query = 16, key = 16>}
      : tensor<1x2x24x16xf32>, tensor<1x2x64x16xf32>, tensor<1x2x64x16xf32>
      -> tensor<1x2x24x16xf32>, tensor<1x2x24xf32>
  return %o, %lse : tensor<1x2x24x16xf32>, tensor<1x2x24xf32>
}

// GQA 4:2, a sliding window and ALiBi, bshd; rows [5, 12) of 30.
// CHECK-LABEL: entry window_alibi_bshd (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: check: PASSED
func.func @window_alibi_bshd(%q: tensor<1x7x4x16xf32>, %k: tensor<1x40x2x16xf32>,
                             %v: tensor<1x40x2x16xf32>, %sl: tensor<4xf32>)
    -> tensor<1x7x4x16xf32> {
  %s = arith.constant 5 : index
  %t = arith.constant 30 : index
  %o = attn.attention %q, %k, %v alibi(%sl : tensor<4xf32>) query_rows(%s, %t)
      {layout = #attn.layout<bshd>,
       sparsity = #attn.sliding_window<left = 6, right = 2>,
       tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x7x4x16xf32>, tensor<1x40x2x16xf32>, tensor<1x40x2x16xf32>
      -> tensor<1x7x4x16xf32>
  return %o : tensor<1x7x4x16xf32>
}

// A pattern without monotone bounds (run-time block lists) and a mask of
// the op's own rows; rows [32, 48) of 64.
// CHECK-LABEL: entry dilated_mask_rows (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: check: PASSED
func.func @dilated_mask_rows(%q: tensor<1x1x16x16xf32>, %k: tensor<1x1x64x16xf32>,
                             %v: tensor<1x1x64x16xf32>, %m: tensor<16x64xi1>)
    -> tensor<1x1x16x16xf32> {
  %s = arith.constant 32 : index
  %t = arith.constant 64 : index
  %o = attn.attention %q, %k, %v mask(%m : tensor<16x64xi1>) query_rows(%s, %t)
      {sparsity = #attn.dilated_window<left = 4, right = 0, dilation = 3>,
       tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x1x16x16xf32>, tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32>
      -> tensor<1x1x16x16xf32>
  return %o : tensor<1x1x16x16xf32>
}
