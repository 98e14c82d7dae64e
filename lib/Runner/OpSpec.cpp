//===- OpSpec.cpp - the reference's view of an attn.attention op ----------===//
//
// specFromOp: the float64 reference's AttentionSpec of an op (shapes,
// pattern parameters, optional operands), for the runner and its tools.
//
//===----------------------------------------------------------------------===//
#include "attn/IR/AttnOps.h"
#include "attn/IR/MaskPatternOf.h"
#include "attn/Runner/OpSpec.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"

using namespace mlir;
using namespace mlir::attn;

/// Right-aligns `shape` into rank 4, padding with leading 1s.
static std::array<int64_t, 4> pad4(ArrayRef<int64_t> shape) {
  std::array<int64_t, 4> r = {1, 1, 1, 1};
  size_t lead = 4 - shape.size();
  for (size_t i = 0; i < shape.size(); ++i)
    r[lead + i] = shape[i];
  return r;
}

FailureOr<ref::AttentionSpec> mlir::attn::specFromOp(AttentionOp op,
                                                     std::string &why) {
  ref::AttentionSpec s;
  if (failed(copyStaticShape(op, s, why)))
    return failure();
  s.scale = *op.getEffectiveScale();
  if (auto p = op.getSparsityAttr()) {
    if (failed(maskPatternOf(p, s.pattern, why)))
      return failure();
    // Placeholder for validation; evaluateReference reads the real offsets.
    if (ref::patternUsesDocuments(s.pattern))
      s.docOffsets = {0, s.seqKV};
  }
  if (auto bs = op.getBlockSizeAttr()) {
    // Sizes only: evaluateReference reads the table's values.
    s.blockQ = bs.getQuery();
    s.blockK = bs.getKey();
    s.tableHeads =
        cast<RankedTensorType>(op.getBlockRowPtr().getType()).getDimSize(1);
    s.tableNnz =
        cast<RankedTensorType>(op.getBlockCols().getType()).getDimSize(2);
    s.hasBlockFull = static_cast<bool>(op.getBlockFull());
  }
  if (auto c = op.getSoftcapAttr()) {
    s.hasSoftcap = true;
    s.softcap = c.getValueAsDouble();
  }
  if (Value m = op.getMask()) {
    s.hasMask = true;
    s.maskShape = pad4(cast<RankedTensorType>(m.getType()).getShape());
  }
  if (Value b = op.getBias()) {
    s.hasBias = true;
    s.biasShape = pad4(cast<RankedTensorType>(b.getType()).getShape());
  }
  s.hasAlibi = static_cast<bool>(op.getAlibiSlopes());
  if (Value start = op.getQueryRowStart()) {
    std::optional<int64_t> s0 = getConstantIntValue(start);
    std::optional<int64_t> total = getConstantIntValue(op.getQueryRowTotal());
    if (!s0 || !total) {
      why = "the reference needs query_rows(...) of constant indices";
      return failure();
    }
    s.rowStart = *s0;
    s.rowTotal = *total;
  }
  s.withLse = static_cast<bool>(op.getLse());
  std::string invalid = ref::validate(s);
  if (!invalid.empty()) {
    why = "reference spec rejected: " + invalid;
    return failure();
  }
  return s;
}

