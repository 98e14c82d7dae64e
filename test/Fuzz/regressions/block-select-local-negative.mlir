// Issue 13: local = -1 passed the verifier (an unsigned getter compared
// with 0) and --attn-lower-block-ops then looped forever.
func.func @f(%s: tensor<1x1x4x4xf32>) -> (tensor<1x1x5xi32>, tensor<1x1x16xi32>) {
  %rp, %c = attn.block_select %s {top_k = 1, local = -1}
      : tensor<1x1x4x4xf32> -> tensor<1x1x5xi32>, tensor<1x1x16xi32>
  return %rp, %c : tensor<1x1x5xi32>, tensor<1x1x16xi32>
}
