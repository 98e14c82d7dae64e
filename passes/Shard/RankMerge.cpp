//===- RankMerge.cpp - the LSE merge across ranks, local pattern masks ----===//
//
// Splitting the keys over ranks gives each rank a normalized partial output
// O_r and its log-sum-exp lse_r (section 3 of the math note, as the
// in-process split-KV merge in passes/Tiling/SplitKVMerge.cpp). The ranks
// agree on m = max_r lse_r first, so every exponent is <= 0 and nothing
// overflows, then sum the rescaled parts:
//   w_r = exp(lse_r - m),  O = sum_r w_r O_r / sum_r w_r,  lse = m + log sum_r w_r.
// Three all-reduces: max of [B, Hq, Sq], sum of [B, Hq, Sq, Dv] and of
// [B, Hq, Sq]. The formulas are AttentionMath.h's.
//
//===----------------------------------------------------------------------===//
#include "passes/Shard/RankMerge.h"
#include "passes/Tiling/AttentionMath.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace mlir::attn;

namespace {

/// An elementwise linalg.generic writing a fresh tensor of `outT`.
Value buildMap(ImplicitLocOpBuilder &b, RankedTensorType outT,
               ValueRange ins, ArrayRef<AffineMap> inMaps,
               function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  unsigned rank = outT.getRank();
  SmallVector<AffineMap> maps(inMaps);
  maps.push_back(AffineMap::getMultiDimIdentityMap(rank, b.getContext()));
  Value init = tensor::EmptyOp::create(b, outT.getShape(),
                                       outT.getElementType());
  SmallVector<utils::IteratorType> iters(rank, kPar);
  auto gen = linalg::GenericOp::create(
      b, TypeRange{outT}, ins, ValueRange{init}, maps, iters,
      [&](OpBuilder &bb, Location l, ValueRange a) {
        yield(bb, l, body(bb, l, a));
      });
  return gen.getResult(0);
}

/// The constants and indexing maps both merges use: rows (b, h, q) of the
/// LSE, and the row of an output element ([B, Hq, Sq, Dv] or bshd).
struct MergeParts {
  Value ninf, zero;
  AffineMap row, rowOfO, id4;
  MergeParts(ImplicitLocOpBuilder &b, bool bshd) {
    MLIRContext *ctx = b.getContext();
    Type f32 = b.getF32Type();
    ninf = arith::ConstantOp::create(
        b, f32, b.getF32FloatAttr(-std::numeric_limits<double>::infinity()));
    zero = arith::ConstantOp::create(b, f32, b.getF32FloatAttr(0.0));
    row = AffineMap::getMultiDimIdentityMap(3, ctx);
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    rowOfO = bshd ? AffineMap::get(4, 0, {d(0), d(2), d(1)}, ctx)
                  : AffineMap::get(4, 0, {d(0), d(1), d(2)}, ctx);
    id4 = AffineMap::getMultiDimIdentityMap(4, ctx);
  }
};

} // namespace

std::pair<Value, Value>
mlir::attn::buildRankMerge(ImplicitLocOpBuilder &b, Value oLoc, Value lseLoc,
                           bool bshd, StringRef grid,
                           ArrayRef<shard::GridAxis> axes) {
  Type f32 = b.getF32Type();
  auto oT = cast<RankedTensorType>(oLoc.getType());
  auto rowT = cast<RankedTensorType>(lseLoc.getType());
  auto accT = RankedTensorType::get(oT.getShape(), f32);
  MergeParts parts(b, bshd);
  Value ninf = parts.ninf, zero = parts.zero;
  AffineMap row = parts.row, rowOfO = parts.rowOfO, id4 = parts.id4;

  Value m = shard::AllReduceOp::create(b, lseLoc, grid, axes,
                                       shard::ReductionKind::Max);
  // A rank that saw no key of a row (lse_r = -inf) contributes weight 0.
  Value w = buildMap(b, rowT, ValueRange{lseLoc, m}, {row, row},
                     [&](OpBuilder &bb, Location l, ValueRange a) {
                       return buildGuardedExp(bb, l, a[0], a[1], a[0], ninf,
                                              zero);
                     });
  Value part = buildMap(b, accT, ValueRange{oLoc, w}, {id4, rowOfO},
                        [&](OpBuilder &bb, Location l, ValueRange a) {
                          Value o = toF32(bb, l, a[0]);
                          return arith::MulFOp::create(bb, l, o, a[1])
                              .getResult();
                        });
  Value num = shard::AllReduceOp::create(b, part, grid, axes,
                                         shard::ReductionKind::Sum);
  Value den = shard::AllReduceOp::create(b, w, grid, axes,
                                         shard::ReductionKind::Sum);
  Type elt = oT.getElementType();
  Value out = buildMap(b, oT, ValueRange{num, den}, {id4, rowOfO},
                       [&](OpBuilder &bb, Location l, ValueRange a) {
                         Value o = buildNormalize(bb, l, a[0], a[1]);
                         if (elt != o.getType())
                           o = arith::TruncFOp::create(bb, l, elt, o);
                         return o;
                       });
  Value lse = buildMap(b, rowT, ValueRange{m, den}, {row, row},
                       [&](OpBuilder &bb, Location l, ValueRange a) {
                         return buildLogSumExp(bb, l, a[0], a[1]);
                       });
  return {out, lse};
}

