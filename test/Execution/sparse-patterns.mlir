// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=fused --threads=2 | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --seed=5 --threads=2 \
// RUN:   --pipeline="attn-fuse{block-lists=runtime split-kv=always kv-splits=3},attn-decompose,attn-cpu-pipeline{cpu=host}" | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --seed=9 --threads=1 \
// RUN:   --pipeline="attn-fuse{block-lists=static},attn-decompose,attn-cpu-pipeline{cpu=host}" | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --seed=2 --pipeline=unfused | FileCheck %s

// Execution of every sparsity pattern (docs/semantics.md) against the float64
// reference, which implements each definition directly: through the fused
// lowering with compile-time block lists (auto), run-time block lists with
// the key range split in 3 parts, block lists also for the monotone
// patterns (static), and the unfused lowering. GQA/MQA heads, Sq != Skv,
// tiles that do not divide the lengths. Documents: attn-run generates
// random sorted offsets from 0 to Skv (empty documents included) per seed.
// Every function returns the lse, so fully masked rows (0, -inf) are compared.

// CHECK-LABEL: entry dilated (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @dilated(%q: tensor<1x4x30x8xf32>, %k: tensor<1x2x42x8xf32>, %v: tensor<1x2x42x8xf32>)
    -> (tensor<1x4x30x8xf32>, tensor<1x4x30xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.dilated_window<left = 6, right = 2, dilation = 3>,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x4x30x8xf32>, tensor<1x2x42x8xf32>, tensor<1x2x42x8xf32> -> tensor<1x4x30x8xf32>, tensor<1x4x30xf32>
  return %o, %lse : tensor<1x4x30x8xf32>, tensor<1x4x30xf32>
}

// CHECK-LABEL: entry global_sink (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @global_sink(%q: tensor<1x2x30x8xf32>, %k: tensor<1x1x42x8xf32>, %v: tensor<1x1x42x8xf32>)
    -> (tensor<1x2x30x8xf32>, tensor<1x2x30xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.global<keys = 5>,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x30x8xf32>, tensor<1x1x42x8xf32>, tensor<1x1x42x8xf32> -> tensor<1x2x30x8xf32>, tensor<1x2x30xf32>
  return %o, %lse : tensor<1x2x30x8xf32>, tensor<1x2x30xf32>
}

// CHECK-LABEL: entry global_queries (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @global_queries(%q: tensor<2x2x19x8xf32>, %k: tensor<2x2x19x8xf32>, %v: tensor<2x2x19x8xf32>)
    -> (tensor<2x2x19x8xf32>, tensor<2x2x19xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.global<keys = 3, queries = 7>,
       tiling = #attn.tiling<query = 6, key = 4>}
      : tensor<2x2x19x8xf32>, tensor<2x2x19x8xf32>, tensor<2x2x19x8xf32> -> tensor<2x2x19x8xf32>, tensor<2x2x19xf32>
  return %o, %lse : tensor<2x2x19x8xf32>, tensor<2x2x19xf32>
}

// CHECK-LABEL: entry neighborhood (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @neighborhood(%q: tensor<1x3x35x8xf32>, %k: tensor<1x1x42x8xf32>, %v: tensor<1x1x42x8xf32>)
    -> (tensor<1x3x35x8xf32>, tensor<1x3x35xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.neighborhood<grid = 6x7, kernel = 3x5, dilation = 2x1>,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x3x35x8xf32>, tensor<1x1x42x8xf32>, tensor<1x1x42x8xf32> -> tensor<1x3x35x8xf32>, tensor<1x3x35xf32>
  return %o, %lse : tensor<1x3x35x8xf32>, tensor<1x3x35xf32>
}

// CHECK-LABEL: entry neighborhood_sq_eq (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @neighborhood_sq_eq(%q: tensor<1x2x64x16xf32>, %k: tensor<1x2x64x16xf32>, %v: tensor<1x2x64x16xf32>)
    -> (tensor<1x2x64x16xf32>, tensor<1x2x64xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.neighborhood<grid = 8x8, kernel = 5x3>,
       tiling = #attn.tiling<query = 16, key = 16>}
      : tensor<1x2x64x16xf32>, tensor<1x2x64x16xf32>, tensor<1x2x64x16xf32> -> tensor<1x2x64x16xf32>, tensor<1x2x64xf32>
  return %o, %lse : tensor<1x2x64x16xf32>, tensor<1x2x64xf32>
}

// CHECK-LABEL: entry block_layout (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @block_layout(%q: tensor<1x4x30x8xf32>, %k: tensor<1x1x42x8xf32>, %v: tensor<1x1x42x8xf32>)
    -> (tensor<1x4x30x8xf32>, tensor<1x4x30xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.block_layout<block = 7x9, [[1, 0, 1], [0, 1, 1], [1, 1, 0], [0, 0, 1]]>,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x4x30x8xf32>, tensor<1x1x42x8xf32>, tensor<1x1x42x8xf32> -> tensor<1x4x30x8xf32>, tensor<1x4x30xf32>
  return %o, %lse : tensor<1x4x30x8xf32>, tensor<1x4x30xf32>
}

