// RUN: attn-opt %s --transform-interpreter --split-input-file | FileCheck %s
// RUN: attn-opt %s --transform-interpreter --split-input-file --canonicalize --attn-lower-to-llvm | FileCheck %s --check-prefix=LLVM

// attn.attention implements TilingInterface: upstream's tile_using_for /
// tile_using_forall (scf::tileUsingSCF) tile (b, h, q); each tile is the
// fused query-tile body, key-tile loops of attn.online_attention steps.

// CHECK-LABEL: func.func @tile_for
// CHECK: scf.for %[[B:.*]] = %{{.*}} to %{{.*}} step
// CHECK: scf.for %[[H:.*]] = %{{.*}} to %{{.*}} step
// CHECK: scf.for %[[Q:.*]] = %{{.*}} to %{{.*}} step
// CHECK-NOT: attn.attention
// CHECK: scf.for {{.*}} -> (tensor<32xf32>, tensor<32xf32>, tensor<32x16xf32>) {
// CHECK: attn.online_attention ins({{.*}} : tensor<32x16xf32>, tensor<64x16xf32>, tensor<64x16xf32>)
// CHECK: tensor.insert_slice
// LLVM-NOT: attn.
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
    %t, %l:3 = transform.structured.tile_using_for %a tile_sizes [1, 1, 32, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// A forall with the mapping a target picks; causal: the step loops of a
// query tile stop at its diagonal and only boundary tiles carry a region.
// CHECK-LABEL: func.func @tile_forall_causal
// CHECK: scf.forall ({{.*}}) in (1, 2, 3) shared_outs({{.*}}) -> (tensor<1x2x48x16xf32>, tensor<1x2x48xf32>) {
// CHECK: attn.online_attention {{.*}} score {
// CHECK: attn.online_attention
// CHECK-NOT: score {
// CHECK-SAME: : tensor<16xf32>, tensor<16xf32>, tensor<16x16xf32>
// CHECK: mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]
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

// score_mod and mask_mod: each tile's steps inline them with the tile's
// batch and head and the absolute positions.
// CHECK-LABEL: func.func @tile_mod_regions
// CHECK: scf.for %[[B:.*]] = %{{.*}} to %{{.*}} step
// CHECK: scf.for %[[H:.*]] = %{{.*}} to %{{.*}} step
// CHECK-NOT: attn.attention
// CHECK: attn.online_attention {{.*}} score {
// CHECK: math.tanh
// CHECK: arith.cmpi sle
// CHECK: arith.cmpi ne, %[[H]]
// CHECK: attn.yield
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
    %t, %l:3 = transform.structured.tile_using_for %a tile_sizes [1, 1, 32, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}
