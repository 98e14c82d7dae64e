// RUN: attn-opt %s -split-input-file -verify-diagnostics \
// RUN:   --pass-pipeline='builtin.module(func.func(shard-partition))'

// Hand-written annotations (no sharding-propagation to fall back to
// replication) that attn.attention cannot partition: an error at the op.

shard.grid @g(shape = 2)
func.func @head_dim(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %s = shard.sharding @g split_axes = [[], [], [], [0]] : !shard.sharding
  %q1 = shard.shard %q to %s annotate_for_users : tensor<1x2x8x4xf32>
  %k1 = shard.shard %k to %s annotate_for_users : tensor<1x2x8x4xf32>
  %v1 = shard.shard %v to %s annotate_for_users : tensor<1x2x8x4xf32>
  // expected-error@+1 {{cannot split the head dim D over ranks}}
  %o = attn.attention %q1, %k1, %v1 : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>
  %o1 = shard.shard %o to %s : tensor<1x2x8x4xf32>
  return %o1 : tensor<1x2x8x4xf32>
}

// -----

shard.grid @g(shape = 2x2)
func.func @query_and_keys(%q: tensor<1x2x8x4xf32>, %k: tensor<1x2x8x4xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %sq = shard.sharding @g split_axes = [[], [], [0]] : !shard.sharding
  %skv = shard.sharding @g split_axes = [[], [], [1]] : !shard.sharding
  %q1 = shard.shard %q to %sq annotate_for_users : tensor<1x2x8x4xf32>
  %k1 = shard.shard %k to %skv annotate_for_users : tensor<1x2x8x4xf32>
  %v1 = shard.shard %v to %skv annotate_for_users : tensor<1x2x8x4xf32>
  // expected-error@+1 {{can split the query and the key/value sequence axes together only over the same single grid axis (a ring)}}
  %o = attn.attention %q1, %k1, %v1 : tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>
  %o1 = shard.shard %o to %sq : tensor<1x2x8x4xf32>
  return %o1 : tensor<1x2x8x4xf32>
}
