// A learned relative-position bias (T5 / Swin style) with score_mod: the
// score gains table[i - j + 255], read from the function's argument (511
// entries for Sq = Skv = 256), causally.
// RUN-BY: attn-run --check %s
func.func @mod_relative_bias(%q: tensor<1x4x256x32xf32>,
    %k: tensor<1x4x256x32xf32>, %v: tensor<1x4x256x32xf32>,
    %table: tensor<511xf32>) -> tensor<1x4x256x32xf32> {
  %o = attn.attention %q, %k, %v score_mod {
    ^bb0(%s: f32, %b: index, %h: index, %i: index, %j: index):
      %c255 = arith.constant 255 : index
      %d = arith.subi %i, %j : index
      %r = arith.addi %d, %c255 : index
      %x = tensor.extract %table[%r] : tensor<511xf32>
      %y = arith.addf %s, %x : f32
      attn.yield %y : f32
  } {sparsity = #attn.causal}
      : tensor<1x4x256x32xf32>, tensor<1x4x256x32xf32>, tensor<1x4x256x32xf32>
      -> tensor<1x4x256x32xf32>
  return %o : tensor<1x4x256x32xf32>
}
