func.func @gpu_causal(%q: tensor<1x2x100x64xf16>, %k: tensor<1x2x130x64xf16>,
                      %v: tensor<1x2x130x64xf16>)
    -> (tensor<1x2x100x64xf16>, tensor<1x2x100xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x100x64xf16>, tensor<1x2x130x64xf16>, tensor<1x2x130x64xf16>
      -> tensor<1x2x100x64xf16>, tensor<1x2x100xf32>
  return %o, %lse : tensor<1x2x100x64xf16>, tensor<1x2x100xf32>
}
