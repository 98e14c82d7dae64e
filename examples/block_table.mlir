// A run-time block table (BSR) over 32 x 32 blocks, one table per KV head
// group: for each query block, the listed key blocks are attended (causal
// applies inside them unless flagged full). attn-run generates a random
// valid table.
// RUN-BY: attn-run --check %s
func.func @block_table(%q: tensor<1x4x128x32xf32>, %k: tensor<1x2x128x32xf32>,
                       %v: tensor<1x2x128x32xf32>, %row_ptr: tensor<1x2x5xi32>,
                       %cols: tensor<1x2x16xi32>, %full: tensor<1x2x16xi1>)
    -> tensor<1x4x128x32xf32> {
  %o = attn.attention %q, %k, %v
      blocks(%row_ptr, %cols : tensor<1x2x5xi32>, tensor<1x2x16xi32>)
      full_blocks(%full : tensor<1x2x16xi1>)
      {sparsity = #attn.causal, block_size = #attn.tiling<query = 32, key = 32>}
      : tensor<1x4x128x32xf32>, tensor<1x2x128x32xf32>, tensor<1x2x128x32xf32>
      -> tensor<1x4x128x32xf32>
  return %o : tensor<1x4x128x32xf32>
}
