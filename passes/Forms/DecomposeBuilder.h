//===- DecomposeBuilder.h - the unfused lowering's generics ----*- C++ -*-===//
//
// The pieces of the unfused decomposition (--attn-decompose): linalg
// generics over the 5-d score space (b, hkv, g, i, j), query head
// h = hkv * G + g. attn.attention (Decompose.cpp) and attn.attention_grad
// (DecomposeGrad.cpp) share the scores and their modifiers.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_FORMS_DECOMPOSEBUILDER_H
#define ATTN_FORMS_DECOMPOSEBUILDER_H

#include "attn/IR/AttentionClauses.h"
#include "attn/IR/AttnOps.h"
#include "passes/Tiling/AttentionMath.h"
#include "passes/Tiling/ScoreChain.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

#include <limits>

namespace mlir {
namespace attn {
namespace decompose {

using utils::IteratorType;

/// Why `op` (attn.attention or attn.attention_grad) cannot be decomposed,
/// or an empty string when it can.
std::string unsupportedReason(AttentionShapeOpInterface op);

/// Builds the pieces shared by every generic of one decomposition.
struct DecomposeBuilder {
  /// attn.attention or attn.attention_grad: shape and clauses by role.
  Operation *op;
  AttentionShapeOpInterface shape;
  AttentionClauses clauses;
  PatternRewriter &rw;
  Location loc;
  MLIRContext *ctx;
  bool bshd;
  int64_t hkv, groups;
  Type f32;

  DecomposeBuilder(AttentionShapeOpInterface shape,
                   const AttentionClauses &clauses, PatternRewriter &rw)
      : op(shape), shape(shape), clauses(clauses), rw(rw), loc(shape.getLoc()),
        ctx(shape.getContext()),
        bshd(shape.getLayoutOrDefault() == Layout::bshd),
        hkv(shape.getHeadsKV()), groups(shape.getHeadsQ() / shape.getHeadsKV()),
        f32(rw.getF32Type()) {}

  AffineExpr d(unsigned i) { return getAffineDimExpr(i, ctx); }
  AffineMap map(unsigned numDims, ArrayRef<AffineExpr> exprs) {
    return AffineMap::get(numDims, 0, exprs, ctx);
  }

  Value dimValue(Value v, int64_t idx) {
    return tensor::DimOp::create(rw, loc, v, idx);
  }
  OpFoldResult sizeOf(Value v, int64_t idx) {
    int64_t s = cast<RankedTensorType>(v.getType()).getDimSize(idx);
    if (!ShapedType::isDynamic(s))
      return rw.getIndexAttr(s);
    return dimValue(v, idx);
  }

  Value f32Const(double v) {
    return arith::ConstantOp::create(rw, loc, f32, rw.getF32FloatAttr(v));
  }
  Value negInf() { return f32Const(-std::numeric_limits<double>::infinity()); }

  /// A tensor of `sizes` filled with `fill`.
  Value filled(ArrayRef<OpFoldResult> sizes, Type elt, Value fill) {
    Value empty = tensor::EmptyOp::create(rw, loc, sizes, elt);
    if (!fill)
      return empty;
    return linalg::FillOp::create(rw, loc, ValueRange{fill}, ValueRange{empty})
        .getResult(0);
  }

  /// Splits the head dim `headIdx` of `v` (Hq) into [Hkv, G].
  Value splitHeads(Value v, unsigned headIdx) {
    auto t = cast<RankedTensorType>(v.getType());
    // A dynamic head dim (mask, bias or slopes) is Hq by the verifier: make
    // it static so that the expand_shape into static [Hkv, G] is valid.
    if (t.isDynamicDim(headIdx)) {
      SmallVector<int64_t> staticShape(t.getShape());
      staticShape[headIdx] = hkv * groups;
      t = RankedTensorType::get(staticShape, t.getElementType());
      v = tensor::CastOp::create(rw, loc, t, v);
    }
    SmallVector<int64_t> shape;
    SmallVector<ReassociationIndices> reassoc;
    for (unsigned i = 0, e = t.getRank(); i < e; ++i) {
      if (i == headIdx) {
        reassoc.push_back({static_cast<int64_t>(shape.size()),
                           static_cast<int64_t>(shape.size() + 1)});
        shape.push_back(hkv);
        shape.push_back(groups);
      } else {
        reassoc.push_back({static_cast<int64_t>(shape.size())});
        shape.push_back(t.getDimSize(i));
      }
    }
    auto resultType = RankedTensorType::get(shape, t.getElementType());
    return tensor::ExpandShapeOp::create(rw, loc, resultType, v, reassoc);
  }

