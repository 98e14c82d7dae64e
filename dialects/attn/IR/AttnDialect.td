//===- AttnDialect.td - the attn dialect -------------------*- tablegen -*-===//
#ifndef ATTN_DIALECT_TD
#define ATTN_DIALECT_TD

include "mlir/IR/OpBase.td"

def Attn_Dialect : Dialect {
  let name = "attn";
  let cppNamespace = "::mlir::attn";
  let summary = "Attention ops with sparsity and tiling attributes";
  let description = [{
    The `attn` dialect models scaled-dot-product attention and its variants
    (masks, sparsity patterns, grouped-query heads) at a level where
    lowerings can pick fused, block-sparse or linearized forms. The
    semantics are defined in docs/semantics.md.
  }];
  let useDefaultAttributePrinterParser = 1;
  let dependentDialects = [
    "::mlir::tensor::TensorDialect",
    "::mlir::arith::ArithDialect"
  ];
}

#endif // ATTN_DIALECT_TD
