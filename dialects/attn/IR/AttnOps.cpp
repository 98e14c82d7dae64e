//===- AttnOps.cpp - attn op verifiers and helpers ------------------------===//
#include "attn/IR/AttnOps.h"
#include "OperandShapes.h"

#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::opshapes;

#define GET_OP_CLASSES
#include "attn/IR/AttnOps.cpp.inc"

#include "attn/IR/AttnOpInterfaces.cpp.inc"

Speculation::Speculatability AttentionOp::getSpeculatability() {
  // Row positions the verifier could not check (not constants).
  if (getQueryRowStart() &&
      (!getConstantIntValue(getQueryRowStart()) ||
       !getConstantIntValue(getQueryRowTotal())))
    return Speculation::NotSpeculatable;
  // A region's table read at a position the program would not evaluate
  // may be out of bounds.
  for (Region *r : {&getScoreMod(), &getMaskMod()})
    if (!r->empty() && !r->front().getOps<tensor::ExtractOp>().empty())
      return Speculation::NotSpeculatable;
  return opshapes::speculatability(*this, AttentionClauses::of(*this));
}

Speculation::Speculatability
opshapes::speculatability(Operation *op, const AttentionClauses &c) {
  // Document offsets and block tables are checked by cf.assert in every
  // lowering (passes/Tiling/PatternEnv.cpp).
  if (c.docOffsets || c.blockRowPtr)
    return Speculation::NotSpeculatable;
  // Dynamic sizes that must agree (B, heads, Skv, D, the broadcast of mask
  // and bias) are not verified: executing a mismatch is undefined.
  for (Value v : op->getOperands())
    if (auto t = dyn_cast<ShapedType>(v.getType()); t && !t.hasStaticShape())
      return Speculation::NotSpeculatable;
  return Speculation::Speculatable;
}

/// Checks that `operand` broadcasts (NumPy rules, right-aligned) to `target`.
static LogicalResult verifyBroadcast(Operation *op, StringRef name,
                                     RankedTensorType type,
                                     ArrayRef<int64_t> target) {
  ArrayRef<int64_t> shape = type.getShape();
  auto fail = [&]() {
    return op->emitOpError() << name << " of shape " << shapeStr(shape)
                            << " does not broadcast to [B, Hq, Sq, Skv] = "
                            << shapeStr(target)
                            << " (each dim must be 1 or the full size)";
  };
  if (shape.size() > target.size())
    return fail();
  size_t lead = target.size() - shape.size();
  for (auto [idx, d] : llvm::enumerate(shape)) {
    if (d == 1 || ShapedType::isDynamic(d))
      continue;
    if (!compatible(d, target[lead + idx]))
      return fail();
  }
  return success();
}

LogicalResult AttentionOp::verify() {
  Layout layout = getLayoutOrDefault();
  FailureOr<opshapes::QKVSizes> sizes =
      opshapes::verifyQKV(*this, layout, getQuery(), getKey(), getValue());
  if (failed(sizes) ||
      failed(opshapes::verifyClauses(*this, *sizes,
                                     AttentionClauses::of(*this))) ||
      failed(verifyQueryRows()))
    return failure();
  int64_t b = sizes->b, hq = sizes->hq, sq = sizes->sq, dv = sizes->dv;
  Type elt = cast<RankedTensorType>(getQuery().getType()).getElementType();
  auto oT = cast<RankedTensorType>(getOutput().getType());
  if (oT.getElementType() != elt)
    return emitOpError() << "output element type " << oT.getElementType()
                         << " does not match query element type " << elt;
  if (failed(expectShape(*this, "output", oT,
                         storageShape(layout, b, hq, sq, dv),
                         layoutName(layout, "Hq", "Sq", "Dv"))))
    return failure();
  if (Value lse = getLse())
    if (failed(expectShape(*this, "lse", cast<RankedTensorType>(lse.getType()),
                           {b, hq, sq}, "[B, Hq, Sq]")))
      return failure();
  return success();
}

static LogicalResult verifySparsity(Operation *op, int64_t skv,
                                    const AttentionClauses &c);

