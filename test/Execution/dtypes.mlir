// RUN: attn-run --pipeline=unfused %s --check --reps=1 --warmup=0 --threads=1 | FileCheck %s
// RUN: attn-run --pipeline=unfused %s --check --reps=1 --warmup=0 --threads=2 --seed=7 | FileCheck %s

// Execution tests of f16 and bf16 inputs: products and sums are accumulated
// in f32, the output is rounded once to the input type, the lse is f32.
// Tolerances: f16 atol 2e-3 / rtol 4e-3, bf16 1.6e-2 / 1.6e-2 (docs/attn-run.md).

// f16, Sq != Skv, with lse.
// CHECK-LABEL: entry f16_lse (
// CHECK: result #0 (f16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 337920 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @f16_lse(%q: tensor<1x2x33x32xf16>, %k: tensor<1x2x40x32xf16>,
    %v: tensor<1x2x40x32xf16>)
    -> (tensor<1x2x33x32xf16>, tensor<1x2x33xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x2x33x32xf16>, tensor<1x2x40x32xf16>, tensor<1x2x40x32xf16>
      -> tensor<1x2x33x32xf16>, tensor<1x2x33xf32>
  return %o, %lse : tensor<1x2x33x32xf16>, tensor<1x2x33xf32>
}

// bf16, Sq != Skv, with lse.
// CHECK-LABEL: entry bf16_lse (
// CHECK: result #0 (bf16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 337920 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bf16_lse(%q: tensor<1x2x33x32xbf16>, %k: tensor<1x2x40x32xbf16>,
    %v: tensor<1x2x40x32xbf16>)
    -> (tensor<1x2x33x32xbf16>, tensor<1x2x33xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x2x33x32xbf16>, tensor<1x2x40x32xbf16>, tensor<1x2x40x32xbf16>
      -> tensor<1x2x33x32xbf16>, tensor<1x2x33xf32>
  return %o, %lse : tensor<1x2x33x32xbf16>, tensor<1x2x33xf32>
}

// f16, causal, GQA 8:2, Sq < Skv.
// CHECK-LABEL: entry f16_causal_gqa (
// CHECK: result #0 (f16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 394240 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @f16_causal_gqa(%q: tensor<1x8x20x16xf16>, %k: tensor<1x2x48x16xf16>,
    %v: tensor<1x2x48x16xf16>)
    -> (tensor<1x8x20x16xf16>, tensor<1x8x20xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x8x20x16xf16>, tensor<1x2x48x16xf16>, tensor<1x2x48x16xf16>
      -> tensor<1x8x20x16xf16>, tensor<1x8x20xf32>
  return %o, %lse : tensor<1x8x20x16xf16>, tensor<1x8x20xf32>
}

// bf16, causal, GQA 8:2, Sq > Skv (rows 0..27 fully masked).
// CHECK-LABEL: entry bf16_causal_gqa (
// CHECK: result #0 (bf16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 107520 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bf16_causal_gqa(%q: tensor<1x8x48x16xbf16>,
    %k: tensor<1x2x20x16xbf16>, %v: tensor<1x2x20x16xbf16>)
    -> (tensor<1x8x48x16xbf16>, tensor<1x8x48xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x8x48x16xbf16>, tensor<1x2x20x16xbf16>, tensor<1x2x20x16xbf16>
      -> tensor<1x8x48x16xbf16>, tensor<1x8x48xf32>
  return %o, %lse : tensor<1x8x48x16xbf16>, tensor<1x8x48xf32>
}

// f16 inputs with an f32 bias [1, Hq, Sq, Skv].
// CHECK-LABEL: entry f16_bias_f32 (
// CHECK: result #0 (f16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 49152 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @f16_bias_f32(%q: tensor<1x2x16x16xf16>, %k: tensor<1x2x24x16xf16>,
    %v: tensor<1x2x24x16xf16>, %b: tensor<1x2x16x24xf32>)
    -> (tensor<1x2x16x16xf16>, tensor<1x2x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v bias(%b : tensor<1x2x16x24xf32>)
      : tensor<1x2x16x16xf16>, tensor<1x2x24x16xf16>, tensor<1x2x24x16xf16>
      -> tensor<1x2x16x16xf16>, tensor<1x2x16xf32>
  return %o, %lse : tensor<1x2x16x16xf16>, tensor<1x2x16xf32>
}

