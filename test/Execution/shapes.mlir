// RUN: attn-run --pipeline=unfused %s --check --reps=1 --warmup=0 --threads=1 | FileCheck %s
// RUN: attn-run --pipeline=unfused %s --check --reps=1 --warmup=0 --threads=2 --seed=7 | FileCheck %s

// Execution tests of the shape matrix: every public function is compiled by
// the unfused pipeline, run on seeded inputs and compared with the float64
// reference evaluator (docs/semantics.md, docs/attn-run.md).
// Sequence lengths Sq in {1, 7, 128, 257}, Skv != Sq, head dims
// D in {1, 17, 64, 128}, Dv != D, and B = 2.

// Smallest case: one query, one key, D = Dv = 1 (softmax of one element).
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

// Sq = 1: a decode step against a 96-entry KV cache.
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

// Sq = 7 < Skv = 13, odd sizes.
// CHECK-LABEL: entry sq7_skv13 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 11648 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @sq7_skv13(%q: tensor<1x2x7x16xf32>, %k: tensor<1x2x13x16xf32>,
    %v: tensor<1x2x13x16xf32>)
    -> tensor<1x2x7x16xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x7x16xf32>, tensor<1x2x13x16xf32>, tensor<1x2x13x16xf32>
      -> tensor<1x2x7x16xf32>
  return %o : tensor<1x2x7x16xf32>
}

// Sq = Skv = 128, D = 128.
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

// Sq = 257 > Skv = 100: odd, not a multiple of any tile size.
// CHECK-LABEL: entry sq257_skv100 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 6579200 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @sq257_skv100(%q: tensor<1x2x257x32xf32>, %k: tensor<1x2x100x32xf32>,
    %v: tensor<1x2x100x32xf32>)
    -> tensor<1x2x257x32xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x257x32xf32>, tensor<1x2x100x32xf32>, tensor<1x2x100x32xf32>
      -> tensor<1x2x257x32xf32>
  return %o : tensor<1x2x257x32xf32>
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

// D = 64, Dv = 128.
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

// B = 2 with 3 heads, Sq != Skv and D != Dv.
// CHECK-LABEL: entry b2 (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 1140480 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @b2(%q: tensor<2x3x33x24xf32>, %k: tensor<2x3x45x24xf32>,
    %v: tensor<2x3x45x40xf32>)
    -> (tensor<2x3x33x40xf32>, tensor<2x3x33xf32>) {
  %o, %lse = attn.attention %q, %k, %v
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
