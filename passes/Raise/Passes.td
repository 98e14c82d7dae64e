//===- Passes.td - raising front-end IR to attn ops -*- tablegen -*-===//
#ifndef ATTN_PASSES_RAISE_PASSES_TD
#define ATTN_PASSES_RAISE_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttnRaise : Pass<"attn-raise"> {
  let summary = "Raise attention written as contractions + softmax (linalg, TOSA) to attn.attention";
  let description = [{
    Finds Q K^T, an optional scale, bias and masks, a softmax over the key
    dim and P V in linalg on tensors or TOSA, as front ends (torch-mlir,
    IREE's input conversion) emit them, and replaces them by one
    attn.attention: scale on Q, K or the scores (multiply or divide),
    additive bias, selects against -inf or the type's lowest, constant masks
    classified as #attn.causal (bottom-right aligned), a sliding window or a
    block layout, else a mask operand; K/V head broadcasts (repeat_kv)
    become grouped-query heads without the copy. Anything else is left as
    it is (see docs/raise.md); `remarks=true` says why for each candidate.

    ```sh
    attn-opt model.mlir --attn-raise="remarks=true"
    ```
  }];
  let options = [
    Option<"remarks", "remarks", "bool", "false",
           "Emit a remark for each candidate that is not raised, saying why">
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

#endif // ATTN_PASSES_RAISE_PASSES_TD
