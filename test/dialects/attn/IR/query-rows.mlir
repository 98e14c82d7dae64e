// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s

// attn.attention's query_rows(%start, %total) clause (docs/semantics.md,
// "Query rows") survives print -> parse in the custom and the generic form,
// alone and with the other optional operands.

// CHECK-LABEL: func.func @rows
// CHECK-SAME: (%[[Q:.*]]: tensor<1x2x8x16xf32>, %[[K:.*]]: tensor<1x2x32x16xf32>, %[[S:.*]]: index)
// CHECK: %[[T:.*]] = arith.constant 32 : index
// CHECK: attn.attention %[[Q]], %[[K]], %[[K]] query_rows(%[[S]], %[[T]]) {sparsity = #attn.causal}
func.func @rows(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x32x16xf32>,
                %s: index) -> tensor<1x2x8x16xf32> {
  %t = arith.constant 32 : index
  %o = attn.attention %q, %k, %k query_rows(%s, %t) {sparsity = #attn.causal}
      : tensor<1x2x8x16xf32>, tensor<1x2x32x16xf32>, tensor<1x2x32x16xf32>
      -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// CHECK-LABEL: func.func @rows_with_operands
// CHECK: attn.attention {{.*}} mask({{.*}} : tensor<8x32xi1>) alibi({{.*}} : tensor<2xf32>) query_rows(%{{.*}}, %{{.*}}) :
func.func @rows_with_operands(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x32x16xf32>,
                              %m: tensor<8x32xi1>, %sl: tensor<2xf32>)
    -> (tensor<1x2x8x16xf32>, tensor<1x2x8xf32>) {
  %s = arith.constant 8 : index
  %t = arith.constant 16 : index
  %o, %lse = attn.attention %q, %k, %k mask(%m : tensor<8x32xi1>)
      alibi(%sl : tensor<2xf32>) query_rows(%s, %t)
      : tensor<1x2x8x16xf32>, tensor<1x2x32x16xf32>, tensor<1x2x32x16xf32>
      -> tensor<1x2x8x16xf32>, tensor<1x2x8xf32>
  return %o, %lse : tensor<1x2x8x16xf32>, tensor<1x2x8xf32>
}
