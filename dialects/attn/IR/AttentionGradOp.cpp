//===- AttentionGradOp.cpp - attn.attention_grad verifier ---------------===//
//
// The forward's operand checks (opshapes::verifyQKV, verifyClauses), then
// the backward's own operands: O and dO have the forward output's shape,
// lse is [B, Hq, Sq], and dQ, dK, dV have the types of Q, K, V.
//
//===----------------------------------------------------------------------===//
#include "OperandShapes.h"
#include "attn/IR/AttentionGrad.h"
#include "attn/IR/AttnOps.h"

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
  for (auto [name, operand, result] : {std::tuple<StringRef, Value, Value>{
                                           "query", getQuery(), getGradQuery()},
                                       {"key", getKey(), getGradKey()},
                                       {"value", getValue(), getGradValue()}})
    if (operand.getType() != result.getType())
      return emitOpError() << "gradient of the " << name << " must have the "
                           << name << "'s type " << operand.getType()
                           << ", got " << result.getType();
  return success();
}

AttentionOp mlir::attn::withLse(RewriterBase &rw, AttentionOp forward) {
  if (forward.getLse())
    return forward;
  SmallVector<int64_t> lseShape = {forward.getBatch(), forward.getHeadsQ(),
                                   forward.getSeqQ()};
  auto lseT = RankedTensorType::get(lseShape, rw.getF32Type());
  OpBuilder::InsertionGuard guard(rw);
  rw.setInsertionPoint(forward);
  AttentionClauses c = AttentionClauses::of(forward);
  auto copy = AttentionOp::create(
      rw, forward.getLoc(), forward.getOutput().getType(), lseT,
      forward.getQuery(), forward.getKey(), forward.getValue(), c.mask, c.bias,
      c.alibiSlopes, c.docOffsets, c.blockRowPtr, c.blockCols, c.blockFull,
      forward.getQueryRowStart(), forward.getQueryRowTotal(), c.scale,
      c.sparsity, c.softcap, forward.getLayoutAttr(), forward.getTilingAttr(),
      c.blockSize);
  copy->setDiscardableAttrs(forward->getDiscardableAttrDictionary());
  copy.getScoreMod().takeBody(forward.getScoreMod());
  copy.getMaskMod().takeBody(forward.getMaskMod());
  rw.replaceAllUsesWith(forward.getOutput(), copy.getOutput());
  rw.eraseOp(forward);
  return copy;
}

FailureOr<AttentionGradOp> mlir::attn::buildAttentionGrad(OpBuilder &b,
                                                          AttentionOp forward,
                                                          Value gradOutput) {
  if (!forward.getLse())
    return forward.emitOpError()
           << "has no LSE result: its gradient needs one (withLse adds it)";
  // attn.attention_grad has neither clause yet.
  if (forward.hasModRegions())
    return forward.emitOpError()
           << "has a score_mod or mask_mod region: attn.attention_grad does "
              "not take them yet";
  if (forward.getQueryRowStart())
    return forward.emitOpError()
           << "computes a sub-range of the query rows (query_rows): "
              "attn.attention_grad does not take them yet";
  if (gradOutput.getType() != forward.getOutput().getType())
    return forward.emitOpError()
           << "output gradient of type " << gradOutput.getType()
           << " does not match the output type "
           << forward.getOutput().getType();
  AttentionClauses c = AttentionClauses::of(forward);
  auto grad = AttentionGradOp::create(
      b, forward.getLoc(), forward.getQuery().getType(),
      forward.getKey().getType(), forward.getValue().getType(),
      forward.getQuery(), forward.getKey(), forward.getValue(),
      forward.getOutput(), forward.getLse(), gradOutput, c.mask, c.bias,
      c.alibiSlopes, c.docOffsets, c.blockRowPtr, c.blockCols, c.blockFull,
      c.scale, c.sparsity, c.softcap, forward.getLayoutAttr(),
      forward.getTilingAttr(), c.blockSize);
  return grad;
}
