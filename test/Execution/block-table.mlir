// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=fused --threads=2 | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=fused --seed=3 --table-density=0.2 | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=fused --seed=4 --table-density=1 | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=unfused --seed=5 | FileCheck %s

// Dynamic block tables (BSR): blocks(row_ptr, cols) [full_blocks(flags)]
// over block_size blocks, against the float64 reference of their definition
// (docs/semantics.md). attn-run generates random valid tables (each key
// block listed with probability --table-density, full flags at random) per
// seed. Tables per KV group (Ht = Hkv), shared (Ht = 1) and per head
// (Ht = Hq); with and without a pattern (listed blocks apply the pattern
// unless flagged full); Sq != Skv and blocks that do not divide the lengths.

// CHECK-LABEL: entry table_per_group_causal_full (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @table_per_group_causal_full(%q: tensor<2x4x30x8xf32>, %k: tensor<2x2x42x8xf32>, %v: tensor<2x2x42x8xf32>, %rp: tensor<2x2x9xi32>, %cols: tensor<2x2x40xi32>, %full: tensor<2x2x40xi1>)
    -> (tensor<2x4x30x8xf32>, tensor<2x4x30xf32>) {
  %o, %lse = attn.attention %q, %k, %v blocks(%rp, %cols : tensor<2x2x9xi32>, tensor<2x2x40xi32>)
      full_blocks(%full : tensor<2x2x40xi1>)
      {sparsity = #attn.causal,
       block_size = #attn.tiling<query = 4, key = 5>}
      : tensor<2x4x30x8xf32>, tensor<2x2x42x8xf32>, tensor<2x2x42x8xf32> -> tensor<2x4x30x8xf32>, tensor<2x4x30xf32>
  return %o, %lse : tensor<2x4x30x8xf32>, tensor<2x4x30xf32>
}

// CHECK-LABEL: entry table_shared_nopattern (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @table_shared_nopattern(%q: tensor<1x2x33x8xf32>, %k: tensor<1x2x33x8xf32>, %v: tensor<1x2x33x8xf32>, %rp: tensor<1x1x6xi32>, %cols: tensor<1x1x12xi32>)
    -> (tensor<1x2x33x8xf32>, tensor<1x2x33xf32>) {
  %o, %lse = attn.attention %q, %k, %v blocks(%rp, %cols : tensor<1x1x6xi32>, tensor<1x1x12xi32>)
      {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x33x8xf32>, tensor<1x2x33x8xf32>, tensor<1x2x33x8xf32> -> tensor<1x2x33x8xf32>, tensor<1x2x33xf32>
  return %o, %lse : tensor<1x2x33x8xf32>, tensor<1x2x33xf32>
}

// CHECK-LABEL: entry table_per_head_window (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @table_per_head_window(%q: tensor<1x4x40x8xf32>, %k: tensor<1x1x24x8xf32>, %v: tensor<1x1x24x8xf32>, %rp: tensor<1x4x6xi32>, %cols: tensor<1x4x16xi32>)
    -> (tensor<1x4x40x8xf32>, tensor<1x4x40xf32>) {
  %o, %lse = attn.attention %q, %k, %v blocks(%rp, %cols : tensor<1x4x6xi32>, tensor<1x4x16xi32>)
      {sparsity = #attn.sliding_window<left = 9, right = 2>,
       block_size = #attn.tiling<query = 8, key = 6>}
      : tensor<1x4x40x8xf32>, tensor<1x1x24x8xf32>, tensor<1x1x24x8xf32> -> tensor<1x4x40x8xf32>, tensor<1x4x40xf32>
  return %o, %lse : tensor<1x4x40x8xf32>, tensor<1x4x40xf32>
}

// CHECK-LABEL: entry table_sink_window_full (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @table_sink_window_full(%q: tensor<1x2x37x8xf32>, %k: tensor<1x1x37x8xf32>, %v: tensor<1x1x37x8xf32>, %rp: tensor<1x1x6xi32>, %cols: tensor<1x1x25xi32>, %full: tensor<1x1x25xi1>)
    -> (tensor<1x2x37x8xf32>, tensor<1x2x37xf32>) {
  %o, %lse = attn.attention %q, %k, %v blocks(%rp, %cols : tensor<1x1x6xi32>, tensor<1x1x25xi32>)
      full_blocks(%full : tensor<1x1x25xi1>)
      {sparsity = #attn.union<[#attn.global<keys = 3>, #attn.sliding_window<left = 8, right = 0>]>,
       block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x37x8xf32>, tensor<1x1x37x8xf32>, tensor<1x1x37x8xf32> -> tensor<1x2x37x8xf32>, tensor<1x2x37xf32>
  return %o, %lse : tensor<1x2x37x8xf32>, tensor<1x2x37xf32>
}

// CHECK-LABEL: entry table_full_nopattern (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @table_full_nopattern(%q: tensor<2x2x19x8xf32>, %k: tensor<2x2x27x8xf32>, %v: tensor<2x2x27x8xf32>, %rp: tensor<2x2x5xi32>, %cols: tensor<2x2x30xi32>, %full: tensor<2x2x30xi1>)
    -> (tensor<2x2x19x8xf32>, tensor<2x2x19xf32>) {
  %o, %lse = attn.attention %q, %k, %v blocks(%rp, %cols : tensor<2x2x5xi32>, tensor<2x2x30xi32>)
      full_blocks(%full : tensor<2x2x30xi1>)
      {block_size = #attn.tiling<query = 6, key = 4>}
      : tensor<2x2x19x8xf32>, tensor<2x2x27x8xf32>, tensor<2x2x27x8xf32> -> tensor<2x2x19x8xf32>, tensor<2x2x19xf32>
  return %o, %lse : tensor<2x2x19x8xf32>, tensor<2x2x19xf32>
}
