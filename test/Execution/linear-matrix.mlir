// RUN: attn-run --pipeline=unfused %s --check --reps=1 --warmup=0 --threads=2 | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=1 --seed=3 --pipeline=fused | FileCheck %s

// attn.linear_attention over the option matrix: every feature map x
// {non-causal, causal, causal with decay} x {normalized, not} (identity and
// cosine have no normalizer), through --attn-lower-linear and the CPU
// codegen, checked against the float64 reference. Shapes vary per case:
// S in {7, 33, 70}, D in {17, 16, 8}, Dv != D, B = 2, GQA (Hq = 4, Hkv = 2),
// chunk sizes that do not divide S (5, 16, 64 with S = 70).

// CHECK-LABEL: entry elu1_plain_norm (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @elu1_plain_norm(%q: tensor<2x4x33x17xf32>, %k: tensor<2x2x33x17xf32>, %v: tensor<2x2x33x9xf32>) -> tensor<2x4x33x9xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>, chunk_size = 16}
      : tensor<2x4x33x17xf32>, tensor<2x2x33x17xf32>, tensor<2x2x33x9xf32> -> tensor<2x4x33x9xf32>
  return %o : tensor<2x4x33x9xf32>
}

// CHECK-LABEL: entry elu1_plain_raw (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @elu1_plain_raw(%q: tensor<1x2x7x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x2x7x8xf32>) -> tensor<1x2x7x8xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>, normalize = false}
      : tensor<1x2x7x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x8xf32> -> tensor<1x2x7x8xf32>
  return %o : tensor<1x2x7x8xf32>
}

// CHECK-LABEL: entry elu1_causal_norm (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @elu1_causal_norm(%q: tensor<1x2x70x16xf32>, %k: tensor<1x1x70x16xf32>, %v: tensor<1x1x70x12xf32>) -> tensor<1x2x70x12xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>, causal}
      : tensor<1x2x70x16xf32>, tensor<1x1x70x16xf32>, tensor<1x1x70x12xf32> -> tensor<1x2x70x12xf32>
  return %o : tensor<1x2x70x12xf32>
}

// CHECK-LABEL: entry elu1_causal_raw (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @elu1_causal_raw(%q: tensor<2x2x33x8xf32>, %k: tensor<2x2x33x8xf32>, %v: tensor<2x2x33x5xf32>) -> tensor<2x2x33x5xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>, causal, normalize = false, chunk_size = 5}
      : tensor<2x2x33x8xf32>, tensor<2x2x33x8xf32>, tensor<2x2x33x5xf32> -> tensor<2x2x33x5xf32>
  return %o : tensor<2x2x33x5xf32>
}

// CHECK-LABEL: entry elu1_decay_norm (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @elu1_decay_norm(%q: tensor<2x4x33x17xf32>, %k: tensor<2x2x33x17xf32>, %v: tensor<2x2x33x9xf32>) -> tensor<2x4x33x9xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>, causal, decay = [0.9, 1.0, 0.5, 0.75], chunk_size = 16}
      : tensor<2x4x33x17xf32>, tensor<2x2x33x17xf32>, tensor<2x2x33x9xf32> -> tensor<2x4x33x9xf32>
  return %o : tensor<2x4x33x9xf32>
}

// CHECK-LABEL: entry elu1_decay_raw (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @elu1_decay_raw(%q: tensor<1x2x7x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x2x7x8xf32>) -> tensor<1x2x7x8xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>, causal, decay = [0.9, 1.0], normalize = false}
      : tensor<1x2x7x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x8xf32> -> tensor<1x2x7x8xf32>
  return %o : tensor<1x2x7x8xf32>
}

// CHECK-LABEL: entry relu_plain_norm (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @relu_plain_norm(%q: tensor<1x2x70x16xf32>, %k: tensor<1x1x70x16xf32>, %v: tensor<1x1x70x12xf32>) -> tensor<1x2x70x12xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<relu>}
      : tensor<1x2x70x16xf32>, tensor<1x1x70x16xf32>, tensor<1x1x70x12xf32> -> tensor<1x2x70x12xf32>
  return %o : tensor<1x2x70x12xf32>
}

// CHECK-LABEL: entry relu_plain_raw (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @relu_plain_raw(%q: tensor<2x2x33x8xf32>, %k: tensor<2x2x33x8xf32>, %v: tensor<2x2x33x5xf32>) -> tensor<2x2x33x5xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<relu>, normalize = false, chunk_size = 5}
      : tensor<2x2x33x8xf32>, tensor<2x2x33x8xf32>, tensor<2x2x33x5xf32> -> tensor<2x2x33x5xf32>
  return %o : tensor<2x2x33x5xf32>
}

