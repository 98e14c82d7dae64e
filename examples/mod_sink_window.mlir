// Sliding window with sinks (StreamingLLM) written as a mask_mod: every
// query sees the first 4 keys and the 64 keys up to its diagonal; the same
// tiles as examples/sink_window.mlir's built-in pattern.
// RUN-BY: attn-run --check %s
func.func @mod_sink_window(%q: tensor<1x4x256x32xf32>,
    %k: tensor<1x2x256x32xf32>, %v: tensor<1x2x256x32xf32>)
    -> tensor<1x4x256x32xf32> {
  %o = attn.attention %q, %k, %v mask_mod {
    ^bb0(%b: index, %h: index, %i: index, %j: index):
      %c4 = arith.constant 4 : index
      %c64 = arith.constant 64 : index
      %lo = arith.subi %i, %c64 : index
      %inWin = arith.cmpi sge, %j, %lo : index
      %causal = arith.cmpi sle, %j, %i : index
      %win = arith.andi %inWin, %causal : i1
      %sink = arith.cmpi slt, %j, %c4 : index
      %vis = arith.ori %win, %sink : i1
      attn.yield %vis : i1
  } : tensor<1x4x256x32xf32>, tensor<1x2x256x32xf32>, tensor<1x2x256x32xf32>
      -> tensor<1x4x256x32xf32>
  return %o : tensor<1x4x256x32xf32>
}
