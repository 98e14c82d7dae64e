func.func @causal_top_left(%q: tensor<1x2x12x16xf32>, %k: tensor<1x2x20x16xf32>,
                           %v: tensor<1x2x20x16xf32>) -> tensor<1x2x12x16xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal<align = top_left>}
      : tensor<1x2x12x16xf32>, tensor<1x2x20x16xf32>, tensor<1x2x20x16xf32> -> tensor<1x2x12x16xf32>
  return %o : tensor<1x2x12x16xf32>
}