// CHECK-LABEL: entry relu_causal_norm (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @relu_causal_norm(%q: tensor<2x4x33x17xf32>, %k: tensor<2x2x33x17xf32>, %v: tensor<2x2x33x9xf32>) -> tensor<2x4x33x9xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<relu>, causal, chunk_size = 16}
      : tensor<2x4x33x17xf32>, tensor<2x2x33x17xf32>, tensor<2x2x33x9xf32> -> tensor<2x4x33x9xf32>
  return %o : tensor<2x4x33x9xf32>
}

// CHECK-LABEL: entry relu_causal_raw (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @relu_causal_raw(%q: tensor<1x2x7x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x2x7x8xf32>) -> tensor<1x2x7x8xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<relu>, causal, normalize = false}
      : tensor<1x2x7x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x8xf32> -> tensor<1x2x7x8xf32>
  return %o : tensor<1x2x7x8xf32>
}

// CHECK-LABEL: entry relu_decay_norm (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @relu_decay_norm(%q: tensor<1x2x70x16xf32>, %k: tensor<1x1x70x16xf32>, %v: tensor<1x1x70x12xf32>) -> tensor<1x2x70x12xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<relu>, causal, decay = [0.9, 1.0]}
      : tensor<1x2x70x16xf32>, tensor<1x1x70x16xf32>, tensor<1x1x70x12xf32> -> tensor<1x2x70x12xf32>
  return %o : tensor<1x2x70x12xf32>
}

// CHECK-LABEL: entry relu_decay_raw (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @relu_decay_raw(%q: tensor<2x2x33x8xf32>, %k: tensor<2x2x33x8xf32>, %v: tensor<2x2x33x5xf32>) -> tensor<2x2x33x5xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<relu>, causal, decay = [0.9, 1.0], normalize = false, chunk_size = 5}
      : tensor<2x2x33x8xf32>, tensor<2x2x33x8xf32>, tensor<2x2x33x5xf32> -> tensor<2x2x33x5xf32>
  return %o : tensor<2x2x33x5xf32>
}

// CHECK-LABEL: entry identity_plain_raw (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @identity_plain_raw(%q: tensor<2x4x33x17xf32>, %k: tensor<2x2x33x17xf32>, %v: tensor<2x2x33x9xf32>) -> tensor<2x4x33x9xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<identity>, chunk_size = 16}
      : tensor<2x4x33x17xf32>, tensor<2x2x33x17xf32>, tensor<2x2x33x9xf32> -> tensor<2x4x33x9xf32>
  return %o : tensor<2x4x33x9xf32>
}

// CHECK-LABEL: entry identity_causal_raw (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @identity_causal_raw(%q: tensor<1x2x7x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x2x7x8xf32>) -> tensor<1x2x7x8xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<identity>, causal}
      : tensor<1x2x7x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x8xf32> -> tensor<1x2x7x8xf32>
  return %o : tensor<1x2x7x8xf32>
}

// CHECK-LABEL: entry identity_decay_raw (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @identity_decay_raw(%q: tensor<1x2x70x16xf32>, %k: tensor<1x1x70x16xf32>, %v: tensor<1x1x70x12xf32>) -> tensor<1x2x70x12xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<identity>, causal, decay = [0.9, 1.0]}
      : tensor<1x2x70x16xf32>, tensor<1x1x70x16xf32>, tensor<1x1x70x12xf32> -> tensor<1x2x70x12xf32>
  return %o : tensor<1x2x70x12xf32>
}

// CHECK-LABEL: entry cosine_plain_raw (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @cosine_plain_raw(%q: tensor<2x2x33x8xf32>, %k: tensor<2x2x33x8xf32>, %v: tensor<2x2x33x5xf32>) -> tensor<2x2x33x5xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<cosine>, chunk_size = 5}
      : tensor<2x2x33x8xf32>, tensor<2x2x33x8xf32>, tensor<2x2x33x5xf32> -> tensor<2x2x33x5xf32>
  return %o : tensor<2x2x33x5xf32>
}

// CHECK-LABEL: entry cosine_causal_raw (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @cosine_causal_raw(%q: tensor<2x4x33x17xf32>, %k: tensor<2x2x33x17xf32>, %v: tensor<2x2x33x9xf32>) -> tensor<2x4x33x9xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<cosine>, causal, chunk_size = 16}
      : tensor<2x4x33x17xf32>, tensor<2x2x33x17xf32>, tensor<2x2x33x9xf32> -> tensor<2x4x33x9xf32>
  return %o : tensor<2x4x33x9xf32>
}

