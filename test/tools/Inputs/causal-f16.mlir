func.func @causal_f16(%q: tensor<1x2x12x16xf16>, %k: tensor<1x2x20x16xf16>,
                      %v: tensor<1x2x20x16xf16>) -> tensor<1x2x12x16xf16> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x12x16xf16>, tensor<1x2x20x16xf16>, tensor<1x2x20x16xf16> -> tensor<1x2x12x16xf16>
  return %o : tensor<1x2x12x16xf16>
}
