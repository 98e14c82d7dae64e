// RUN: attn-run --pipeline=unfused %s --check --reps=1 --warmup=0 --threads=1 | FileCheck %s
// RUN: attn-run --pipeline=unfused %s --check --reps=1 --warmup=0 --threads=2 --seed=7 | FileCheck %s

// Execution tests of the score modifiers, applied in the order of
// docs/semantics.md: explicit scale, softcap c * tanh(s / c), additive f32
// bias (broadcast [Sq, Skv] and full [B, Hq, Sq, Skv]), ALiBi slopes, and all
// of them combined. Every function returns the lse too. The error values must
// be finite numbers (the regex rejects "null", which stands for inf or NaN);
// without masking no output or lse may be -inf.

// An explicit scale instead of 1/sqrt(D).
// CHECK-LABEL: entry scale_explicit (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 49152 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @scale_explicit(%q: tensor<1x2x16x16xf32>, %k: tensor<1x2x24x16xf32>,
    %v: tensor<1x2x24x16xf32>)
    -> (tensor<1x2x16x16xf32>, tensor<1x2x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v {scale = 0.7 : f64}
      : tensor<1x2x16x16xf32>, tensor<1x2x24x16xf32>, tensor<1x2x24x16xf32>
      -> tensor<1x2x16x16xf32>, tensor<1x2x16xf32>
  return %o, %lse : tensor<1x2x16x16xf32>, tensor<1x2x16xf32>
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

// softcap with the default scale.
// CHECK-LABEL: entry softcap_default_scale (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 46592 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @softcap_default_scale(%q: tensor<1x2x7x64xf32>,
    %k: tensor<1x2x13x64xf32>, %v: tensor<1x2x13x64xf32>)
    -> (tensor<1x2x7x64xf32>, tensor<1x2x7xf32>) {
  %o, %lse = attn.attention %q, %k, %v {softcap = 0.25 : f64}
      : tensor<1x2x7x64xf32>, tensor<1x2x13x64xf32>, tensor<1x2x13x64xf32>
      -> tensor<1x2x7x64xf32>, tensor<1x2x7xf32>
  return %o, %lse : tensor<1x2x7x64xf32>, tensor<1x2x7xf32>
}

// f32 bias [Sq, Skv], broadcast over B and Hq.
// CHECK-LABEL: entry bias_2d (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 98304 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bias_2d(%q: tensor<2x2x16x16xf32>, %k: tensor<2x2x24x16xf32>,
    %v: tensor<2x2x24x16xf32>, %b: tensor<16x24xf32>)
    -> (tensor<2x2x16x16xf32>, tensor<2x2x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v bias(%b : tensor<16x24xf32>)
      : tensor<2x2x16x16xf32>, tensor<2x2x24x16xf32>, tensor<2x2x24x16xf32>
      -> tensor<2x2x16x16xf32>, tensor<2x2x16xf32>
  return %o, %lse : tensor<2x2x16x16xf32>, tensor<2x2x16xf32>
}

// Full f32 bias [B, Hq, Sq, Skv].
// CHECK-LABEL: entry bias_full (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 147456 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bias_full(%q: tensor<2x3x16x16xf32>, %k: tensor<2x3x24x16xf32>,
    %v: tensor<2x3x24x16xf32>, %b: tensor<2x3x16x24xf32>)
    -> (tensor<2x3x16x16xf32>, tensor<2x3x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v bias(%b : tensor<2x3x16x24xf32>)
      : tensor<2x3x16x16xf32>, tensor<2x3x24x16xf32>, tensor<2x3x24x16xf32>
      -> tensor<2x3x16x16xf32>, tensor<2x3x16xf32>
  return %o, %lse : tensor<2x3x16x16xf32>, tensor<2x3x16xf32>
}

