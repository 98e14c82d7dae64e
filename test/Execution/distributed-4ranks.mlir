// REQUIRES: mpi
// The launcher runs the JIT through libAttnCAPI.so, which the sanitizer
// build (scripts/gcc-sanitize.sh) does not make.
// UNSUPPORTED: asan
// RUN: %mpirun -n 4 %attn_mpi_run %s --workdir=%t | FileCheck %s

// attn.attention over 4 MPI ranks (oversubscribed on small machines); as
// distributed-2ranks.mlir.

shard.grid @world(shape = 4)

// GQA (8 query heads on 4 K/V heads), heads split: 2 query heads and their
// K/V head per rank.
// CHECK: gqa_heads: result #0 (split on axis 1): {{.*}}, 0 mismatches
// CHECK: gqa_heads: 4 ranks, PASSED
func.func @gqa_heads(%q: tensor<1x8x16x8xf32>, %k: tensor<1x4x16x8xf32>, %v: tensor<1x4x16x8xf32>) -> tensor<1x8x16x8xf32> {
  %s = shard.sharding @world split_axes = [[], [0]] : !shard.sharding
  %q1 = shard.shard %q to %s : tensor<1x8x16x8xf32>
  %o = attn.attention %q1, %k, %v : tensor<1x8x16x8xf32>, tensor<1x4x16x8xf32>, tensor<1x4x16x8xf32> -> tensor<1x8x16x8xf32>
  %o1 = shard.shard %o to %s annotate_for_users : tensor<1x8x16x8xf32>
  return %o1 : tensor<1x8x16x8xf32>
}

// Keys split over 4 ranks, causal, with the LSE output: ranks whose keys all
// lie above a row's diagonal contribute weight 0 to it.
// CHECK: causal_keys_lse: result #0 (replicated, checked on every rank): {{.*}}, 0 mismatches
// CHECK: causal_keys_lse: result #1 (replicated, checked on every rank): {{.*}}, 0 mismatches
// CHECK: causal_keys_lse: 4 ranks, PASSED
func.func @causal_keys_lse(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>, %v: tensor<1x2x16x8xf32>) -> (tensor<1x2x16x8xf32>, tensor<1x2x16xf32>) {
  %s = shard.sharding @world split_axes = [[], [], [0]] : !shard.sharding
  %k1 = shard.shard %k to %s : tensor<1x2x16x8xf32>
  %v1 = shard.shard %v to %s : tensor<1x2x16x8xf32>
  %o, %l = attn.attention %q, %k1, %v1 {sparsity = #attn.causal} : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32> -> tensor<1x2x16x8xf32>, tensor<1x2x16xf32>
  return %o, %l : tensor<1x2x16x8xf32>, tensor<1x2x16xf32>
}

// Query rows split with a sliding window.
// CHECK: window_queries: result #0 (split on axis 2): {{.*}}, 0 mismatches
// CHECK: window_queries: 4 ranks, PASSED
func.func @window_queries(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>, %v: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  %s = shard.sharding @world split_axes = [[], [], [0]] : !shard.sharding
  %q1 = shard.shard %q to %s : tensor<1x2x16x8xf32>
  %o = attn.attention %q1, %k, %v {sparsity = #attn.sliding_window<left = 3, right = 1>} : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32> -> tensor<1x2x16x8xf32>
  %o1 = shard.shard %o to %s annotate_for_users : tensor<1x2x16x8xf32>
  return %o1 : tensor<1x2x16x8xf32>
}

// Ring attention: query rows and keys split the same way, K/V blocks
// rotating around the ranks (shard.shift lowered by attn-shard-shift-to-mpi),
// causal, with the LSE output split like the rows.
// CHECK: ring_causal_lse: result #0 (split on axis 2): {{.*}}, 0 mismatches
// CHECK: ring_causal_lse: result #1 (split on axis 2): {{.*}}, 0 mismatches
// CHECK: ring_causal_lse: 4 ranks, PASSED
func.func @ring_causal_lse(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>, %v: tensor<1x2x16x8xf32>) -> (tensor<1x2x16x8xf32>, tensor<1x2x16xf32>) {
  %s = shard.sharding @world split_axes = [[], [], [0]] : !shard.sharding
  %q1 = shard.shard %q to %s : tensor<1x2x16x8xf32>
  %k1 = shard.shard %k to %s : tensor<1x2x16x8xf32>
  %v1 = shard.shard %v to %s : tensor<1x2x16x8xf32>
  %o, %l = attn.attention %q1, %k1, %v1 {sparsity = #attn.causal} : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32> -> tensor<1x2x16x8xf32>, tensor<1x2x16xf32>
  %o1 = shard.shard %o to %s annotate_for_users : tensor<1x2x16x8xf32>
  %l1 = shard.shard %l to %s annotate_for_users : tensor<1x2x16xf32>
  return %o1, %l1 : tensor<1x2x16x8xf32>, tensor<1x2x16xf32>
}

// A dense ring with GQA heads (4 query heads on 2 K/V heads).
// CHECK: ring_gqa: result #0 (split on axis 2): {{.*}}, 0 mismatches
// CHECK: ring_gqa: 4 ranks, PASSED
func.func @ring_gqa(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>, %v: tensor<1x2x16x8xf32>) -> tensor<1x4x16x8xf32> {
  %s = shard.sharding @world split_axes = [[], [], [0]] : !shard.sharding
  %q1 = shard.shard %q to %s : tensor<1x4x16x8xf32>
  %k1 = shard.shard %k to %s : tensor<1x2x16x8xf32>
  %v1 = shard.shard %v to %s : tensor<1x2x16x8xf32>
  %o = attn.attention %q1, %k1, %v1 : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32> -> tensor<1x4x16x8xf32>
  %o1 = shard.shard %o to %s annotate_for_users : tensor<1x4x16x8xf32>
  return %o1 : tensor<1x4x16x8xf32>
}
