// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=fused --threads=1 | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=fused --threads=2 --seed=7 | FileCheck %s

// Execution tests of visibility and score modifiers through the fused
// lowering, where the pattern bounds the key loops: key tiles outside every
// row's window are skipped, tiles inside every row's window run unmasked, and
// only boundary tiles test elements. Causal with Sq < Skv and Sq > Skv
// (fully masked rows and whole fully masked query tiles: output 0,
// lse -inf), sliding windows (right > 0 too), i1 masks of ranks 2 and 4,
// f32 bias, ALiBi, softcap, and everything combined. Functions that can have
// fully masked rows return the lse, so that the -inf values are compared.

// Causal, Sq < Skv: row i sees keys j <= i + 7.
// CHECK-LABEL: entry causal_sq5_skv12 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 6400 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @causal_sq5_skv12(%q: tensor<1x2x5x16xf32>, %k: tensor<1x2x12x16xf32>,
    %v: tensor<1x2x12x16xf32>)
    -> (tensor<1x2x5x16xf32>, tensor<1x2x5xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x5x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x16xf32>
      -> tensor<1x2x5x16xf32>, tensor<1x2x5xf32>
  return %o, %lse : tensor<1x2x5x16xf32>, tensor<1x2x5xf32>
}

// Causal, Sq > Skv: rows 0..4 see no key (output 0, lse -inf).
// CHECK-LABEL: entry causal_sq9_skv4 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 1280 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @causal_sq9_skv4(%q: tensor<1x2x9x16xf32>, %k: tensor<1x2x4x16xf32>,
    %v: tensor<1x2x4x16xf32>)
    -> (tensor<1x2x9x16xf32>, tensor<1x2x9xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x9x16xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>
      -> tensor<1x2x9x16xf32>, tensor<1x2x9xf32>
  return %o, %lse : tensor<1x2x9x16xf32>, tensor<1x2x9xf32>
}

// Causal, Sq = 200 > Skv = 130, 64 x 64 tiles: rows 0..69 see no key, so
// the whole first query tile visits no key tile at all.
// CHECK-LABEL: entry causal_sq200_skv130 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 2179840 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @causal_sq200_skv130(%q: tensor<1x2x200x32xf32>,
    %k: tensor<1x2x130x32xf32>, %v: tensor<1x2x130x32xf32>)
    -> (tensor<1x2x200x32xf32>, tensor<1x2x200xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x200x32xf32>, tensor<1x2x130x32xf32>, tensor<1x2x130x32xf32>
      -> tensor<1x2x200x32xf32>, tensor<1x2x200xf32>
  return %o, %lse : tensor<1x2x200x32xf32>, tensor<1x2x200xf32>
}

// Causal, Sq = 100 < Skv = 300, 16 x 32 tiles: leading whole tiles, one or
// two diagonal tiles per query tile, skipped tiles after the diagonal.
// CHECK-LABEL: entry causal_sq100_skv300_tiles16x32 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 2404800 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @causal_sq100_skv300_tiles16x32(%q: tensor<1x2x100x16xf32>,
    %k: tensor<1x2x300x16xf32>, %v: tensor<1x2x300x8xf32>)
    -> (tensor<1x2x100x8xf32>, tensor<1x2x100xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.causal, tiling = #attn.tiling<query = 16, key = 32>}
      : tensor<1x2x100x16xf32>, tensor<1x2x300x16xf32>, tensor<1x2x300x8xf32>
      -> tensor<1x2x100x8xf32>, tensor<1x2x100xf32>
  return %o, %lse : tensor<1x2x100x8xf32>, tensor<1x2x100xf32>
}

// Causal, square, 5 x 7 tiles that straddle the diagonal unevenly.
// CHECK-LABEL: entry causal_square_tiles5x7 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 89984 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @causal_square_tiles5x7(%q: tensor<2x2x37x8xf32>,
    %k: tensor<2x2x37x8xf32>, %v: tensor<2x2x37x8xf32>)
    -> (tensor<2x2x37x8xf32>, tensor<2x2x37xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.causal, tiling = #attn.tiling<query = 5, key = 7>}
      : tensor<2x2x37x8xf32>, tensor<2x2x37x8xf32>, tensor<2x2x37x8xf32>
      -> tensor<2x2x37x8xf32>, tensor<2x2x37xf32>
  return %o, %lse : tensor<2x2x37x8xf32>, tensor<2x2x37xf32>
}

