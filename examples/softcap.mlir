// Logit soft-capping (s = 30 * tanh(s / 30)) with the f32 log-sum-exp
// [B, Hq, Sq] as a second result.
// RUN-BY: attn-run --check %s
func.func @softcap(%q: tensor<1x4x64x64xf32>, %k: tensor<1x4x64x64xf32>,
                   %v: tensor<1x4x64x64xf32>)
    -> (tensor<1x4x64x64xf32>, tensor<1x4x64xf32>) {
  %o, %lse = attn.attention %q, %k, %v {softcap = 30.0 : f64}
      : tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>
      -> tensor<1x4x64x64xf32>, tensor<1x4x64xf32>
  return %o, %lse : tensor<1x4x64x64xf32>, tensor<1x4x64xf32>
}
