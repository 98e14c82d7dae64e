// RUN: attn-opt %s --attn-decompose | FileCheck %s

// --attn-decompose inlines score_mod and mask_mod into the score generic:
// score_mod after the scale, its arguments the batch (dim 0), the query head
// (hkv * G + g from dims 1 and 2) and the positions (dims 3 and 4); the
// mask_mod's i1 selects -inf.

// CHECK-LABEL: func.func @regions
// CHECK-NOT: attn.attention
// CHECK: linalg.generic
// CHECK: %[[B:.*]] = linalg.index 0 : index
// CHECK: %[[HK:.*]] = linalg.index 1 : index
// CHECK: %[[G:.*]] = linalg.index 2 : index
// CHECK: %[[HKG:.*]] = arith.muli %[[HK]], %{{.*}} : index
// CHECK: %[[H:.*]] = arith.addi %[[HKG]], %[[G]] : index
// CHECK: %[[S:.*]] = arith.mulf
// CHECK: %[[I:.*]] = linalg.index 3 : index
// CHECK: %[[J:.*]] = linalg.index 4 : index
// CHECK: arith.addi %[[B]], %[[H]] : index
// CHECK: math.tanh %[[S]]
// CHECK: %[[VIS:.*]] = arith.cmpi sle, %[[J]], %[[I]] : index
// CHECK: arith.select %[[VIS]]
// CHECK-NOT: attn.
// CHECK: return
func.func @regions(%q: tensor<2x4x8x8xf32>, %k: tensor<2x2x8x8xf32>,
                   %v: tensor<2x2x8x8xf32>) -> tensor<2x4x8x8xf32> {
  %o = attn.attention %q, %k, %v score_mod {
    ^bb0(%s: f32, %b: index, %h: index, %i: index, %j: index):
      %bh = arith.addi %b, %h : index
      %x = arith.index_cast %bh : index to i64
      %f = arith.sitofp %x : i64 to f32
      %t = math.tanh %s : f32
      %y = arith.addf %t, %f : f32
      attn.yield %y : f32
  } mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c = arith.cmpi sle, %j, %i : index
      attn.yield %c : i1
  } : tensor<2x4x8x8xf32>, tensor<2x2x8x8xf32>, tensor<2x2x8x8xf32>
      -> tensor<2x4x8x8xf32>
  return %o : tensor<2x4x8x8xf32>
}
