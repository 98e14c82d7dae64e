// RUN: attn-opt %s --transform-interpreter --split-input-file | FileCheck %s
// RUN: attn-opt %s --transform-interpreter --split-input-file --canonicalize --attn-lower-to-llvm | FileCheck %s --check-prefix=LLVM

// attn.attention's tiles compose with upstream tile-and-fuse: a producer of
// Q (a linalg op) is fused into the attention's tile loops
// (transform.structured.fuse: scf::tileConsumerAndFuseProducersUsingSCF),
// and the attention is fused as a producer into a consumer's loop
// (fuse_into_containing_op: generateResultTileValue).

#map = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// The producer computes only the Q tile that each attention tile reads.
// CHECK-LABEL: func.func @fuse_q_producer
// CHECK: scf.for %[[H:.*]] = %{{.*}} to %{{.*}} step
// CHECK: scf.for %[[R:.*]] = %{{.*}} to %{{.*}} step
// CHECK: %[[X:.*]] = tensor.extract_slice %{{.*}}[0, %[[H]], %[[R]], 0] [1, 2, 16, 16]
// CHECK: %[[QT:.*]] = linalg.generic {{.*}} ins(%[[X]] : tensor<1x2x16x16xf32>)
// CHECK: attn.attention %[[QT]], {{.*}} query_rows(%[[R]], %{{.*}}) {sparsity = #attn.causal} : tensor<1x2x16x16xf32>
// CHECK-NOT: linalg.generic
// CHECK: return
// LLVM-NOT: {{ attn\.[a-z_]+ }}
// LLVM: llvm.func @fuse_q_producer
func.func @fuse_q_producer(%x: tensor<1x4x32x16xf32>, %k: tensor<1x4x32x16xf32>)
    -> tensor<1x4x32x16xf32> {
  %e = tensor.empty() : tensor<1x4x32x16xf32>
  %q = linalg.generic {indexing_maps = [#map, #map],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x : tensor<1x4x32x16xf32>) outs(%e : tensor<1x4x32x16xf32>) {
  ^bb0(%a: f32, %o: f32):
    %c = arith.constant 2.0 : f32
    %m = arith.mulf %a, %c : f32
    linalg.yield %m : f32
  } -> tensor<1x4x32x16xf32>
  %o = attn.attention %q, %k, %k {sparsity = #attn.causal}
      : tensor<1x4x32x16xf32>, tensor<1x4x32x16xf32>, tensor<1x4x32x16xf32>
      -> tensor<1x4x32x16xf32>
  return %o : tensor<1x4x32x16xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %a = transform.structured.match ops{["attn.attention"]} in %root : (!transform.any_op) -> !transform.any_op
    %t, %l:2 = transform.structured.fuse %a tile_sizes [0, 2, 16, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

#map = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>

// A consumer tiled by rows pulls in the attention tile of those rows.
// CHECK-LABEL: func.func @fuse_into_consumer
// CHECK: scf.forall (%[[H:.*]], %[[R:.*]]) in (4, 4)
// CHECK: %[[ROW:.*]] = affine.apply {{.*}}(%[[R]])
// CHECK: %[[O:.*]] = attn.attention {{.*}} query_rows(%[[ROW]], %{{.*}}) : tensor<1x1x8x16xf32>, tensor<1x1x32x16xf32>, tensor<1x1x32x16xf32> -> tensor<1x1x8x16xf32>
// CHECK: linalg.generic {{.*}} ins(%[[O]] : tensor<1x1x8x16xf32>)
// LLVM-NOT: {{ attn\.[a-z_]+ }}
// LLVM: llvm.func @fuse_into_consumer
func.func @fuse_into_consumer(%q: tensor<1x4x32x16xf32>, %k: tensor<1x4x32x16xf32>)
    -> tensor<1x4x32x16xf32> {
  %o = attn.attention %q, %k, %k
      : tensor<1x4x32x16xf32>, tensor<1x4x32x16xf32>, tensor<1x4x32x16xf32>
      -> tensor<1x4x32x16xf32>
  %e = tensor.empty() : tensor<1x4x32x16xf32>
  %r = linalg.generic {indexing_maps = [#map, #map],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%o : tensor<1x4x32x16xf32>) outs(%e : tensor<1x4x32x16xf32>) {
  ^bb0(%a: f32, %b: f32):
    %m = arith.mulf %a, %a : f32
    linalg.yield %m : f32
  } -> tensor<1x4x32x16xf32>
  return %r : tensor<1x4x32x16xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %g = transform.structured.match ops{["linalg.generic"]} in %root : (!transform.any_op) -> !transform.any_op
    %a = transform.structured.match ops{["attn.attention"]} in %root : (!transform.any_op) -> !transform.any_op
    %t, %forall = transform.structured.tile_using_forall %g tile_sizes [0, 1, 8, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %f, %loop = transform.structured.fuse_into_containing_op %a into %forall
        : (!transform.any_op, !transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}
