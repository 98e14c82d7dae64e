// The bshd layout: Q, K, V and the output are stored [B, S, H, D]
// (here B = 2, S = 64, H = 4, D = 32), with causal masking.
// RUN-BY: attn-run --check %s
func.func @bshd(%q: tensor<2x64x4x32xf32>, %k: tensor<2x64x4x32xf32>,
                %v: tensor<2x64x4x32xf32>) -> tensor<2x64x4x32xf32> {
  %o = attn.attention %q, %k, %v
      {layout = #attn.layout<bshd>, sparsity = #attn.causal}
      : tensor<2x64x4x32xf32>, tensor<2x64x4x32xf32>, tensor<2x64x4x32xf32>
      -> tensor<2x64x4x32xf32>
  return %o : tensor<2x64x4x32xf32>
}
