// RUN: attn-opt %s -split-input-file -verify-diagnostics

// Integer and float attributes out of range, for every op (issue 13's
// verifier audit). I64Attr getters are unsigned in MLIR: a negative value
// read through them compares as a huge one, so each bound below is checked
// on the signed value. Every case used to pass the verifier.

func.func @select_local_negative(%s: tensor<1x1x4x4xf32>) -> (tensor<1x1x5xi32>, tensor<1x1x16xi32>) {
  // expected-error @+1 {{'attn.block_select' op local must be >= 0, got -1}}
  %rp, %c = attn.block_select %s {top_k = 1, local = -1}
      : tensor<1x1x4x4xf32> -> tensor<1x1x5xi32>, tensor<1x1x16xi32>
  return %rp, %c : tensor<1x1x5xi32>, tensor<1x1x16xi32>
}

// -----

func.func @select_top_k_negative(%s: tensor<1x1x4x4xf32>) -> (tensor<1x1x5xi32>, tensor<1x1x16xi32>) {
  // expected-error @+1 {{'attn.block_select' op top_k must be >= 0, got -1}}
  %rp, %c = attn.block_select %s {top_k = -1}
      : tensor<1x1x4x4xf32> -> tensor<1x1x5xi32>, tensor<1x1x16xi32>
  return %rp, %c : tensor<1x1x5xi32>, tensor<1x1x16xi32>
}

// -----

func.func @select_threshold_nan(%s: tensor<1x1x4x4xf32>) -> (tensor<1x1x5xi32>, tensor<1x1x16xi32>) {
  // expected-error @+1 {{'attn.block_select' op threshold must be in [0, 1], got nan}}
  %rp, %c = attn.block_select %s {threshold = 0x7FF8000000000000 : f64}
      : tensor<1x1x4x4xf32> -> tensor<1x1x5xi32>, tensor<1x1x16xi32>
  return %rp, %c : tensor<1x1x5xi32>, tensor<1x1x16xi32>
}

// -----

// Finite in f64 but not in f32, where the scores are computed.
func.func @score_scale_f32(%q: tensor<1x1x16x8xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+1 {{'attn.block_score' op scale must be finite in f32, got 1.000000e+39}}
  %s = attn.block_score %q, %q {method = #attn.score_method<mean_pool>, scale = 1.0e39 : f64,
      block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32> -> tensor<1x1x2x2xf32>
  return %s : tensor<1x1x2x2xf32>
}

// -----

func.func @score_stride_negative(%q: tensor<1x1x16x8xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+1 {{'attn.block_score' op stride must be positive and divide both block sizes, got stride -1 for blocks 8x8}}
  %s = attn.block_score %q, %q {method = #attn.score_method<antidiagonal>, stride = -1,
      block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32> -> tensor<1x1x2x2xf32>
  return %s : tensor<1x1x2x2xf32>
}

// -----

// The lowering folds one constant per block: 2^26 blocks are refused.
func.func @score_grid(%q: tensor<1x1x8192x8xf32>) -> tensor<1x1x8192x8192xf32> {
  // expected-error @+1 {{'attn.block_score' op block grid 8192x8192 exceeds 16777216 blocks: use larger blocks}}
  %s = attn.block_score %q, %q {method = #attn.score_method<mean_pool>,
      block_size = #attn.tiling<query = 1, key = 1>}
      : tensor<1x1x8192x8xf32>, tensor<1x1x8192x8xf32> -> tensor<1x1x8192x8192xf32>
  return %s : tensor<1x1x8192x8192xf32>
}

// -----

func.func @tiling_huge(%q: tensor<1x1x16x8xf32>) -> tensor<1x1x1x1xf32> {
  // expected-error @+2 {{tiling sizes must be at most 2147483648, got query = 4611686018427387904, key = 8}}
  %s = attn.block_score %q, %q {method = #attn.score_method<mean_pool>,
      block_size = #attn.tiling<query = 4611686018427387904, key = 8>}
      : tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32> -> tensor<1x1x1x1xf32>
  return %s : tensor<1x1x1x1xf32>
}

// -----

func.func @attention_scale_f32(%q: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  // expected-error @+1 {{'attn.attention' op scale must be finite in f32, got 1.000000e+39}}
  %o = attn.attention %q, %q, %q {scale = 1.0e39 : f64}
      : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}

// -----

func.func @linear_chunk_negative(%q: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  // expected-error @+1 {{'attn.linear_attention' op chunk_size must be in [1, 4096], got -1}}
  %o = attn.linear_attention %q, %q, %q {feature_map = #attn.feature_map<elu1>,
      causal, chunk_size = -1}
      : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}
