// RUN: attn-opt %s --attn-fuse=split-kv=never | FileCheck %s
// RUN: attn-opt %s --attn-fuse="split-kv=never block-lists=runtime" | FileCheck %s --check-prefix=RT
// RUN: attn-opt %s --attn-fuse="split-kv=always kv-splits=2" | FileCheck %s --check-prefix=SPLIT

// The loop structure --attn-fuse emits for patterns that are not one
// monotone key interval per row: per query tile, a loop over the full
// entries of its key-tile list (no element mask) and one over the partial
// entries (masked), inside the same scf.forall over (b, h, query tile) as
// the monotone patterns.

// Sink + window, Sq = Skv = 24, 8 x 8 tiles. Keys 0, 1 are sinks, the
// window is 8 keys back. Per query tile (qt), the visible key tiles (kt):
//   qt 0: kt 0 partial (diagonal);
//   qt 1: kt 0 partial (sinks + window tail), kt 1 partial (diagonal);
//   qt 2: kt 0 partial (sinks only), kt 1 partial, kt 2 partial.
// CSR: rowPtr = [0, 1, 3, 6], fullEnd = [0, 1, 3] (no full entries),
// cols = [0, 0, 1, 0, 1, 2].
// CHECK-LABEL: func.func @sink_window(
// CHECK-DAG: %[[ROWPTR:.*]] = arith.constant dense<[0, 1, 3, 6]> : tensor<4xi32>
// CHECK-DAG: %[[FULLEND:.*]] = arith.constant dense<[0, 1, 3]> : tensor<3xi32>
// CHECK-DAG: %[[COLS:.*]] = arith.constant dense<[0, 0, 1, 0, 1, 2]> : tensor<6xi32>
// CHECK: scf.forall (%{{.*}}, %{{.*}}, %[[QT:.*]]) in (1, 2, %{{.*}})
// CHECK: %[[NEXT:.*]] = arith.addi %[[QT]], %{{.*}} : index
// CHECK: tensor.extract %[[ROWPTR]][%[[QT]]] : tensor<4xi32>
// CHECK: tensor.extract %[[FULLEND]][%[[QT]]] : tensor<3xi32>
// CHECK: tensor.extract %[[ROWPTR]][%[[NEXT]]] : tensor<4xi32>
// CHECK: scf.for %[[N:.*]] = %{{.*}} to %{{.*}} step
// CHECK: tensor.extract %[[COLS]][%[[N]]] : tensor<6xi32>
// CHECK: } {attn.block_list = "static", attn.key_tiles = "full"}
// CHECK: scf.for %[[N2:.*]] = %{{.*}} to %{{.*}} step
// CHECK: tensor.extract %[[COLS]][%[[N2]]] : tensor<6xi32>
// CHECK: } {attn.block_list = "static", attn.key_tiles = "partial"}
// CHECK: } {attn.block_counts = {empty = 3 : i64, full = 0 : i64, partial = 6 : i64}}
func.func @sink_window(%q: tensor<1x2x24x8xf32>, %k: tensor<1x2x24x8xf32>,
                       %v: tensor<1x2x24x8xf32>) -> tensor<1x2x24x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.union<[#attn.global<keys = 2>,
                               #attn.sliding_window<left = 8, right = 0>]>,
       tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x24x8xf32>, tensor<1x2x24x8xf32>, tensor<1x2x24x8xf32>
      -> tensor<1x2x24x8xf32>
  return %o : tensor<1x2x24x8xf32>
}

// Run-time lists: one dense [nQT * nKT] table built before the parallel
// loop (once per call, shared by every head), full entries from the front
// of each query tile's row, partial ones from the back.
// RT-LABEL: func.func @sink_window(
// RT: %[[TABLE:.*]]:3 = scf.for %[[QT:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args({{.*}}) -> (tensor<?xi32>, tensor<?xindex>, tensor<?xindex>)
// RT: scf.for %[[KT:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args({{.*}}) -> (tensor<?xi32>, index, index)
// RT: scf.if
// RT: tensor.insert
// RT: scf.forall
// RT: tensor.extract %[[TABLE]]#1
// RT: scf.for
// RT: tensor.extract %[[TABLE]]#0
// RT: } {attn.block_list = "runtime", attn.key_tiles = "full"}
// RT: } {attn.block_list = "runtime", attn.key_tiles = "partial"}
// RT-NOT: attn.block_counts

// Split-KV slices each query tile's list (full ++ partial) into parts.
// SPLIT-LABEL: func.func @sink_window(
// SPLIT: scf.forall (%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}) in (1, 2, %{{.*}}, 2)
// SPLIT: attn.key_tiles = "full"
// SPLIT: attn.key_tiles = "partial"

// Documents intersected with causal stay one monotone interval per row:
// row p of document d sees [o[d], min(o[d+1], p + 1)). The offsets are
// checked and turned into per-key document ids once per call, then the
// key loops are bounded as for causal.
// CHECK-LABEL: func.func @documents_causal(
// CHECK-SAME: %[[OFFS:[^:]*]]: tensor<4xi32>)
// CHECK: scf.for {{.*}} -> (i1)
// CHECK: cf.assert %{{.*}}, "attn.attention: document offsets must be non-decreasing and within [0, Skv]"
// CHECK: %[[IDS:.*]] = scf.for {{.*}} -> (tensor<40xindex>)
// CHECK: scf.forall
// CHECK: tensor.extract %[[IDS]]
// CHECK: tensor.extract %[[OFFS]]
// CHECK: attn.key_tiles = "partial"
// CHECK-NOT: attn.block_list
// CHECK: attn.key_tiles = "full"
// CHECK: attn.key_tiles = "partial"
// CHECK-NOT: attn.block_counts
// CHECK: return
func.func @documents_causal(%q: tensor<1x2x40x8xf32>, %k: tensor<1x2x40x8xf32>,
                            %v: tensor<1x2x40x8xf32>, %offs: tensor<4xi32>)
    -> tensor<1x2x40x8xf32> {
  %o = attn.attention %q, %k, %v documents(%offs : tensor<4xi32>)
      {sparsity = #attn.intersect<[#attn.documents, #attn.causal]>,
       tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x40x8xf32>, tensor<1x2x40x8xf32>, tensor<1x2x40x8xf32>
      -> tensor<1x2x40x8xf32>
  return %o : tensor<1x2x40x8xf32>
}
