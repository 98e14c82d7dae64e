// RUN: attn-opt %s -split-input-file -verify-diagnostics --attn-strip-sharding | FileCheck %s

// --attn-strip-sharding: the whole-tensor program of an annotated function
// (what attn-mpi-run hands the float64 reference).
// CHECK-NOT: shard.
// CHECK-LABEL: func.func @annotated(
// CHECK-SAME: %[[Q:.*]]: tensor<1x2x8x4xf32>, %[[K:.*]]: tensor<1x2x8x4xf32>, %[[V:.*]]: tensor<1x2x8x4xf32>)
// CHECK-NEXT: %[[O:.*]] = attn.attention %[[Q]], %[[K]], %[[V]] :
// CHECK-NEXT: return %[[O]]
shard.grid @g(shape = 2)
func.func @annotated(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %s = shard.sharding @g split_axes = [[], [], [0]] : !shard.sharding
  %k1 = shard.shard %k to %s : tensor<1x2x8x4xf32>
  %o = attn.attention %q, %k1, %v : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>
  %o1 = shard.shard %o to %s annotate_for_users : tensor<1x2x8x4xf32>
  return %o1 : tensor<1x2x8x4xf32>
}

// -----

shard.grid @g(shape = 2)
func.func @partitioned(%x: tensor<2xf32>) -> tensor<2xf32> {
  // expected-error@+1 {{is not a sharding annotation: the function is already partitioned}}
  %r = shard.all_reduce %x on @g grid_axes = [0] : tensor<2xf32> -> tensor<2xf32>
  return %r : tensor<2xf32>
}
