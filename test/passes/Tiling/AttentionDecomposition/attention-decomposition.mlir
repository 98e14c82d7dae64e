// RUN: attn-opt %s --split-input-file --attn-fuse=split-kv=never | FileCheck %s
// RUN: attn-opt %s --split-input-file --attn-decompose | FileCheck %s --check-prefix=UNFUSED

// attn.attention's AttentionDecompositionOpInterface (the fused structure
// for the caller's target description, reached by --attn-fuse) and the
// unfused decomposition, on ops with query_rows: positions use the
// absolute row start + i, the pattern's key range starts from it, and the
// mask stays indexed by the op's own rows.

// CHECK-LABEL: func.func @rows_causal_alibi
// CHECK-SAME: %[[S:[^:]*]]: index
// CHECK-NOT: attn.attention
// CHECK: scf.forall
// The key-tile range of the tile's first row: from its absolute row.
// CHECK: arith.addi %[[S]], %{{.*}} : index
// CHECK: attn.online_attention {{.*}} score {
// CHECK-NEXT: ^bb0(%{{.*}}: f32, %[[I:.*]]: index, %[[J:.*]]: index):
// CHECK: arith.addi %[[S]], %[[I]] : index
// CHECK: tensor.extract %{{.*}}[%{{.*}}] : tensor<16x64xi1>
// UNFUSED-LABEL: func.func @rows_causal_alibi
// UNFUSED-SAME: %[[S:[^:]*]]: index
// UNFUSED: linalg.generic
// UNFUSED: %[[LI:.*]] = linalg.index 3 : index
// UNFUSED: arith.addi %[[S]], %[[LI]] : index
func.func @rows_causal_alibi(%q: tensor<1x2x16x16xf32>, %k: tensor<1x2x64x16xf32>,
                             %m: tensor<16x64xi1>, %sl: tensor<2xf32>, %s: index)
    -> tensor<1x2x16x16xf32> {
  %t = arith.constant 64 : index
  %o = attn.attention %q, %k, %k mask(%m : tensor<16x64xi1>)
      alibi(%sl : tensor<2xf32>) query_rows(%s, %t)
      {sparsity = #attn.causal, tiling = #attn.tiling<query = 16, key = 16>}
      : tensor<1x2x16x16xf32>, tensor<1x2x64x16xf32>, tensor<1x2x64x16xf32>
      -> tensor<1x2x16x16xf32>
  return %o : tensor<1x2x16x16xf32>
}

// -----

// Tiles of a tiled op decompose in their loops, one fused structure each.
// CHECK-LABEL: func.func @tiled
// CHECK: scf.for
// CHECK-NOT: attn.attention
// CHECK: scf.forall
// CHECK: attn.online_attention
// CHECK: scf.yield
func.func @tiled(%q: tensor<1x2x64x16xf32>, %k: tensor<1x2x64x16xf32>)
    -> tensor<1x2x64x16xf32> {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c64 = arith.constant 64 : index
  %init = tensor.empty() : tensor<1x2x64x16xf32>
  %r = scf.for %i = %c0 to %c64 step %c16 iter_args(%acc = %init) -> tensor<1x2x64x16xf32> {
    %qt = tensor.extract_slice %q[0, 0, %i, 0] [1, 2, 16, 16] [1, 1, 1, 1]
        : tensor<1x2x64x16xf32> to tensor<1x2x16x16xf32>
    %o = attn.attention %qt, %k, %k query_rows(%i, %c64) {sparsity = #attn.causal}
        : tensor<1x2x16x16xf32>, tensor<1x2x64x16xf32>, tensor<1x2x64x16xf32>
        -> tensor<1x2x16x16xf32>
    %n = tensor.insert_slice %o into %acc[0, 0, %i, 0] [1, 2, 16, 16] [1, 1, 1, 1]
        : tensor<1x2x16x16xf32> into tensor<1x2x64x16xf32>
    scf.yield %n : tensor<1x2x64x16xf32>
  }
  return %r : tensor<1x2x64x16xf32>
}
