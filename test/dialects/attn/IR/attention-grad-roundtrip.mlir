// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s

// attn.attention_grad survives print -> parse, in the custom and in the
// generic form: the six operands in order, clauses, attributes, three
// results with the types of Q, K and V.

// CHECK-LABEL: func.func @plain
// CHECK-SAME: (%[[Q:[^:]*]]: tensor<1x4x8x16xf32>, %[[K:[^:]*]]: tensor<1x2x12x16xf32>, %[[V:[^:]*]]: tensor<1x2x12x8xf32>, %[[O:[^:]*]]: tensor<1x4x8x8xf32>, %[[L:[^:]*]]: tensor<1x4x8xf32>, %[[DO:[^:]*]]: tensor<1x4x8x8xf32>)
// CHECK: %{{.*}}, %{{.*}}, %{{.*}} = attn.attention_grad %[[Q]], %[[K]], %[[V]], %[[O]], %[[L]], %[[DO]] : tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>, tensor<1x4x8x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8x8xf32> -> tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>
func.func @plain(%q: tensor<1x4x8x16xf32>, %k: tensor<1x2x12x16xf32>,
                 %v: tensor<1x2x12x8xf32>, %o: tensor<1x4x8x8xf32>,
                 %lse: tensor<1x4x8xf32>, %do: tensor<1x4x8x8xf32>)
    -> (tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>) {
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do
      : tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>,
        tensor<1x4x8x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8x8xf32>
      -> tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>
  return %dq, %dk, %dv
      : tensor<1x4x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x8xf32>
}

// CHECK-LABEL: func.func @clauses
// CHECK: attn.attention_grad %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}} : tensor<8x8xi1>) bias(%{{.*}} : tensor<1x2x8x8xbf16>) alibi(%{{.*}} : tensor<2xf32>) blocks(%{{.*}}, %{{.*}} : tensor<1x1x3xi32>, tensor<1x1x4xi32>) full_blocks(%{{.*}} : tensor<1x1x4xi1>) {block_size = #attn.tiling<query = 4, key = 4>, layout = #attn.layout<bshd>, scale = 2.500000e-01 : f64, softcap = 3.000000e+01 : f64, sparsity = #attn.causal} : tensor<1x8x2x16xbf16>, tensor<1x8x2x16xbf16>, tensor<1x8x2x16xbf16>, tensor<1x8x2x16xbf16>, tensor<1x2x8xf32>, tensor<1x8x2x16xbf16> -> tensor<1x8x2x16xbf16>, tensor<1x8x2x16xbf16>, tensor<1x8x2x16xbf16>
func.func @clauses(%q: tensor<1x8x2x16xbf16>, %k: tensor<1x8x2x16xbf16>,
                   %v: tensor<1x8x2x16xbf16>, %o: tensor<1x8x2x16xbf16>,
                   %lse: tensor<1x2x8xf32>, %do: tensor<1x8x2x16xbf16>,
                   %m: tensor<8x8xi1>, %b: tensor<1x2x8x8xbf16>,
                   %s: tensor<2xf32>, %rp: tensor<1x1x3xi32>,
                   %cols: tensor<1x1x4xi32>, %full: tensor<1x1x4xi1>)
    -> tensor<1x8x2x16xbf16> {
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do
      mask(%m : tensor<8x8xi1>) bias(%b : tensor<1x2x8x8xbf16>)
      alibi(%s : tensor<2xf32>)
      blocks(%rp, %cols : tensor<1x1x3xi32>, tensor<1x1x4xi32>)
      full_blocks(%full : tensor<1x1x4xi1>)
      {sparsity = #attn.causal, scale = 0.25 : f64, softcap = 30.0 : f64,
       layout = #attn.layout<bshd>,
       block_size = #attn.tiling<query = 4, key = 4>}
      : tensor<1x8x2x16xbf16>, tensor<1x8x2x16xbf16>, tensor<1x8x2x16xbf16>,
        tensor<1x8x2x16xbf16>, tensor<1x2x8xf32>, tensor<1x8x2x16xbf16>
      -> tensor<1x8x2x16xbf16>, tensor<1x8x2x16xbf16>, tensor<1x8x2x16xbf16>
  return %dq : tensor<1x8x2x16xbf16>
}

// CHECK-LABEL: func.func @documents
// CHECK: attn.attention_grad {{.*}} documents(%{{.*}} : tensor<3xi32>) {sparsity = #attn.documents}
func.func @documents(%q: tensor<1x1x8x4xf32>, %o: tensor<1x1x8x4xf32>,
                     %lse: tensor<1x1x8xf32>, %d: tensor<3xi32>)
    -> tensor<1x1x8x4xf32> {
  %dq, %dk, %dv = attn.attention_grad %q, %q, %q, %o, %lse, %o
      documents(%d : tensor<3xi32>) {sparsity = #attn.documents}
      : tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32>,
        tensor<1x1x8x4xf32>, tensor<1x1x8xf32>, tensor<1x1x8x4xf32>
      -> tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32>
  return %dq : tensor<1x1x8x4xf32>
}
