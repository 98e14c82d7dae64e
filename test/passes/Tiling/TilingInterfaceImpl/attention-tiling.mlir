// RUN: attn-opt %s --transform-interpreter --split-input-file | FileCheck %s
// RUN: attn-opt %s --transform-interpreter --split-input-file --canonicalize --attn-lower-to-llvm | FileCheck %s --check-prefix=LLVM

// attn.attention implements TilingInterface: upstream's tile_using_for /
// tile_using_forall (scf::tileUsingSCF) tile (b, h, q) into smaller
// attn.attention ops on slices of Q, K and V, whose query_rows say which
// rows of the whole query each tile computes. The tiles are decomposed
// later, like any op (the LLVM run: nothing of the dialect is left).

// CHECK-LABEL: func.func @tile_for
// CHECK-SAME: (%[[Q:.*]]: tensor<2x4x128x16xf32>, %[[K:.*]]: tensor<2x4x256x16xf32>, %[[V:.*]]: tensor<2x4x256x16xf32>)
// CHECK: scf.for %[[B:.*]] = %{{.*}} to %{{.*}} step
// CHECK: scf.for %[[H:.*]] = %{{.*}} to %{{.*}} step
// CHECK: scf.for %[[R:.*]] = %{{.*}} to %{{.*}} step
// CHECK: %[[QT:.*]] = tensor.extract_slice %[[Q]][%[[B]], %[[H]], %[[R]], 0] [1, 2, 32, 16] [1, 1, 1, 1]
// CHECK: %[[KT:.*]] = tensor.extract_slice %[[K]][%[[B]], %[[H]], 0, 0] [1, 2, 256, 16] [1, 1, 1, 1]
// CHECK: %[[VT:.*]] = tensor.extract_slice %[[V]][%[[B]], %[[H]], 0, 0] [1, 2, 256, 16] [1, 1, 1, 1]
// CHECK: %[[SQ:.*]] = arith.constant 128 : index
// CHECK: %[[O:.*]] = attn.attention %[[QT]], %[[KT]], %[[VT]] query_rows(%[[R]], %[[SQ]]) : tensor<1x2x32x16xf32>, tensor<1x2x256x16xf32>, tensor<1x2x256x16xf32> -> tensor<1x2x32x16xf32>
// CHECK: tensor.insert_slice %[[O]]
// LLVM-NOT: {{ attn\.[a-z_]+ }}
// LLVM: llvm.func @tile_for
func.func @tile_for(%q: tensor<2x4x128x16xf32>, %k: tensor<2x4x256x16xf32>,
                    %v: tensor<2x4x256x16xf32>) -> tensor<2x4x128x16xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<2x4x128x16xf32>, tensor<2x4x256x16xf32>, tensor<2x4x256x16xf32>
      -> tensor<2x4x128x16xf32>
  return %o : tensor<2x4x128x16xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %a = transform.structured.match ops{["attn.attention"]} in %root : (!transform.any_op) -> !transform.any_op
    %t, %l:3 = transform.structured.tile_using_for %a tile_sizes [1, 2, 32, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// A forall with the mapping a target picks; causal with the lse: each tile
// keeps the pattern and computes its rows' lse.
// CHECK-LABEL: func.func @tile_forall_causal
// CHECK: scf.forall (%[[B:.*]], %[[H:.*]], %[[R:.*]]) in (1, 2, 3) shared_outs({{.*}}) -> (tensor<1x2x48x16xf32>, tensor<1x2x48xf32>) {
// CHECK: %[[ROW:.*]] = affine.apply {{.*}}(%[[R]])
// CHECK: attn.attention {{.*}} query_rows(%[[ROW]], %{{.*}}) {sparsity = #attn.causal, tiling = #attn.tiling<query = 16, key = 16>} : tensor<1x1x16x16xf32>, tensor<1x1x48x16xf32>, tensor<1x1x48x16xf32> -> tensor<1x1x16x16xf32>, tensor<1x1x16xf32>
// CHECK: mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]
// LLVM-NOT: {{ attn\.[a-z_]+ }}
// LLVM: llvm.func @tile_forall_causal
func.func @tile_forall_causal(%q: tensor<1x2x48x16xf32>, %k: tensor<1x2x48x16xf32>,
                              %v: tensor<1x2x48x16xf32>)
    -> (tensor<1x2x48x16xf32>, tensor<1x2x48xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal,
      tiling = #attn.tiling<query = 16, key = 16>}
      : tensor<1x2x48x16xf32>, tensor<1x2x48x16xf32>, tensor<1x2x48x16xf32>
      -> tensor<1x2x48x16xf32>, tensor<1x2x48xf32>
  return %o, %lse : tensor<1x2x48x16xf32>, tensor<1x2x48xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %a = transform.structured.match ops{["attn.attention"]} in %root : (!transform.any_op) -> !transform.any_op
    %t, %l = transform.structured.tile_using_forall %a tile_sizes [1, 1, 16, 0]
        (mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>])
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// GQA 8:2 (groups of 4 heads): a tile of 4 query heads (one group) reads
// K/V head h / 4; a tile of 2 heads (half a group) reads that group's head.
// CHECK-LABEL: func.func @gqa_group_tile
// CHECK: scf.for %[[H:.*]] = %{{.*}} to %{{.*}} step
// CHECK: %[[KH:.*]] = affine.apply {{.*}}(%[[H]])
// CHECK: tensor.extract_slice %{{.*}}[0, %[[KH]], 0, 0] [1, 1, 32, 16]
// CHECK: attn.attention {{.*}} : tensor<1x4x32x16xf32>, tensor<1x1x32x16xf32>, tensor<1x1x32x16xf32> -> tensor<1x4x32x16xf32>
func.func @gqa_group_tile(%q: tensor<1x8x32x16xf32>, %k: tensor<1x2x32x16xf32>,
                          %v: tensor<1x2x32x16xf32>) -> tensor<1x8x32x16xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x8x32x16xf32>, tensor<1x2x32x16xf32>, tensor<1x2x32x16xf32>
      -> tensor<1x8x32x16xf32>
  return %o : tensor<1x8x32x16xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %a = transform.structured.match ops{["attn.attention"]} in %root : (!transform.any_op) -> !transform.any_op
    %t, %l = transform.structured.tile_using_for %a tile_sizes [0, 4, 0, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// CHECK-LABEL: func.func @gqa_half_group
// CHECK: scf.for %[[H:.*]] = %{{.*}} to %{{.*}} step
// CHECK: %[[KH:.*]] = affine.apply {{.*}}(%[[H]])
// CHECK: tensor.extract_slice %{{.*}}[0, %[[KH]], 0, 0] [1, 1, 32, 16]
// CHECK: attn.attention {{.*}} : tensor<1x2x32x16xf32>, tensor<1x1x32x16xf32>, tensor<1x1x32x16xf32> -> tensor<1x2x32x16xf32>
// LLVM-NOT: {{ attn\.[a-z_]+ }}
// LLVM: llvm.func @gqa_half_group
func.func @gqa_half_group(%q: tensor<1x8x32x16xf32>, %k: tensor<1x2x32x16xf32>,
                          %v: tensor<1x2x32x16xf32>) -> tensor<1x8x32x16xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x8x32x16xf32>, tensor<1x2x32x16xf32>, tensor<1x2x32x16xf32>
      -> tensor<1x8x32x16xf32>
  return %o : tensor<1x8x32x16xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %a = transform.structured.match ops{["attn.attention"]} in %root : (!transform.any_op) -> !transform.any_op
    %t, %l = transform.structured.tile_using_for %a tile_sizes [0, 2, 0, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// bshd: slices [B, S, H, D]; the mask (rank 2: [Sq, Skv]) is sliced along
// its rows, the bias along its heads and rows (batch broadcast), the ALiBi
// slopes along the heads.
// CHECK-LABEL: func.func @bshd_operands
// CHECK-SAME: (%[[Q:.*]]: tensor<1x32x4x16xf32>, %[[K:.*]]: tensor<1x32x4x16xf32>, %[[M:.*]]: tensor<32x32xi1>, %[[BI:.*]]: tensor<1x4x32x32xf32>, %[[SL:.*]]: tensor<4xf32>)
// CHECK: scf.for %[[H:.*]] = %{{.*}} to %{{.*}} step
// CHECK: scf.for %[[R:.*]] = %{{.*}} to %{{.*}} step
// CHECK: %[[QT:.*]] = tensor.extract_slice %[[Q]][0, %[[R]], %[[H]], 0] [1, 8, 2, 16]
// CHECK: tensor.extract_slice %[[K]][0, 0, %[[H]], 0] [1, 32, 2, 16]
// CHECK: %[[MT:.*]] = tensor.extract_slice %[[M]][%[[R]], 0] [8, 32]
// CHECK: %[[BT:.*]] = tensor.extract_slice %[[BI]][0, %[[H]], %[[R]], 0] [1, 2, 8, 32]
// CHECK: %[[ST:.*]] = tensor.extract_slice %[[SL]][%[[H]]] [2]
// CHECK: attn.attention %[[QT]], {{.*}} mask(%[[MT]] : tensor<8x32xi1>) bias(%[[BT]] : tensor<1x2x8x32xf32>) alibi(%[[ST]] : tensor<2xf32>) query_rows(%[[R]], %{{.*}}) {layout = #attn.layout<bshd>, sparsity = #attn.causal} : tensor<1x8x2x16xf32>
// LLVM-NOT: {{ attn\.[a-z_]+ }}
// LLVM: llvm.func @bshd_operands
func.func @bshd_operands(%q: tensor<1x32x4x16xf32>, %k: tensor<1x32x4x16xf32>,
                         %m: tensor<32x32xi1>, %bias: tensor<1x4x32x32xf32>,
                         %sl: tensor<4xf32>) -> tensor<1x32x4x16xf32> {
  %o = attn.attention %q, %k, %k mask(%m : tensor<32x32xi1>)
      bias(%bias : tensor<1x4x32x32xf32>) alibi(%sl : tensor<4xf32>)
      {layout = #attn.layout<bshd>, sparsity = #attn.causal}
      : tensor<1x32x4x16xf32>, tensor<1x32x4x16xf32>, tensor<1x32x4x16xf32>
      -> tensor<1x32x4x16xf32>
  return %o : tensor<1x32x4x16xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %a = transform.structured.match ops{["attn.attention"]} in %root : (!transform.any_op) -> !transform.any_op
    %t, %l:2 = transform.structured.tile_using_for %a tile_sizes [0, 2, 8, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// Tiling a tile: the rows compose (start + tile offset), the total stays.
// CHECK-LABEL: func.func @retile_rows
// CHECK-SAME: %[[S:[^:]*]]: index
// CHECK: %[[T:.*]] = arith.constant 64 : index
// CHECK: scf.for %[[R:.*]] = %{{.*}} to %{{.*}} step
// CHECK: %[[ROW:.*]] = affine.apply {{.*}}(%[[R]])[%[[S]]]
// CHECK: attn.attention {{.*}} query_rows(%[[ROW]], %[[T]]) {sparsity = #attn.causal} : tensor<1x1x4x16xf32>
func.func @retile_rows(%q: tensor<1x1x16x16xf32>, %k: tensor<1x1x64x16xf32>,
                       %s: index) -> tensor<1x1x16x16xf32> {
  %t = arith.constant 64 : index
  %o = attn.attention %q, %k, %k query_rows(%s, %t) {sparsity = #attn.causal}
      : tensor<1x1x16x16xf32>, tensor<1x1x64x16xf32>, tensor<1x1x64x16xf32>
      -> tensor<1x1x16x16xf32>
  return %o : tensor<1x1x16x16xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %a = transform.structured.match ops{["attn.attention"]} in %root : (!transform.any_op) -> !transform.any_op
    %t, %l = transform.structured.tile_using_for %a tile_sizes [0, 0, 4, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// score_mod and mask_mod travel with each tile (the regions see absolute
// positions: query_rows gives the tile's rows); lowering inlines them into
// the steps.
// CHECK-LABEL: func.func @tile_mod_regions
// CHECK: scf.for %[[H:.*]] = %{{.*}} to %{{.*}} step
// CHECK: scf.for %[[R:.*]] = %{{.*}} to %{{.*}} step
// CHECK: attn.attention {{.*}} query_rows(%[[R]], %{{.*}}) score_mod {
// CHECK: math.tanh
// CHECK: } mask_mod {
// CHECK: arith.cmpi sle
// CHECK: : tensor<1x1x32x16xf32>
// LLVM-NOT: {{ attn\.[a-z_]+ }}
// LLVM: llvm.func @tile_mod_regions
func.func @tile_mod_regions(%q: tensor<1x2x64x16xf32>, %k: tensor<1x2x64x16xf32>,
                            %v: tensor<1x2x64x16xf32>) -> tensor<1x2x64x16xf32> {
  %o = attn.attention %q, %k, %v score_mod {
    ^bb0(%s: f32, %b: index, %h: index, %i: index, %j: index):
      %t = math.tanh %s : f32
      attn.yield %t : f32
  } mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c = arith.cmpi sle, %j, %i : index
      %c0 = arith.constant 0 : index
      %n = arith.cmpi ne, %h, %c0 : index
      %r = arith.ori %c, %n : i1
      attn.yield %r : i1
  } : tensor<1x2x64x16xf32>, tensor<1x2x64x16xf32>, tensor<1x2x64x16xf32>
      -> tensor<1x2x64x16xf32>
  return %o : tensor<1x2x64x16xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %a = transform.structured.match ops{["attn.attention"]} in %root : (!transform.any_op) -> !transform.any_op
    %t, %l:2 = transform.structured.tile_using_for %a tile_sizes [0, 1, 32, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}
