// Causal attention with Sq = 64 < Skv = 192: the mask is aligned to the
// bottom-right corner, so query i sees keys j <= i + 128 (decode/prefill
// with a KV cache).

func.func @causal(%q: tensor<1x4x64x64xf32>, %k: tensor<1x4x192x64xf32>,
                  %v: tensor<1x4x192x64xf32>) -> tensor<1x4x64x64xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x4x64x64xf32>, tensor<1x4x192x64xf32>, tensor<1x4x192x64xf32>
      -> tensor<1x4x64x64xf32>
  return %o : tensor<1x4x64x64xf32>
}
