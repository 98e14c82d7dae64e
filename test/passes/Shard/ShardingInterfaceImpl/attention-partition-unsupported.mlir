// RUN: attn-opt %s -split-input-file -verify-diagnostics \
// RUN:   --pass-pipeline='builtin.module(func.func(sharding-propagation,shard-partition))' \
// RUN:   | FileCheck %s

// Shardings attn.attention cannot partition (passes/Shard): propagation
// warns and replicates the axis instead, so the partition gathers that
// operand and the result stays correct.

shard.grid @g(shape = 2)
// CHECK-LABEL: func.func @head_dim
// CHECK: shard.all_gather %{{.*}} on @g grid_axes = [0] gather_axis = 3 : tensor<1x2x8x2xf32> -> tensor<1x2x8x4xf32>
// CHECK: attn.attention {{.*}} : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>
func.func @head_dim(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %s = shard.sharding @g split_axes = [[], [], [], [0]] : !shard.sharding
  %q1 = shard.shard %q to %s : tensor<1x2x8x4xf32>
  // expected-warning@+1 {{cannot split the head dim D over ranks: it is contracted inside the softmax}}
  %o = attn.attention %q1, %k, %v : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

shard.grid @g(shape = 2)
// One K/V head cannot be split: its GQA group of 4 query heads must stay on
// one rank, so the query heads are gathered.
// CHECK-LABEL: func.func @gqa_group
// CHECK: shard.all_gather %{{.*}} gather_axis = 1 : tensor<1x2x8x4xf32> -> tensor<1x4x8x4xf32>
func.func @gqa_group(%q: tensor<1x4x8x4xf32>, %k: tensor<1x1x8x4xf32>, %v: tensor<1x1x8x4xf32>) -> tensor<1x4x8x4xf32> {
  %s = shard.sharding @g split_axes = [[], [0]] : !shard.sharding
  %q1 = shard.shard %q to %s : tensor<1x4x8x4xf32>
  // expected-warning@+1 {{cannot split 1 key/value heads over 2 ranks: each rank must hold whole GQA groups}}
  %o = attn.attention %q1, %k, %v : tensor<1x4x8x4xf32>, tensor<1x1x8x4xf32>, tensor<1x1x8x4xf32> -> tensor<1x4x8x4xf32>
  return %o : tensor<1x4x8x4xf32>
}

// -----

shard.grid @g(shape = 2)
// Operands beyond Q, K, V (here a mask): the op stays whole on every rank.
// CHECK-LABEL: func.func @with_mask
// CHECK: shard.all_gather %{{.*}} gather_axis = 1 : tensor<1x1x8x4xf32> -> tensor<1x2x8x4xf32>
// CHECK: attn.attention {{.*}} mask(%{{.*}} : tensor<1x1x8x8xi1>) : tensor<1x2x8x4xf32>
func.func @with_mask(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>, %m: tensor<1x1x8x8xi1>) -> tensor<1x2x8x4xf32> {
  %s = shard.sharding @g split_axes = [[], [0]] : !shard.sharding
  %q1 = shard.shard %q to %s : tensor<1x2x8x4xf32>
  // expected-warning@+1 {{replicated: only query, key and value operands can be sharded}}
  %o = attn.attention %q1, %k, %v mask(%m : tensor<1x1x8x8xi1>) : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}

// -----

shard.grid @g(shape = 2)
// Nothing sharded: an op with a mask passes through untouched, silently.
// CHECK-LABEL: func.func @unsharded_mask
// CHECK-NOT: shard.all
// CHECK: attn.attention {{.*}} mask(
func.func @unsharded_mask(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>, %m: tensor<1x1x8x8xi1>) -> tensor<1x2x8x4xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<1x1x8x8xi1>) : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>
  return %o : tensor<1x2x8x4xf32>
}
