// RUN: attn-opt %s --attn-fuse=split-kv=never | FileCheck %s
// RUN: %python %S/Inputs/count_blocks.py %s > %t.checks
// RUN: attn-opt %s --attn-fuse=split-kv=never | FileCheck %t.checks
// RUN: attn-opt %s --attn-fuse="split-kv=never block-lists=runtime" | FileCheck %s --check-prefix=RUNTIME

// Block classification of every sparsity pattern by --attn-fuse: for static
// patterns and sizes the parallel loop carries attn.block_counts, the numbers
// of (query tile, key tile) blocks the pattern's interval reasoning finds
// empty, full and partial. The CHECK numbers below were computed by
// Inputs/count_blocks.py, which tests every element of every block against
// the definitions (brute force); the second and third RUN lines recompute
// them from this file, so the numbers cannot drift. Sq != Skv, tiles that do
// not divide the lengths, 1 x 1 tiles.
//
// Unions and intersections combine their members' classes with lattice
// rules (conservative: e.g. a union of two partial blocks that happen to
// cover a block is reported partial); the script checks the same rule and
// that it is sound against the brute-force class.
//
// With block-lists=runtime the lists are built at run time instead (no
// counts: they are not known at compile time).
//
// These numbers are the classification's (the attribute bench/ reads); what
// the emitted key loops visit and mask is counted by running them in
// attn-fuse-tile-counts.mlir.
// RUNTIME-NOT: attn.block_counts
// RUNTIME: attn.block_list = "runtime"

// CHECK-LABEL: func.func @causal_sq30_skv42(
// CHECK: attn.block_counts = {empty = 21 : i64, full = 40 : i64, partial = 11 : i64}
func.func @causal_sq30_skv42(%q: tensor<1x2x30x8xf32>, %k: tensor<1x2x42x8xf32>, %v: tensor<1x2x42x8xf32>) -> tensor<1x2x30x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.causal,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x30x8xf32>, tensor<1x2x42x8xf32>, tensor<1x2x42x8xf32> -> tensor<1x2x30x8xf32>
  return %o : tensor<1x2x30x8xf32>
}

// CHECK-LABEL: func.func @causal_sq42_skv30(
// CHECK: attn.block_counts = {empty = 35 : i64, full = 21 : i64, partial = 10 : i64}
func.func @causal_sq42_skv30(%q: tensor<1x2x42x8xf32>, %k: tensor<1x2x30x8xf32>, %v: tensor<1x2x30x8xf32>) -> tensor<1x2x42x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.causal,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x42x8xf32>, tensor<1x2x30x8xf32>, tensor<1x2x30x8xf32> -> tensor<1x2x42x8xf32>
  return %o : tensor<1x2x42x8xf32>
}

// CHECK-LABEL: func.func @window(
// CHECK: attn.block_counts = {empty = 41 : i64, full = 11 : i64, partial = 20 : i64}
func.func @window(%q: tensor<1x2x30x8xf32>, %k: tensor<1x2x42x8xf32>, %v: tensor<1x2x42x8xf32>) -> tensor<1x2x30x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 9, right = 3>,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x30x8xf32>, tensor<1x2x42x8xf32>, tensor<1x2x42x8xf32> -> tensor<1x2x30x8xf32>
  return %o : tensor<1x2x30x8xf32>
}

// CHECK-LABEL: func.func @dilated(
// CHECK: attn.block_counts = {empty = 25 : i64, full = 0 : i64, partial = 47 : i64}
func.func @dilated(%q: tensor<1x2x30x8xf32>, %k: tensor<1x2x42x8xf32>, %v: tensor<1x2x42x8xf32>) -> tensor<1x2x30x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.dilated_window<left = 6, right = 2, dilation = 3>,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x30x8xf32>, tensor<1x2x42x8xf32>, tensor<1x2x42x8xf32> -> tensor<1x2x30x8xf32>
  return %o : tensor<1x2x30x8xf32>
}

// CHECK-LABEL: func.func @dilated_d1(
// CHECK: attn.block_counts = {empty = 12 : i64, full = 0 : i64, partial = 13 : i64}
func.func @dilated_d1(%q: tensor<1x2x40x8xf32>, %k: tensor<1x2x40x8xf32>, %v: tensor<1x2x40x8xf32>) -> tensor<1x2x40x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.dilated_window<left = 5, right = 5, dilation = 1>,
       tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x40x8xf32>, tensor<1x2x40x8xf32>, tensor<1x2x40x8xf32> -> tensor<1x2x40x8xf32>
  return %o : tensor<1x2x40x8xf32>
}

// CHECK-LABEL: func.func @dilated_tiles1(
// CHECK: attn.block_counts = {empty = 98 : i64, full = 46 : i64, partial = 0 : i64}
func.func @dilated_tiles1(%q: tensor<1x2x12x8xf32>, %k: tensor<1x2x12x8xf32>, %v: tensor<1x2x12x8xf32>) -> tensor<1x2x12x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.dilated_window<left = 3, right = 1, dilation = 2>,
       tiling = #attn.tiling<query = 1, key = 1>}
      : tensor<1x2x12x8xf32>, tensor<1x2x12x8xf32>, tensor<1x2x12x8xf32> -> tensor<1x2x12x8xf32>
  return %o : tensor<1x2x12x8xf32>
}

// CHECK-LABEL: func.func @global_keys(
// CHECK: attn.block_counts = {empty = 64 : i64, full = 8 : i64, partial = 0 : i64}
func.func @global_keys(%q: tensor<1x2x30x8xf32>, %k: tensor<1x2x42x8xf32>, %v: tensor<1x2x42x8xf32>) -> tensor<1x2x30x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.global<keys = 5>,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x30x8xf32>, tensor<1x2x42x8xf32>, tensor<1x2x42x8xf32> -> tensor<1x2x30x8xf32>
  return %o : tensor<1x2x30x8xf32>
}