  /// Collapses `v` by `reassoc`, then casts to `type` (the op's result type,
  /// which may be more or less static than the computed one).
  Value collapseTo(Value v, RankedTensorType type,
                   ArrayRef<ReassociationIndices> reassoc) {
    Value c = tensor::CollapseShapeOp::create(rw, loc, v, reassoc);
    if (c.getType() != type)
      c = tensor::CastOp::create(rw, loc, type, c);
    return c;
  }

  /// Prepares a mask or bias operand broadcastable to [B, Hq, Sq, Skv] and
  /// returns it with its indexing map into the score space (b,hkv,g,i,j).
  /// Unit dims broadcast; dynamic dims are taken to be full size.
  std::pair<Value, AffineMap> broadcastOperand(Value v) {
    auto t = cast<RankedTensorType>(v.getType());
    unsigned lead = 4 - t.getRank();
    SmallVector<AffineExpr> exprs;
    AffineExpr zero = getAffineConstantExpr(0, ctx);
    std::optional<unsigned> headIdx;
    for (unsigned i = 0, e = t.getRank(); i < e; ++i) {
      unsigned logical = lead + i;
      if (t.getDimSize(i) == 1) {
        exprs.push_back(zero);
        continue;
      }
      switch (logical) {
      case 0:
        exprs.push_back(d(0));
        break;
      case 1:
        headIdx = i;
        exprs.push_back(d(1));
        exprs.push_back(d(2));
        break;
      case 2:
        exprs.push_back(d(3));
        break;
      default:
        exprs.push_back(d(4));
        break;
      }
    }
    if (headIdx)
      v = splitHeads(v, *headIdx);
    return {v, map(5, exprs)};
  }

  /// Lowers attn.attention (`op`) and replaces it.
  LogicalResult build();

  // Logical sizes of the score space and what every step shares.
  OpFoldResult B, Sq, Skv, Dv, Hkv, G;
  Type elt;
  AffineMap id5, rowMap;
  SmallVector<IteratorType> rowIters;
  Value zero, ninf;

  /// B, Sq, Skv, Dv, Hkv, G, elt, zero and the 5-d maps; returns Q with its
  /// heads split ([B, Hkv, G, Sq, D], bshd [B, Sq, Hkv, G, D]).
  Value prepare();

  /// scores[b,hk,g,i,j] = sum_d q * k (f32 accumulation).
  Value scores(Value qs);
  /// Scale, softcap, bias, ALiBi, pattern, block table, mask.
  Value modify(Value scores);
  /// attn.attention's score_mod / mask_mod with the batch and query head of
  /// the score generic's element.
  void setModRegions(OpBuilder &b, Location l, ScoreModifiers &mods);
  /// visible (may be null) combined with the block table's entry of
  /// element (i, j): not listed, listed (the pattern applies) or whole.
  Value blockVisible(OpBuilder &b, Location l, Value visible, Value i, Value j);
  Value blockMap, headsPerTable;
  int64_t bq = 1, bk = 1;
  /// Row max, P and row sum of the modified scores.
  void softmax(Value modified, Value &rowMax, Value &probs, Value &rowSum);
  /// acc[b,hk,g,i,e] = sum_j P * v over the keys that take part.
  Value accumulate(Value probs, Value modified);
  /// O (and lse) in the op's layout.
  SmallVector<Value> results(Value acc, Value rowMax, Value rowSum);
};

/// Lowers attn.attention_grad (`b.op`) and replaces it (DecomposeGrad.cpp).
LogicalResult buildGrad(DecomposeBuilder &b);

} // namespace decompose
} // namespace attn
} // namespace mlir

#endif // ATTN_FORMS_DECOMPOSEBUILDER_H
