// RUN: attn-run --pipeline=unfused %s --check --reps=1 --warmup=0 --threads=2 | FileCheck %s
// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=1 --seed=11 --pipeline=fused | FileCheck %s

// attn.linear_attention beyond the option matrix (linear-matrix.mlir):
// element types, the bshd layout, Skv > Sq (the causal prefix of keys that
// only feed the state), multi-query heads, degenerate sizes.

// f16 storage, f32 accumulation; causal with decay.
// CHECK-LABEL: entry f16_elu1_causal (
// CHECK: result #0 (f16): {{.*}}, 0 mismatches
// CHECK: check: PASSED
func.func @f16_elu1_causal(%q: tensor<1x2x40x16xf16>, %k: tensor<1x2x40x16xf16>,
    %v: tensor<1x2x40x16xf16>) -> tensor<1x2x40x16xf16> {
  %o = attn.linear_attention %q, %k, %v
      {feature_map = #attn.feature_map<elu1>, causal, decay = [0.95, 0.8],
       chunk_size = 16}
      : tensor<1x2x40x16xf16>, tensor<1x2x40x16xf16>, tensor<1x2x40x16xf16>
      -> tensor<1x2x40x16xf16>
  return %o : tensor<1x2x40x16xf16>
}

// bf16 with FAVOR+ (the projection stays f32).
// CHECK-LABEL: entry bf16_favor (
// CHECK: result #0 (bf16): {{.*}}, 0 mismatches
// CHECK: check: PASSED
func.func @bf16_favor(%q: tensor<1x2x33x8xbf16>, %k: tensor<1x2x33x8xbf16>,
    %v: tensor<1x2x33x8xbf16>, %p: tensor<8x32xf32>) -> tensor<1x2x33x8xbf16> {
  %o = attn.linear_attention %q, %k, %v projection(%p : tensor<8x32xf32>)
      {feature_map = #attn.feature_map<favor>}
      : tensor<1x2x33x8xbf16>, tensor<1x2x33x8xbf16>, tensor<1x2x33x8xbf16>
      -> tensor<1x2x33x8xbf16>
  return %o : tensor<1x2x33x8xbf16>
}

// bf16, causal relu.
// CHECK-LABEL: entry bf16_relu_causal (
// CHECK: result #0 (bf16): {{.*}}, 0 mismatches
// CHECK: check: PASSED
func.func @bf16_relu_causal(%q: tensor<1x1x33x8xbf16>, %k: tensor<1x1x33x8xbf16>,
    %v: tensor<1x1x33x8xbf16>) -> tensor<1x1x33x8xbf16> {
  %o = attn.linear_attention %q, %k, %v
      {feature_map = #attn.feature_map<relu>, causal, chunk_size = 8}
      : tensor<1x1x33x8xbf16>, tensor<1x1x33x8xbf16>, tensor<1x1x33x8xbf16>
      -> tensor<1x1x33x8xbf16>
  return %o : tensor<1x1x33x8xbf16>
}

// bshd, GQA 4/2, causal with decay, chunk 5 over S = 33.
// CHECK-LABEL: entry bshd_gqa_decay (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: check: PASSED
func.func @bshd_gqa_decay(%q: tensor<2x33x4x17xf32>, %k: tensor<2x33x2x17xf32>,
    %v: tensor<2x33x2x9xf32>) -> tensor<2x33x4x9xf32> {
  %o = attn.linear_attention %q, %k, %v
      {feature_map = #attn.feature_map<elu1>, causal, layout = #attn.layout<bshd>,
       decay = [0.9, 0.99, 0.5, 1.0], chunk_size = 5}
      : tensor<2x33x4x17xf32>, tensor<2x33x2x17xf32>, tensor<2x33x2x9xf32>
      -> tensor<2x33x4x9xf32>
  return %o : tensor<2x33x4x9xf32>
}

// bshd, non-causal cosine.
// CHECK-LABEL: entry bshd_cosine (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: check: PASSED
func.func @bshd_cosine(%q: tensor<1x7x2x17xf32>, %k: tensor<1x7x2x17xf32>,
    %v: tensor<1x7x2x17xf32>) -> tensor<1x7x2x17xf32> {
  %o = attn.linear_attention %q, %k, %v
      {feature_map = #attn.feature_map<cosine>, layout = #attn.layout<bshd>}
      : tensor<1x7x2x17xf32>, tensor<1x7x2x17xf32>, tensor<1x7x2x17xf32>
      -> tensor<1x7x2x17xf32>
  return %o : tensor<1x7x2x17xf32>
}

// Skv > Sq, causal: 25 keys before the first query's diagonal feed the
// state in prefix chunks of 8 (8 + 8 + 8 + 1), then 3 chunks (8 + 8 + 4).
// CHECK-LABEL: entry prefix_decay (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: check: PASSED
func.func @prefix_decay(%q: tensor<1x2x20x16xf32>, %k: tensor<1x2x45x16xf32>,
    %v: tensor<1x2x45x16xf32>) -> tensor<1x2x20x16xf32> {
  %o = attn.linear_attention %q, %k, %v
      {feature_map = #attn.feature_map<relu>, causal, chunk_size = 8,
       decay = [0.9, 0.7]}
      : tensor<1x2x20x16xf32>, tensor<1x2x45x16xf32>, tensor<1x2x45x16xf32>
      -> tensor<1x2x20x16xf32>
  return %o : tensor<1x2x20x16xf32>
}

// Decode: one query against 50 keys, causal identity (no normalizer).
// CHECK-LABEL: entry decode_identity (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: check: PASSED
func.func @decode_identity(%q: tensor<1x2x1x16xf32>, %k: tensor<1x2x50x16xf32>,
    %v: tensor<1x2x50x16xf32>) -> tensor<1x2x1x16xf32> {
  %o = attn.linear_attention %q, %k, %v
      {feature_map = #attn.feature_map<identity>, causal}
      : tensor<1x2x1x16xf32>, tensor<1x2x50x16xf32>, tensor<1x2x50x16xf32>
      -> tensor<1x2x1x16xf32>
  return %o : tensor<1x2x1x16xf32>
}

// MQA (Hkv = 1), non-causal, Sq != Skv.
// CHECK-LABEL: entry mqa_noncausal (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: check: PASSED
func.func @mqa_noncausal(%q: tensor<1x4x9x16xf32>, %k: tensor<1x1x70x16xf32>,
    %v: tensor<1x1x70x8xf32>) -> tensor<1x4x9x8xf32> {
  %o = attn.linear_attention %q, %k, %v
      {feature_map = #attn.feature_map<elu1>, scale = 0.5}
      : tensor<1x4x9x16xf32>, tensor<1x1x70x16xf32>, tensor<1x1x70x8xf32>
      -> tensor<1x4x9x8xf32>
  return %o : tensor<1x4x9x8xf32>
}

// Degenerate: S = 1, D = Dv = 1, chunk 1; and chunk_size 1 over S = 7.
// CHECK-LABEL: entry tiny (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: check: PASSED
func.func @tiny(%q: tensor<1x1x1x1xf32>, %k: tensor<1x1x1x1xf32>,
    %v: tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32> {
  %o = attn.linear_attention %q, %k, %v
      {feature_map = #attn.feature_map<elu1>, causal}
      : tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32>, tensor<1x1x1x1xf32>
      -> tensor<1x1x1x1xf32>
  return %o : tensor<1x1x1x1xf32>
}
// CHECK-LABEL: entry chunk1 (
// CHECK: result #0 (f32): {{.*}}, 0 mismatches
// CHECK: check: PASSED
func.func @chunk1(%q: tensor<1x1x7x4xf32>, %k: tensor<1x1x7x4xf32>,
    %v: tensor<1x1x7x4xf32>) -> tensor<1x1x7x4xf32> {
  %o = attn.linear_attention %q, %k, %v
      {feature_map = #attn.feature_map<elu1>, causal, chunk_size = 1,
       decay = [0.5]}
      : tensor<1x1x7x4xf32>, tensor<1x1x7x4xf32>, tensor<1x1x7x4xf32>
      -> tensor<1x1x7x4xf32>
  return %o : tensor<1x1x7x4xf32>
}
// CHECK-NOT: FAILED
