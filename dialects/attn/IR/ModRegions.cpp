//===- ModRegions.cpp - attn.attention's score_mod / mask_mod -------------===//
#include "attn/IR/ModRegions.h"
#include "attn/IR/AttnOps.h"

#include "mlir/IR/IRMapping.h"

using namespace mlir;
using namespace mlir::attn;

Value mlir::attn::cloneModRegion(OpBuilder &b, Region &region,
                                 ValueRange args) {
  Block &body = region.front();
  IRMapping m;
  for (auto [arg, v] : llvm::zip(body.getArguments(), args))
    m.map(arg, v);
  for (Operation &inner : body.without_terminator())
    b.clone(inner, m);
  return m.lookupOrDefault(body.getTerminator()->getOperand(0));
}

bool mlir::attn::isAllowedInModRegion(Operation *op) {
  if (op->getNumRegions() != 0)
    return false;
  if (isa<tensor::ExtractOp>(op))
    return true;
  StringRef ns = op->getName().getDialectNamespace();
  return ns == "arith" || ns == "math";
}

/// Checks one region: a single block with `argTypes` as its arguments,
/// allowed ops only, ending in attn.yield of `yieldType`.
static LogicalResult verifyModRegion(Operation *op, Region &r, StringRef name,
                                     TypeRange argTypes, Type yieldType,
                                     StringRef signature) {
  if (r.empty())
    return success();
  if (!r.hasOneBlock())
    return op->emitOpError() << name << " must have a single block";
  Block &b = r.front();
  if (b.getArgumentTypes() != argTypes)
    return op->emitOpError() << name << " must take " << signature;
  for (Operation &inner : b.without_terminator())
    if (!isAllowedInModRegion(&inner))
      return inner.emitOpError()
             << "is not allowed in " << name
             << " (arith and math ops and tensor.extract only)";
  auto y = dyn_cast<YieldOp>(b.getTerminator());
  if (!y)
    return op->emitOpError() << name << " must end with attn.yield";
  if (y.getValue().getType() != yieldType)
    return y.emitOpError() << "in " << name << " must yield " << yieldType
                           << ", got " << y.getValue().getType();
  return success();
}

LogicalResult AttentionOp::verifyRegions() {
  Type f32 = Float32Type::get(getContext());
  Type idx = IndexType::get(getContext());
  Type i1 = IntegerType::get(getContext(), 1);
  if (failed(verifyModRegion(*this, getScoreMod(), "score_mod",
                             {f32, idx, idx, idx, idx}, f32,
                             "(f32 score, index b, h, i, j)")))
    return failure();
  return verifyModRegion(*this, getMaskMod(), "mask_mod",
                         {idx, idx, idx, idx}, i1, "(index b, h, i, j)");
}

LogicalResult BlockMaskOp::verifyRegions() {
  Type idx = IndexType::get(getContext());
  Type i1 = IntegerType::get(getContext(), 1);
  return verifyModRegion(*this, getMaskMod(), "mask_mod",
                         {idx, idx, idx, idx}, i1, "(index b, h, i, j)");
}

LogicalResult BlockMaskOp::verify() {
  auto rp = cast<RankedTensorType>(getRowPtr().getType());
  auto cols = cast<RankedTensorType>(getCols().getType());
  auto full = cast<RankedTensorType>(getFull().getType());
  if (!rp.hasStaticShape() || !cols.hasStaticShape() ||
      !full.hasStaticShape() || rp.getRank() != 3 || cols.getRank() != 3 ||
      cols.getShape() != full.getShape())
    return emitOpError("results must be static [B, Ht, nQB + 1] row "
                       "pointers and [B, Ht, nQB * nKB] columns and flags");
  int64_t bq = getBlockSize().getQuery(), bk = getBlockSize().getKey();
  int64_t sq = getSeqQ(), skv = getSeqKv();
  if (sq < 1 || skv < 1 || getHeadsPerTable() < 1)
    return emitOpError("seq_q, seq_kv and heads_per_table must be positive");
  int64_t nqb = (sq + bq - 1) / bq, nkb = (skv + bk - 1) / bk;
  if (rp.getDimSize(0) != cols.getDimSize(0) ||
      rp.getDimSize(1) != cols.getDimSize(1) || rp.getDimSize(2) != nqb + 1 ||
      cols.getDimSize(2) != nqb * nkb)
    return emitOpError() << "expects row pointers [B, Ht, " << nqb + 1
                         << "] and columns [B, Ht, " << nqb * nkb
                         << "] for these blocks, got " << rp << " and "
                         << cols;
  return success();
}
