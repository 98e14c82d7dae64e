// Issue 13: a scale finite in f64 but not in f32 was accepted (all scores 0).
func.func @f(%q: tensor<1x1x16x8xf32>) -> tensor<1x1x2x2xf32> {
  %s = attn.block_score %q, %q {method = #attn.score_method<mean_pool>, scale = 1.0e39 : f64,
      block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x1x16x8xf32>, tensor<1x1x16x8xf32> -> tensor<1x1x2x2xf32>
  return %s : tensor<1x1x2x2xf32>
}
