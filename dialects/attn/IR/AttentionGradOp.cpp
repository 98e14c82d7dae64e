//===- AttentionGradOp.cpp - attn.attention_grad verifier ------------------===//
//
// The forward's operand checks (opshapes::verifyQKV, verifyClauses), then
// the backward's own operands: O and dO have the forward output's shape,
// lse is [B, Hq, Sq], and dQ, dK, dV have the types of Q, K, V.
//
//===----------------------------------------------------------------------===//
#include "attn/IR/AttnOps.h"
#include "OperandShapes.h"

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::opshapes;

#define GET_OP_CLASSES
#include "attn/IR/AttnGradOps.cpp.inc"

Speculation::Speculatability AttentionGradOp::getSpeculatability() {
  return opshapes::speculatability(*this, AttentionClauses::of(*this));
}

LogicalResult AttentionGradOp::verify() {
  Layout layout = getLayoutOrDefault();
  FailureOr<QKVSizes> sizes =
      verifyQKV(*this, layout, getQuery(), getKey(), getValue());
  if (failed(sizes) ||
      failed(verifyClauses(*this, *sizes, AttentionClauses::of(*this))))
    return failure();
  int64_t b = sizes->b, hq = sizes->hq, sq = sizes->sq, dv = sizes->dv;
  Type elt = cast<RankedTensorType>(getQuery().getType()).getElementType();
  SmallVector<int64_t> outShape = storageShape(layout, b, hq, sq, dv);
  std::string outName = layoutName(layout, "Hq", "Sq", "Dv");
  struct Named {
    StringRef name;
    Value value;
  };
  for (Named n : {Named{"output", getOutput()},
                  Named{"output gradient", getGradOutput()}}) {
    auto t = cast<RankedTensorType>(n.value.getType());
    if (t.getElementType() != elt)
      return emitOpError() << n.name << " element type " << t.getElementType()
                           << " does not match query element type " << elt;
    if (failed(expectShape(*this, n.name, t, outShape, outName)))
      return failure();
  }
  if (failed(expectShape(*this, "lse", getLse().getType(), {b, hq, sq},
                         "[B, Hq, Sq]")))
    return failure();
  for (auto [name, operand, result] :
       {std::tuple<StringRef, Value, Value>{"query", getQuery(), getGradQuery()},
        {"key", getKey(), getGradKey()},
        {"value", getValue(), getGradValue()}})
    if (operand.getType() != result.getType())
      return emitOpError() << "gradient of the " << name << " must have the "
                           << name << "'s type " << operand.getType()
                           << ", got " << result.getType();
  return success();
}
