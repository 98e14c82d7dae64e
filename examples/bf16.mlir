// bf16 inputs and output; scores and sums are accumulated in f32.
// RUN-BY: attn-run --check %s
func.func @bf16(%q: tensor<1x4x64x64xbf16>, %k: tensor<1x4x64x64xbf16>,
                %v: tensor<1x4x64x64xbf16>) -> tensor<1x4x64x64xbf16> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x4x64x64xbf16>, tensor<1x4x64x64xbf16>, tensor<1x4x64x64xbf16>
      -> tensor<1x4x64x64xbf16>
  return %o : tensor<1x4x64x64xbf16>
}
