// RUN: attn-opt %s --attn-fuse=split-kv=never | FileCheck %s

// Tile classes from mask_mod (passes/Tiling/MaskModBlocks.cpp): --attn-fuse
// classifies each (query tile, key tile) box with an interval analysis of
// the region and visits the non-empty tiles through static lists, full ones
// without the region. A mask_mod that spells a built-in pattern gets the
// classes the pattern's own reasoning gives (the FileCheck variables below
// are captured from the built-in op and required of the mask_mod one), and
// a region that reads a table argument falls back to every tile partial.

// CHECK-LABEL: func.func @causal_builtin(
// CHECK: attn.block_counts = {empty = [[CE:[0-9]+]] : i64, full = [[CF:[0-9]+]] : i64, partial = [[CP:[0-9]+]] : i64}
func.func @causal_builtin(%q: tensor<1x2x30x8xf32>, %k: tensor<1x2x30x8xf32>,
    %v: tensor<1x2x30x8xf32>) -> tensor<1x2x30x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.causal, tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x30x8xf32>, tensor<1x2x30x8xf32>, tensor<1x2x30x8xf32>
      -> tensor<1x2x30x8xf32>
  return %o : tensor<1x2x30x8xf32>
}

// The same tiles from a mask_mod j <= i; full tiles carry no region test.
// CHECK-LABEL: func.func @causal_mask_mod(
// CHECK: attn.online_attention {{.*}} : tensor<4xf32>, tensor<4xf32>, tensor<4x8xf32>{{$}}
// CHECK-NEXT: scf.yield
// CHECK-NEXT: } {attn.block_list = "static", attn.key_tiles = "full"}
// CHECK: attn.online_attention {{.*}} score {
// CHECK: arith.cmpi sle
// CHECK: attn.key_tiles = "partial"
// CHECK: attn.block_counts = {empty = [[CE]] : i64, full = [[CF]] : i64, partial = [[CP]] : i64}
func.func @causal_mask_mod(%q: tensor<1x2x30x8xf32>, %k: tensor<1x2x30x8xf32>,
    %v: tensor<1x2x30x8xf32>) -> tensor<1x2x30x8xf32> {
  %o = attn.attention %q, %k, %v mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c = arith.cmpi sle, %j, %i : index
      attn.yield %c : i1
  } {tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x30x8xf32>, tensor<1x2x30x8xf32>, tensor<1x2x30x8xf32>
      -> tensor<1x2x30x8xf32>
  return %o : tensor<1x2x30x8xf32>
}

// A sliding window with sinks, built in and spelled out.
// CHECK-LABEL: func.func @window_sinks_builtin(
// CHECK: attn.block_counts = {empty = [[WE:[0-9]+]] : i64, full = [[WF:[0-9]+]] : i64, partial = [[WP:[0-9]+]] : i64}
func.func @window_sinks_builtin(%q: tensor<1x1x40x8xf32>,
    %k: tensor<1x1x40x8xf32>, %v: tensor<1x1x40x8xf32>)
    -> tensor<1x1x40x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.union<[#attn.sliding_window<left = 8, right = 0>,
                               #attn.global<keys = 4>]>,
       tiling = #attn.tiling<query = 4, key = 4>}
      : tensor<1x1x40x8xf32>, tensor<1x1x40x8xf32>, tensor<1x1x40x8xf32>
      -> tensor<1x1x40x8xf32>
  return %o : tensor<1x1x40x8xf32>
}

// CHECK-LABEL: func.func @window_sinks_mask_mod(
// CHECK: attn.block_counts = {empty = [[WE]] : i64, full = [[WF]] : i64, partial = [[WP]] : i64}
func.func @window_sinks_mask_mod(%q: tensor<1x1x40x8xf32>,
    %k: tensor<1x1x40x8xf32>, %v: tensor<1x1x40x8xf32>)
    -> tensor<1x1x40x8xf32> {
  %o = attn.attention %q, %k, %v mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c4 = arith.constant 4 : index
      %c8 = arith.constant 8 : index
      %lo = arith.subi %i, %c8 : index
      %inWin = arith.cmpi sge, %j, %lo : index
      %causal = arith.cmpi sle, %j, %i : index
      %win = arith.andi %inWin, %causal : i1
      %sink = arith.cmpi slt, %j, %c4 : index
      %vis = arith.ori %win, %sink : i1
      attn.yield %vis : i1
  } {tiling = #attn.tiling<query = 4, key = 4>}
      : tensor<1x1x40x8xf32>, tensor<1x1x40x8xf32>, tensor<1x1x40x8xf32>
      -> tensor<1x1x40x8xf32>
  return %o : tensor<1x1x40x8xf32>
}

