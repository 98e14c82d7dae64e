//===- LinearBuilder.h - tile algebra of the linear-attention lowering -*- C++ -*-===//
//
// The builder of --attn-lower-linear (LowerLinearAttention.cpp builds the
// loop structures with it; LinearTileOps.cpp holds the tile operations:
// loads, feature maps, contractions, row reductions, decay powers, chunk
// loops; LinearFavor.cpp the FAVOR+ features and their stabilizers).
// Private to passes/Forms.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_TRANSFORMS_LINEARBUILDER_H
#define ATTN_TRANSFORMS_LINEARBUILDER_H

#include "attn/IR/AttnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>

namespace mlir {
namespace attn {

class LinearBuilder {
public:
  LinearBuilder(LinearAttentionOp op, PatternRewriter &rw)
      : op(op), rw(rw), loc(op.getLoc()), ctx(op.getContext()),
        f32(rw.getF32Type()) {
    bshd = op.getLayoutOrDefault() == Layout::bshd;
    hq = op.getHeadsQ();
    hkv = op.getHeadsKV();
    groups = hq / hkv;
    d = op.getHeadDim();
    dv = op.getHeadDimV();
    dp = op.getFeatureDim();
    fmap = op.getFeatureMap();
    normalize = op.isNormalized();
    elt = cast<RankedTensorType>(op.getQuery().getType()).getElementType();
    chunk = op.getEffectiveChunkSize();
    rootScale = std::sqrt(*op.getEffectiveScale());
    decay = op.getDecayFactors();
  }

  LogicalResult build();

private:
  LinearAttentionOp op;
  PatternRewriter &rw;
  Location loc;
  MLIRContext *ctx;
  Type f32, elt;
  bool bshd, normalize;
  int64_t hq, hkv, groups, d, dv, dp, chunk;
  FeatureMap fmap;
  double rootScale;
  SmallVector<double> decay;
  Value batch, seqQ, seqKV;

  AffineExpr dim(unsigned i) { return getAffineDimExpr(i, ctx); }
  AffineMap map(unsigned n, ArrayRef<AffineExpr> e) {
    return AffineMap::get(n, 0, e, ctx);
  }
  AffineMap id2() { return map(2, {dim(0), dim(1)}); }
  Value idx(OpBuilder &b, int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v);
  }
  Value fconst(OpBuilder &b, double v) {
    return arith::ConstantOp::create(b, loc, f32, b.getF32FloatAttr(v));
  }
  Value minI(OpBuilder &b, Value x, Value y) {
    return arith::MinSIOp::create(b, loc, x, y);
  }
  Value filled(OpBuilder &b, ArrayRef<int64_t> shape, double v) {
    Value e = tensor::EmptyOp::create(b, loc, shape, f32);
    return linalg::FillOp::create(b, loc, ValueRange{fconst(b, v)},
                                  ValueRange{e})
        .getResult(0);
  }
  /// An index value as f32.
  Value indexToF32(OpBuilder &b, Location l, Value i) {
    return arith::SIToFPOp::create(
        b, l, f32, arith::IndexCastOp::create(b, l, b.getI64Type(), i));
  }

  Value loadTile(OpBuilder &b, Value src, Value bIdx, Value head, Value row0,
                 Value rows, int64_t width);
  /// Chunks [0, total) of `chunk` rows: a loop over the whole chunks (static
  /// tiles, no padding or masking; `rows` is null), then one over the
  /// partial last chunk if any. `body` gets the first row, the rows (null
  /// when whole) and the carried values, and returns the next ones.
  using ChunkBody = function_ref<SmallVector<Value>(
      OpBuilder &, Location, Value, Value, ValueRange)>;
  SmallVector<Value> chunkLoops(OpBuilder &b, Value total, ValueRange init,
                                StringRef tag, ChunkBody body);
  Value features(OpBuilder &b, Value tile, Value validRows);

  // FAVOR+ (LinearFavor.cpp). Normalized favor is stabilized
  // (docs/semantics.md, "FAVOR+ stabilizers"): a per-feature shift T ([M],
  // the running maximum of the keys' exponents, carried over the key
  // chunks) is subtracted from the key exponents and added to the query
  // exponents, which are then reduced by their row maximum.
  bool stabilized() const { return fmap == FeatureMap::favor && normalize; }
  /// x' = sqrt(scale) x of a [C, D] tile, in f32.
  Value favorScaled(OpBuilder &b, Value tile);
  /// u = x' W, [C, M].
  Value favorProjected(OpBuilder &b, Value xs);
  /// |x'|^2 of each row, [C].
  Value favorSquaredNorms(OpBuilder &b, Value xs);
  /// Unstabilized favor features exp(u - |x'|^2 / 2) / sqrt(M), [C, M].
  Value favorPlain(OpBuilder &b, Value tile, Value validRows);
  /// phi(K)^T of a key tile, [D', C] (columns at or past `validRows` 0).
  /// Stabilized favor also raises `shift` to cover the tile's keys and
  /// rescales the state (`s` [M, Dv], `z` [M]) to the new shift.
  Value keyFeaturesT(OpBuilder &b, Value tile, Value validRows, Value &shift,
                     Value &s, Value &z);
  /// phi(Q) of a query tile, [C, D']; stabilized favor reads `shift`.
  Value queryFeatures(OpBuilder &b, Value tile, Value shift);
  /// [M] filled with -inf: the shift before any key.
  Value initialShift(OpBuilder &b);
  /// Stabilized favor: projQ = sqrt(scale) W [D, M] and projKT, its
  /// transpose [M, D], built once before the loops.
  void prepareFavor(OpBuilder &b);
  Value projQ, projKT;
  Value transpose(OpBuilder &b, Value x);
  Value contract(OpBuilder &b, Value lhs, Value rhs, Value acc);
  Value rowSum(OpBuilder &b, Value x, Value acc);
  Value matvec(OpBuilder &b, Value x, Value vec, Value acc);
  Value scaleRows(OpBuilder &b, Value x, Value factors, bool columns);
  Value finishRows(OpBuilder &b, Value num, Value den);
  Value decayPowers(OpBuilder &b, Value logG, Value base, bool down);

  LogicalResult buildNonCausal(SmallVector<Value> &outDyn);
  LogicalResult buildCausal(SmallVector<Value> &outDyn);
};

} // namespace attn
} // namespace mlir

#endif // ATTN_TRANSFORMS_LINEARBUILDER_H
