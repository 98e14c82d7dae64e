// RUN: attn-opt %s --attn-lower-block-ops --mlir-print-local-scope | FileCheck %s

// attn.block_score: Q and K are padded to whole blocks, split into
// (block, a, residue) with residue = row % stride, summed over a; the block
// sums of q_i . k_j over (i + j) % t == t - 1 are then one contraction of
// Qs[r, x] with Ks[c, t - 1 - x] (here t = 4, Hq / Hkv = 2), followed by
// the per-block 1 / count scaling, the causal exclusion (-inf) and the
// softmax over key blocks.
// CHECK-LABEL: func.func @score(
// CHECK-NOT: attn.block_score
// CHECK: tensor.pad
// CHECK: tensor.expand_shape {{.*}} : tensor<1x4x40x16xf32> into tensor<1x4x5x2x4x16xf32>
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3, d4, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d4, d5)>], iterator_types = ["parallel", "parallel", "parallel", "reduction", "parallel", "parallel"]}
// CHECK: tensor.expand_shape {{.*}} : tensor<1x2x48x16xf32> into tensor<1x2x6x2x4x16xf32>
// CHECK: linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d4, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 floordiv 2, d3, -d4 + 3, d5)>, affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction"]}
// CHECK: arith.constant dense<{{.*}}0xFF800000{{.*}}> : tensor<5x6xf32>
// CHECK: arith.maxnumf
// CHECK: math.exp
// CHECK: arith.divf
// CHECK: return
func.func @score(%q: tensor<1x4x37x16xf32>, %k: tensor<1x2x45x16xf32>) -> tensor<1x4x5x6xf32> {
  %s = attn.block_score %q, %k {method = #attn.score_method<antidiagonal>, stride = 4, causal,
      block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x4x37x16xf32>, tensor<1x2x45x16xf32> -> tensor<1x4x5x6xf32>
  return %s : tensor<1x4x5x6xf32>
}

// attn.block_select: rows in order (the row pointers are running counts),
// a threshold selection as a while loop of argmax scans in f64.
// CHECK-LABEL: func.func @select(
// CHECK-NOT: attn.block_select
// CHECK: scf.for {{.*}} -> (tensor<1x2x6xi32>, tensor<1x2x30xi32>)
// CHECK: scf.for {{.*}} -> (tensor<1x2x6xi32>, tensor<1x2x30xi32>, index)
// CHECK: scf.while
// CHECK: arith.cmpf olt, {{.*}} : f64
// CHECK: scf.condition
func.func @select(%s: tensor<1x2x5x6xf32>) -> (tensor<1x2x6xi32>, tensor<1x2x30xi32>) {
  %rp, %c = attn.block_select %s {threshold = 0.9, keep_diagonal}
      : tensor<1x2x5x6xf32> -> tensor<1x2x6xi32>, tensor<1x2x30xi32>
  return %rp, %c : tensor<1x2x6xi32>, tensor<1x2x30xi32>
}

// local = 1000000: only min(local, C) = 6 window steps can reach a block, as
// one scf.for up to 6 + 1, not 10^6 unrolled updates.
// CHECK-LABEL: func.func @huge_local(
// CHECK: %[[C7:.*]] = arith.constant 7 : index
// CHECK: scf.for %{{.*}} = %{{.*}} to %[[C7]] step
// CHECK-NOT: arith.constant 1000000
// CHECK: return
func.func @huge_local(%s: tensor<1x2x4x6xf32>) -> (tensor<1x2x5xi32>, tensor<1x2x24xi32>) {
  %rp, %c = attn.block_select %s {top_k = 1, local = 1000000}
      : tensor<1x2x4x6xf32> -> tensor<1x2x5xi32>, tensor<1x2x24xi32>
  return %rp, %c : tensor<1x2x5xi32>, tensor<1x2x24xi32>
}
