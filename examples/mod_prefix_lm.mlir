// Prefix-LM with mask_mod: the first 32 positions (the prompt) see each
// other both ways, the rest causally. The fused lowering classifies the
// tiles from the region at compile time (empty tiles skipped, full ones
// without a test).
// RUN-BY: attn-run --check %s
func.func @mod_prefix_lm(%q: tensor<1x4x256x32xf32>, %k: tensor<1x4x256x32xf32>,
                         %v: tensor<1x4x256x32xf32>) -> tensor<1x4x256x32xf32> {
  %o = attn.attention %q, %k, %v mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c32 = arith.constant 32 : index
      %prefix = arith.cmpi slt, %j, %c32 : index
      %causal = arith.cmpi sle, %j, %i : index
      %vis = arith.ori %prefix, %causal : i1
      attn.yield %vis : i1
  } : tensor<1x4x256x32xf32>, tensor<1x4x256x32xf32>, tensor<1x4x256x32xf32>
      -> tensor<1x4x256x32xf32>
  return %o : tensor<1x4x256x32xf32>
}
