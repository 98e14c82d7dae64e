// Untiled functions for tiling.test; Inputs/tiling-schedule.mlir tiles
// every attn.attention of them.

// GQA 4:2, bottom-right causal with Sq < Skv, with the lse.
func.func @causal_gqa(%q: tensor<2x4x24x16xf32>, %k: tensor<2x2x40x16xf32>,
                      %v: tensor<2x2x40x16xf32>)
    -> (tensor<2x4x24x16xf32>, tensor<2x4x24xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<2x4x24x16xf32>, tensor<2x2x40x16xf32>, tensor<2x2x40x16xf32>
      -> tensor<2x4x24x16xf32>, tensor<2x4x24xf32>
  return %o, %lse : tensor<2x4x24x16xf32>, tensor<2x4x24xf32>
}

// bshd, ALiBi and a sliding window.
func.func @window_alibi_bshd(%q: tensor<1x32x4x16xf32>, %k: tensor<1x32x4x16xf32>,
                             %v: tensor<1x32x4x16xf32>, %sl: tensor<4xf32>)
    -> tensor<1x32x4x16xf32> {
  %o = attn.attention %q, %k, %v alibi(%sl : tensor<4xf32>)
      {layout = #attn.layout<bshd>,
       sparsity = #attn.sliding_window<left = 5, right = 3>}
      : tensor<1x32x4x16xf32>, tensor<1x32x4x16xf32>, tensor<1x32x4x16xf32>
      -> tensor<1x32x4x16xf32>
  return %o : tensor<1x32x4x16xf32>
}
