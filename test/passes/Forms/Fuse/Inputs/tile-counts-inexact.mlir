// Input of attn-fuse-tile-counts.mlir (a known inexact classification).
func.func @intersect(%q: tensor<1x2x30x8xf32>, %k: tensor<1x2x42x8xf32>, %v: tensor<1x2x42x8xf32>)
    -> (tensor<1x2x30x8xf32>, tensor<1x2x30xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      {sparsity = #attn.intersect<[#attn.sliding_window<left = 20, right = 5>, #attn.dilated_window<left = 10, right = 10, dilation = 2>]>,
       tiling = #attn.tiling<query = 4, key = 5>}
      : tensor<1x2x30x8xf32>, tensor<1x2x42x8xf32>, tensor<1x2x42x8xf32> -> tensor<1x2x30x8xf32>, tensor<1x2x30xf32>
  return %o, %lse : tensor<1x2x30x8xf32>, tensor<1x2x30xf32>
}
