// An explicit i1 mask (true = visible) of shape [1, 1, Sq, Skv], broadcast
// over batch and heads, combined with causal sparsity.
// RUN-BY: attn-run --check %s
func.func @mask(%q: tensor<2x4x96x64xf32>, %k: tensor<2x4x96x64xf32>,
                %v: tensor<2x4x96x64xf32>, %m: tensor<1x1x96x96xi1>)
    -> tensor<2x4x96x64xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<1x1x96x96xi1>)
      {sparsity = #attn.causal}
      : tensor<2x4x96x64xf32>, tensor<2x4x96x64xf32>, tensor<2x4x96x64xf32>
      -> tensor<2x4x96x64xf32>
  return %o : tensor<2x4x96x64xf32>
}