// Causal decode step: the one row sees every key.
// CHECK-LABEL: entry causal_sq1 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 19200 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @causal_sq1(%q: tensor<1x2x1x16xf32>, %k: tensor<1x2x150x16xf32>,
    %v: tensor<1x2x150x16xf32>)
    -> tensor<1x2x1x16xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x1x16xf32>, tensor<1x2x150x16xf32>, tensor<1x2x150x16xf32>
      -> tensor<1x2x1x16xf32>
  return %o : tensor<1x2x1x16xf32>
}

// Sliding window left = 3, right = 2 > 0, square, 4 x 4 tiles: most key
// tiles of every query tile are skipped on both sides.
// CHECK-LABEL: entry window_l3_r2_tiles4x4 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 29568 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @window_l3_r2_tiles4x4(%q: tensor<1x2x40x16xf32>,
    %k: tensor<1x2x40x16xf32>, %v: tensor<1x2x40x16xf32>)
    -> tensor<1x2x40x16xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 3, right = 2>,
       tiling = #attn.tiling<query = 4, key = 4>}
      : tensor<1x2x40x16xf32>, tensor<1x2x40x16xf32>, tensor<1x2x40x16xf32>
      -> tensor<1x2x40x16xf32>
  return %o : tensor<1x2x40x16xf32>
}

// left = right = 0: each row sees exactly one key (j = i + 6).
// CHECK-LABEL: entry window_l0_r0 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 896 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @window_l0_r0(%q: tensor<1x2x7x16xf32>, %k: tensor<1x2x13x16xf32>,
    %v: tensor<1x2x13x16xf32>)
    -> (tensor<1x2x7x16xf32>, tensor<1x2x7xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 0, right = 0>}
      : tensor<1x2x7x16xf32>, tensor<1x2x13x16xf32>, tensor<1x2x13x16xf32>
      -> tensor<1x2x7x16xf32>, tensor<1x2x7xf32>
  return %o, %lse : tensor<1x2x7x16xf32>, tensor<1x2x7xf32>
}

// right = 4 reaching past the last key for the bottom rows, Sq < Skv.
// CHECK-LABEL: entry window_l2_r4 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 7680 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @window_l2_r4(%q: tensor<2x2x10x8xf32>, %k: tensor<2x2x24x8xf32>,
    %v: tensor<2x2x24x8xf32>)
    -> tensor<2x2x10x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 2, right = 4>,
       tiling = #attn.tiling<query = 3, key = 5>}
      : tensor<2x2x10x8xf32>, tensor<2x2x24x8xf32>, tensor<2x2x24x8xf32>
      -> tensor<2x2x10x8xf32>
  return %o : tensor<2x2x10x8xf32>
}

// Sq = 12 > Skv = 5, window [i - 8, i - 6]: rows 0..5 see no key (output 0,
// lse -inf), rows 6..11 see 1 to 3 keys.
// CHECK-LABEL: entry window_fully_masked (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 896 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @window_fully_masked(%q: tensor<1x2x12x8xf32>,
    %k: tensor<1x2x5x8xf32>, %v: tensor<1x2x5x8xf32>)
    -> (tensor<1x2x12x8xf32>, tensor<1x2x12xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 1, right = 1>}
      : tensor<1x2x12x8xf32>, tensor<1x2x5x8xf32>, tensor<1x2x5x8xf32>
      -> tensor<1x2x12x8xf32>, tensor<1x2x12xf32>
  return %o, %lse : tensor<1x2x12x8xf32>, tensor<1x2x12xf32>
}

