// A packed batch of variable-length documents, causal inside each: the
// offsets (cu_seqlens) are a run-time operand, 4 documents over 256 tokens.
// attn-run generates random sorted offsets from 0 to 256.
// RUN-BY: attn-run --check %s
func.func @documents(%q: tensor<1x4x256x32xf32>, %k: tensor<1x4x256x32xf32>,
                     %v: tensor<1x4x256x32xf32>, %offsets: tensor<5xi32>)
    -> tensor<1x4x256x32xf32> {
  %o = attn.attention %q, %k, %v documents(%offsets : tensor<5xi32>)
      {sparsity = #attn.intersect<[#attn.documents, #attn.causal]>}
      : tensor<1x4x256x32xf32>, tensor<1x4x256x32xf32>, tensor<1x4x256x32xf32>
      -> tensor<1x4x256x32xf32>
  return %o : tensor<1x4x256x32xf32>
}
