// Causal attention aligned to the top-left corner, as PyTorch's
// scaled_dot_product_attention(is_causal=True) and FlexAttention's
// q_idx >= kv_idx: with Sq = 64 < Skv = 192, query i sees keys j <= i only
// (the default, bottom-right alignment of examples/causal.mlir would let it
// see j <= i + 128).
// RUN-BY: attn-run --check %s
func.func @causal_top_left(%q: tensor<1x4x64x64xf32>, %k: tensor<1x4x192x64xf32>,
                           %v: tensor<1x4x192x64xf32>) -> tensor<1x4x64x64xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal<align = top_left>}
      : tensor<1x4x64x64xf32>, tensor<1x4x192x64xf32>, tensor<1x4x192x64xf32>
      -> tensor<1x4x64x64xf32>
  return %o : tensor<1x4x64x64xf32>
}
