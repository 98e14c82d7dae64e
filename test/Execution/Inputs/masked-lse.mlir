// Causal with Sq > Skv: rows 0..3 see no key (output 0, lse -inf).
func.func @masked_lse(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x4x16xf32>,
    %v: tensor<1x2x4x16xf32>) -> (tensor<1x2x8x16xf32>, tensor<1x2x8xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x8x16xf32>, tensor<1x2x4x16xf32>, tensor<1x2x4x16xf32>
      -> tensor<1x2x8x16xf32>, tensor<1x2x8xf32>
  return %o, %lse : tensor<1x2x8x16xf32>, tensor<1x2x8xf32>
}
