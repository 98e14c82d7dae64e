// Linear attention, phi(x) = elu(x) + 1 (Katharopoulos et al.), normalized.
// Non-causal: lowered by --attn-lower-linear to phi(K)^T V and phi(K)^T 1
// once per kv head, then phi(Q) times both: O(S D' Dv) work.
// RUN-BY: attn-run --check %s
func.func @linear_elu1(%q: tensor<1x4x256x64xf32>, %k: tensor<1x4x256x64xf32>,
    %v: tensor<1x4x256x64xf32>) -> tensor<1x4x256x64xf32> {
  %o = attn.linear_attention %q, %k, %v {feature_map = #attn.feature_map<elu1>}
      : tensor<1x4x256x64xf32>, tensor<1x4x256x64xf32>, tensor<1x4x256x64xf32>
      -> tensor<1x4x256x64xf32>
  return %o : tensor<1x4x256x64xf32>
}
