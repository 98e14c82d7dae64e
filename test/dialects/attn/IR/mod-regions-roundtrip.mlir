// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s

// attn.attention's score_mod and mask_mod regions survive print -> parse in
// the custom and the generic form: after the operand clauses, before the
// attribute dictionary, with their block arguments and captured values.

// CHECK-LABEL: func.func @both
// CHECK: attn.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}} : tensor<16x16xi1>) score_mod {
// CHECK-NEXT: ^bb0(%[[S:.*]]: f32, %{{.*}}: index, %{{.*}}: index, %[[I:.*]]: index, %[[J:.*]]: index):
// CHECK: math.tanh
// CHECK: attn.yield %{{.*}} : f32
// CHECK-NEXT: } mask_mod {
// CHECK-NEXT: ^bb0(%{{.*}}: index, %{{.*}}: index, %[[MI:.*]]: index, %[[MJ:.*]]: index):
// CHECK-NEXT: %[[C:.*]] = arith.cmpi sle, %[[MJ]], %[[MI]] : index
// CHECK-NEXT: attn.yield %[[C]] : i1
// CHECK-NEXT: } {scale = 5.000000e-01 : f64, sparsity = #attn.causal}
func.func @both(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>,
                %v: tensor<1x2x16x8xf32>, %m: tensor<16x16xi1>)
    -> tensor<1x2x16x8xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<16x16xi1>) score_mod {
    ^bb0(%s: f32, %b: index, %h: index, %i: index, %j: index):
      %c = arith.constant 20.0 : f32
      %x = arith.divf %s, %c : f32
      %t = math.tanh %x : f32
      %y = arith.mulf %t, %c : f32
      attn.yield %y : f32
  } mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c = arith.cmpi sle, %j, %i : index
      attn.yield %c : i1
  } {scale = 0.5 : f64, sparsity = #attn.causal}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}

// A table captured from above, read with tensor.extract.
// CHECK-LABEL: func.func @captured_table
// CHECK-SAME: %[[T:[^:]*]]: tensor<31xf32>
// CHECK: attn.attention {{.*}} score_mod {
// CHECK: tensor.extract %[[T]][%{{.*}}] : tensor<31xf32>
// CHECK: } : tensor<1x1x16x8xf32>
func.func @captured_table(%q: tensor<1x1x16x8xf32>, %k: tensor<1x1x16x8xf32>,
                          %v: tensor<1x1x16x8xf32>, %t: tensor<31xf32>)
    -> tensor<1x1x16x8xf32> {
  %o = attn.attention %q, %k, %v score_mod {
    ^bb0(%s: f32, %b: index, %h: index, %i: index, %j: index):
      %c15 = arith.constant 15 : index
      %d = arith.subi %i, %j : index
      %r = arith.addi %d, %c15 : index
      %x = tensor.extract %t[%r] : tensor<31xf32>
      %y = arith.addf %s, %x : f32
      attn.yield %y : f32
  } : tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32>
      -> tensor<1x1x16x8xf32>
  return %o : tensor<1x1x16x8xf32>
}

// mask_mod alone, with the log-sum-exp.
// CHECK-LABEL: func.func @mask_only
// CHECK: attn.attention %{{.*}}, %{{.*}}, %{{.*}} mask_mod {
// CHECK: } : tensor<1x1x16x8xf32>, {{.*}} -> tensor<1x1x16x8xf32>, tensor<1x1x16xf32>
func.func @mask_only(%q: tensor<1x1x16x8xf32>, %k: tensor<1x1x16x8xf32>,
                     %v: tensor<1x1x16x8xf32>)
    -> (tensor<1x1x16x8xf32>, tensor<1x1x16xf32>) {
  %o, %l = attn.attention %q, %k, %v mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c4 = arith.constant 4 : index
      %p = arith.cmpi slt, %j, %c4 : index
      %c = arith.cmpi sle, %j, %i : index
      %r = arith.ori %p, %c : i1
      attn.yield %r : i1
  } : tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32>
      -> tensor<1x1x16x8xf32>, tensor<1x1x16xf32>
  return %o, %l : tensor<1x1x16x8xf32>, tensor<1x1x16xf32>
}
