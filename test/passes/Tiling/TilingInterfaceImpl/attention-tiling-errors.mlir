// RUN: attn-opt %s --transform-interpreter -verify-diagnostics

// Tiles the fused body cannot be: more than one head per tile.
func.func @two_heads(%q: tensor<1x4x32x16xf32>) -> tensor<1x4x32x16xf32> {
  // expected-error @+3 {{failed to generate tiling loops}}
  // expected-error @+2 {{faild to tile operation}}
  // expected-error @+1 {{tiles must hold one batch and one head}}
  %o = attn.attention %q, %q, %q
      : tensor<1x4x32x16xf32>, tensor<1x4x32x16xf32>, tensor<1x4x32x16xf32>
      -> tensor<1x4x32x16xf32>
  return %o : tensor<1x4x32x16xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %a = transform.structured.match ops{["attn.attention"]} in %root : (!transform.any_op) -> !transform.any_op
    %t, %l:3 = transform.structured.tile_using_for %a tile_sizes [1, 2, 16, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}
