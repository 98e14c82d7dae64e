// A block grid of 2^26 blocks: the lowering's per-block constant would be
// gigabytes; refused by the verifier.
func.func @f(%q: tensor<1x1x8192x8xf32>) -> tensor<1x1x8192x8192xf32> {
  %s = attn.block_score %q, %q {method = #attn.score_method<mean_pool>,
      block_size = #attn.tiling<query = 1, key = 1>}
      : tensor<1x1x8192x8xf32>, tensor<1x1x8192x8xf32> -> tensor<1x1x8192x8192xf32>
  return %s : tensor<1x1x8192x8192xf32>
}
