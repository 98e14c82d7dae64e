// Grouped-query attention: 8 query heads share 2 key/value heads (query
// head h reads K/V head h / 4), with causal masking.
// RUN-BY: attn-run --check %s
func.func @gqa(%q: tensor<1x8x64x64xf32>, %k: tensor<1x2x64x64xf32>,
               %v: tensor<1x2x64x64xf32>) -> tensor<1x8x64x64xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x8x64x64xf32>, tensor<1x2x64x64xf32>, tensor<1x2x64x64xf32>
      -> tensor<1x8x64x64xf32>
  return %o : tensor<1x8x64x64xf32>
}
