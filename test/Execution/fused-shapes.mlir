// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=fused --threads=1 | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=fused --threads=2 --seed=7 | FileCheck %s

// Execution tests of the fused lowering (--attn-fuse, then
// --attn-cpu-pipeline) over the shape matrix: every function is compiled,
// run on seeded inputs and compared with the float64 reference evaluator.
// Sequence lengths Sq in {1, 7, 128, 257}, Skv != Sq, head dims
// D in {1, 17, 64, 128}, Dv != D, B = 2, the LSE result, and tile sizes
// (#attn.tiling, else 64 x 64 clamped to the sequence lengths) that do not
// divide Sq or Skv, so that padded boundary tiles are exercised.

// Smallest case: one query, one key, D = Dv = 1 (1 x 1 tiles).
// CHECK-LABEL: entry sq1_skv1_d1 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 4 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @sq1_skv1_d1(%q: tensor<1x1x1x1xf32>, %k: tensor<1x1x1x1xf32>,
    %v: tensor<1x1x1x1xf32>)
    -> tensor<1x1x1x1xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32>
      -> tensor<1x1x1x1xf32>
  return %o : tensor<1x1x1x1xf32>
}

// Sq = 1: a decode step against a 96-entry KV cache (key tiles 64 + 32).
// CHECK-LABEL: entry sq1_decode (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 98304 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @sq1_decode(%q: tensor<1x4x1x64xf32>, %k: tensor<1x4x96x64xf32>,
    %v: tensor<1x4x96x64xf32>)
    -> (tensor<1x4x1x64xf32>, tensor<1x4x1xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x4x1x64xf32>, tensor<1x4x96x64xf32>, tensor<1x4x96x64xf32>
      -> tensor<1x4x1x64xf32>, tensor<1x4x1xf32>
  return %o, %lse : tensor<1x4x1x64xf32>, tensor<1x4x1xf32>
}

// Decode against a 2000-entry KV cache: 31 whole key tiles and a partial one.
// CHECK-LABEL: entry sq1_skv2000 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 4096000 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @sq1_skv2000(%q: tensor<1x8x1x64xf32>, %k: tensor<1x8x2000x64xf32>,
    %v: tensor<1x8x2000x64xf32>)
    -> (tensor<1x8x1x64xf32>, tensor<1x8x1xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x8x1x64xf32>, tensor<1x8x2000x64xf32>, tensor<1x8x2000x64xf32>
      -> tensor<1x8x1x64xf32>, tensor<1x8x1xf32>
  return %o, %lse : tensor<1x8x1x64xf32>, tensor<1x8x1xf32>
}

// Sq = 7, Skv = 13 with 5 x 7 tiles: the last query tile has 2 rows,
// the last key tile 6 keys. D = 17, Dv = 5.
// CHECK-LABEL: entry sq7_skv13_tiles5x7 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 8008 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @sq7_skv13_tiles5x7(%q: tensor<1x2x7x17xf32>,
    %k: tensor<1x2x13x17xf32>, %v: tensor<1x2x13x5xf32>)
    -> (tensor<1x2x7x5xf32>, tensor<1x2x7xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {tiling = #attn.tiling<query = 5, key = 7>}
      : tensor<1x2x7x17xf32>, tensor<1x2x13x17xf32>, tensor<1x2x13x5xf32>
      -> tensor<1x2x7x5xf32>, tensor<1x2x7xf32>
  return %o, %lse : tensor<1x2x7x5xf32>, tensor<1x2x7xf32>
}

// Sq = Skv = 128, D = 128: 64 x 64 tiles divide both lengths.
// CHECK-LABEL: entry sq128_d128 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 16777216 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @sq128_d128(%q: tensor<1x2x128x128xf32>, %k: tensor<1x2x128x128xf32>,
    %v: tensor<1x2x128x128xf32>)
    -> tensor<1x2x128x128xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>,
        tensor<1x2x128x128xf32>
      -> tensor<1x2x128x128xf32>
  return %o : tensor<1x2x128x128xf32>
}

// Sq = 257 > Skv = 100: 5 query tiles (the last with one row), key tiles
// 64 + 36.
// CHECK-LABEL: entry sq257_skv100 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 6579200 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @sq257_skv100(%q: tensor<1x2x257x32xf32>, %k: tensor<1x2x100x32xf32>,
    %v: tensor<1x2x100x32xf32>)
    -> (tensor<1x2x257x32xf32>, tensor<1x2x257xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x2x257x32xf32>, tensor<1x2x100x32xf32>, tensor<1x2x100x32xf32>
      -> tensor<1x2x257x32xf32>, tensor<1x2x257xf32>
  return %o, %lse : tensor<1x2x257x32xf32>, tensor<1x2x257xf32>
}

// Sq = Skv = 257 with D = 128.
// CHECK-LABEL: entry sq257_d128 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 33817088 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @sq257_d128(%q: tensor<1x1x257x128xf32>, %k: tensor<1x1x257x128xf32>,
    %v: tensor<1x1x257x128xf32>)
    -> tensor<1x1x257x128xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x1x257x128xf32>, tensor<1x1x257x128xf32>,
        tensor<1x1x257x128xf32>
      -> tensor<1x1x257x128xf32>
  return %o : tensor<1x1x257x128xf32>
}