LogicalResult opshapes::verifyClauses(Operation *op, const QKVSizes &sizes,
                                      const AttentionClauses &c) {
  int64_t b = sizes.b, hq = sizes.hq, sq = sizes.sq, skv = sizes.skv;
  Type elt = cast<ShapedType>(op->getOperand(0).getType()).getElementType();
  SmallVector<int64_t> scoreShape = {b, hq, sq, skv};
  if (Value mask = c.mask)
    if (failed(verifyBroadcast(op, "mask",
                               cast<RankedTensorType>(mask.getType()),
                               scoreShape)))
      return failure();
  if (Value bias = c.bias) {
    auto bT = cast<RankedTensorType>(bias.getType());
    if (bT.getElementType() != elt && !bT.getElementType().isF32())
      return op->emitOpError()
             << "bias element type " << bT.getElementType()
             << " must be f32 or the query element type " << elt;
    if (failed(verifyBroadcast(op, "bias", bT, scoreShape)))
      return failure();
  }
  if (Value slopes = c.alibiSlopes)
    if (failed(expectShape(op, "alibi slopes",
                           cast<RankedTensorType>(slopes.getType()), {hq},
                           "[Hq]")))
      return failure();

  if (failed(verifySparsity(op, skv, c)) ||
      failed(verifyBlockTable(op, sizes, c)))
    return failure();

  // Scores are computed in f32: values that f32 cannot hold would turn
  // into infinities in every lowering.
  constexpr double kF32Max = 3.4028234663852886e38;
  if (FloatAttr s = c.scale) {
    double v = s.getValueAsDouble();
    if (!std::isfinite(v) || std::fabs(v) > kF32Max)
      return op->emitOpError() << "scale must be finite in f32, got " << v;
  }
  if (FloatAttr cap = c.softcap) {
    double v = cap.getValueAsDouble();
    if (!std::isfinite(v) || v <= 0.0 || v > kF32Max)
      return op->emitOpError()
             << "softcap must be positive and finite in f32, got " << v;
  }
  return success();
}

/// query_rows(start, total): both given, rows [start, start + Sq) within
/// [0, total) where constant, and no block table (its rows are blocks of
/// the op's own query).
LogicalResult AttentionOp::verifyQueryRows() {
  Value start = getQueryRowStart(), total = getQueryRowTotal();
  if (!start && !total)
    return success();
  if (!start || !total)
    return emitOpError() << "query_rows needs both the start and the total";
  if (getBlockRowPtr())
    return emitOpError() << "query_rows cannot be combined with a block "
                            "table (blocks(...))";
  std::optional<int64_t> s = getConstantIntValue(start);
  std::optional<int64_t> t = getConstantIntValue(total);
  int64_t sq = getSeqQ();
  if (s && *s < 0)
    return emitOpError() << "query_rows start must be >= 0, got " << *s;
  if (t && !ShapedType::isDynamic(sq) && *t < sq)
    return emitOpError() << "query_rows total " << *t
                         << " is less than the op's Sq = " << sq;
  if (s && t && !ShapedType::isDynamic(sq) && *s + sq > *t)
    return emitOpError() << "query_rows [" << *s << ", " << *s + sq
                         << ") exceed the total of " << *t << " rows";
  return success();
}

/// The pattern's requirements on the op: #attn.documents and the offsets
/// operand come together; a neighborhood grid covers exactly the keys.
static LogicalResult verifySparsity(Operation *op, int64_t skv,
                                    const AttentionClauses &c) {
  SparsityAttrInterface pattern = c.sparsity;
  auto emitOpError = [&]() { return op->emitOpError(); };
  bool wantsDocs = patternAny(
      pattern, [](SparsityAttrInterface p) { return isa<DocumentsAttr>(p); });
  if (wantsDocs && !c.docOffsets)
    return emitOpError() << "#attn.documents needs the documents(...) offsets "
                            "operand";
  if (!wantsDocs && c.docOffsets)
    return emitOpError() << "documents(...) offsets given but the sparsity "
                            "pattern has no #attn.documents";
  if (Value offs = c.docOffsets) {
    auto t = cast<RankedTensorType>(offs.getType());
    if (t.getRank() != 1 || (!t.isDynamicDim(0) && t.getDimSize(0) < 2))
      return emitOpError() << "document offsets must be a 1-d tensor of at "
                              "least 2 entries (N + 1 for N documents), got "
                           << t;
  }
  LogicalResult result = success();
  patternAny(pattern, [&](SparsityAttrInterface p) {
    auto n = dyn_cast<NeighborhoodAttr>(p);
    if (!n || ShapedType::isDynamic(skv) ||
        n.getHeight() * n.getWidth() == skv)
      return false;
    result = emitOpError() << "neighborhood grid " << n.getHeight() << "x"
                           << n.getWidth() << " has " << n.getHeight() *
                                                           n.getWidth()
                           << " cells but Skv = " << skv;
    return true;
  });
  return result;
}
