// Retention / lightning-style linear attention: causal, identity features,
// no normalizer, and a per-head decay g_h (S_t = g_h S_{t-1} + k_t v_t^T),
// with 8 query heads sharing 2 key/value heads (GQA).
// RUN-BY: attn-run --check %s
func.func @linear_retention(%q: tensor<1x8x256x64xf32>, %k: tensor<1x2x256x64xf32>,
    %v: tensor<1x2x256x64xf32>) -> tensor<1x8x256x64xf32> {
  %o = attn.linear_attention %q, %k, %v
      {feature_map = #attn.feature_map<identity>, causal,
       decay = [0.96875, 0.984375, 0.9921875, 0.99609375,
                          0.998046875, 0.9990234375, 0.99951171875, 0.999755859375]}
      : tensor<1x8x256x64xf32>, tensor<1x2x256x64xf32>, tensor<1x2x256x64xf32>
      -> tensor<1x8x256x64xf32>
  return %o : tensor<1x8x256x64xf32>
}