// A wider window on a larger problem with the default 64 x 64 tiles.
// CHECK-LABEL: entry window_l20_r5 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 745920 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @window_l20_r5(%q: tensor<1x2x150x32xf32>, %k: tensor<1x2x170x32xf32>,
    %v: tensor<1x2x170x16xf32>)
    -> (tensor<1x2x150x16xf32>, tensor<1x2x150xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 20, right = 5>}
      : tensor<1x2x150x32xf32>, tensor<1x2x170x32xf32>, tensor<1x2x170x16xf32>
      -> tensor<1x2x150x16xf32>, tensor<1x2x150xf32>
  return %o, %lse : tensor<1x2x150x16xf32>, tensor<1x2x150xf32>
}

// Rank-2 mask [Sq, Skv], broadcast over B and Hq, combined with causal, with
// 8 x 8 tiles (the interior tiles test the mask too).
// CHECK-LABEL: entry mask_rank2_causal (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mask_rank2_causal(%q: tensor<1x2x16x16xf32>,
    %k: tensor<1x2x24x16xf32>, %v: tensor<1x2x24x16xf32>, %m: tensor<16x24xi1>)
    -> (tensor<1x2x16x16xf32>, tensor<1x2x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      mask(%m : tensor<16x24xi1>)
      {sparsity = #attn.causal, tiling = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x16x16xf32>, tensor<1x2x24x16xf32>, tensor<1x2x24x16xf32>
      -> tensor<1x2x16x16xf32>, tensor<1x2x16xf32>
  return %o, %lse : tensor<1x2x16x16xf32>, tensor<1x2x16xf32>
}

// Rank-2 mask [1, Skv]: one key-padding row shared by every query.
// CHECK-LABEL: entry mask_rank2_keys (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mask_rank2_keys(%q: tensor<2x2x8x16xf32>, %k: tensor<2x2x100x16xf32>,
    %v: tensor<2x2x100x16xf32>, %m: tensor<1x100xi1>)
    -> tensor<2x2x8x16xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<1x100xi1>)
      : tensor<2x2x8x16xf32>, tensor<2x2x100x16xf32>, tensor<2x2x100x16xf32>
      -> tensor<2x2x8x16xf32>
  return %o : tensor<2x2x8x16xf32>
}

// Rank-4 mask [B, 1, 1, Skv] (padding per batch) with a sliding window.
// CHECK-LABEL: entry mask_rank4_batch_window (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mask_rank4_batch_window(%q: tensor<2x2x12x16xf32>,
    %k: tensor<2x2x20x16xf32>, %v: tensor<2x2x20x16xf32>,
    %m: tensor<2x1x1x20xi1>)
    -> (tensor<2x2x12x16xf32>, tensor<2x2x12xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      mask(%m : tensor<2x1x1x20xi1>)
      {sparsity = #attn.sliding_window<left = 4, right = 1>,
       tiling = #attn.tiling<query = 5, key = 7>}
      : tensor<2x2x12x16xf32>, tensor<2x2x20x16xf32>, tensor<2x2x20x16xf32>
      -> tensor<2x2x12x16xf32>, tensor<2x2x12xf32>
  return %o, %lse : tensor<2x2x12x16xf32>, tensor<2x2x12xf32>
}

// Full rank-4 mask [B, Hq, Sq, Skv] with only 3 keys (a row is fully masked
// with probability 0.15^3).
// CHECK-LABEL: entry mask_rank4_full (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mask_rank4_full(%q: tensor<2x3x9x16xf32>, %k: tensor<2x3x3x16xf32>,
    %v: tensor<2x3x3x16xf32>, %m: tensor<2x3x9x3xi1>)
    -> (tensor<2x3x9x16xf32>, tensor<2x3x9xf32>) {
  %o, %lse = attn.attention %q, %k, %v mask(%m : tensor<2x3x9x3xi1>)
      : tensor<2x3x9x16xf32>, tensor<2x3x3x16xf32>, tensor<2x3x3x16xf32>
      -> tensor<2x3x9x16xf32>, tensor<2x3x9xf32>
  return %o, %lse : tensor<2x3x9x16xf32>, tensor<2x3x9xf32>
}

