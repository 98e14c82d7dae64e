// RUN: attn-run --pipeline=unfused %s --check --reps=1 --warmup=0 --threads=1 | FileCheck %s
// RUN: attn-run --pipeline=unfused %s --check --reps=1 --warmup=0 --threads=2 --seed=7 | FileCheck %s

// Execution tests of visibility: causal with Sq < Skv and Sq > Skv (fully
// masked rows: output 0, lse -inf), sliding windows, and i1 mask operands of
// ranks 2, 3 and 4 with broadcast dimensions (docs/semantics.md). Functions
// that can have fully masked rows also return the lse, so that the -inf
// values are compared (equal infinities match).

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

// Causal, Sq > Skv: row i sees keys j <= i - 5, so rows 0..4 are fully
// masked (output 0, lse -inf).
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

// Sliding window with left = 3 and right = 2 > 0, square.
// CHECK-LABEL: entry window_l3_r2 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 14208 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @window_l3_r2(%q: tensor<1x2x20x16xf32>, %k: tensor<1x2x20x16xf32>,
    %v: tensor<1x2x20x16xf32>)
    -> tensor<1x2x20x16xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 3, right = 2>}
      : tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32>
      -> tensor<1x2x20x16xf32>
  return %o : tensor<1x2x20x16xf32>
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

// right = 4 > 0 reaching past the last key for the bottom rows, Sq < Skv.
// CHECK-LABEL: entry window_l2_r4 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 7680 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @window_l2_r4(%q: tensor<2x2x10x8xf32>, %k: tensor<2x2x24x8xf32>,
    %v: tensor<2x2x24x8xf32>)
    -> tensor<2x2x10x8xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 2, right = 4>}
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

// Rank-2 mask [Sq, Skv], broadcast over B and Hq, combined with causal.
// CHECK-LABEL: entry mask_rank2_causal (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mask_rank2_causal(%q: tensor<1x2x16x16xf32>,
    %k: tensor<1x2x24x16xf32>, %v: tensor<1x2x24x16xf32>, %m: tensor<16x24xi1>)
    -> (tensor<1x2x16x16xf32>, tensor<1x2x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v mask(%m : tensor<16x24xi1>)
      {sparsity = #attn.causal}
      : tensor<1x2x16x16xf32>, tensor<1x2x24x16xf32>, tensor<1x2x24x16xf32>
      -> tensor<1x2x16x16xf32>, tensor<1x2x16xf32>
  return %o, %lse : tensor<1x2x16x16xf32>, tensor<1x2x16xf32>
}

// Rank-2 mask [1, Skv]: one key-padding row shared by every query.
// CHECK-LABEL: entry mask_rank2_keys (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mask_rank2_keys(%q: tensor<2x2x8x16xf32>, %k: tensor<2x2x16x16xf32>,
    %v: tensor<2x2x16x16xf32>, %m: tensor<1x16xi1>)
    -> tensor<2x2x8x16xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<1x16xi1>)
      : tensor<2x2x8x16xf32>, tensor<2x2x16x16xf32>, tensor<2x2x16x16xf32>
      -> tensor<2x2x8x16xf32>
  return %o : tensor<2x2x8x16xf32>
}

// Rank-3 mask [1, Sq, 1]: each query row is either fully visible or fully
// masked (probability 0.15 per row), broadcast over B, Hq and Skv.
// CHECK-LABEL: entry mask_rank3_rows (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mask_rank3_rows(%q: tensor<1x2x32x16xf32>, %k: tensor<1x2x12x16xf32>,
    %v: tensor<1x2x12x16xf32>, %m: tensor<1x32x1xi1>)
    -> (tensor<1x2x32x16xf32>, tensor<1x2x32xf32>) {
  %o, %lse = attn.attention %q, %k, %v mask(%m : tensor<1x32x1xi1>)
      : tensor<1x2x32x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x16xf32>
      -> tensor<1x2x32x16xf32>, tensor<1x2x32xf32>
  return %o, %lse : tensor<1x2x32x16xf32>, tensor<1x2x32xf32>
}

// Rank-3 mask [Hq, 1, Skv]: a key mask per head.
// CHECK-LABEL: entry mask_rank3_heads (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @mask_rank3_heads(%q: tensor<2x4x8x16xf32>, %k: tensor<2x4x12x16xf32>,
    %v: tensor<2x4x12x16xf32>, %m: tensor<4x1x12xi1>)
    -> tensor<2x4x8x16xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<4x1x12xi1>)
      : tensor<2x4x8x16xf32>, tensor<2x4x12x16xf32>, tensor<2x4x12x16xf32>
      -> tensor<2x4x8x16xf32>
  return %o : tensor<2x4x8x16xf32>
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
  %o, %lse = attn.attention %q, %k, %v mask(%m : tensor<2x1x1x20xi1>)
      {sparsity = #attn.sliding_window<left = 4, right = 1>}
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
