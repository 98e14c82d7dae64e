// REQUIRES: mpi
// The launcher runs the JIT through libAttnCAPI.so, which the sanitizer
// build (scripts/gcc-sanitize.sh) does not make.
// UNSUPPORTED: asan
// RUN: %mpirun -n 2 %attn_mpi_run %s --workdir=%t | FileCheck %s

// attn.attention partitioned over 2 MPI ranks (passes/Shard, docs/
// distributed.md), lowered through convert-shard-to-mpi and the CPU
// pipeline, each rank running its block; tools/attn-mpi-run assembles the
// results and checks them against the float64 reference of the whole
// problem. Split results are checked once, replicated ones on every rank.

shard.grid @world(shape = 2)

// Heads split, no communication.
// CHECK: dense_heads: result #0 (split on axis 1): {{.*}}, 0 mismatches
// CHECK: dense_heads: 2 ranks, PASSED
func.func @dense_heads(%q: tensor<1x4x16x8xf32>, %k: tensor<1x4x16x8xf32>, %v: tensor<1x4x16x8xf32>) -> tensor<1x4x16x8xf32> {
  %s = shard.sharding @world split_axes = [[], [0]] : !shard.sharding
  %q1 = shard.shard %q to %s : tensor<1x4x16x8xf32>
  %k1 = shard.shard %k to %s : tensor<1x4x16x8xf32>
  %v1 = shard.shard %v to %s : tensor<1x4x16x8xf32>
  %o = attn.attention %q1, %k1, %v1 : tensor<1x4x16x8xf32>, tensor<1x4x16x8xf32>, tensor<1x4x16x8xf32> -> tensor<1x4x16x8xf32>
  %o1 = shard.shard %o to %s annotate_for_users : tensor<1x4x16x8xf32>
  return %o1 : tensor<1x4x16x8xf32>
}

// GQA (8 query heads on 2 K/V heads), causal, heads split: each rank holds
// one K/V head and the 4 query heads that read it.
// CHECK: gqa_heads: result #0 (split on axis 1): {{.*}}, 0 mismatches
// CHECK: gqa_heads: 2 ranks, PASSED
func.func @gqa_heads(%q: tensor<2x8x16x8xf32>, %k: tensor<2x2x16x8xf32>, %v: tensor<2x2x16x8xf32>) -> tensor<2x8x16x8xf32> {
  %s = shard.sharding @world split_axes = [[], [0]] : !shard.sharding
  %q1 = shard.shard %q to %s : tensor<2x8x16x8xf32>
  %k1 = shard.shard %k to %s : tensor<2x2x16x8xf32>
  %v1 = shard.shard %v to %s : tensor<2x2x16x8xf32>
  %o = attn.attention %q1, %k1, %v1 {sparsity = #attn.causal} : tensor<2x8x16x8xf32>, tensor<2x2x16x8xf32>, tensor<2x2x16x8xf32> -> tensor<2x8x16x8xf32>
  %o1 = shard.shard %o to %s annotate_for_users : tensor<2x8x16x8xf32>
  return %o1 : tensor<2x8x16x8xf32>
}

// Keys split, causal (bottom-right: Sq = 16 > Skv = 8 leaves rows 0..7
// without a visible key: O = 0, lse = -inf), with the LSE output: the
// partial results merged across the ranks by their log-sum-exp.
// CHECK: causal_keys_lse: result #0 (replicated, checked on every rank): {{.*}}, 0 mismatches
// CHECK: causal_keys_lse: result #1 (replicated, checked on every rank): {{.*}}, 0 mismatches
// CHECK: causal_keys_lse: 2 ranks, PASSED
func.func @causal_keys_lse(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x8x8xf32>, %v: tensor<1x2x8x8xf32>) -> (tensor<1x2x16x8xf32>, tensor<1x2x16xf32>) {
  %s = shard.sharding @world split_axes = [[], [], [0]] : !shard.sharding
  %k1 = shard.shard %k to %s : tensor<1x2x8x8xf32>
  %v1 = shard.shard %v to %s : tensor<1x2x8x8xf32>
  %o, %l = attn.attention %q, %k1, %v1 {sparsity = #attn.causal} : tensor<1x2x16x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32> -> tensor<1x2x16x8xf32>, tensor<1x2x16xf32>
  return %o, %l : tensor<1x2x16x8xf32>, tensor<1x2x16xf32>
}

// Query rows split with a sliding window, K/V whole on every rank.
// CHECK: window_queries: result #0 (split on axis 2): {{.*}}, 0 mismatches
// CHECK: window_queries: 2 ranks, PASSED
func.func @window_queries(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>, %v: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  %s = shard.sharding @world split_axes = [[], [], [0]] : !shard.sharding
  %q1 = shard.shard %q to %s : tensor<1x2x16x8xf32>
  %o = attn.attention %q1, %k, %v {sparsity = #attn.sliding_window<left = 5, right = 0>} : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32> -> tensor<1x2x16x8xf32>
  %o1 = shard.shard %o to %s annotate_for_users : tensor<1x2x16x8xf32>
  return %o1 : tensor<1x2x16x8xf32>
}

// Keys split with a sliding window in the bshd layout.
// CHECK: window_keys_bshd: result #0 (replicated, checked on every rank): {{.*}}, 0 mismatches
// CHECK: window_keys_bshd: 2 ranks, PASSED
func.func @window_keys_bshd(%q: tensor<1x16x2x8xf32>, %k: tensor<1x16x2x8xf32>, %v: tensor<1x16x2x8xf32>) -> tensor<1x16x2x8xf32> {
  %s = shard.sharding @world split_axes = [[], [0]] : !shard.sharding
  %k1 = shard.shard %k to %s : tensor<1x16x2x8xf32>
  %v1 = shard.shard %v to %s : tensor<1x16x2x8xf32>
  %o = attn.attention %q, %k1, %v1 {sparsity = #attn.sliding_window<left = 3, right = 2>, layout = #attn.layout<bshd>} : tensor<1x16x2x8xf32>, tensor<1x16x2x8xf32>, tensor<1x16x2x8xf32> -> tensor<1x16x2x8xf32>
  return %o : tensor<1x16x2x8xf32>
}

// Ring attention: query rows and keys split the same way, K/V blocks
// rotating around the ranks (shard.shift lowered by attn-shard-shift-to-mpi),
// causal, with the LSE output split like the rows.
// CHECK: ring_causal_lse: result #0 (split on axis 2): {{.*}}, 0 mismatches
// CHECK: ring_causal_lse: result #1 (split on axis 2): {{.*}}, 0 mismatches
// CHECK: ring_causal_lse: 2 ranks, PASSED
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
// CHECK: ring_gqa: 2 ranks, PASSED
func.func @ring_gqa(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>, %v: tensor<1x2x16x8xf32>) -> tensor<1x4x16x8xf32> {
  %s = shard.sharding @world split_axes = [[], [], [0]] : !shard.sharding
  %q1 = shard.shard %q to %s : tensor<1x4x16x8xf32>
  %k1 = shard.shard %k to %s : tensor<1x2x16x8xf32>
  %v1 = shard.shard %v to %s : tensor<1x2x16x8xf32>
  %o = attn.attention %q1, %k1, %v1 : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32> -> tensor<1x4x16x8xf32>
  %o1 = shard.shard %o to %s annotate_for_users : tensor<1x4x16x8xf32>
  return %o1 : tensor<1x4x16x8xf32>
}
