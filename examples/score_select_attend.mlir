// Run-time block sparsity end to end (XAttention style): score the 32 x 32
// blocks by strided antidiagonal sums (stride 8, causal), keep per query
// block the highest-scoring key blocks holding 90% of the score mass plus
// the diagonal and the first (sink) block, and attend to those only (causal
// inside the kept blocks).
// RUN-BY: attn-run --check %s
func.func @score_select_attend(%q: tensor<1x4x256x32xf32>,
                               %k: tensor<1x4x256x32xf32>,
                               %v: tensor<1x4x256x32xf32>)
    -> tensor<1x4x256x32xf32> {
  %s = attn.block_score %q, %k
      {method = #attn.score_method<antidiagonal>, stride = 8, causal,
       block_size = #attn.tiling<query = 32, key = 32>}
      : tensor<1x4x256x32xf32>, tensor<1x4x256x32xf32> -> tensor<1x4x8x8xf32>
  %rp, %cols = attn.block_select %s {threshold = 0.9 : f64, keep_diagonal, keep_sink}
      : tensor<1x4x8x8xf32> -> tensor<1x4x9xi32>, tensor<1x4x64xi32>
  %o = attn.attention %q, %k, %v
      blocks(%rp, %cols : tensor<1x4x9xi32>, tensor<1x4x64xi32>)
      {sparsity = #attn.causal, block_size = #attn.tiling<query = 32, key = 32>}
      : tensor<1x4x256x32xf32>, tensor<1x4x256x32xf32>, tensor<1x4x256x32xf32>
      -> tensor<1x4x256x32xf32>
  return %o : tensor<1x4x256x32xf32>
}
