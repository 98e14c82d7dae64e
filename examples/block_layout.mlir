// An explicit layout of 64 x 64 blocks (query block row, key block column):
// the diagonal, a "global" first column and one long-range block.
// RUN-BY: attn-run --check %s
func.func @block_layout(%q: tensor<1x2x256x32xf32>, %k: tensor<1x2x256x32xf32>,
                        %v: tensor<1x2x256x32xf32>) -> tensor<1x2x256x32xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.block_layout<block = 64x64,
                    [[1, 0, 0, 0], [1, 1, 0, 0], [1, 0, 1, 0], [1, 1, 0, 1]]>}
      : tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>
      -> tensor<1x2x256x32xf32>
  return %o : tensor<1x2x256x32xf32>
}
