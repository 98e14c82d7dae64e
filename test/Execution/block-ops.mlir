// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=fused | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=unfused --seed=3 | FileCheck %s

// attn.block_score and attn.block_select against the float64 reference of
// their own definitions (docs/semantics.md): the reference forms the
// antidiagonal sums pair by pair and selects by sorting, the lowering
// factorizes the sums and scans for maxima. GQA, Sq != Skv, blocks that do
// not divide the lengths, causal exclusion, mean pooling, top-k and
// threshold selection with every keep option, then the whole chain.

// CHECK-LABEL: entry score_anti (
// CHECK: result #0 ({{f32|i32}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @score_anti(%q: tensor<1x4x37x16xf32>, %k: tensor<1x2x45x16xf32>) -> tensor<1x4x5x6xf32> {
  %s = attn.block_score %q, %k {method = #attn.score_method<antidiagonal>, stride = 4, block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x4x37x16xf32>, tensor<1x2x45x16xf32> -> tensor<1x4x5x6xf32>
  return %s : tensor<1x4x5x6xf32>
}

// CHECK-LABEL: entry score_anti_causal (
// CHECK: result #0 ({{f32|i32}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @score_anti_causal(%q: tensor<2x2x40x16xf32>, %k: tensor<2x2x40x16xf32>) -> tensor<2x2x5x5xf32> {
  %s = attn.block_score %q, %k {method = #attn.score_method<antidiagonal>, stride = 2, block_size = #attn.tiling<query = 8, key = 8>, causal, scale = 0.5 : f64}
      : tensor<2x2x40x16xf32>, tensor<2x2x40x16xf32> -> tensor<2x2x5x5xf32>
  return %s : tensor<2x2x5x5xf32>
}

// CHECK-LABEL: entry score_pool (
// CHECK: result #0 ({{f32|i32}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @score_pool(%q: tensor<1x2x30x16xf32>, %k: tensor<1x1x50x16xf32>) -> tensor<1x2x4x7xf32> {
  %s = attn.block_score %q, %k {method = #attn.score_method<mean_pool>, block_size = #attn.tiling<query = 8, key = 8>, causal}
      : tensor<1x2x30x16xf32>, tensor<1x1x50x16xf32> -> tensor<1x2x4x7xf32>
  return %s : tensor<1x2x4x7xf32>
}

// CHECK-LABEL: entry select_topk (
// CHECK: result #0 ({{f32|i32}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 ({{f32|i32}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @select_topk(%s: tensor<1x2x5x6xf32>) -> (tensor<1x2x6xi32>, tensor<1x2x30xi32>) {
  %rp, %c = attn.block_select %s {top_k = 2, keep_diagonal, keep_sink} : tensor<1x2x5x6xf32> -> tensor<1x2x6xi32>, tensor<1x2x30xi32>
  return %rp, %c : tensor<1x2x6xi32>, tensor<1x2x30xi32>
}

// CHECK-LABEL: entry select_thr (
// CHECK: result #0 ({{f32|i32}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 ({{f32|i32}}): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @select_thr(%s: tensor<2x1x6x6xf32>) -> (tensor<2x1x7xi32>, tensor<2x1x36xi32>) {
  %rp, %c = attn.block_select %s {threshold = 0.6 : f64, local = 1} : tensor<2x1x6x6xf32> -> tensor<2x1x7xi32>, tensor<2x1x36xi32>
  return %rp, %c : tensor<2x1x7xi32>, tensor<2x1x36xi32>
}

// CHECK-LABEL: entry chain_topk (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @chain_topk(%q: tensor<1x4x60x16xf32>, %k: tensor<1x2x60x16xf32>,
                      %v: tensor<1x2x60x16xf32>)
    -> (tensor<1x4x60x16xf32>, tensor<1x4x60xf32>) {
  %s = attn.block_score %q, %k {method = #attn.score_method<mean_pool>,
      block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x4x60x16xf32>, tensor<1x2x60x16xf32> -> tensor<1x4x8x8xf32>
  %rp, %cols = attn.block_select %s {top_k = 2, local = 1}
      : tensor<1x4x8x8xf32> -> tensor<1x4x9xi32>, tensor<1x4x64xi32>
  %o, %lse = attn.attention %q, %k, %v
      blocks(%rp, %cols : tensor<1x4x9xi32>, tensor<1x4x64xi32>)
      {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x4x60x16xf32>, tensor<1x2x60x16xf32>, tensor<1x2x60x16xf32>
      -> tensor<1x4x60x16xf32>, tensor<1x4x60xf32>
  return %o, %lse : tensor<1x4x60x16xf32>, tensor<1x4x60xf32>
}