// f16 inputs with an f16 bias [Sq, Skv], Dv != D.
// CHECK-LABEL: entry f16_bias_f16 (
// CHECK: result #0 (f16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 73728 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @f16_bias_f16(%q: tensor<2x2x16x16xf16>, %k: tensor<2x2x24x16xf16>,
    %v: tensor<2x2x24x8xf16>, %b: tensor<16x24xf16>)
    -> tensor<2x2x16x8xf16> {
  %o = attn.attention %q, %k, %v bias(%b : tensor<16x24xf16>)
      : tensor<2x2x16x16xf16>, tensor<2x2x24x16xf16>, tensor<2x2x24x8xf16>
      -> tensor<2x2x16x8xf16>
  return %o : tensor<2x2x16x8xf16>
}

// bf16 inputs with an f32 bias [Hq, 1, Skv], MQA 4:1, causal.
// CHECK-LABEL: entry bf16_bias_f32 (
// CHECK: result #0 (bf16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 67584 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bf16_bias_f32(%q: tensor<1x4x16x16xbf16>, %k: tensor<1x1x24x16xbf16>,
    %v: tensor<1x1x24x16xbf16>, %b: tensor<4x1x24xf32>)
    -> (tensor<1x4x16x16xbf16>, tensor<1x4x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v bias(%b : tensor<4x1x24xf32>)
      {sparsity = #attn.causal}
      : tensor<1x4x16x16xbf16>, tensor<1x1x24x16xbf16>, tensor<1x1x24x16xbf16>
      -> tensor<1x4x16x16xbf16>, tensor<1x4x16xf32>
  return %o, %lse : tensor<1x4x16x16xbf16>, tensor<1x4x16xf32>
}

// bf16 inputs with a bf16 bias, mask, ALiBi, softcap and scale, GQA 4:2.
// CHECK-LABEL: entry bf16_bias_bf16_all (
// CHECK: result #0 (bf16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bf16_bias_bf16_all(%q: tensor<1x4x16x16xbf16>,
    %k: tensor<1x2x24x16xbf16>, %v: tensor<1x2x24x16xbf16>,
    %m: tensor<1x1x16x24xi1>, %b: tensor<1x4x16x24xbf16>, %s: tensor<4xf32>)
    -> (tensor<1x4x16x16xbf16>, tensor<1x4x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v mask(%m : tensor<1x1x16x24xi1>)
      bias(%b : tensor<1x4x16x24xbf16>) alibi(%s : tensor<4xf32>)
      {scale = 0.5 : f64, softcap = 2.0 : f64}
      : tensor<1x4x16x16xbf16>, tensor<1x2x24x16xbf16>, tensor<1x2x24x16xbf16>
      -> tensor<1x4x16x16xbf16>, tensor<1x4x16xf32>
  return %o, %lse : tensor<1x4x16x16xbf16>, tensor<1x4x16xf32>
}

// f16 in the bshd layout with a mask [B, 1, Sq, Skv], GQA 4:2, Dv != D.
// CHECK-LABEL: entry f16_bshd_mask (
// CHECK: result #0 (f16): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @f16_bshd_mask(%q: tensor<2x12x4x16xf16>, %k: tensor<2x17x2x16xf16>,
    %v: tensor<2x17x2x24xf16>, %m: tensor<2x1x12x17xi1>)
    -> (tensor<2x12x4x24xf16>, tensor<2x4x12xf32>) {
  %o, %lse = attn.attention %q, %k, %v mask(%m : tensor<2x1x12x17xi1>)
      {layout = #attn.layout<bshd>}
      : tensor<2x12x4x16xf16>, tensor<2x17x2x16xf16>, tensor<2x17x2x24xf16>
      -> tensor<2x12x4x24xf16>, tensor<2x4x12xf32>
  return %o, %lse : tensor<2x12x4x24xf16>, tensor<2x4x12xf32>
}