// Full rank-4 mask over several 5 x 7 tiles.
// CHECK-LABEL: entry mask_rank4_full_tiles5x7 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mask_rank4_full_tiles5x7(%q: tensor<1x2x23x8xf32>,
    %k: tensor<1x2x30x8xf32>, %v: tensor<1x2x30x8xf32>,
    %m: tensor<1x2x23x30xi1>)
    -> (tensor<1x2x23x8xf32>, tensor<1x2x23xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      mask(%m : tensor<1x2x23x30xi1>)
      {tiling = #attn.tiling<query = 5, key = 7>}
      : tensor<1x2x23x8xf32>, tensor<1x2x30x8xf32>, tensor<1x2x30x8xf32>
      -> tensor<1x2x23x8xf32>, tensor<1x2x23xf32>
  return %o, %lse : tensor<1x2x23x8xf32>, tensor<1x2x23xf32>
}

// f32 bias [Sq, Skv], broadcast over B and Hq, 5 x 7 tiles.
// CHECK-LABEL: entry bias_2d_tiles5x7 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 98304 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bias_2d_tiles5x7(%q: tensor<2x2x16x16xf32>,
    %k: tensor<2x2x24x16xf32>, %v: tensor<2x2x24x16xf32>, %b: tensor<16x24xf32>)
    -> (tensor<2x2x16x16xf32>, tensor<2x2x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      bias(%b : tensor<16x24xf32>)
      {tiling = #attn.tiling<query = 5, key = 7>}
      : tensor<2x2x16x16xf32>, tensor<2x2x24x16xf32>, tensor<2x2x24x16xf32>
      -> tensor<2x2x16x16xf32>, tensor<2x2x16xf32>
  return %o, %lse : tensor<2x2x16x16xf32>, tensor<2x2x16xf32>
}

// Full f32 bias [B, Hq, Sq, Skv] with the default tiles.
// CHECK-LABEL: entry bias_full (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 430080 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bias_full(%q: tensor<2x3x16x16xf32>, %k: tensor<2x3x70x16xf32>,
    %v: tensor<2x3x70x16xf32>, %b: tensor<2x3x16x70xf32>)
    -> (tensor<2x3x16x16xf32>, tensor<2x3x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v bias(%b : tensor<2x3x16x70xf32>)
      : tensor<2x3x16x16xf32>, tensor<2x3x70x16xf32>, tensor<2x3x70x16xf32>
      -> tensor<2x3x16x16xf32>, tensor<2x3x16xf32>
  return %o, %lse : tensor<2x3x16x16xf32>, tensor<2x3x16xf32>
}