// Sq = 257, Skv = 130, 5 x 7 tiles: many tiles, neither length divides.
// CHECK-LABEL: entry sq257_tiles5x7 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 2672800 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @sq257_tiles5x7(%q: tensor<1x1x257x16xf32>,
    %k: tensor<1x1x130x16xf32>, %v: tensor<1x1x130x24xf32>)
    -> (tensor<1x1x257x24xf32>, tensor<1x1x257xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {tiling = #attn.tiling<query = 5, key = 7>}
      : tensor<1x1x257x16xf32>, tensor<1x1x130x16xf32>, tensor<1x1x130x24xf32>
      -> tensor<1x1x257x24xf32>, tensor<1x1x257xf32>
  return %o, %lse : tensor<1x1x257x24xf32>, tensor<1x1x257xf32>
}

// D = Dv = 1, Sq = 13 > Skv = 7.
// CHECK-LABEL: entry d1_sq13_skv7 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 728 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @d1_sq13_skv7(%q: tensor<1x2x13x1xf32>, %k: tensor<1x2x7x1xf32>,
    %v: tensor<1x2x7x1xf32>)
    -> tensor<1x2x13x1xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x13x1xf32>, tensor<1x2x7x1xf32>, tensor<1x2x7x1xf32>
      -> tensor<1x2x13x1xf32>
  return %o : tensor<1x2x13x1xf32>
}

// D = 17, Dv = 5 (value head dim smaller than D).
// CHECK-LABEL: entry d17_dv5 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 8008 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @d17_dv5(%q: tensor<1x2x7x17xf32>, %k: tensor<1x2x13x17xf32>,
    %v: tensor<1x2x13x5xf32>)
    -> (tensor<1x2x7x5xf32>, tensor<1x2x7xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x2x7x17xf32>, tensor<1x2x13x17xf32>, tensor<1x2x13x5xf32>
      -> tensor<1x2x7x5xf32>, tensor<1x2x7xf32>
  return %o, %lse : tensor<1x2x7x5xf32>, tensor<1x2x7xf32>
}

// D = 64, Dv = 128, Skv = 80 (one whole and one partial key tile).
// CHECK-LABEL: entry d64_dv128 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 3932160 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @d64_dv128(%q: tensor<1x2x64x64xf32>, %k: tensor<1x2x80x64xf32>,
    %v: tensor<1x2x80x128xf32>)
    -> tensor<1x2x64x128xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x64x64xf32>, tensor<1x2x80x64xf32>, tensor<1x2x80x128xf32>
      -> tensor<1x2x64x128xf32>
  return %o : tensor<1x2x64x128xf32>
}

// B = 2 with 3 heads, Sq != Skv, D != Dv, 5 x 7 tiles.
// CHECK-LABEL: entry b2_tiles5x7 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 1140480 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @b2_tiles5x7(%q: tensor<2x3x33x24xf32>, %k: tensor<2x3x45x24xf32>,
    %v: tensor<2x3x45x40xf32>)
    -> (tensor<2x3x33x40xf32>, tensor<2x3x33xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {tiling = #attn.tiling<query = 5, key = 7>}
      : tensor<2x3x33x24xf32>, tensor<2x3x45x24xf32>, tensor<2x3x45x40xf32>
      -> tensor<2x3x33x40xf32>, tensor<2x3x33xf32>
  return %o, %lse : tensor<2x3x33x40xf32>, tensor<2x3x33xf32>
}

// B = 2, Sq = 1, D = 5 < Dv = 17.
// CHECK-LABEL: entry b2_sq1_d5_dv17 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 6512 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @b2_sq1_d5_dv17(%q: tensor<2x2x1x5xf32>, %k: tensor<2x2x37x5xf32>,
    %v: tensor<2x2x37x17xf32>)
    -> tensor<2x2x1x17xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<2x2x1x5xf32>, tensor<2x2x37x5xf32>, tensor<2x2x37x17xf32>
      -> tensor<2x2x1x17xf32>
  return %o : tensor<2x2x1x17xf32>
}

// Fewer keys (3) than any tile, many queries.
// CHECK-LABEL: entry skv3_sq100 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 19200 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @skv3_sq100(%q: tensor<1x2x100x8xf32>, %k: tensor<1x2x3x8xf32>,
    %v: tensor<1x2x3x8xf32>)
    -> (tensor<1x2x100x8xf32>, tensor<1x2x100xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x2x100x8xf32>, tensor<1x2x3x8xf32>, tensor<1x2x3x8xf32>
      -> tensor<1x2x100x8xf32>, tensor<1x2x100xf32>
  return %o, %lse : tensor<1x2x100x8xf32>, tensor<1x2x100xf32>
}

// A tiling larger than both lengths is clamped to them.
// CHECK-LABEL: entry tiles_larger_than_seq (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 25600 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @tiles_larger_than_seq(%q: tensor<1x2x10x16xf32>,
    %k: tensor<1x2x20x16xf32>, %v: tensor<1x2x20x16xf32>)
    -> tensor<1x2x10x16xf32> {
  %o = attn.attention %q, %k, %v {tiling = #attn.tiling<query = 128, key = 256>}
      : tensor<1x2x10x16xf32>, tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>
      -> tensor<1x2x10x16xf32>
  return %o : tensor<1x2x10x16xf32>
}

// 1 x 1 tiles: one query and one key per step.
// CHECK-LABEL: entry tiles_1x1 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 2178 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @tiles_1x1(%q: tensor<1x1x9x8xf32>, %k: tensor<1x1x11x8xf32>,
    %v: tensor<1x1x11x3xf32>)
    -> (tensor<1x1x9x3xf32>, tensor<1x1x9xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {tiling = #attn.tiling<query = 1, key = 1>}
      : tensor<1x1x9x8xf32>, tensor<1x1x11x8xf32>, tensor<1x1x11x3xf32>
      -> tensor<1x1x9x3xf32>, tensor<1x1x9xf32>
  return %o, %lse : tensor<1x1x9x3xf32>, tensor<1x1x9xf32>
}