// Prefix-LM (the first 6 keys visible to every query, the rest causally),
// built in and spelled out.
// CHECK-LABEL: func.func @prefix_lm_builtin(
// CHECK: attn.block_counts = {empty = [[PE:[0-9]+]] : i64, full = [[PF:[0-9]+]] : i64, partial = [[PP:[0-9]+]] : i64}
func.func @prefix_lm_builtin(%q: tensor<1x1x30x8xf32>,
    %k: tensor<1x1x30x8xf32>, %v: tensor<1x1x30x8xf32>)
    -> tensor<1x1x30x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.union<[#attn.global<keys = 6>, #attn.causal]>,
       tiling = #attn.tiling<query = 4, key = 4>}
      : tensor<1x1x30x8xf32>, tensor<1x1x30x8xf32>, tensor<1x1x30x8xf32>
      -> tensor<1x1x30x8xf32>
  return %o : tensor<1x1x30x8xf32>
}

// CHECK-LABEL: func.func @prefix_lm_mask_mod(
// CHECK: attn.block_counts = {empty = [[PE]] : i64, full = [[PF]] : i64, partial = [[PP]] : i64}
func.func @prefix_lm_mask_mod(%q: tensor<1x1x30x8xf32>,
    %k: tensor<1x1x30x8xf32>, %v: tensor<1x1x30x8xf32>)
    -> tensor<1x1x30x8xf32> {
  %o = attn.attention %q, %k, %v mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c6 = arith.constant 6 : index
      %p = arith.cmpi slt, %j, %c6 : index
      %c = arith.cmpi sle, %j, %i : index
      %r = arith.ori %p, %c : i1
      attn.yield %r : i1
  } {tiling = #attn.tiling<query = 4, key = 4>}
      : tensor<1x1x30x8xf32>, tensor<1x1x30x8xf32>, tensor<1x1x30x8xf32>
      -> tensor<1x1x30x8xf32>
  return %o : tensor<1x1x30x8xf32>
}

// Prefix-LM and document ids from a constant table: documents [0, 8),
// [8, 16), [16, 24) give empty tiles off the diagonal blocks of documents.
// CHECK-LABEL: func.func @documents_constant_table(
// CHECK: attn.block_counts = {empty = [[DE:[1-9][0-9]*]] : i64
func.func @documents_constant_table(%q: tensor<1x1x24x8xf32>,
    %k: tensor<1x1x24x8xf32>, %v: tensor<1x1x24x8xf32>)
    -> tensor<1x1x24x8xf32> {
  %docs = arith.constant dense<[0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1,
                                1, 2, 2, 2, 2, 2, 2, 2, 2]> : tensor<24xi32>
  %o = attn.attention %q, %k, %v mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %di = tensor.extract %docs[%i] : tensor<24xi32>
      %dj = tensor.extract %docs[%j] : tensor<24xi32>
      %same = arith.cmpi eq, %di, %dj : i32
      attn.yield %same : i1
  } {tiling = #attn.tiling<query = 4, key = 4>}
      : tensor<1x1x24x8xf32>, tensor<1x1x24x8xf32>, tensor<1x1x24x8xf32>
      -> tensor<1x1x24x8xf32>
  return %o : tensor<1x1x24x8xf32>
}

// A table argument cannot be bounded at compile time: no lists, every key
// tile is visited and tests the region (also the pattern-free "full" ones).
// CHECK-LABEL: func.func @table_argument(
// CHECK-NOT: attn.block_counts
// CHECK: score {
// CHECK: arith.cmpi eq
// CHECK: attn.key_tiles = "full"
// CHECK: return
func.func @table_argument(%q: tensor<1x1x24x8xf32>, %k: tensor<1x1x24x8xf32>,
    %v: tensor<1x1x24x8xf32>, %docs: tensor<24xi32>) -> tensor<1x1x24x8xf32> {
  %o = attn.attention %q, %k, %v mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %di = tensor.extract %docs[%i] : tensor<24xi32>
      %dj = tensor.extract %docs[%j] : tensor<24xi32>
      %same = arith.cmpi eq, %di, %dj : i32
      attn.yield %same : i1
  } {tiling = #attn.tiling<query = 4, key = 4>}
      : tensor<1x1x24x8xf32>, tensor<1x1x24x8xf32>, tensor<1x1x24x8xf32>
      -> tensor<1x1x24x8xf32>
  return %o : tensor<1x1x24x8xf32>
}