// f32 bias [Hq, 1, Skv] with causal.
// CHECK-LABEL: entry bias_rank3_causal (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 36864 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bias_rank3_causal(%q: tensor<2x4x9x16xf32>,
    %k: tensor<2x4x12x16xf32>, %v: tensor<2x4x12x16xf32>,
    %b: tensor<4x1x12xf32>)
    -> (tensor<2x4x9x16xf32>, tensor<2x4x9xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      bias(%b : tensor<4x1x12xf32>)
      {sparsity = #attn.causal}
      : tensor<2x4x9x16xf32>, tensor<2x4x12x16xf32>, tensor<2x4x12x16xf32>
      -> tensor<2x4x9x16xf32>, tensor<2x4x9xf32>
  return %o, %lse : tensor<2x4x9x16xf32>, tensor<2x4x9xf32>
}

// ALiBi slopes [Hq] with Sq != Skv: distance |i + (Skv - Sq) - j|, computed
// from global indices inside each 5 x 7 tile.
// CHECK-LABEL: entry alibi_tiles5x7 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 168960 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @alibi_tiles5x7(%q: tensor<1x4x20x16xf32>, %k: tensor<1x4x33x16xf32>,
    %v: tensor<1x4x33x16xf32>, %s: tensor<4xf32>)
    -> (tensor<1x4x20x16xf32>, tensor<1x4x20xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      alibi(%s : tensor<4xf32>)
      {tiling = #attn.tiling<query = 5, key = 7>}
      : tensor<1x4x20x16xf32>, tensor<1x4x33x16xf32>, tensor<1x4x33x16xf32>
      -> tensor<1x4x20x16xf32>, tensor<1x4x20xf32>
  return %o, %lse : tensor<1x4x20x16xf32>, tensor<1x4x20xf32>
}

// ALiBi with causal, Sq > Skv (some rows fully masked).
// CHECK-LABEL: entry alibi_causal (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 119040 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @alibi_causal(%q: tensor<1x4x40x16xf32>, %k: tensor<1x4x30x16xf32>,
    %v: tensor<1x4x30x16xf32>, %s: tensor<4xf32>)
    -> (tensor<1x4x40x16xf32>, tensor<1x4x40xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      alibi(%s : tensor<4xf32>)
      {sparsity = #attn.causal, tiling = #attn.tiling<query = 16, key = 8>}
      : tensor<1x4x40x16xf32>, tensor<1x4x30x16xf32>, tensor<1x4x30x16xf32>
      -> tensor<1x4x40x16xf32>, tensor<1x4x40xf32>
  return %o, %lse : tensor<1x4x40x16xf32>, tensor<1x4x40xf32>
}

// scale = 1 makes the raw scores large enough for softcap = 1.5 to bite.
// CHECK-LABEL: entry softcap_strong (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 98304 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @softcap_strong(%q: tensor<1x2x16x32xf32>, %k: tensor<1x2x24x32xf32>,
    %v: tensor<1x2x24x32xf32>)
    -> (tensor<1x2x16x32xf32>, tensor<1x2x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v {scale = 1.0 : f64, softcap = 1.5 : f64}
      : tensor<1x2x16x32xf32>, tensor<1x2x24x32xf32>, tensor<1x2x24x32xf32>
      -> tensor<1x2x16x32xf32>, tensor<1x2x16xf32>
  return %o, %lse : tensor<1x2x16x32xf32>, tensor<1x2x16xf32>
}

// softcap with the default scale, causal, 5 x 7 tiles.
// CHECK-LABEL: entry softcap_causal_tiles5x7 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 35840 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @softcap_causal_tiles5x7(%q: tensor<1x2x7x64xf32>,
    %k: tensor<1x2x13x64xf32>, %v: tensor<1x2x13x64xf32>)
    -> (tensor<1x2x7x64xf32>, tensor<1x2x7xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {softcap = 0.25 : f64, sparsity = #attn.causal,
       tiling = #attn.tiling<query = 5, key = 7>}
      : tensor<1x2x7x64xf32>, tensor<1x2x13x64xf32>, tensor<1x2x13x64xf32>
      -> tensor<1x2x7x64xf32>, tensor<1x2x7xf32>
  return %o, %lse : tensor<1x2x7x64xf32>, tensor<1x2x7xf32>
}

// Everything at once: explicit scale, softcap, rank-4 bias, ALiBi, a
// rank-2 mask and a sliding window, Sq != Skv, 5 x 7 tiles.
// CHECK-LABEL: entry all_modifiers (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @all_modifiers(%q: tensor<2x2x11x8xf32>, %k: tensor<2x2x19x8xf32>,
    %v: tensor<2x2x19x12xf32>, %m: tensor<11x19xi1>, %b: tensor<2x2x11x19xf32>,
    %s: tensor<2xf32>)
    -> (tensor<2x2x11x12xf32>, tensor<2x2x11xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      mask(%m : tensor<11x19xi1>) bias(%b : tensor<2x2x11x19xf32>)
      alibi(%s : tensor<2xf32>)
      {scale = 0.3 : f64, softcap = 5.0 : f64,
       sparsity = #attn.sliding_window<left = 6, right = 2>,
       tiling = #attn.tiling<query = 5, key = 7>}
      : tensor<2x2x11x8xf32>, tensor<2x2x19x8xf32>, tensor<2x2x19x12xf32>
      -> tensor<2x2x11x12xf32>, tensor<2x2x11xf32>
  return %o, %lse : tensor<2x2x11x12xf32>, tensor<2x2x11xf32>
}
