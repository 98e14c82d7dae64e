// Two kernels for the AOT test: a static top-left causal GQA kernel and a
// sliding window with dynamic sequence lengths.
func.func @causal(%q: tensor<1x4x16x32xf32>, %k: tensor<1x2x24x32xf32>,
                  %v: tensor<1x2x24x32xf32>) -> tensor<1x4x16x32xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal<align = top_left>}
      : tensor<1x4x16x32xf32>, tensor<1x2x24x32xf32>, tensor<1x2x24x32xf32>
      -> tensor<1x4x16x32xf32>
  return %o : tensor<1x4x16x32xf32>
}

func.func @window(%q: tensor<1x2x?x32xf32>, %k: tensor<1x2x?x32xf32>,
                  %v: tensor<1x2x?x32xf32>) -> tensor<1x2x?x32xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.sliding_window<left = 5, right = 0>}
      : tensor<1x2x?x32xf32>, tensor<1x2x?x32xf32>, tensor<1x2x?x32xf32>
      -> tensor<1x2x?x32xf32>
  return %o : tensor<1x2x?x32xf32>
}
