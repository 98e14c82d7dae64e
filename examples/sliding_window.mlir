// Causal local attention: query i sees keys i-32 .. i (left = 32, right = 0).
// RUN-BY: attn-run --check %s
func.func @sliding_window(%q: tensor<1x2x256x32xf32>, %k: tensor<1x2x256x32xf32>,
                          %v: tensor<1x2x256x32xf32>) -> tensor<1x2x256x32xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 32, right = 0>}
      : tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>
      -> tensor<1x2x256x32xf32>
  return %o : tensor<1x2x256x32xf32>
}