// CHECK-LABEL: entry cosine_decay_raw (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @cosine_decay_raw(%q: tensor<1x2x7x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x2x7x8xf32>) -> tensor<1x2x7x8xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<cosine>, causal, decay = [0.9, 1.0]}
      : tensor<1x2x7x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x8xf32> -> tensor<1x2x7x8xf32>
  return %o : tensor<1x2x7x8xf32>
}

// CHECK-LABEL: entry favor_plain_norm (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @favor_plain_norm(%q: tensor<1x2x70x16xf32>, %k: tensor<1x1x70x16xf32>, %v: tensor<1x1x70x12xf32>, %p: tensor<16x24xf32>) -> tensor<1x2x70x12xf32> {
  %o = attn.linear_attention %q, %k, %v projection(%p : tensor<16x24xf32>) {feature_map = #attn.feature_map<favor>}
      : tensor<1x2x70x16xf32>, tensor<1x1x70x16xf32>, tensor<1x1x70x12xf32> -> tensor<1x2x70x12xf32>
  return %o : tensor<1x2x70x12xf32>
}

// CHECK-LABEL: entry favor_plain_raw (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @favor_plain_raw(%q: tensor<2x2x33x8xf32>, %k: tensor<2x2x33x8xf32>, %v: tensor<2x2x33x5xf32>, %p: tensor<8x24xf32>) -> tensor<2x2x33x5xf32> {
  %o = attn.linear_attention %q, %k, %v projection(%p : tensor<8x24xf32>) {feature_map = #attn.feature_map<favor>, normalize = false, chunk_size = 5}
      : tensor<2x2x33x8xf32>, tensor<2x2x33x8xf32>, tensor<2x2x33x5xf32> -> tensor<2x2x33x5xf32>
  return %o : tensor<2x2x33x5xf32>
}

// CHECK-LABEL: entry favor_causal_norm (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @favor_causal_norm(%q: tensor<2x4x33x17xf32>, %k: tensor<2x2x33x17xf32>, %v: tensor<2x2x33x9xf32>, %p: tensor<17x24xf32>) -> tensor<2x4x33x9xf32> {
  %o = attn.linear_attention %q, %k, %v projection(%p : tensor<17x24xf32>) {feature_map = #attn.feature_map<favor>, causal, chunk_size = 16}
      : tensor<2x4x33x17xf32>, tensor<2x2x33x17xf32>, tensor<2x2x33x9xf32> -> tensor<2x4x33x9xf32>
  return %o : tensor<2x4x33x9xf32>
}

// CHECK-LABEL: entry favor_causal_raw (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @favor_causal_raw(%q: tensor<1x2x7x8xf32>, %k: tensor<1x2x7x8xf32>, %v: tensor<1x2x7x8xf32>, %p: tensor<8x24xf32>) -> tensor<1x2x7x8xf32> {
  %o = attn.linear_attention %q, %k, %v projection(%p : tensor<8x24xf32>) {feature_map = #attn.feature_map<favor>, causal, normalize = false}
      : tensor<1x2x7x8xf32>, tensor<1x2x7x8xf32>, tensor<1x2x7x8xf32> -> tensor<1x2x7x8xf32>
  return %o : tensor<1x2x7x8xf32>
}

// CHECK-LABEL: entry favor_decay_norm (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @favor_decay_norm(%q: tensor<1x2x70x16xf32>, %k: tensor<1x1x70x16xf32>, %v: tensor<1x1x70x12xf32>, %p: tensor<16x24xf32>) -> tensor<1x2x70x12xf32> {
  %o = attn.linear_attention %q, %k, %v projection(%p : tensor<16x24xf32>) {feature_map = #attn.feature_map<favor>, causal, decay = [0.9, 1.0]}
      : tensor<1x2x70x16xf32>, tensor<1x1x70x16xf32>, tensor<1x1x70x12xf32> -> tensor<1x2x70x12xf32>
  return %o : tensor<1x2x70x12xf32>
}

// CHECK-LABEL: entry favor_decay_raw (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @favor_decay_raw(%q: tensor<2x2x33x8xf32>, %k: tensor<2x2x33x8xf32>, %v: tensor<2x2x33x5xf32>, %p: tensor<8x24xf32>) -> tensor<2x2x33x5xf32> {
  %o = attn.linear_attention %q, %k, %v projection(%p : tensor<8x24xf32>) {feature_map = #attn.feature_map<favor>, causal, decay = [0.9, 1.0], normalize = false, chunk_size = 5}
      : tensor<2x2x33x8xf32>, tensor<2x2x33x8xf32>, tensor<2x2x33x5xf32> -> tensor<2x2x33x5xf32>
  return %o : tensor<2x2x33x5xf32>
}

// CHECK-NOT: FAILED
