// Issue 13: a valid local = 1000000 was unrolled at compile time (3.4 GB
// before it was stopped); only min(local, C) steps matter.
func.func @f(%s: tensor<1x1x4x4xf32>) -> (tensor<1x1x5xi32>, tensor<1x1x16xi32>) {
  %rp, %c = attn.block_select %s {top_k = 2, local = 1000000}
      : tensor<1x1x4x4xf32> -> tensor<1x1x5xi32>, tensor<1x1x16xi32>
  return %rp, %c : tensor<1x1x5xi32>, tensor<1x1x16xi32>
}
