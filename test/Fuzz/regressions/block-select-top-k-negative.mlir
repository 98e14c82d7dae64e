// Issue 13: top_k = -1 passed the verifier; the lowering and the reference
// disagreed.
func.func @f(%s: tensor<1x1x4x4xf32>) -> (tensor<1x1x5xi32>, tensor<1x1x16xi32>) {
  %rp, %c = attn.block_select %s {top_k = -1}
      : tensor<1x1x4x4xf32> -> tensor<1x1x5xi32>, tensor<1x1x16xi32>
  return %rp, %c : tensor<1x1x5xi32>, tensor<1x1x16xi32>
}
