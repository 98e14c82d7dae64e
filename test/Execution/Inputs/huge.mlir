// 1 x 8 x 40000 x 40000 scores: far beyond any machine's memory unfused.
func.func @huge(%q: tensor<1x8x40000x64xf32>, %k: tensor<1x8x40000x64xf32>,
    %v: tensor<1x8x40000x64xf32>) -> tensor<1x8x40000x64xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x8x40000x64xf32>, tensor<1x8x40000x64xf32>, tensor<1x8x40000x64xf32>
      -> tensor<1x8x40000x64xf32>
  return %o : tensor<1x8x40000x64xf32>
}