// CHECK-LABEL: func.func @global_queries(
// CHECK: attn.block_counts = {empty = 8 : i64, full = 10 : i64, partial = 7 : i64}
func.func @global_queries(%q: tensor<1x2x40x8xf32>, %k: tensor<1x2x40x8xf32>, %v: tensor<1x2x40x8xf32>) -> tensor<1x2x40x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.global<keys = 4, queries = 20>,
       tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x40x8xf32>, tensor<1x2x40x8xf32>, tensor<1x2x40x8xf32> -> tensor<1x2x40x8xf32>
  return %o : tensor<1x2x40x8xf32>
}

// CHECK-LABEL: func.func @neighborhood(
// CHECK: attn.block_counts = {empty = 18 : i64, full = 1 : i64, partial = 62 : i64}
func.func @neighborhood(%q: tensor<1x2x35x8xf32>, %k: tensor<1x2x42x8xf32>, %v: tensor<1x2x42x8xf32>) -> tensor<1x2x35x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.neighborhood<grid = 6x7, kernel = 3x5, dilation = 2x1>,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x35x8xf32>, tensor<1x2x42x8xf32>, tensor<1x2x42x8xf32> -> tensor<1x2x35x8xf32>
  return %o : tensor<1x2x35x8xf32>
}

// CHECK-LABEL: func.func @neighborhood_rows(
// CHECK: attn.block_counts = {empty = 40 : i64, full = 0 : i64, partial = 24 : i64}
func.func @neighborhood_rows(%q: tensor<1x2x64x8xf32>, %k: tensor<1x2x64x8xf32>, %v: tensor<1x2x64x8xf32>) -> tensor<1x2x64x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.neighborhood<grid = 8x8, kernel = 3x3>,
       tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x64x8xf32>, tensor<1x2x64x8xf32>, tensor<1x2x64x8xf32> -> tensor<1x2x64x8xf32>
  return %o : tensor<1x2x64x8xf32>
}

// CHECK-LABEL: func.func @block_layout(
// CHECK: attn.block_counts = {empty = 37 : i64, full = 11 : i64, partial = 24 : i64}
func.func @block_layout(%q: tensor<1x2x30x8xf32>, %k: tensor<1x2x42x8xf32>, %v: tensor<1x2x42x8xf32>) -> tensor<1x2x30x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.block_layout<block = 7x9, [[1, 0, 1], [0, 1, 1], [1, 1, 0], [0, 0, 1]]>,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x30x8xf32>, tensor<1x2x42x8xf32>, tensor<1x2x42x8xf32> -> tensor<1x2x30x8xf32>
  return %o : tensor<1x2x30x8xf32>
}

// CHECK-LABEL: func.func @sink_window(
// CHECK: attn.block_counts = {empty = 13 : i64, full = 0 : i64, partial = 12 : i64}
func.func @sink_window(%q: tensor<1x2x40x8xf32>, %k: tensor<1x2x40x8xf32>, %v: tensor<1x2x40x8xf32>) -> tensor<1x2x40x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.union<[#attn.global<keys = 4>, #attn.sliding_window<left = 8, right = 0>]>,
       tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x40x8xf32>, tensor<1x2x40x8xf32>, tensor<1x2x40x8xf32> -> tensor<1x2x40x8xf32>
  return %o : tensor<1x2x40x8xf32>
}

// CHECK-LABEL: func.func @union3(
// CHECK: attn.block_counts = {empty = 21 : i64, full = 40 : i64, partial = 11 : i64}
func.func @union3(%q: tensor<1x2x30x8xf32>, %k: tensor<1x2x42x8xf32>, %v: tensor<1x2x42x8xf32>) -> tensor<1x2x30x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.union<[#attn.global<keys = 3>, #attn.dilated_window<left = 4, right = 0, dilation = 2>, #attn.causal]>,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x30x8xf32>, tensor<1x2x42x8xf32>, tensor<1x2x42x8xf32> -> tensor<1x2x30x8xf32>
  return %o : tensor<1x2x30x8xf32>
}

// CHECK-LABEL: func.func @intersect(
// CHECK: attn.block_counts = {empty = 24 : i64, full = 0 : i64, partial = 48 : i64}
func.func @intersect(%q: tensor<1x2x30x8xf32>, %k: tensor<1x2x42x8xf32>, %v: tensor<1x2x42x8xf32>) -> tensor<1x2x30x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.intersect<[#attn.sliding_window<left = 20, right = 5>, #attn.dilated_window<left = 10, right = 10, dilation = 2>]>,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x30x8xf32>, tensor<1x2x42x8xf32>, tensor<1x2x42x8xf32> -> tensor<1x2x30x8xf32>
  return %o : tensor<1x2x30x8xf32>
}

// CHECK-LABEL: func.func @intersect_nested(
// CHECK: attn.block_counts = {empty = 31 : i64, full = 0 : i64, partial = 23 : i64}
func.func @intersect_nested(%q: tensor<1x2x33x8xf32>, %k: tensor<1x2x33x8xf32>, %v: tensor<1x2x33x8xf32>) -> tensor<1x2x33x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.intersect<[#attn.causal, #attn.union<[#attn.global<keys = 2>, #attn.sliding_window<left = 6, right = 0>]>]>,
       tiling = #attn.tiling<query = 6, key = 4>}
      : tensor<1x2x33x8xf32>, tensor<1x2x33x8xf32>, tensor<1x2x33x8xf32> -> tensor<1x2x33x8xf32>
  return %o : tensor<1x2x33x8xf32>
}
