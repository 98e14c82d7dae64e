// Multi-query attention: 8 query heads share a single key/value head.
// RUN-BY: attn-run --check %s
func.func @mqa(%q: tensor<1x8x64x64xf32>, %k: tensor<1x1x64x64xf32>,
               %v: tensor<1x1x64x64xf32>) -> tensor<1x8x64x64xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x8x64x64xf32>, tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>
      -> tensor<1x8x64x64xf32>
  return %o : tensor<1x8x64x64xf32>
}
