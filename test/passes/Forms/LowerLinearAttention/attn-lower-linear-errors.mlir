// RUN: attn-opt %s --attn-lower-linear -split-input-file -verify-diagnostics

// Ops the lowering cannot handle are reported, not left behind silently.
func.func @dynamic_head_dim(%q: tensor<1x1x8x?xf32>) -> tensor<1x1x8x?xf32> {
  // expected-error @+1 {{'attn.linear_attention' op cannot be lowered: head counts, head dims and the feature count must be static}}
  %o = attn.linear_attention %q, %q, %q {feature_map = #attn.feature_map<elu1>, scale = 0.5}
      : tensor<1x1x8x?xf32>, tensor<1x1x8x?xf32>, tensor<1x1x8x?xf32> -> tensor<1x1x8x?xf32>
  return %o : tensor<1x1x8x?xf32>
}
