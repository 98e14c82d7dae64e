// Softmax attention that --attn-linearize rewrites (see
// linear-compare-softmax.test): B = 1, H = 2, S = 128, D = Dv = 16.
func.func @attn(%q: tensor<1x2x128x16xf32>, %k: tensor<1x2x128x16xf32>,
    %v: tensor<1x2x128x16xf32>) -> tensor<1x2x128x16xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x128x16xf32>, tensor<1x2x128x16xf32>, tensor<1x2x128x16xf32>
      -> tensor<1x2x128x16xf32>
  return %o : tensor<1x2x128x16xf32>
}
