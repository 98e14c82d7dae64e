// Entry functions that attn-run rejects, one per error; used by
// attn-run-errors.test with --entry=NAME.

// A dynamically shaped argument.
func.func @dynamic(%q: tensor<1x2x?x16xf32>, %k: tensor<1x2x8x16xf32>,
                   %v: tensor<1x2x8x16xf32>) -> tensor<1x2x?x16xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x?x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
      -> tensor<1x2x?x16xf32>
  return %o : tensor<1x2x?x16xf32>
}

// An argument of an unsupported element type.
func.func @i8_tensor(%x: tensor<4xi8>) -> tensor<4xi8> {
  return %x : tensor<4xi8>
}

// An argument that is not a tensor.
func.func @index_arg(%x: index) -> index {
  return %x : index
}

// A body the float64 reference cannot evaluate (arith on tensors).
func.func @tensor_addf(%a: tensor<1x2x8x16xf32>, %b: tensor<1x2x8x16xf32>)
    -> tensor<1x2x8x16xf32> {
  %s = arith.addf %a, %b : tensor<1x2x8x16xf32>
  return %s : tensor<1x2x8x16xf32>
}

// Returns its argument unchanged: the reference can evaluate this and it
// lowers, so it runs and checks whatever else the file contains.
func.func @identity(%a: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  return %a : tensor<1x2x8x16xf32>
}

// A declaration: not an entry.
func.func private @declaration(%a: tensor<4xf32>) -> tensor<4xf32>