// CHECK-LABEL: entry sink_window (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @sink_window(%q: tensor<1x4x40x16xf32>, %k: tensor<1x2x40x16xf32>, %v: tensor<1x2x40x16xf32>)
    -> (tensor<1x4x40x16xf32>, tensor<1x4x40xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.union<[#attn.global<keys = 4>, #attn.sliding_window<left = 8, right = 0>]>,
       tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x4x40x16xf32>, tensor<1x2x40x16xf32>, tensor<1x2x40x16xf32> -> tensor<1x4x40x16xf32>, tensor<1x4x40xf32>
  return %o, %lse : tensor<1x4x40x16xf32>, tensor<1x4x40xf32>
}

// CHECK-LABEL: entry union3 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @union3(%q: tensor<1x2x30x8xf32>, %k: tensor<1x1x42x8xf32>, %v: tensor<1x1x42x8xf32>)
    -> (tensor<1x2x30x8xf32>, tensor<1x2x30xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.union<[#attn.global<keys = 3>, #attn.dilated_window<left = 4, right = 0, dilation = 2>, #attn.causal]>,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x30x8xf32>, tensor<1x1x42x8xf32>, tensor<1x1x42x8xf32> -> tensor<1x2x30x8xf32>, tensor<1x2x30xf32>
  return %o, %lse : tensor<1x2x30x8xf32>, tensor<1x2x30xf32>
}

// CHECK-LABEL: entry intersect (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @intersect(%q: tensor<1x2x42x8xf32>, %k: tensor<1x2x30x8xf32>, %v: tensor<1x2x30x8xf32>)
    -> (tensor<1x2x42x8xf32>, tensor<1x2x42xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.intersect<[#attn.sliding_window<left = 20, right = 5>, #attn.dilated_window<left = 10, right = 10, dilation = 2>]>,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x42x8xf32>, tensor<1x2x30x8xf32>, tensor<1x2x30x8xf32> -> tensor<1x2x42x8xf32>, tensor<1x2x42xf32>
  return %o, %lse : tensor<1x2x42x8xf32>, tensor<1x2x42xf32>
}

// CHECK-LABEL: entry intersect_nested (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @intersect_nested(%q: tensor<1x2x33x8xf32>, %k: tensor<1x2x33x8xf32>, %v: tensor<1x2x33x8xf32>)
    -> (tensor<1x2x33x8xf32>, tensor<1x2x33xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.intersect<[#attn.causal, #attn.union<[#attn.global<keys = 2>, #attn.sliding_window<left = 6, right = 0>]>]>,
       tiling = #attn.tiling<query = 6, key = 4>}
      : tensor<1x2x33x8xf32>, tensor<1x2x33x8xf32>, tensor<1x2x33x8xf32> -> tensor<1x2x33x8xf32>, tensor<1x2x33xf32>
  return %o, %lse : tensor<1x2x33x8xf32>, tensor<1x2x33xf32>
}

// CHECK-LABEL: entry documents (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @documents(%q: tensor<2x2x37x8xf32>, %k: tensor<2x1x37x8xf32>, %v: tensor<2x1x37x8xf32>, %offs: tensor<6xi32>)
    -> (tensor<2x2x37x8xf32>, tensor<2x2x37xf32>) {
  %o, %lse = attn.attention %q, %k, %v documents(%offs : tensor<6xi32>)
      {sparsity = #attn.documents,
       tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<2x2x37x8xf32>, tensor<2x1x37x8xf32>, tensor<2x1x37x8xf32> -> tensor<2x2x37x8xf32>, tensor<2x2x37xf32>
  return %o, %lse : tensor<2x2x37x8xf32>, tensor<2x2x37xf32>
}

// CHECK-LABEL: entry documents_causal (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @documents_causal(%q: tensor<1x4x29x8xf32>, %k: tensor<1x2x45x8xf32>, %v: tensor<1x2x45x8xf32>, %offs: tensor<5xi64>)
    -> (tensor<1x4x29x8xf32>, tensor<1x4x29xf32>) {
  %o, %lse = attn.attention %q, %k, %v documents(%offs : tensor<5xi64>)
      {sparsity = #attn.intersect<[#attn.documents, #attn.causal]>,
       tiling = #attn.tiling<query = 4, key = 6>}
      : tensor<1x4x29x8xf32>, tensor<1x2x45x8xf32>, tensor<1x2x45x8xf32> -> tensor<1x4x29x8xf32>, tensor<1x4x29xf32>
  return %o, %lse : tensor<1x4x29x8xf32>, tensor<1x4x29xf32>
}

// CHECK-LABEL: entry documents_sink (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @documents_sink(%q: tensor<1x2x40x8xf32>, %k: tensor<1x2x40x8xf32>, %v: tensor<1x2x40x8xf32>, %offs: tensor<4xi32>)
    -> (tensor<1x2x40x8xf32>, tensor<1x2x40xf32>) {
  %o, %lse = attn.attention %q, %k, %v documents(%offs : tensor<4xi32>)
      {sparsity = #attn.union<[#attn.documents, #attn.global<keys = 2>]>,
       tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x40x8xf32>, tensor<1x2x40x8xf32>, tensor<1x2x40x8xf32> -> tensor<1x2x40x8xf32>, tensor<1x2x40xf32>
  return %o, %lse : tensor<1x2x40x8xf32>, tensor<1x2x40xf32>
}
