// Plain softmax attention, default bhsd layout and default scale 1/sqrt(D).
// RUN-BY: attn-run --check %s
func.func @plain(%q: tensor<1x4x128x64xf32>, %k: tensor<1x4x128x64xf32>,
                 %v: tensor<1x4x128x64xf32>) -> tensor<1x4x128x64xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x4x128x64xf32>, tensor<1x4x128x64xf32>, tensor<1x4x128x64xf32>
      -> tensor<1x4x128x64xf32>
  return %o : tensor<1x4x128x64xf32>
}
