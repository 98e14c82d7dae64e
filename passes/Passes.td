//===- Passes.td - attn passes -----------------------------*- tablegen -*-===//
#ifndef ATTN_PASSES_TD
#define ATTN_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttnDecompose : Pass<"attn-decompose"> {
  let summary = "Lower attn.attention to unfused linalg on tensors";
  let description = [{
    The reference lowering: scores = scale * Q K^T as a linalg contraction,
    score modifiers and masks (masked scores become -inf) element-wise, a
    row-wise max/exp/sum softmax, then P V and the final division. It
    materializes the full [B, Hq, Sq, Skv] score tensor: it is the
    unfused baseline the fused lowerings are measured against.

    Fully masked rows give 0 and lse = -inf (docs/semantics.md).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

#endif // ATTN_PASSES_TD