std::pair<Value, Value>
mlir::attn::buildPairMerge(ImplicitLocOpBuilder &b, Value o1, Value l1,
                           Value o2, Value l2, bool bshd) {
  Type f32 = b.getF32Type();
  auto rowT = cast<RankedTensorType>(l1.getType());
  auto accT = RankedTensorType::get(
      cast<RankedTensorType>(o1.getType()).getShape(), f32);
  MergeParts parts(b, bshd);
  Value ninf = parts.ninf, zero = parts.zero;
  AffineMap row = parts.row, rowOfO = parts.rowOfO, id4 = parts.id4;

  Value m = buildMap(b, rowT, ValueRange{l1, l2}, {row, row},
                     [&](OpBuilder &bb, Location l, ValueRange a) {
                       return buildSoftmaxMax(bb, l, a[0], a[1]);
                     });
  auto weight = [&](Value lse) {
    return buildMap(b, rowT, ValueRange{lse, m}, {row, row},
                    [&](OpBuilder &bb, Location l, ValueRange a) {
                      return buildGuardedExp(bb, l, a[0], a[1], a[0], ninf,
                                             zero);
                    });
  };
  Value w1 = weight(l1);
  Value w2 = weight(l2);
  Value den = buildMap(b, rowT, ValueRange{w1, w2}, {row, row},
                       [&](OpBuilder &bb, Location l, ValueRange a) {
                         return arith::AddFOp::create(bb, l, a[0], a[1])
                             .getResult();
                       });
  Value out = buildMap(
      b, accT, ValueRange{o1, o2, w1, w2, den},
      {id4, id4, rowOfO, rowOfO, rowOfO},
      [&](OpBuilder &bb, Location l, ValueRange a) {
        Value x1 = toF32(bb, l, a[0]);
        Value x2 = toF32(bb, l, a[1]);
        Value p = arith::MulFOp::create(bb, l, x1, a[2]);
        Value acc = buildFma(bb, l, x2, a[3], p);
        return buildNormalize(bb, l, acc, a[4]);
      });
  Value lse = buildMap(b, rowT, ValueRange{m, den}, {row, row},
                       [&](OpBuilder &bb, Location l, ValueRange a) {
                         return buildLogSumExp(bb, l, a[0], a[1]);
                       });
  return {out, lse};
}

Value mlir::attn::buildConvert(ImplicitLocOpBuilder &b, Value v, Type elt) {
  auto t = cast<RankedTensorType>(v.getType());
  if (t.getElementType() == elt)
    return v;
  auto outT = RankedTensorType::get(t.getShape(), elt);
  AffineMap id = AffineMap::getMultiDimIdentityMap(t.getRank(), b.getContext());
  return buildMap(b, outT, ValueRange{v}, {id},
                  [&](OpBuilder &bb, Location l, ValueRange a) -> Value {
                    if (elt.getIntOrFloatBitWidth() <
                        t.getElementType().getIntOrFloatBitWidth())
                      return arith::TruncFOp::create(bb, l, elt, a[0]);
                    return arith::ExtFOp::create(bb, l, elt, a[0]);
                  });
}

Value mlir::attn::buildLocalPatternMask(ImplicitLocOpBuilder &b,
                                        SparsityAttrInterface pattern,
                                        int64_t seqQ, int64_t seqKV,
                                        int64_t sqLoc, int64_t skvLoc,
                                        Value q0, Value k0) {
  auto maskT = RankedTensorType::get({1, 1, sqLoc, skvLoc}, b.getI1Type());
  // The pattern's diagonal offset is that of the whole problem.
  Value offset = arith::ConstantIndexOp::create(b, seqKV - seqQ);
  return buildMap(b, maskT, ValueRange{}, {},
                  [&](OpBuilder &bb, Location l, ValueRange) {
                    Value li = linalg::IndexOp::create(bb, l, 2);
                    Value lj = linalg::IndexOp::create(bb, l, 3);
                    Value i = arith::AddIOp::create(bb, l, li, q0);
                    Value j = arith::AddIOp::create(bb, l, lj, k0);
                    return pattern.buildVisible(bb, l, i, j, offset,
                                                PatternEnv{});
                  });
}
