// 1 x 8 x 8192 x 8192 f32 scores: 2 GiB per score tensor of the unfused lowering.
func.func @mid(%q: tensor<1x8x8192x16xf32>, %k: tensor<1x8x8192x16xf32>,
    %v: tensor<1x8x8192x16xf32>) -> tensor<1x8x8192x16xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x8x8192x16xf32>, tensor<1x8x8192x16xf32>, tensor<1x8x8192x16xf32>
      -> tensor<1x8x8192x16xf32>
  return %o : tensor<1x8x8192x16xf32>
}
