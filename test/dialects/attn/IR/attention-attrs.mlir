// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s

// The attn attributes on their own, as discardable attributes, round trip.

// CHECK-LABEL: func.func @causal()
// CHECK-SAME: attributes {pattern = #attn.causal}
func.func @causal() attributes {pattern = #attn.causal} {
  return
}

// CHECK-LABEL: func.func @sliding_window()
// CHECK-SAME: attributes {pattern = #attn.sliding_window<left = 3, right = 0>}
func.func @sliding_window()
    attributes {pattern = #attn.sliding_window<left = 3, right = 0>} {
  return
}

// Zero-width windows (only the diagonal) and large sizes are valid.
// CHECK-LABEL: func.func @sliding_window_edges()
// CHECK-SAME: diag = #attn.sliding_window<left = 0, right = 0>
// CHECK-SAME: wide = #attn.sliding_window<left = 4096, right = 281474976710656>
func.func @sliding_window_edges()
    attributes {diag = #attn.sliding_window<left = 0, right = 0>,
                wide = #attn.sliding_window<left = 4096, right = 281474976710656>} {
  return
}

// CHECK-LABEL: func.func @tiling()
// CHECK-SAME: attributes {tile = #attn.tiling<query = 64, key = 32>}
func.func @tiling() attributes {tile = #attn.tiling<query = 64, key = 32>} {
  return
}

// CHECK-LABEL: func.func @tiling_one()
// CHECK-SAME: attributes {tile = #attn.tiling<query = 1, key = 1>}
func.func @tiling_one() attributes {tile = #attn.tiling<query = 1, key = 1>} {
  return
}

// CHECK-LABEL: func.func @layouts()
// CHECK-SAME: attributes {a = #attn.layout<bshd>, b = #attn.layout<bhsd>}
func.func @layouts()
    attributes {a = #attn.layout<bshd>, b = #attn.layout<bhsd>} {
  return
}

// Inside containers, and as named aliases.
#window = #attn.sliding_window<left = 7, right = 2>
// CHECK-LABEL: func.func @nested()
// CHECK-SAME: all = [#attn.causal, #attn.sliding_window<left = 7, right = 2>, #attn.tiling<query = 128, key = 64>, #attn.layout<bshd>]
// CHECK-SAME: dict = {p = #attn.causal, t = #attn.tiling<query = 8, key = 16>}
func.func @nested()
    attributes {all = [#attn.causal, #window,
                            #attn.tiling<query = 128, key = 64>,
                            #attn.layout<bshd>],
                dict = {p = #attn.causal, t = #attn.tiling<query = 8, key = 16>}} {
  return
}

// The same attributes in their op slots.
// CHECK-LABEL: func.func @in_op
// CHECK: attn.attention
// CHECK-SAME: layout = #attn.layout<bshd>
// CHECK-SAME: sparsity = #attn.sliding_window<left = 3, right = 0>
// CHECK-SAME: tiling = #attn.tiling<query = 64, key = 32>
// CHECK-LABEL: func.func @in_op_causal
// CHECK: attn.attention {{.*}} {sparsity = #attn.causal}
func.func @in_op(%q: tensor<1x8x2x4xf32>, %k: tensor<1x8x2x4xf32>,
                 %v: tensor<1x8x2x4xf32>) -> tensor<1x8x2x4xf32> {
  %o = attn.attention %q, %k, %v
      {layout = #attn.layout<bshd>,
       sparsity = #attn.sliding_window<left = 3, right = 0>,
       tiling = #attn.tiling<query = 64, key = 32>}
      : tensor<1x8x2x4xf32>, tensor<1x8x2x4xf32>, tensor<1x8x2x4xf32>
      -> tensor<1x8x2x4xf32>
  return %o : tensor<1x8x2x4xf32>
}
func.func @in_op_causal(%q: tensor<1x8x2x4xf32>, %k: tensor<1x8x2x4xf32>,
                        %v: tensor<1x8x2x4xf32>) -> tensor<1x8x2x4xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x8x2x4xf32>, tensor<1x8x2x4xf32>, tensor<1x8x2x4xf32>
      -> tensor<1x8x2x4xf32>
  return %o : tensor<1x8x2x4xf32>
}
