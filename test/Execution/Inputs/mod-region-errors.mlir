// Regions the float64 reference refuses (test/Execution/attn-run-errors.test).

// A table read past the end of the table (i + 4 for i up to 7, 8 entries).
func.func @out_of_bounds(%q: tensor<1x1x8x8xf32>, %k: tensor<1x1x8x8xf32>,
    %v: tensor<1x1x8x8xf32>, %t: tensor<8xf32>) -> tensor<1x1x8x8xf32> {
  %o = attn.attention %q, %k, %v score_mod {
    ^bb0(%s: f32, %b: index, %h: index, %i: index, %j: index):
      %c4 = arith.constant 4 : index
      %r = arith.addi %i, %c4 : index
      %x = tensor.extract %t[%r] : tensor<8xf32>
      %y = arith.addf %s, %x : f32
      attn.yield %y : f32
  } : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>
      -> tensor<1x1x8x8xf32>
  return %o : tensor<1x1x8x8xf32>
}

// A math op the reference's interpreter does not evaluate.
func.func @unsupported_op(%q: tensor<1x1x8x8xf32>, %k: tensor<1x1x8x8xf32>,
    %v: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  %o = attn.attention %q, %k, %v score_mod {
    ^bb0(%s: f32, %b: index, %h: index, %i: index, %j: index):
      %y = math.atan %s : f32
      attn.yield %y : f32
  } : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>
      -> tensor<1x1x8x8xf32>
  return %o : tensor<1x1x8x8xf32>
}
