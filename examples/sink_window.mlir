// Attention sinks + sliding window (StreamingLLM): every query sees the
// first 4 keys and the 64 keys up to its diagonal.
// RUN-BY: attn-run --check %s
func.func @sink_window(%q: tensor<1x4x256x32xf32>, %k: tensor<1x2x256x32xf32>,
                       %v: tensor<1x2x256x32xf32>) -> tensor<1x4x256x32xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.union<[#attn.global<keys = 4>,
                               #attn.sliding_window<left = 64, right = 0>]>}
      : tensor<1x4x256x32xf32>, tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>
      -> tensor<1x4x256x32xf32>
  return %o : tensor<1x4x256x32xf32>
}
