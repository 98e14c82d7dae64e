// RUN: attn-opt %s -split-input-file -verify-diagnostics

// One case per verifier rule of attn.linear_attention. Shapes: B = 1,
// Hq = 4, Hkv = 2, Sq = Skv = 16, D = 8, Dv = 4 unless a case says otherwise.

func.func @query_rank(%q: tensor<4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x16x4xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op query must have rank 4 ([B, Hq, Sq, D]), got rank 3}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>}
      : tensor<4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @empty_dim(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x0x8xf32>,
    %v: tensor<1x2x16x4xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op key of shape [1, 2, 0, 8] has an empty dimension}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>}
      : tensor<1x4x16x8xf32>, tensor<1x2x0x8xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @elt_mismatch(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x16x4xf16>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op value element type 'f16' does not match query element type 'f32'}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x4xf16> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @key_shape(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x6xf32>,
    %v: tensor<1x2x16x4xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op key has shape [1, 2, 16, 6] but expected [B, Hkv, Skv, D] = [1, 2, 16, 8]}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x6xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @value_seq(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x15x4xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op value has shape [1, 2, 15, 4] but expected [B, Hkv, Skv, Dv] = [1, 2, 16, 4]}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x15x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @heads(%q: tensor<1x4x16x8xf32>, %k: tensor<1x3x16x8xf32>,
    %v: tensor<1x3x16x4xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op query heads (Hq = 4) must be a multiple of key/value heads (Hkv = 3)}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>}
      : tensor<1x4x16x8xf32>, tensor<1x3x16x8xf32>, tensor<1x3x16x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @output_shape(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x16x4xf32>) -> tensor<1x4x16x8xf32> {
  // expected-error @+1 {{'attn.linear_attention' op output has shape [1, 4, 16, 8] but expected [B, Hq, Sq, Dv] = [1, 4, 16, 4]}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x8xf32>
  return %o : tensor<1x4x16x8xf32>
}

// -----

func.func @output_elt(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x16x4xf32>) -> tensor<1x4x16x4xf16> {
  // expected-error @+1 {{'attn.linear_attention' op output element type 'f16' does not match query element type 'f32'}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x4xf16>
  return %o : tensor<1x4x16x4xf16>
}

// -----

func.func @bshd_shape(%q: tensor<1x16x4x8xf32>, %k: tensor<1x16x2x8xf32>,
    %v: tensor<1x8x2x4xf32>) -> tensor<1x16x4x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op value has shape [1, 8, 2, 4] but expected [B, Skv, Hkv, Dv] = [1, 16, 2, 4]}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>, layout = #attn.layout<bshd>}
      : tensor<1x16x4x8xf32>, tensor<1x16x2x8xf32>, tensor<1x8x2x4xf32> -> tensor<1x16x4x4xf32>
  return %o : tensor<1x16x4x4xf32>
}

// -----

func.func @favor_no_projection(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x16x4xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op feature map favor needs a projection operand [D, M] (the random features)}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<favor>}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @projection_not_favor(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x16x4xf32>, %p: tensor<8x16xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op a projection operand is only used by the favor feature map, not elu1}}
  %o = attn.linear_attention %q, %k, %v projection(%p : tensor<8x16xf32>) {feature_map = #attn.feature_map<elu1>}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @projection_shape(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x16x4xf32>, %p: tensor<6x16xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op projection has shape [6, 16] but expected [D, M] with D = 8}}
  %o = attn.linear_attention %q, %k, %v projection(%p : tensor<6x16xf32>) {feature_map = #attn.feature_map<favor>}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @projection_empty(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x16x4xf32>, %p: tensor<8x0xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op projection has no feature (M = 0)}}
  %o = attn.linear_attention %q, %k, %v projection(%p : tensor<8x0xf32>) {feature_map = #attn.feature_map<favor>}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @identity_normalize(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x16x4xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op feature map identity has no normalizer (its features can be negative): normalize must be false}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<identity>, normalize = true}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @cosine_normalize(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x16x4xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op feature map cosine has no normalizer (its features can be negative): normalize must be false}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<cosine>, normalize = true}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @scale_zero(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x16x4xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op scale must be positive and finite in f32, got 0}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>, scale = 0.0}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @scale_negative(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x16x4xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op scale must be positive and finite in f32, got -1}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>, scale = -1.0}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @causal_sq_gt_skv(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x8x8xf32>,
    %v: tensor<1x2x8x4xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op causal linear attention needs Sq <= Skv (got Sq = 16, Skv = 8): the first query rows would see no key}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>, causal}
      : tensor<1x4x16x8xf32>, tensor<1x2x8x8xf32>, tensor<1x2x8x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @decay_not_causal(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x16x4xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op decay needs causal: it is the recurrence S_t = g S_{t-1} + phi(k_t) v_t^T}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>, decay = [0.5, 0.5, 0.5, 0.5]}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @decay_count(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x16x4xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op decay has 2 factors but there are Hq = 4 query heads}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>, causal, decay = [0.5, 0.5]}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @decay_range(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x16x4xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op decay factor 1.5 of head 2 is not in (0, 1]}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>, causal, decay = [0.5, 0.5, 1.5, 0.5]}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @decay_zero(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x16x4xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op decay factor 0 of head 0 is not in (0, 1]}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>, causal, decay = [0.0, 0.5, 0.5, 0.5]}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

func.func @chunk_zero(%q: tensor<1x4x16x8xf32>, %k: tensor<1x2x16x8xf32>,
    %v: tensor<1x2x16x4xf32>) -> tensor<1x4x16x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op chunk_size must be in [1, 4096], got 0}}
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>, causal, chunk_size = 0}
      : tensor<1x4x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x4xf32> -> tensor<1x4x16x4xf32>
  return %o : tensor<1x4x16x4xf32>
}

// -----

// The feature map is required and must be a known one.
func.func @unknown_map(%q: tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error @+2 {{expected ::mlir::attn::FeatureMap to be one of: elu1, relu, identity, cosine, favor}}
  // expected-error @+1 {{failed to parse Attn_FeatureMapAttr parameter 'value'}}
  %o = attn.linear_attention %q, %q, %q {feature_map = #attn.feature_map<softmax>}
      : tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x1x4x4xf32>
  return %o : tensor<1x1x4x4xf32>
}

// -----

func.func @missing_map(%q: tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32> {
  // expected-error @+1 {{'attn.linear_attention' op requires attribute 'feature_map'}}
  %o = attn.linear_attention %q, %q, %q {causal}
      : tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32> -> tensor<1x1x4x4xf32>
  return %o : tensor<1x1x4x4xf32>
}
