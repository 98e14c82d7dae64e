//===- OnlineAttentionOp.cpp - attn.online_attention ----------------------===//
#include "attn/IR/AttnOps.h"

#include "mlir/IR/IRMapping.h"

#include "mlir/IR/Builders.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;

void OnlineAttentionOp::build(OpBuilder &b, OperationState &state, Value query,
                              Value key, Value value, Value max, Value sum,
                              Value acc, Value queryStart, Value keyStart,
                              double scale, bool keyTransposed, Type pType) {
  state.addOperands({query, key, value, max, sum, acc, queryStart, keyStart});
  state.addAttribute(getScaleAttrName(state.name), b.getF64FloatAttr(scale));
  if (keyTransposed)
    state.addAttribute(getKeyTransposedAttrName(state.name), b.getUnitAttr());
  if (pType && !pType.isF32())
    state.addAttribute(getPTypeAttrName(state.name), TypeAttr::get(pType));
  state.addRegion();
  state.addTypes({max.getType(), sum.getType(), acc.getType()});
}

Type OnlineAttentionOp::getPTypeOrF32() {
  if (auto t = getPTypeAttr())
    return t.getValue();
  return Float32Type::get(getContext());
}

Block *OnlineAttentionOp::addScoreBlock(OpBuilder &b) {
  Region &r = getScore();
  Location loc = getLoc();
  Type f32 = b.getF32Type(), index = b.getIndexType();
  return b.createBlock(&r, r.end(), {f32, index, index}, {loc, loc, loc});
}

Value OnlineAttentionOp::buildScore(OpBuilder &b, Value s, Value i, Value j) {
  if (!hasScoreRegion())
    return s;
  Block &body = getScore().front();
  IRMapping m;
  m.map(body.getArgument(0), s);
  m.map(body.getArgument(1), i);
  m.map(body.getArgument(2), j);
  for (Operation &inner : body.without_terminator())
    b.clone(inner, m);
  auto y = cast<YieldOp>(body.getTerminator());
  return m.lookupOrDefault(y.getValue());
}

LogicalResult OnlineAttentionOp::verify() {
  auto q = cast<RankedTensorType>(getQuery().getType());
  auto k = cast<RankedTensorType>(getKey().getType());
  auto v = cast<RankedTensorType>(getValue().getType());
  auto m = cast<RankedTensorType>(getMax().getType());
  auto l = cast<RankedTensorType>(getSum().getType());
  auto acc = cast<RankedTensorType>(getAcc().getType());
  if (q.getRank() != 2 || k.getRank() != 2 || v.getRank() != 2)
    return emitOpError("expects rank-2 query, key and value tiles");
  if (m.getRank() != 1 || l.getRank() != 1 || acc.getRank() != 2)
    return emitOpError("expects state max [Tq], sum [Tq] and acc [Tq, Dv]");
  // Sizes that must agree; a dynamic size agrees with anything.
  auto agree = [](int64_t a, int64_t b) {
    return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
  };
  bool kt = getKeyTransposed();
  int64_t kRows = k.getDimSize(kt ? 1 : 0), kD = k.getDimSize(kt ? 0 : 1);
  if (!agree(q.getDimSize(1), kD))
    return emitOpError("query head dim ")
           << q.getDimSize(1) << " differs from the key's " << kD;
  if (!agree(kRows, v.getDimSize(0)))
    return emitOpError("key tile has ")
           << kRows << " rows but the value tile " << v.getDimSize(0);
  int64_t tq = q.getDimSize(0);
  if (!agree(tq, m.getDimSize(0)) || !agree(tq, l.getDimSize(0)) ||
      !agree(tq, acc.getDimSize(0)))
    return emitOpError("state rows must match the query tile's ") << tq;
  if (!agree(v.getDimSize(1), acc.getDimSize(1)))
    return emitOpError("acc width ")
           << acc.getDimSize(1) << " differs from the value head dim "
           << v.getDimSize(1);
  for (auto [res, in] : llvm::zip(getResults(), ValueRange{getMax(), getSum(),
                                                          getAcc()}))
    if (res.getType() != in.getType())
      return emitOpError("result types must equal the state types");
  double s = getScale().convertToDouble();
  // The scale multiplies f32 products: it must be finite in f32.
  if (!std::isfinite(s) || !std::isfinite(static_cast<float>(s)))
    return emitOpError("scale must be finite in f32, got ") << s;
  if (auto p = getPTypeAttr())
    if (!p.getValue().isF32() && !p.getValue().isF16() &&
        !p.getValue().isBF16())
      return emitOpError("p_type must be f32, f16 or bf16, got ")
             << p.getValue();
  return success();
}

LogicalResult OnlineAttentionOp::verifyRegions() {
  Region &r = getScore();
  if (r.empty())
    return success();
  Block &b = r.front();
  Type f32 = Float32Type::get(getContext());
  auto idx = IndexType::get(getContext());
  if (b.getNumArguments() != 3 || b.getArgument(0).getType() != f32 ||
      b.getArgument(1).getType() != idx || b.getArgument(2).getType() != idx)
    return emitOpError("score region must take (f32 score, index query "
                       "position, index key position)");
  if (b.empty() || !isa<YieldOp>(b.back()))
    return emitOpError("score region must end with attn.yield");
  if (!cast<YieldOp>(b.back()).getValue().getType().isF32())
    return emitOpError("score region must yield an f32 score");
  return success();
}
