// RUN: attn-opt %s --attn-decompose --mlir-print-local-scope | FileCheck %s
// RUN: attn-opt %s --attn-decompose | FileCheck %s --check-prefix=GONE

// --attn-decompose lowers attn.attention_grad over the forward's score space
// (b, hkv, g, i, j): the scores and modifiers of the forward, then P and dS
// together, then the gradient products; dK and dV reduce over (g, i), which
// sums the query heads sharing a K/V head. Hq = 4, Hkv = 2 (G = 2).

// GONE-NOT: attn.attention_grad

// CHECK-LABEL: func.func @gqa(
// The scores: Q with heads split against K, reducing over d.
// CHECK: tensor.expand_shape %{{.*}} {{\[\[}}0], [1, 2], [3], [4]] output_shape [1, 2, 2, 8, 16]
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]{{.*}}outs(%{{.*}} : tensor<1x2x2x8x12xf32>)
// D = rowsum(dO * O): one value per row.
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]{{.*}}outs(%{{.*}} : tensor<1x2x2x8xf32>)
// dP = dO V^T over the score space.
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]{{.*}}tensor<1x2x12x8xf32>{{.*}}outs(%{{.*}} : tensor<1x2x2x8x12xf32>)
// P and dS in one elementwise generic with two results, reading the lse
// per row.
// CHECK: %[[PDS:.*]]:2 = linalg.generic {{.*}}affine_map<(d0, d1, d2, d3, d4) -> (d0, d1, d2, d3)>{{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel"]
// CHECK: math.exp
// dQ = dS K, reducing over the keys j.
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction"]} ins(%[[PDS]]#1, %{{.*}} : tensor<1x2x2x8x12xf32>, tensor<1x2x12x16xf32>)
// dK = dS^T Q and dV = P^T dO, reducing over (g, i).
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[PDS]]#1, %{{.*}} : tensor<1x2x2x8x12xf32>, tensor<1x2x2x8x16xf32>) {{.*}}outs(%{{.*}} : tensor<1x2x12x16xf32>)
// CHECK: linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]} ins(%[[PDS]]#0, %{{.*}} : tensor<1x2x2x8x12xf32>, tensor<1x2x2x8x8xf32>) {{.*}}outs(%{{.*}} : tensor<1x2x12x8xf32>)
// CHECK: return
func.func @gqa(%q: tensor<1x4x8x16xf32>, %k: tensor<1x2x12x16xf32>,
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

// A softcap adds its slope to dS: tanh of the scaled raw score.
// CHECK-LABEL: func.func @softcap(
// CHECK: linalg.generic
// CHECK: %{{.*}}:2 = linalg.generic
// CHECK: math.exp
// CHECK: math.tanh
// CHECK: linalg.yield
func.func @softcap(%q: tensor<1x1x4x8xf32>, %o: tensor<1x1x4x8xf32>,
    %lse: tensor<1x1x4xf32>) -> tensor<1x1x4x8xf32> {
  %dq, %dk, %dv = attn.attention_grad %q, %q, %q, %o, %lse, %o
      {softcap = 3.0 : f64}
      : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>,
        tensor<1x1x4x8xf32>, tensor<1x1x4xf32>, tensor<1x1x4x8xf32>
      -> tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>
  return %dq : tensor<1x1x4x8xf32>
}
