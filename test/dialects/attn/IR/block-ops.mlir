// RUN: attn-opt %s -split-input-file -verify-diagnostics | FileCheck %s

// attn.block_score / attn.block_select: printed form and verifier rules.

// CHECK-LABEL: func.func @roundtrip
// CHECK: attn.block_score %{{.*}}, %{{.*}} {block_size = #attn.tiling<query = 8, key = 8>, causal, method = #attn.score_method<antidiagonal>, stride = 4 : i64} : tensor<1x4x37x16xf32>, tensor<1x2x45x16xf32> -> tensor<1x4x5x6xf32>
// CHECK: attn.block_select %{{.*}} {keep_diagonal, keep_sink, local = 2 : i64, threshold = 9.000000e-01 : f64} : tensor<1x4x5x6xf32> -> tensor<1x4x6xi32>, tensor<1x4x30xi32>
func.func @roundtrip(%q: tensor<1x4x37x16xf32>, %k: tensor<1x2x45x16xf32>)
    -> (tensor<1x4x6xi32>, tensor<1x4x30xi32>) {
  %s = attn.block_score %q, %k {method = #attn.score_method<antidiagonal>, stride = 4, causal,
      block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x4x37x16xf32>, tensor<1x2x45x16xf32> -> tensor<1x4x5x6xf32>
  %rp, %c = attn.block_select %s {threshold = 0.9, keep_diagonal, keep_sink, local = 2}
      : tensor<1x4x5x6xf32> -> tensor<1x4x6xi32>, tensor<1x4x30xi32>
  return %rp, %c : tensor<1x4x6xi32>, tensor<1x4x30xi32>
}

// -----

// An unknown method is a parse error at the value (an ODS enum attribute).
func.func @method(%q: tensor<1x1x16x8xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+2 {{expected ::mlir::attn::ScoreMethod to be one of: antidiagonal, mean_pool}}
  // expected-error @+1 {{failed to parse Attn_ScoreMethodAttr parameter 'value'}}
  %s = attn.block_score %q, %q {method = #attn.score_method<max>, block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32> -> tensor<1x1x2x2xf32>
  return %s : tensor<1x1x2x2xf32>
}

// -----

// A string is no longer a method.
func.func @method_string(%q: tensor<1x1x16x8xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+1 {{'attn.block_score' op attribute 'method' failed to satisfy constraint}}
  %s = attn.block_score %q, %q {method = "mean_pool", block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32> -> tensor<1x1x2x2xf32>
  return %s : tensor<1x1x2x2xf32>
}

// -----

func.func @stride(%q: tensor<1x1x16x8xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+1 {{'attn.block_score' op stride must be positive and divide both block sizes, got stride 3 for blocks 8x8}}
  %s = attn.block_score %q, %q {method = #attn.score_method<antidiagonal>, stride = 3, block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32> -> tensor<1x1x2x2xf32>
  return %s : tensor<1x1x2x2xf32>
}

// -----

func.func @scores_shape(%q: tensor<1x1x17x8xf32>) -> tensor<1x1x2x2xf32> {
  // expected-error @+1 {{'attn.block_score' op scores must be [B, Hq, ceil(Sq / 8), ceil(Skv / 8)] = [1, 1, 3, 3], got 'tensor<1x1x2x2xf32>'}}
  %s = attn.block_score %q, %q {method = #attn.score_method<mean_pool>, block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x1x17x8xf32>, tensor<1x1x17x8xf32> -> tensor<1x1x2x2xf32>
  return %s : tensor<1x1x2x2xf32>
}

// -----

func.func @both(%s: tensor<1x1x2x2xf32>) -> (tensor<1x1x3xi32>, tensor<1x1x4xi32>) {
  // expected-error @+1 {{'attn.block_select' op needs exactly one of top_k and threshold}}
  %rp, %c = attn.block_select %s {threshold = 0.5, top_k = 1}
      : tensor<1x1x2x2xf32> -> tensor<1x1x3xi32>, tensor<1x1x4xi32>
  return %rp, %c : tensor<1x1x3xi32>, tensor<1x1x4xi32>
}

// -----

func.func @threshold(%s: tensor<1x1x2x2xf32>) -> (tensor<1x1x3xi32>, tensor<1x1x4xi32>) {
  // expected-error @+1 {{'attn.block_select' op threshold must be in [0, 1], got 1.5}}
  %rp, %c = attn.block_select %s {threshold = 1.5}
      : tensor<1x1x2x2xf32> -> tensor<1x1x3xi32>, tensor<1x1x4xi32>
  return %rp, %c : tensor<1x1x3xi32>, tensor<1x1x4xi32>
}

// -----

func.func @select_shape(%s: tensor<1x1x2x2xf32>) -> (tensor<1x1x2xi32>, tensor<1x1x4xi32>) {
  // expected-error @+1 {{'attn.block_select' op results must be row pointers [B, H, R + 1] = [1, 1, 3] and key blocks [B, H, R * C] = [1, 1, 4]}}
  %rp, %c = attn.block_select %s {top_k = 1}
      : tensor<1x1x2x2xf32> -> tensor<1x1x2xi32>, tensor<1x1x4xi32>
  return %rp, %c : tensor<1x1x2xi32>, tensor<1x1x4xi32>
}
