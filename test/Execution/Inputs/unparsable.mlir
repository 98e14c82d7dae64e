// Not valid MLIR: the op's type list is cut off. Used by attn-run-errors.test.
func.func @truncated(%q: tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32> {
  %o = attn.attention %q, %q, %q :
  return %o : tensor<1x1x4x4xf32>
}
