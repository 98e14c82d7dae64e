//===- AttnInterfaces.td - attn attribute interfaces -------*- tablegen -*-===//
#ifndef ATTN_INTERFACES_TD
#define ATTN_INTERFACES_TD

include "mlir/IR/OpBase.td"

def Attn_SparsityAttrInterface : AttrInterface<"SparsityAttrInterface"> {
  let cppNamespace = "::mlir::attn";
  let description = [{
    A structured attention mask: a predicate on (query row i, key row j)
    that depends only on the sequence lengths (and, for #attn.documents, on
    the op's document offsets), so lowerings can reason about it at compile
    time instead of materializing a mask. Positions are aligned to the
    bottom-right corner: query i sits on diagonal key p = i + (Skv - Sq)
    (`offset` below); the causal and window patterns with
    `align = top_left` use p = i instead and ignore `offset`.

    Blocks of the score matrix are classified by interval reasoning
    (`classifyBlock` at compile time, `buildBlockClass` in IR): the answer
    `Empty` and `Full` must be exact when given; `Partial` is always safe.
  }];
  let methods = [
    InterfaceMethod<[{
        Whether query `i` may see key `j` for the given sequence lengths
        (the static part: #attn.documents answers true, its offsets are
        run-time values).
      }],
      "bool", "isVisible",
      (ins "int64_t":$i, "int64_t":$j, "int64_t":$seqQ, "int64_t":$seqKV)>,
    InterfaceMethod<[{
        Emits an i1 value (of the shape of `i` and `j`) that is true where
        query `i` may see key `j`; `offset` is the index value Skv - Sq.
      }],
      "::mlir::Value", "buildVisible",
      (ins "::mlir::OpBuilder &":$b, "::mlir::Location":$loc,
           "::mlir::Value":$i, "::mlir::Value":$j, "::mlir::Value":$offset,
           "const ::mlir::attn::PatternEnv &":$env)>,
    InterfaceMethod<[{
        Whether `buildKeyRange` is available: the keys visible to a row form
        one interval whose bounds are non-decreasing in the row.
      }],
      "bool", "isMonotone", (ins)>,
    InterfaceMethod<[{
        Only when `isMonotone()`: emits the index bounds [lo, hi) of the
        keys visible to query row `row` (before clamping to [0, Skv)). Tiled
        lowerings rely on both bounds being non-decreasing in `row` to
        classify key tiles as empty, full or partial without testing
        elements.
      }],
      "std::pair<::mlir::Value, ::mlir::Value>", "buildKeyRange",
      (ins "::mlir::OpBuilder &":$b, "::mlir::Location":$loc,
           "::mlir::Value":$row, "::mlir::Value":$offset,
           "const ::mlir::attn::PatternEnv &":$env)>,
    InterfaceMethod<[{
        Whether the pattern depends on sizes only (no run-time operand), so
        that `classifyBlock` is exact for static sizes.
      }],
      "bool", "isStatic", (ins)>,
    InterfaceMethod<[{
        Classifies the block of query rows [q0, q1) and key rows [k0, k1)
        (non-empty sub-intervals of [0, Sq) and [0, Skv)) by interval
        reasoning, never by testing every element.
      }],
      "::mlir::attn::BlockClass", "classifyBlock",
      (ins "int64_t":$q0, "int64_t":$q1, "int64_t":$k0, "int64_t":$k1,
           "int64_t":$seqQ, "int64_t":$seqKV)>,
    InterfaceMethod<[{
        The IR form of `classifyBlock` for run-time sizes: emits two i1
        values (any element visible, every element visible) for the block
        [q0, q1) x [k0, k1) (index values, non-empty, in range).
      }],
      "std::pair<::mlir::Value, ::mlir::Value>", "buildBlockClass",
      (ins "::mlir::OpBuilder &":$b, "::mlir::Location":$loc,
           "::mlir::Value":$q0, "::mlir::Value":$q1, "::mlir::Value":$k0,
           "::mlir::Value":$k1, "::mlir::Value":$offset,
           "const ::mlir::attn::PatternEnv &":$env)>
  ];
}

#endif // ATTN_INTERFACES_TD
