// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s

// The block-sparse patterns round trip in their printed forms (dims may be
// written `8x8` or `8 x 8`; the printer writes `8x8` and leaves out a
// default dilation of 1x1 and queries = 0).

// CHECK-LABEL: func.func @patterns()
// CHECK-SAME: bl = #attn.block_layout<block = 64x32, {{\[\[}}1, 0, 0], [1, 1, 0]]>
// CHECK-SAME: d = #attn.dilated_window<left = 4, right = 1, dilation = 2>
// CHECK-SAME: doc = #attn.documents
// CHECK-SAME: g = #attn.global<keys = 4>
// CHECK-SAME: g2 = #attn.global<keys = 4, queries = 2>
// CHECK-SAME: g3 = #attn.global<keys = 0, queries = 2>
// CHECK-SAME: n = #attn.neighborhood<grid = 8x8, kernel = 3x3>
// CHECK-SAME: n2 = #attn.neighborhood<grid = 8x6, kernel = 3x5, dilation = 2x1>
// CHECK-SAME: n3 = #attn.neighborhood<grid = 4x4, kernel = 3x3>
// CHECK-SAME: u = #attn.union<[#attn.global<keys = 4>, #attn.sliding_window<left = 8, right = 0>]>
// CHECK-SAME: x = #attn.intersect<[#attn.documents, #attn.causal]>
// CHECK-SAME: y = #attn.intersect<[#attn.causal, #attn.union<[#attn.global<keys = 1>, #attn.dilated_window<left = 2, right = 0, dilation = 3>]>]>
func.func @patterns() attributes {
  d = #attn.dilated_window<left = 4, right = 1, dilation = 2>,
  g = #attn.global<keys = 4>,
  g2 = #attn.global<keys = 4, queries = 2>,
  g3 = #attn.global<keys = 0, queries = 2>,
  n = #attn.neighborhood<grid = 8 x 8, kernel = 3x3>,
  n2 = #attn.neighborhood<grid = 8x6, kernel = 3 x 5, dilation = 2x1>,
  n3 = #attn.neighborhood<grid = 4x4, kernel = 3x3, dilation = 1x1>,
  bl = #attn.block_layout<block = 64 x 32, [[1, 0, 0], [1, 1, 0]]>,
  doc = #attn.documents,
  u = #attn.union<[#attn.global<keys = 4>,
                   #attn.sliding_window<left = 8, right = 0>]>,
  x = #attn.intersect<[#attn.documents, #attn.causal]>,
  y = #attn.intersect<[#attn.causal, #attn.union<[#attn.global<keys = 1>,
        #attn.dilated_window<left = 2, right = 0, dilation = 3>]>]>} {
  return
}

// In the op, with the documents(...) operand (i32 or i64 offsets).
// CHECK-LABEL: func.func @documents
// CHECK: attn.attention %{{.*}}, %{{.*}}, %{{.*}} documents(%{{.*}} : tensor<5xi32>) {sparsity = #attn.intersect<[#attn.documents, #attn.causal]>}
// CHECK: attn.attention %{{.*}}, %{{.*}}, %{{.*}} mask(%{{.*}} : tensor<40x40xi1>) documents(%{{.*}} : tensor<?xi64>) {sparsity = #attn.documents}
func.func @documents(%q: tensor<1x2x40x16xf32>, %k: tensor<1x2x40x16xf32>,
                     %v: tensor<1x2x40x16xf32>, %o: tensor<5xi32>,
                     %o64: tensor<?xi64>, %m: tensor<40x40xi1>)
    -> (tensor<1x2x40x16xf32>, tensor<1x2x40x16xf32>) {
  %r = attn.attention %q, %k, %v documents(%o : tensor<5xi32>)
      {sparsity = #attn.intersect<[#attn.documents, #attn.causal]>}
      : tensor<1x2x40x16xf32>, tensor<1x2x40x16xf32>, tensor<1x2x40x16xf32>
      -> tensor<1x2x40x16xf32>
  %s = attn.attention %q, %k, %v mask(%m : tensor<40x40xi1>)
      documents(%o64 : tensor<?xi64>) {sparsity = #attn.documents}
      : tensor<1x2x40x16xf32>, tensor<1x2x40x16xf32>, tensor<1x2x40x16xf32>
      -> tensor<1x2x40x16xf32>
  return %r, %s : tensor<1x2x40x16xf32>, tensor<1x2x40x16xf32>
}

// A neighborhood over a 5x8 grid of 40 keys.
// CHECK-LABEL: func.func @neighborhood
// CHECK: sparsity = #attn.neighborhood<grid = 5x8, kernel = 3x7>
func.func @neighborhood(%q: tensor<1x2x40x16xf32>, %k: tensor<1x2x40x16xf32>,
                        %v: tensor<1x2x40x16xf32>) -> tensor<1x2x40x16xf32> {
  %r = attn.attention %q, %k, %v
      {sparsity = #attn.neighborhood<grid = 5x8, kernel = 3x7>}
      : tensor<1x2x40x16xf32>, tensor<1x2x40x16xf32>, tensor<1x2x40x16xf32>
      -> tensor<1x2x40x16xf32>
  return %r : tensor<1x2x40x16xf32>
}

// A block table (BSR) with full-block flags, per KV group (Ht = 2).
// CHECK-LABEL: func.func @block_table
// CHECK: attn.attention %{{.*}}, %{{.*}}, %{{.*}} blocks(%{{.*}}, %{{.*}} : tensor<1x2x3xi32>, tensor<1x2x4xi32>) full_blocks(%{{.*}} : tensor<1x2x4xi1>) {block_size = #attn.tiling<query = 8, key = 8>, sparsity = #attn.causal}
func.func @block_table(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
                       %v: tensor<1x2x16x8xf32>, %rp: tensor<1x2x3xi32>,
                       %cols: tensor<1x2x4xi32>, %full: tensor<1x2x4xi1>)
    -> tensor<1x4x16x8xf32> {
  %o = attn.attention %q, %k, %v
      blocks(%rp, %cols : tensor<1x2x3xi32>, tensor<1x2x4xi32>)
      full_blocks(%full : tensor<1x2x4xi1>)
      {sparsity = #attn.causal, block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x4x16x8xf32>
  return %o : tensor<1x4x16x8xf32>
}
