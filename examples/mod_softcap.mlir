// Logit soft-capping written by hand with score_mod (s = 30 * tanh(s / 30)),
// the computation of examples/softcap.mlir's `softcap` attribute.
// RUN-BY: attn-run --check %s
func.func @mod_softcap(%q: tensor<1x4x64x64xf32>, %k: tensor<1x4x64x64xf32>,
                       %v: tensor<1x4x64x64xf32>)
    -> (tensor<1x4x64x64xf32>, tensor<1x4x64xf32>) {
  %o, %lse = attn.attention %q, %k, %v score_mod {
    ^bb0(%s: f32, %b: index, %h: index, %i: index, %j: index):
      %c = arith.constant 30.0 : f32
      %x = arith.divf %s, %c : f32
      %t = math.tanh %x : f32
      %y = arith.mulf %t, %c : f32
      attn.yield %y : f32
  } : tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>, tensor<1x4x64x64xf32>
      -> tensor<1x4x64x64xf32>, tensor<1x4x64xf32>
  return %o, %lse : tensor<1x4x64x64xf32>, tensor<1x4x64xf32>
}
