//===- AttnInterfaces.td - attn attribute interfaces -------*- tablegen -*-===//
#ifndef ATTN_INTERFACES_TD
#define ATTN_INTERFACES_TD

include "mlir/IR/OpBase.td"

def Attn_SparsityAttrInterface : AttrInterface<"SparsityAttrInterface"> {
  let cppNamespace = "::mlir::attn";
  let description = [{
    A structured attention mask: a predicate on (query row i, key row j)
    that depends only on the sequence lengths, so lowerings can reason
    about it at compile time instead of materializing a mask. Positions are
    aligned to the bottom-right corner: query i sits on diagonal key
    i + (Skv - Sq).
  }];
  let methods = [
    InterfaceMethod<
      "Whether query `i` may see key `j` for the given sequence lengths.",
      "bool", "isVisible",
      (ins "int64_t":$i, "int64_t":$j, "int64_t":$seqQ, "int64_t":$seqKV)>,
    InterfaceMethod<[{
        Emits an i1 value (of the shape of `i` and `j`) that is true where
        query `i` may see key `j`; `offset` is the index value Skv - Sq.
      }],
      "::mlir::Value", "buildVisible",
      (ins "::mlir::OpBuilder &":$b, "::mlir::Location":$loc,
           "::mlir::Value":$i, "::mlir::Value":$j, "::mlir::Value":$offset)>,
    InterfaceMethod<[{
        Emits the index bounds [lo, hi) of the keys visible to query row
        `row` (before clamping to [0, Skv)). Tiled lowerings rely on both
        bounds being non-decreasing in `row` to classify key tiles as
        empty, full or partial without testing elements.
      }],
      "std::pair<::mlir::Value, ::mlir::Value>", "buildKeyRange",
      (ins "::mlir::OpBuilder &":$b, "::mlir::Location":$loc,
           "::mlir::Value":$row, "::mlir::Value":$offset)>
  ];
}

#endif // ATTN_INTERFACES_TD
