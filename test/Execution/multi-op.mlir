// RUN: attn-run --pipeline=unfused %s --check --reps=1 --warmup=0 --threads=1 | FileCheck %s
// RUN: attn-run --pipeline=unfused %s --check --reps=1 --warmup=0 --threads=2 --seed=7 | FileCheck %s

// Execution tests of entry functions with more than one attn.attention op or
// more than one result: the reference evaluator follows the op chain (each
// op's output rounded to its element type, as the compiled code does) and
// every result is compared in order. `flops` sums over the ops.

// Two chained ops: the output of the first (causal) is the query of the
// second (f32 bias [Sq, Skv], Dv != D).
// flops: op 1 sees 9..24 keys per row, 264 per head: 2 * 264 * 2 * (32 + 32)
// = 67584; op 2: 2 * 16 * 20 * 2 * (32 + 8) = 51200.
// CHECK-LABEL: entry chained (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 118784 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @chained(%q: tensor<1x2x16x32xf32>, %k1: tensor<1x2x24x32xf32>,
                   %v1: tensor<1x2x24x32xf32>, %k2: tensor<1x2x20x32xf32>,
                   %v2: tensor<1x2x20x8xf32>, %b: tensor<16x20xf32>)
    -> tensor<1x2x16x8xf32> {
  %o1 = attn.attention %q, %k1, %v1 {sparsity = #attn.causal}
      : tensor<1x2x16x32xf32>, tensor<1x2x24x32xf32>, tensor<1x2x24x32xf32>
      -> tensor<1x2x16x32xf32>
  %o2 = attn.attention %o1, %k2, %v2 bias(%b : tensor<16x20xf32>)
      : tensor<1x2x16x32xf32>, tensor<1x2x20x32xf32>, tensor<1x2x20x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o2 : tensor<1x2x16x8xf32>
}

// One op returning both the output and the lse, with a mask [1, 1, Sq, Skv]
// and a sliding window.
// CHECK-LABEL: entry output_and_lse (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @output_and_lse(%q: tensor<2x3x14x16xf32>, %k: tensor<2x3x18x16xf32>,
                          %v: tensor<2x3x18x16xf32>, %m: tensor<1x1x14x18xi1>)
    -> (tensor<2x3x14x16xf32>, tensor<2x3x14xf32>) {
  %o, %lse = attn.attention %q, %k, %v mask(%m : tensor<1x1x14x18xi1>)
      {sparsity = #attn.sliding_window<left = 3, right = 1>}
      : tensor<2x3x14x16xf32>, tensor<2x3x18x16xf32>, tensor<2x3x18x16xf32>
      -> tensor<2x3x14x16xf32>, tensor<2x3x14xf32>
  return %o, %lse : tensor<2x3x14x16xf32>, tensor<2x3x14xf32>
}

// A bshd chain: GQA 8:2 feeding MQA 8:1 with causal masking; returns the
// second op's output and lse.
// flops: op 1: 2 * 8 * 12 * 12 * 2 * 32 = 147456; op 2 (Skv = 20, rows see
// 9..20 keys, 174 per head): 2 * 8 * 174 * 2 * 32 = 178176.
// CHECK-LABEL: entry chained_bshd_gqa (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 325632 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @chained_bshd_gqa(%q: tensor<2x12x8x16xf32>,
                            %k1: tensor<2x12x2x16xf32>,
                            %v1: tensor<2x12x2x16xf32>,
                            %k2: tensor<2x20x1x16xf32>,
                            %v2: tensor<2x20x1x16xf32>)
    -> (tensor<2x12x8x16xf32>, tensor<2x8x12xf32>) {
  %o1 = attn.attention %q, %k1, %v1 {layout = #attn.layout<bshd>}
      : tensor<2x12x8x16xf32>, tensor<2x12x2x16xf32>, tensor<2x12x2x16xf32>
      -> tensor<2x12x8x16xf32>
  %o2, %lse = attn.attention %o1, %k2, %v2
      {layout = #attn.layout<bshd>, sparsity = #attn.causal}
      : tensor<2x12x8x16xf32>, tensor<2x20x1x16xf32>, tensor<2x20x1x16xf32>
      -> tensor<2x12x8x16xf32>, tensor<2x8x12xf32>
  return %o2, %lse : tensor<2x12x8x16xf32>, tensor<2x8x12xf32>
}

// Two independent ops on the same query, results returned in a shuffled order
// (lse 2, output 1, lse 1, output 2); op 2 is causal with Sq > Skv, so its
// rows 0..3 are fully masked (output 0, lse -inf).
// CHECK-LABEL: entry four_results (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #2 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #3 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @four_results(%q: tensor<1x2x10x16xf32>, %k1: tensor<1x2x15x16xf32>,
                        %v1: tensor<1x2x15x8xf32>, %k2: tensor<1x2x6x16xf32>,
                        %v2: tensor<1x2x6x16xf32>)
    -> (tensor<1x2x10xf32>, tensor<1x2x10x8xf32>, tensor<1x2x10xf32>,
        tensor<1x2x10x16xf32>) {
  %o1, %lse1 = attn.attention %q, %k1, %v1
      : tensor<1x2x10x16xf32>, tensor<1x2x15x16xf32>, tensor<1x2x15x8xf32>
      -> tensor<1x2x10x8xf32>, tensor<1x2x10xf32>
  %o2, %lse2 = attn.attention %q, %k2, %v2 {sparsity = #attn.causal}
      : tensor<1x2x10x16xf32>, tensor<1x2x6x16xf32>, tensor<1x2x6x16xf32>
      -> tensor<1x2x10x16xf32>, tensor<1x2x10xf32>
  return %lse2, %o1, %lse1, %o2
      : tensor<1x2x10xf32>, tensor<1x2x10x8xf32>, tensor<1x2x10xf32>,
        tensor<1x2x10x16xf32>
}

// The output of the first op is both the key and the value of the second
// (Sq = 8 < Skv = 16, causal).
// CHECK-LABEL: entry output_as_key_value (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @output_as_key_value(%q1: tensor<1x2x16x16xf32>,
                               %k1: tensor<1x2x16x16xf32>,
                               %v1: tensor<1x2x16x16xf32>,
                               %q2: tensor<1x2x8x16xf32>)
    -> (tensor<1x2x8x16xf32>, tensor<1x2x8xf32>) {
  %o1 = attn.attention %q1, %k1, %v1
      : tensor<1x2x16x16xf32>, tensor<1x2x16x16xf32>, tensor<1x2x16x16xf32>
      -> tensor<1x2x16x16xf32>
  %o2, %lse = attn.attention %q2, %o1, %o1 {sparsity = #attn.causal}
      : tensor<1x2x8x16xf32>, tensor<1x2x16x16xf32>, tensor<1x2x16x16xf32>
      -> tensor<1x2x8x16xf32>, tensor<1x2x8xf32>
  return %o2, %lse : tensor<1x2x8x16xf32>, tensor<1x2x8xf32>
}

// An f16 chain: the intermediate output is rounded to f16 and feeds the
// second op as its query; both outputs are returned.
// CHECK-LABEL: entry chained_f16 (
// CHECK: result #0 (f16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @chained_f16(%q: tensor<1x4x12x16xf16>, %k1: tensor<1x2x20x16xf16>,
                       %v1: tensor<1x2x20x16xf16>, %k2: tensor<1x4x9x16xf16>,
                       %v2: tensor<1x4x9x16xf16>)
    -> (tensor<1x4x12x16xf16>, tensor<1x4x12x16xf16>) {
  %o1 = attn.attention %q, %k1, %v1 {sparsity = #attn.causal}
      : tensor<1x4x12x16xf16>, tensor<1x2x20x16xf16>, tensor<1x2x20x16xf16>
      -> tensor<1x4x12x16xf16>
  %o2 = attn.attention %o1, %k2, %v2 {scale = 2.0 : f64}
      : tensor<1x4x12x16xf16>, tensor<1x4x9x16xf16>, tensor<1x4x9x16xf16>
      -> tensor<1x4x12x16xf16>
  return %o1, %o2 : tensor<1x4x12x16xf16>, tensor<1x4x12x16xf16>
}

// Returning an argument unchanged next to an op's output: the pass-through
// result is compared too (exactly).
// CHECK-LABEL: entry passthrough (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err 0, max_rel_err 0, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @passthrough(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>,
                       %v: tensor<1x2x8x16xf32>)
    -> (tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>) {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
      -> tensor<1x2x8x16xf32>
  return %o, %v : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
}
