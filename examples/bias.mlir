// An additive f32 score bias [1, Hq, Sq, Skv] plus ALiBi slopes [Hq], with
// an explicit scale.
// RUN-BY: attn-run --check %s
func.func @bias(%q: tensor<1x4x96x64xf32>, %k: tensor<1x4x96x64xf32>,
                %v: tensor<1x4x96x64xf32>, %b: tensor<1x4x96x96xf32>,
                %slopes: tensor<4xf32>) -> tensor<1x4x96x64xf32> {
  %o = attn.attention %q, %k, %v bias(%b : tensor<1x4x96x96xf32>)
      alibi(%slopes : tensor<4xf32>) {scale = 0.125 : f64}
      : tensor<1x4x96x64xf32>, tensor<1x4x96x64xf32>, tensor<1x4x96x64xf32>
      -> tensor<1x4x96x64xf32>
  return %o : tensor<1x4x96x64xf32>
}
