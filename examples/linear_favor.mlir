// Linear attention, FAVOR+ positive random features phi(x) = exp(W^T x - |x|^2/2) / sqrt(M)
// (Performer); attn-run fills the projection argument %w with seeded
// orthogonal Gaussian features (M = 128).
// Non-causal: lowered by --attn-lower-linear to phi(K)^T V and phi(K)^T 1
// once per kv head, then phi(Q) times both: O(S D' Dv) work.
// RUN-BY: attn-run --check %s
func.func @linear_favor(%q: tensor<1x4x256x64xf32>, %k: tensor<1x4x256x64xf32>,
    %v: tensor<1x4x256x64xf32>,
    %w: tensor<64x128xf32>) -> tensor<1x4x256x64xf32> {
  %o = attn.linear_attention %q, %k, %v projection(%w : tensor<64x128xf32>)
      {feature_map = #attn.feature_map<favor>}
      : tensor<1x4x256x64xf32>, tensor<1x4x256x64xf32>, tensor<1x4x256x64xf32>
      -> tensor<1x4x256x64xf32>
  return %o : tensor<1x4x256x64xf32>
}
