// RUN: attn-opt %s --transform-interpreter --split-input-file -verify-diagnostics

// Tiles no smaller attn.attention expresses are rejected with a diagnostic
// on the op (and the driver's own error).

// GQA 8:2 (groups of 4): 3 heads per tile splits the groups unevenly.
func.func @gqa_split(%q: tensor<1x8x32x16xf32>, %k: tensor<1x2x32x16xf32>)
    -> tensor<1x8x32x16xf32> {
  // expected-error @+3 {{failed to generate tiling loops}}
  // expected-error @+2 {{faild to tile operation}}
  // expected-error @+1 {{a tile of 3 query heads splits the GQA groups of 4 heads}}
  %o = attn.attention %q, %k, %k
      : tensor<1x8x32x16xf32>, tensor<1x2x32x16xf32>, tensor<1x2x32x16xf32>
      -> tensor<1x8x32x16xf32>
  return %o : tensor<1x8x32x16xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %a = transform.structured.match ops{["attn.attention"]} in %root : (!transform.any_op) -> !transform.any_op
    %t, %l = transform.structured.tile_using_for %a tile_sizes [0, 3, 0, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// The key dim is the online-softmax steps' tiling, not the driver's.
func.func @key_tiles(%q: tensor<1x2x32x16xf32>) -> tensor<1x2x32x16xf32> {
  // expected-error @+3 {{failed to generate tiling loops}}
  // expected-error @+2 {{faild to tile operation}}
  // expected-error @+1 {{cannot be tiled along the keys}}
  %o = attn.attention %q, %q, %q
      : tensor<1x2x32x16xf32>, tensor<1x2x32x16xf32>, tensor<1x2x32x16xf32>
      -> tensor<1x2x32x16xf32>
  return %o : tensor<1x2x32x16xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %a = transform.structured.match ops{["attn.attention"]} in %root : (!transform.any_op) -> !transform.any_op
    %t, %l = transform.structured.tile_using_for %a tile_sizes [0, 0, 0, 16]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}

// -----

// A block table lists blocks of the whole query.
func.func @block_table(%q: tensor<1x2x16x8xf32>, %rp: tensor<1x2x3xi32>,
                       %cols: tensor<1x2x4xi32>) -> tensor<1x2x16x8xf32> {
  // expected-error @+3 {{failed to generate tiling loops}}
  // expected-error @+2 {{faild to tile operation}}
  // expected-error @+1 {{cannot be tiled: its block table describes blocks of the whole query}}
  %o = attn.attention %q, %q, %q blocks(%rp, %cols : tensor<1x2x3xi32>, tensor<1x2x4xi32>)
      {block_size = #attn.tiling<query = 8, key = 8>}
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %a = transform.structured.match ops{["attn.attention"]} in %root : (!transform.any_op) -> !transform.any_op
    %t, %l = transform.structured.tile_using_for %a tile_sizes [0, 1, 0, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}
