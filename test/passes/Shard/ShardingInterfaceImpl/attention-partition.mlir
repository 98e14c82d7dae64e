// RUN: attn-opt %s --pass-pipeline='builtin.module(func.func(sharding-propagation,shard-partition))' \
// RUN:   --mlir-print-local-scope | FileCheck %s

// attn.attention's ShardingInterface (passes/Shard): which axes partition
// locally, which collectives a key split adds, and that nothing is gathered.

shard.grid @g2(shape = 2)
shard.grid @g22(shape = 2x2)

// Heads split: GQA groups stay on one rank (8 query heads read 2 K/V heads;
// each rank holds 4 query heads and the 1 K/V head they read), the pattern
// is untouched (rows and keys keep their positions), no communication.
// CHECK-LABEL: func.func @heads_gqa(
// CHECK-SAME: tensor<2x4x16x8xf32>, %{{.*}}: tensor<2x1x16x8xf32>, %{{.*}}: tensor<2x1x16x8xf32>) -> tensor<2x4x16x8xf32>
// CHECK-NOT: shard.
// CHECK: attn.attention %{{.*}} {sparsity = #attn.causal} : tensor<2x4x16x8xf32>, tensor<2x1x16x8xf32>, tensor<2x1x16x8xf32> -> tensor<2x4x16x8xf32>
// CHECK-NOT: shard.
// CHECK: return
func.func @heads_gqa(%q: tensor<2x8x16x8xf32>, %k: tensor<2x2x16x8xf32>, %v: tensor<2x2x16x8xf32>) -> tensor<2x8x16x8xf32> {
  %s = shard.sharding @g2 split_axes = [[], [0]] : !shard.sharding
  %q1 = shard.shard %q to %s : tensor<2x8x16x8xf32>
  %k1 = shard.shard %k to %s : tensor<2x2x16x8xf32>
  %v1 = shard.shard %v to %s : tensor<2x2x16x8xf32>
  %o = attn.attention %q1, %k1, %v1 {sparsity = #attn.causal} : tensor<2x8x16x8xf32>, tensor<2x2x16x8xf32>, tensor<2x2x16x8xf32> -> tensor<2x8x16x8xf32>
  %o1 = shard.shard %o to %s annotate_for_users : tensor<2x8x16x8xf32>
  return %o1 : tensor<2x8x16x8xf32>
}

// Batch on one grid axis and heads on the other: both local, and
// propagation shards K and V from Q's annotation alone.
// CHECK-LABEL: func.func @batch_heads_2d(
// CHECK-SAME: tensor<1x2x16x8xf32>, %{{.*}}: tensor<1x2x16x8xf32>, %{{.*}}: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32>
// CHECK-NOT: shard.
// CHECK: attn.attention {{.*}} : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32> -> tensor<1x2x16x8xf32>
// CHECK-NOT: shard.
// CHECK: return
func.func @batch_heads_2d(%q: tensor<2x4x16x8xf32>, %k: tensor<2x4x16x8xf32>, %v: tensor<2x4x16x8xf32>) -> tensor<2x4x16x8xf32> {
  %s = shard.sharding @g22 split_axes = [[0], [1]] : !shard.sharding
  %q1 = shard.shard %q to %s : tensor<2x4x16x8xf32>
  %o = attn.attention %q1, %k, %v : tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32>, tensor<2x4x16x8xf32> -> tensor<2x4x16x8xf32>
  %o1 = shard.shard %o to %s annotate_for_users : tensor<2x4x16x8xf32>
  return %o1 : tensor<2x4x16x8xf32>
}

// Query rows split, K/V replicated: local, but the causal diagonal of the
// whole problem becomes this rank's block of it, an explicit mask whose
// rows start at rank * 8.
// CHECK-LABEL: func.func @query_causal(
// CHECK-SAME: %[[Q:.*]]: tensor<1x2x8x8xf32>, %[[K:.*]]: tensor<1x2x16x8xf32>, %[[V:.*]]: tensor<1x2x16x8xf32>) -> tensor<1x2x8x8xf32>
// CHECK-NOT: shard.all
// CHECK: %[[R:.*]] = shard.process_multi_index on @g2 axes = [0]
// CHECK: %[[ROW0:.*]] = arith.muli %[[R]], %{{.*}} : index
// CHECK: %[[MASK:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1x8x16xi1>)
// CHECK: %[[I:.*]] = linalg.index 2
// CHECK: arith.addi %[[I]], %[[ROW0]]
// CHECK: arith.cmpi sle
// CHECK: attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[MASK]] : tensor<1x1x8x16xi1>) : tensor<1x2x8x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32> -> tensor<1x2x8x8xf32>
// CHECK-NOT: shard.all
// CHECK: return
func.func @query_causal(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>, %v: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  %s = shard.sharding @g2 split_axes = [[], [], [0]] : !shard.sharding
  %q1 = shard.shard %q to %s : tensor<1x2x16x8xf32>
  %o = attn.attention %q1, %k, %v {sparsity = #attn.causal} : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32> -> tensor<1x2x16x8xf32>
  %o1 = shard.shard %o to %s annotate_for_users : tensor<1x2x16x8xf32>
  return %o1 : tensor<1x2x16x8xf32>
}

// Keys split: the local op also returns its LSE; the ranks agree on the
// max LSE, then sum the rescaled outputs and weights. Three all-reduces,
// of [B, Hq, Sq] (max), [B, Hq, Sq, Dv] and [B, Hq, Sq] (sums); nothing
// gathered, K and V never leave their rank.
// CHECK-LABEL: func.func @keys_lse(
// CHECK-SAME: %[[Q:.*]]: tensor<1x2x4x8xf32>, %[[K:.*]]: tensor<1x2x8x8xf32>, %[[V:.*]]: tensor<1x2x8x8xf32>) -> (tensor<1x2x4x8xf32>, tensor<1x2x4xf32>)
// CHECK-NOT: shard.all_gather
// CHECK: %[[O:.*]], %[[L:.*]] = attn.attention %[[Q]], %[[K]], %[[V]] : tensor<1x2x4x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32> -> tensor<1x2x4x8xf32>, tensor<1x2x4xf32>
// CHECK: %[[M:.*]] = shard.all_reduce %[[L]] on @g2 grid_axes = [0] reduction = max : tensor<1x2x4xf32> -> tensor<1x2x4xf32>
// CHECK: %[[W:.*]] = linalg.generic {{.*}} ins(%[[L]], %[[M]] :
// CHECK: math.exp
// CHECK: %[[WO:.*]] = linalg.generic {{.*}} ins(%[[O]], %[[W]] :
// CHECK: %[[NUM:.*]] = shard.all_reduce %[[WO]] on @g2 grid_axes = [0] : tensor<1x2x4x8xf32> -> tensor<1x2x4x8xf32>
// CHECK: %[[DEN:.*]] = shard.all_reduce %[[W]] on @g2 grid_axes = [0] : tensor<1x2x4xf32> -> tensor<1x2x4xf32>
// CHECK: %[[OUT:.*]] = linalg.generic {{.*}} ins(%[[NUM]], %[[DEN]] :
// CHECK: arith.divf
// CHECK: %[[LSE:.*]] = linalg.generic {{.*}} ins(%[[M]], %[[DEN]] :
// CHECK: math.log
// CHECK-NOT: shard.all_gather
// CHECK: return %[[OUT]], %[[LSE]]
func.func @keys_lse(%q: tensor<1x2x4x8xf32>, %k: tensor<1x2x16x8xf32>, %v: tensor<1x2x16x8xf32>) -> (tensor<1x2x4x8xf32>, tensor<1x2x4xf32>) {
  %s = shard.sharding @g2 split_axes = [[], [], [0]] : !shard.sharding
  %k1 = shard.shard %k to %s : tensor<1x2x16x8xf32>
  %v1 = shard.shard %v to %s : tensor<1x2x16x8xf32>
  %o, %l = attn.attention %q, %k1, %v1 : tensor<1x2x4x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32> -> tensor<1x2x4x8xf32>, tensor<1x2x4xf32>
  return %o, %l : tensor<1x2x4x8xf32>, tensor<1x2x4xf32>
}

// Keys split with a sliding window in the bshd layout: the window of this
// rank's keys (starting at rank * 8) as a mask; the LSE the merge needs is
// added to the local op although the original has none; the bf16 output is
// merged in f32 and truncated once.
// CHECK-LABEL: func.func @keys_window_bshd(
// CHECK-SAME: -> tensor<1x4x2x8xbf16>
// CHECK: %[[R:.*]] = shard.process_multi_index on @g2 axes = [0]
// CHECK: %[[KEY0:.*]] = arith.muli %[[R]], %{{.*}} : index
// CHECK: %[[MASK:.*]] = linalg.generic {{.*}} outs(%{{.*}} : tensor<1x1x4x8xi1>)
// CHECK: %[[J:.*]] = linalg.index 3
// CHECK: arith.addi %[[J]], %[[KEY0]]
// CHECK: %{{.*}}, %[[L:.*]] = attn.attention {{.*}} mask(%[[MASK]] : tensor<1x1x4x8xi1>) {layout = #attn.layout<bshd>} : tensor<1x4x2x8xbf16>, tensor<1x8x2x8xbf16>, tensor<1x8x2x8xbf16> -> tensor<1x4x2x8xbf16>, tensor<1x2x4xf32>
// CHECK: shard.all_reduce %[[L]] on @g2 grid_axes = [0] reduction = max
// CHECK: arith.extf
// CHECK: shard.all_reduce %{{.*}} on @g2 grid_axes = [0] : tensor<1x4x2x8xf32>
// CHECK: shard.all_reduce %{{.*}} on @g2 grid_axes = [0] : tensor<1x2x4xf32>
// CHECK: arith.truncf
// CHECK-NOT: shard.all_gather
// CHECK: return
func.func @keys_window_bshd(%q: tensor<1x4x2x8xbf16>, %k: tensor<1x16x2x8xbf16>, %v: tensor<1x16x2x8xbf16>) -> tensor<1x4x2x8xbf16> {
  %s = shard.sharding @g2 split_axes = [[], [0]] : !shard.sharding
  %k1 = shard.shard %k to %s : tensor<1x16x2x8xbf16>
  %v1 = shard.shard %v to %s : tensor<1x16x2x8xbf16>
  %o = attn.attention %q, %k1, %v1 {sparsity = #attn.sliding_window<left = 3, right = 0>, layout = #attn.layout<bshd>} : tensor<1x4x2x8xbf16>, tensor<1x16x2x8xbf16>, tensor<1x16x2x8xbf16> -> tensor<1x4x2x8xbf16>
  return %o : tensor<1x4x2x8xbf16>
}

// Dv split: V and O split on their last axis, Q and K whole on every rank;
// local, no communication.
// CHECK-LABEL: func.func @dv(
// CHECK-SAME: tensor<1x2x8x8xf32>, %{{.*}}: tensor<1x2x8x8xf32>, %{{.*}}: tensor<1x2x8x2xf32>) -> tensor<1x2x8x2xf32>
// CHECK-NOT: shard.
// CHECK: attn.attention {{.*}} -> tensor<1x2x8x2xf32>
// CHECK-NOT: shard.
// CHECK: return
func.func @dv(%q: tensor<1x2x8x8xf32>, %k: tensor<1x2x8x8xf32>, %v: tensor<1x2x8x4xf32>) -> tensor<1x2x8x4xf32> {
  %s = shard.sharding @g2 split_axes = [[], [], [], [0]] : !shard.sharding
  %v1 = shard.shard %v to %s : tensor<1x2x8x4xf32>
  %o = attn.attention %q, %k, %v1 : tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32> -> tensor<1x2x8x4xf32>
  %o1 = shard.shard %o to %s annotate_for_users : tensor<1x2x8x4xf32>
  return %o1 : tensor<1x2x8x4xf32>
}

// Query rows and keys split on the same axis: ring attention. Each rank
// keeps its query block; K and V rotate one rank per step (two shard.shift
// of one [1, 2, 8, 8] block each, issued before the step's compute), N = 2
// local ops each returning its LSE, merged within the rank; nothing
// gathered, no all-reduce.
// CHECK-LABEL: func.func @query_and_keys(
// CHECK-SAME: %[[Q:.*]]: tensor<1x2x8x8xf32>, %[[K:.*]]: tensor<1x2x8x8xf32>, %[[V:.*]]: tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
// CHECK-NOT: shard.all_
// CHECK: %[[K1:.*]] = shard.shift %[[K]] on @g2 grid_axes = [0] shift_axis = 0 offset = 1 rotate : tensor<1x2x8x8xf32> -> tensor<1x2x8x8xf32>
// CHECK: %[[V1:.*]] = shard.shift %[[V]] on @g2 grid_axes = [0] shift_axis = 0 offset = 1 rotate : tensor<1x2x8x8xf32> -> tensor<1x2x8x8xf32>
// CHECK: %[[O0:.*]], %[[L0:.*]] = attn.attention %[[Q]], %[[K]], %[[V]] :
// CHECK-NOT: shard.shift
// CHECK: %[[O1:.*]], %[[L1:.*]] = attn.attention %[[Q]], %[[K1]], %[[V1]] :
// CHECK: linalg.generic {{.*}} ins(%[[L0]], %[[L1]] :
// CHECK: arith.maxnumf
// CHECK: linalg.generic {{.*}} ins(%[[O0]], %[[O1]],
// CHECK-NOT: shard.
// CHECK: return
func.func @query_and_keys(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>, %v: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  %s = shard.sharding @g2 split_axes = [[], [], [0]] : !shard.sharding
  %q1 = shard.shard %q to %s : tensor<1x2x16x8xf32>
  %k1 = shard.shard %k to %s : tensor<1x2x16x8xf32>
  %v1 = shard.shard %v to %s : tensor<1x2x16x8xf32>
  %o = attn.attention %q1, %k1, %v1 : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32> -> tensor<1x2x16x8xf32>
  %o1 = shard.shard %o to %s annotate_for_users : tensor<1x2x16x8xf32>
  return %o1 : tensor<1x2x16x8xf32>
}

// A causal ring over 4 ranks: at step s this rank holds the keys of rank
// (r + s) mod 4, so each step's mask starts its keys there.
// CHECK-LABEL: func.func @ring_causal(
// CHECK: %[[R:.*]] = shard.process_multi_index on @g4 axes = [0]
// CHECK-COUNT-6: shard.shift
// CHECK-NOT: shard.shift
// CHECK-NOT: shard.all_
// CHECK: return
shard.grid @g4(shape = 4)
func.func @ring_causal(%q: tensor<1x2x16x8xf32>, %k: tensor<1x2x16x8xf32>, %v: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  %s = shard.sharding @g4 split_axes = [[], [], [0]] : !shard.sharding
  %q1 = shard.shard %q to %s : tensor<1x2x16x8xf32>
  %k1 = shard.shard %k to %s : tensor<1x2x16x8xf32>
  %v1 = shard.shard %v to %s : tensor<1x2x16x8xf32>
  %o = attn.attention %q1, %k1, %v1 {sparsity = #attn.causal} : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32> -> tensor<1x2x16x8xf32>
  %o1 = shard.shard %o to %s annotate_for_users : tensor<1x2x16x8xf32>
  return %o1 : tensor<1x2x16x8xf32>
}
