// Linear attention, phi(x) = elu(x) + 1 (Katharopoulos et al.), normalized.
// Causal: query i sees keys j <= i; lowered by --attn-lower-linear to the
// chunked form (64-row chunks, a masked quadratic inside each chunk and
// a carried [D', Dv] state across chunks).
// RUN-BY: attn-run --check %s
func.func @linear_elu1_causal(%q: tensor<1x4x256x64xf32>, %k: tensor<1x4x256x64xf32>,
    %v: tensor<1x4x256x64xf32>) -> tensor<1x4x256x64xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>, causal}
      : tensor<1x4x256x64xf32>, tensor<1x4x256x64xf32>, tensor<1x4x256x64xf32>
      -> tensor<1x4x256x64xf32>
  return %o : tensor<1x4x256x64xf32>
}