// f32 bias [Hq, 1, Skv], broadcast over B and Sq.
// CHECK-LABEL: entry bias_rank3_bcast (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 55296 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @bias_rank3_bcast(%q: tensor<2x4x9x16xf32>, %k: tensor<2x4x12x16xf32>,
    %v: tensor<2x4x12x16xf32>, %b: tensor<4x1x12xf32>)
    -> (tensor<2x4x9x16xf32>, tensor<2x4x9xf32>) {
  %o, %lse = attn.attention %q, %k, %v bias(%b : tensor<4x1x12xf32>)
      : tensor<2x4x9x16xf32>, tensor<2x4x12x16xf32>, tensor<2x4x12x16xf32>
      -> tensor<2x4x9x16xf32>, tensor<2x4x9xf32>
  return %o, %lse : tensor<2x4x9x16xf32>, tensor<2x4x9xf32>
}

// ALiBi slopes [Hq] with Sq != Skv: distance |i + (Skv - Sq) - j|.
// CHECK-LABEL: entry alibi (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 168960 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @alibi(%q: tensor<1x4x20x16xf32>, %k: tensor<1x4x33x16xf32>,
    %v: tensor<1x4x33x16xf32>, %s: tensor<4xf32>)
    -> (tensor<1x4x20x16xf32>, tensor<1x4x20xf32>) {
  %o, %lse = attn.attention %q, %k, %v alibi(%s : tensor<4xf32>)
      : tensor<1x4x20x16xf32>, tensor<1x4x33x16xf32>, tensor<1x4x33x16xf32>
      -> tensor<1x4x20x16xf32>, tensor<1x4x20xf32>
  return %o, %lse : tensor<1x4x20x16xf32>, tensor<1x4x20xf32>
}

// Everything at once: scale, softcap, full-head bias, ALiBi, causal, mask,
// GQA 4:2, Dv != D.
// CHECK-LABEL: entry all_combined (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @all_combined(%q: tensor<2x4x16x16xf32>, %k: tensor<2x2x24x16xf32>,
    %v: tensor<2x2x24x8xf32>, %m: tensor<2x1x16x24xi1>,
    %b: tensor<1x4x16x24xf32>, %s: tensor<4xf32>)
    -> (tensor<2x4x16x8xf32>, tensor<2x4x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v mask(%m : tensor<2x1x16x24xi1>)
      bias(%b : tensor<1x4x16x24xf32>) alibi(%s : tensor<4xf32>)
      {scale = 0.4 : f64, softcap = 3.0 : f64, sparsity = #attn.causal}
      : tensor<2x4x16x16xf32>, tensor<2x2x24x16xf32>, tensor<2x2x24x8xf32>
      -> tensor<2x4x16x8xf32>, tensor<2x4x16xf32>
  return %o, %lse : tensor<2x4x16x8xf32>, tensor<2x4x16xf32>
}

// All modifiers without any masking: every lse is finite, so a -inf (or NaN)
// anywhere in the output or lse is a mismatch, and the reported errors must be
// finite numbers.
// CHECK-LABEL: entry all_unmasked_finite (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: ; 98304 flops,
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @all_unmasked_finite(%q: tensor<1x4x16x16xf32>,
    %k: tensor<1x4x24x16xf32>, %v: tensor<1x4x24x16xf32>, %b: tensor<16x24xf32>,
    %s: tensor<4xf32>)
    -> (tensor<1x4x16x16xf32>, tensor<1x4x16xf32>) {
  %o, %lse = attn.attention %q, %k, %v bias(%b : tensor<16x24xf32>)
      alibi(%s : tensor<4xf32>) {scale = 2.0 : f64, softcap = 4.0 : f64}
      : tensor<1x4x16x16xf32>, tensor<1x4x24x16xf32>, tensor<1x4x24x16xf32>
      -> tensor<1x4x16x16xf32>, tensor<1x4x16xf32>
  return %o, %lse : tensor<1x4x16x16xf32>, tensor<1x4x16xf32>
}
