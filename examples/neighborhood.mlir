// 2-d neighborhood attention over a 16 x 16 grid of image tokens: each token
// sees a 5 x 5 window of every other row and column (dilation 2), shifted
// inwards at the border.
// RUN-BY: attn-run --check %s
func.func @neighborhood(%q: tensor<1x2x256x32xf32>, %k: tensor<1x2x256x32xf32>,
                        %v: tensor<1x2x256x32xf32>) -> tensor<1x2x256x32xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.neighborhood<grid = 16x16, kernel = 5x5, dilation = 2x2>}
      : tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>
      -> tensor<1x2x256x32xf32>
  return %o : tensor<1x2x256x32xf32>
}
