//===- OpSpec.cpp - the reference's view of an attn.attention op ----------===//
//
// specFromOp: the float64 reference's AttentionSpec of an op (shapes,
// pattern parameters, optional operands), for the runner and its tools.
//
//===----------------------------------------------------------------------===//
#include "attn/Runner/OpSpec.h"
#include "attn/IR/AttentionClauses.h"
#include "attn/IR/AttnOps.h"
#include "attn/IR/MaskPatternOf.h"

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

/// The spec of attn.attention or attn.attention_grad: their shapes and
/// clauses mean the same.
static FailureOr<ref::AttentionSpec> specOf(AttentionShapeOpInterface op,
                                            const AttentionClauses &c,
                                            bool withLse, std::string &why) {
  ref::AttentionSpec s;
  if (failed(copyStaticShape(op, s, why)))
    return failure();
  s.scale = *op.getEffectiveScale();
  if (auto p = c.sparsity) {
    if (failed(maskPatternOf(p, s.pattern, why)))
      return failure();
    // Placeholder for validation; evaluateReference reads the real offsets.
    if (ref::patternUsesDocuments(s.pattern))
      s.docOffsets = {0, s.seqKV};
  }
  if (auto bs = c.blockSize) {
    // Sizes only: evaluateReference reads the table's values.
    s.blockQ = bs.getQuery();
    s.blockK = bs.getKey();
    s.tableHeads =
        cast<RankedTensorType>(c.blockRowPtr.getType()).getDimSize(1);
    s.tableNnz = cast<RankedTensorType>(c.blockCols.getType()).getDimSize(2);
    s.hasBlockFull = static_cast<bool>(c.blockFull);
  }
  if (FloatAttr cap = c.softcap) {
    s.hasSoftcap = true;
    s.softcap = cap.getValueAsDouble();
  }
  if (Value m = c.mask) {
    s.hasMask = true;
    s.maskShape = pad4(cast<RankedTensorType>(m.getType()).getShape());
  }
  if (Value b = c.bias) {
    s.hasBias = true;
    s.biasShape = pad4(cast<RankedTensorType>(b.getType()).getShape());
  }
  s.hasAlibi = static_cast<bool>(c.alibiSlopes);
  s.withLse = withLse;
  std::string invalid = ref::validate(s);
  if (!invalid.empty()) {
    why = "reference spec rejected: " + invalid;
    return failure();
  }
  return s;
}

FailureOr<ref::AttentionSpec> mlir::attn::specFromOp(AttentionOp op,
                                                     std::string &why) {
  FailureOr<ref::AttentionSpec> s = specOf(
      op, AttentionClauses::of(op), static_cast<bool>(op.getLse()), why);
  if (failed(s))
    return failure();
  if (Value start = op.getQueryRowStart()) {
    std::optional<int64_t> s0 = getConstantIntValue(start);
    std::optional<int64_t> total = getConstantIntValue(op.getQueryRowTotal());
    if (!s0 || !total) {
      why = "the reference needs query_rows(...) of constant indices";
      return failure();
    }
    s->rowStart = *s0;
    s->rowTotal = *total;
    std::string invalid = ref::validate(*s);
    if (!invalid.empty()) {
      why = "reference spec rejected: " + invalid;
      return failure();
    }
  }
  return s;
}

FailureOr<ref::AttentionSpec> mlir::attn::specFromOp(AttentionGradOp op,
                                                     std::string &why) {
  return specOf(op, AttentionClauses::of(op), /*withLse=*/false, why);
}
