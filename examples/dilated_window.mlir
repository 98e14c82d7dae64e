// Dilated causal window: query i sees keys i, i-4, i-8, ..., i-64
// (left = 16 steps of dilation 4, right = 0).
// RUN-BY: attn-run --check %s
func.func @dilated_window(%q: tensor<1x2x256x32xf32>, %k: tensor<1x2x256x32xf32>,
                          %v: tensor<1x2x256x32xf32>) -> tensor<1x2x256x32xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.dilated_window<left = 16, right = 0, dilation = 4>}
      : tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>
      -> tensor<1x2x256x32xf32>
  return %o : tensor<1x2x256x32xf32>
}
