//===- LowerLinearAttention.cpp - attn.linear_attention -> O(S) loops -----===//
//
// --attn-lower-linear, on tensors (docs/semantics.md, "Linear attention").
//
// Non-causal:
//   scf.forall (b, kv head) { for key chunks: S += phi(K_c)^T V_c,
//                                             z += phi(K_c)^T 1 }
//   scf.forall (b, q head, query chunk) { O = phi(Q_c) S / phi(Q_c) z }
// Causal (chunked, C rows per chunk, state carried across chunks):
//   scf.forall (b, q head) {
//     for prefix key chunks (Skv > Sq): update(S, z)
//     for chunks c: A = (phi(Q_c) phi(K_c)^T) .* M   (causal mask x decay)
//                   O_c = (A V_c + (g^(i+1) phi(Q_c)) S) / (rowsum A + ... z)
//                   update(S, z): S = g^n S + (g^(n-1-j) phi(K_c))^T V_c
//   }
// Every tile is static ([C, *], the last one zero-padded; padded key rows
// get phi = 0), so that --attn-cpu-pipeline register-tiles the
// contractions into vector FMAs.
//
//===----------------------------------------------------------------------===//
#include "attn/IR/AttnOps.h"
#include "attn/Transforms/Passes.h"
#include "attn/Transforms/AttentionMath.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

#include <cmath>
#include <limits>

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNLOWERLINEAR
#include "attn/Transforms/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;
using namespace mlir::attn;

namespace {

using utils::IteratorType;

/// Why `op` cannot be lowered, or empty.
std::string unsupportedReason(LinearAttentionOp op) {
  for (int64_t d : {op.getHeadsQ(), op.getHeadsKV(), op.getHeadDim(),
                    op.getHeadDimV(), op.getFeatureDim()})
    if (ShapedType::isDynamic(d))
      return "head counts, head dims and the feature count must be static";
  if (op.getDecayAttr() &&
      static_cast<int64_t>(op.getDecayFactors().size()) != op.getHeadsQ())
    return "decay needs one factor per query head";
  return "";
}

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
  /// phi of a [C, D] tile. For normalized favor, `shift` ([M]: the keys'
  /// maximum exponent of each feature, T_r) is subtracted from the key
  /// exponents (`isKey`) and added to the query exponents, which are then
  /// reduced by their row maximum: factors that cancel in the normalized
  /// output (docs/semantics.md, "FAVOR+ stabilizers").
  Value features(OpBuilder &b, Value tile, Value validRows,
                 Value shift = Value(), bool isKey = false);
  /// favor: u - |x'|^2 / 2 of a [C, D] tile, [C, M].
  Value favorExponent(OpBuilder &b, Value tile);
  /// The key stabilizer of (b, kv head): per feature, the max over all keys
  /// of favorExponent ([M]); null unless the map is normalized favor.
  Value favorKeyShift(OpBuilder &b, Value bIdx, Value head);
  bool stabilized() const { return fmap == FeatureMap::favor && normalize; }
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

/// Rows [row0, row0 + rows) of Q/K/V at (b, head) as a [chunk, width]
/// tile, zero-padded past `rows`; a whole chunk (`rows` null) is a plain
/// static slice, which bufferizes to a view (no copy).
Value LinearBuilder::loadTile(OpBuilder &b, Value src, Value bIdx, Value head,
                              Value row0, Value rows, int64_t width) {
  OpFoldResult one = b.getIndexAttr(1), zero = b.getIndexAttr(0);
  OpFoldResult n = rows ? OpFoldResult(rows) : b.getIndexAttr(chunk);
  SmallVector<OpFoldResult> offsets, sizes;
  if (bshd) {
    offsets = {bIdx, row0, head, zero};
    sizes = {one, n, one, b.getIndexAttr(width)};
  } else {
    offsets = {bIdx, head, row0, zero};
    sizes = {one, one, n, b.getIndexAttr(width)};
  }
  SmallVector<OpFoldResult> strides(4, one);
  Type srcElt = cast<RankedTensorType>(src.getType()).getElementType();
  if (!rows)
    return tensor::ExtractSliceOp::create(
        b, loc, RankedTensorType::get({chunk, width}, srcElt), src, offsets,
        sizes, strides);
  auto sliceType =
      RankedTensorType::get({ShapedType::kDynamic, width}, srcElt);
  Value slice = tensor::ExtractSliceOp::create(b, loc, sliceType, src, offsets,
                                               sizes, strides);
  auto padType = RankedTensorType::get({chunk, width}, srcElt);
  Value zeroV =
      arith::ConstantOp::create(b, loc, srcElt, b.getZeroAttr(srcElt));
  return tensor::createPadHighOp(padType, slice, zeroV, /*nofold=*/false, loc,
                                 b);
}

/// phi(sqrt(scale) x) of a [C, D] tile as [C, D'] f32; rows at or past
/// `validRows` (when given) are 0, so padded keys add nothing to S or z.
Value LinearBuilder::features(OpBuilder &b, Value tile, Value validRows,
                              Value shift, bool isKey) {
  Value r = fconst(b, rootScale), zero = fconst(b, 0.0), one = fconst(b, 1.0);
  // Row masking by index, folded into the last elementwise step.
  auto keep = [&](OpBuilder &bb, Location l, Value v) -> Value {
    if (!validRows)
      return v;
    Value i = linalg::IndexOp::create(bb, l, 0);
    Value in = arith::CmpIOp::create(bb, l, arith::CmpIPredicate::slt, i,
                                     validRows);
    return arith::SelectOp::create(bb, l, in, v, zero);
  };
  AffineMap rowMap = map(2, {dim(0)});
  auto elementwise = [&](ArrayRef<Value> ins, ArrayRef<AffineMap> maps,
                         int64_t cols,
                         function_ref<Value(OpBuilder &, Location, ValueRange)>
                             body) {
    SmallVector<AffineMap> all(maps);
    all.push_back(id2());
    return linalg::GenericOp::create(
               b, loc, RankedTensorType::get({chunk, cols}, f32), ins,
               ValueRange{tensor::EmptyOp::create(
                   b, loc, ArrayRef<int64_t>{chunk, cols}, f32)},
               all, ArrayRef<IteratorType>{kPar, kPar},
               [&](OpBuilder &bb, Location l, ValueRange a) {
                 yield(bb, l, keep(bb, l, body(bb, l, a)));
               })
        .getResult(0);
  };
  auto scaled = [&](OpBuilder &bb, Location l, Value x) -> Value {
    return arith::MulFOp::create(bb, l, toF32(bb, l, x), r);
  };
  // Row reduction sum_d f(x) -> [C].
  auto rowReduce = [&](Value x, function_ref<Value(OpBuilder &, Location,
                                                   Value)> f) {
    Value acc = filled(b, {chunk}, 0.0);
    return linalg::GenericOp::create(
               b, loc, acc.getType(), ValueRange{x}, ValueRange{acc},
               ArrayRef<AffineMap>{id2(), rowMap},
               ArrayRef<IteratorType>{kPar, kRed},
               [&](OpBuilder &bb, Location l, ValueRange a) {
                 yield(bb, l, arith::AddFOp::create(bb, l, a[1],
                                                    f(bb, l, a[0]), kReassoc));
               })
        .getResult(0);
  };

  switch (fmap) {
  case FeatureMap::elu1:
    return elementwise({tile}, {id2()}, d,
                       [&](OpBuilder &bb, Location l, ValueRange a) -> Value {
                         Value x = scaled(bb, l, a[0]);
                         Value pos = arith::CmpFOp::create(
                             bb, l, arith::CmpFPredicate::OGT, x, zero);
                         // exp(min(x, 0)): no overflow on the unused side.
                         Value e = math::ExpOp::create(
                             bb, l, arith::MinimumFOp::create(bb, l, x, zero));
                         return arith::SelectOp::create(
                             bb, l, pos, arith::AddFOp::create(bb, l, x, one),
                             e);
                       });
  case FeatureMap::relu:
    return elementwise({tile}, {id2()}, d,
                       [&](OpBuilder &bb, Location l, ValueRange a) -> Value {
                         // maximumf: relu(NaN) is NaN, as in PyTorch.
                         return arith::MaximumFOp::create(
                             bb, l, scaled(bb, l, a[0]), zero);
                       });
  case FeatureMap::identity:
    return elementwise({tile}, {id2()}, d,
                       [&](OpBuilder &bb, Location l, ValueRange a) -> Value {
                         return scaled(bb, l, a[0]);
                       });
  case FeatureMap::cosine: {
    Value norm2 = rowReduce(tile, [&](OpBuilder &bb, Location l, Value x) {
      Value s = scaled(bb, l, x);
      return arith::MulFOp::create(bb, l, s, s).getResult();
    });
    return elementwise(
        {tile, norm2}, {id2(), rowMap}, d,
        [&](OpBuilder &bb, Location l, ValueRange a) -> Value {
          // 0 for a zero row only: a NaN norm propagates.
          Value none = arith::CmpFOp::create(bb, l, arith::CmpFPredicate::OEQ,
                                             a[1], zero);
          Value x = scaled(bb, l, a[0]);
          Value n = math::SqrtOp::create(bb, l, a[1]);
          Value v = arith::DivFOp::create(bb, l, x, n);
          return arith::SelectOp::create(bb, l, none, zero, v);
        });
  }
  case FeatureMap::favor: {
    // phi = exp(t - shift) / sqrt(M), t = x' W - |x'|^2 / 2 ([C, M]).
    Value t = favorExponent(b, tile);
    Value invSqrtM = fconst(b, 1.0 / std::sqrt(static_cast<double>(dp)));
    AffineMap colMap = map(2, {dim(1)});
    if (shift && !isKey) {
      // Queries: t + T_r, then minus its row maximum.
      t = linalg::GenericOp::create(
              b, loc, t.getType(), ValueRange{t, shift},
              ValueRange{tensor::EmptyOp::create(
                  b, loc, ArrayRef<int64_t>{chunk, dp}, f32)},
              ArrayRef<AffineMap>{id2(), colMap, id2()},
              ArrayRef<IteratorType>{kPar, kPar},
              [&](OpBuilder &bb, Location l, ValueRange a) {
                yield(bb, l, arith::AddFOp::create(bb, l, a[0], a[1]));
              })
              .getResult(0);
      Value init = filled(b, {chunk}, -std::numeric_limits<double>::infinity());
      Value rowMax =
          linalg::GenericOp::create(
              b, loc, init.getType(), ValueRange{t}, ValueRange{init},
              ArrayRef<AffineMap>{id2(), rowMap},
              ArrayRef<IteratorType>{kPar, kRed},
              [&](OpBuilder &bb, Location l, ValueRange a) {
                yield(bb, l, arith::MaximumFOp::create(bb, l, a[0], a[1]));
              })
              .getResult(0);
      return elementwise(
          {t, rowMax}, {id2(), rowMap}, dp,
          [&](OpBuilder &bb, Location l, ValueRange a) -> Value {
            Value x = arith::SubFOp::create(bb, l, a[0], a[1]);
            Value e = math::ExpOp::create(bb, l, x);
            return arith::MulFOp::create(bb, l, e, invSqrtM);
          });
    }
    SmallVector<Value> ins = {t};
    SmallVector<AffineMap> maps = {id2()};
    if (shift) {
      ins.push_back(shift);
      maps.push_back(colMap);
    }
    return elementwise(
        ins, maps, dp, [&](OpBuilder &bb, Location l, ValueRange a) -> Value {
          Value x = shift ? arith::SubFOp::create(bb, l, a[0], a[1]).getResult()
                          : a[0];
          Value e = math::ExpOp::create(bb, l, x);
          return arith::MulFOp::create(bb, l, e, invSqrtM);
        });
  }
  }
  return Value();
}

Value LinearBuilder::favorExponent(OpBuilder &b, Value tile) {
  Value r = fconst(b, rootScale), halfC = fconst(b, 0.5);
  auto empty = [&](ArrayRef<int64_t> shape) {
    return tensor::EmptyOp::create(b, loc, shape, f32).getResult();
  };
  Value xs = linalg::GenericOp::create(
                 b, loc, RankedTensorType::get({chunk, d}, f32),
                 ValueRange{tile}, ValueRange{empty({chunk, d})},
                 ArrayRef<AffineMap>{id2(), id2()},
                 ArrayRef<IteratorType>{kPar, kPar},
                 [&](OpBuilder &bb, Location l, ValueRange a) {
                   Value x = toF32(bb, l, a[0]);
                   yield(bb, l, arith::MulFOp::create(bb, l, x, r));
                 })
                 .getResult(0);
  Value u = contract(b, xs, op.getProjection(), filled(b, {chunk, dp}, 0.0));
  Value sq = filled(b, {chunk}, 0.0);
  sq = linalg::GenericOp::create(
           b, loc, sq.getType(), ValueRange{xs}, ValueRange{sq},
           ArrayRef<AffineMap>{id2(), map(2, {dim(0)})},
           ArrayRef<IteratorType>{kPar, kRed},
           [&](OpBuilder &bb, Location l, ValueRange a) {
             Value x2 = arith::MulFOp::create(bb, l, a[0], a[0]);
             yield(bb, l, arith::AddFOp::create(bb, l, a[1], x2, kReassoc));
           })
           .getResult(0);
  return linalg::GenericOp::create(
             b, loc, RankedTensorType::get({chunk, dp}, f32), ValueRange{u, sq},
             ValueRange{empty({chunk, dp})},
             ArrayRef<AffineMap>{id2(), map(2, {dim(0)}), id2()},
             ArrayRef<IteratorType>{kPar, kPar},
             [&](OpBuilder &bb, Location l, ValueRange a) {
               Value h = arith::MulFOp::create(bb, l, a[1], halfC);
               yield(bb, l, arith::SubFOp::create(bb, l, a[0], h));
             })
      .getResult(0);
}

Value LinearBuilder::favorKeyShift(OpBuilder &b, Value bIdx, Value head) {
  if (!stabilized())
    return Value();
  Value init = filled(b, {dp}, -std::numeric_limits<double>::infinity());
  SmallVector<Value> m = chunkLoops(
      b, seqKV, ValueRange{init}, "favor-key-max",
      [&](OpBuilder &bb, Location l, Value k0, Value rows,
          ValueRange args) -> SmallVector<Value> {
        Value kt = loadTile(bb, op.getKey(), bIdx, head, k0, rows, d);
        Value t = favorExponent(bb, kt);
        // Column max over the valid rows (not the last chunk's padding).
        Value red =
            linalg::GenericOp::create(
                bb, l, args[0].getType(), ValueRange{t}, ValueRange{args[0]},
                ArrayRef<AffineMap>{id2(), map(2, {dim(1)})},
                ArrayRef<IteratorType>{kRed, kPar},
                [&](OpBuilder &b2, Location l2, ValueRange a) {
                  Value x = a[0];
                  if (rows) {
                    Value i = linalg::IndexOp::create(b2, l2, 0);
                    Value in = arith::CmpIOp::create(
                        b2, l2, arith::CmpIPredicate::slt, i, rows);
                    Value lo = arith::ConstantOp::create(
                        b2, l2, f32,
                        b2.getF32FloatAttr(
                            -std::numeric_limits<float>::infinity()));
                    x = arith::SelectOp::create(b2, l2, in, x, lo);
                  }
                  yield(b2, l2, arith::MaximumFOp::create(b2, l2, x, a[1]));
                })
                .getResult(0);
        return {red};
      });
  return m[0];
}

Value LinearBuilder::transpose(OpBuilder &b, Value x) {
  auto t = cast<RankedTensorType>(x.getType());
  int64_t r = t.getDimSize(0), c = t.getDimSize(1);
  return linalg::GenericOp::create(
             b, loc, RankedTensorType::get({c, r}, f32), ValueRange{x},
             ValueRange{
                 tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{c, r}, f32)},
             ArrayRef<AffineMap>{map(2, {dim(1), dim(0)}), id2()},
             ArrayRef<IteratorType>{kPar, kPar},
             [&](OpBuilder &bb, Location l, ValueRange a) {
               yield(bb, l, a[0]);
             })
      .getResult(0);
}

/// acc[i, j] += sum_k lhs[i, k] * rhs[k, j]; dims (i, k, j) so that the
/// contiguous rows of rhs and acc are innermost (the register-tiled form).
Value LinearBuilder::contract(OpBuilder &b, Value lhs, Value rhs, Value acc) {
  return linalg::GenericOp::create(
             b, loc, acc.getType(), ValueRange{lhs, rhs}, ValueRange{acc},
             ArrayRef<AffineMap>{map(3, {dim(0), dim(1)}),
                                 map(3, {dim(1), dim(2)}),
                                 map(3, {dim(0), dim(2)})},
             ArrayRef<IteratorType>{kPar, kRed, kPar},
             [&](OpBuilder &bb, Location l, ValueRange a) {
               Value x = toF32(bb, l, a[0]);
               Value y = toF32(bb, l, a[1]);
               yield(bb, l, buildFma(bb, l, x, y, a[2]));
             })
      .getResult(0);
}

/// acc[i] += sum_j x[i, j].
Value LinearBuilder::rowSum(OpBuilder &b, Value x, Value acc) {
  return linalg::GenericOp::create(
             b, loc, acc.getType(), ValueRange{x}, ValueRange{acc},
             ArrayRef<AffineMap>{id2(), map(2, {dim(0)})},
             ArrayRef<IteratorType>{kPar, kRed},
             [&](OpBuilder &bb, Location l, ValueRange a) {
               yield(bb, l, arith::AddFOp::create(bb, l, a[1], a[0], kReassoc));
             })
      .getResult(0);
}

/// acc[i] += sum_p x[i, p] * vec[p].
Value LinearBuilder::matvec(OpBuilder &b, Value x, Value vec, Value acc) {
  return linalg::GenericOp::create(
             b, loc, acc.getType(), ValueRange{x, vec}, ValueRange{acc},
             ArrayRef<AffineMap>{id2(), map(2, {dim(1)}), map(2, {dim(0)})},
             ArrayRef<IteratorType>{kPar, kRed},
             [&](OpBuilder &bb, Location l, ValueRange a) {
               Value p = arith::MulFOp::create(bb, l, a[0], a[1], kReassoc);
               yield(bb, l, arith::AddFOp::create(bb, l, a[2], p, kReassoc));
             })
      .getResult(0);
}

/// x[i, j] * factors[i] (rows) or x[i, j] * factors[j] (columns).
Value LinearBuilder::scaleRows(OpBuilder &b, Value x, Value factors,
                               bool columns) {
  auto t = cast<RankedTensorType>(x.getType());
  return linalg::GenericOp::create(
             b, loc, t, ValueRange{x, factors},
             ValueRange{tensor::EmptyOp::create(b, loc, t.getShape(), f32)},
             ArrayRef<AffineMap>{id2(), map(2, {dim(columns ? 1 : 0)}),
                                 id2()},
             ArrayRef<IteratorType>{kPar, kPar},
             [&](OpBuilder &bb, Location l, ValueRange a) {
               yield(bb, l, arith::MulFOp::create(bb, l, a[0], a[1]));
             })
      .getResult(0);
}

/// num / den per row (0 where den == 0) when normalizing, else num; then
/// rounded once to the output's element type.
Value LinearBuilder::finishRows(OpBuilder &b, Value num, Value den) {
  SmallVector<Value> ins = {num};
  SmallVector<AffineMap> maps = {id2()};
  if (den) {
    ins.push_back(den);
    maps.push_back(map(2, {dim(0)}));
  }
  maps.push_back(id2());
  return linalg::GenericOp::create(
             b, loc, RankedTensorType::get({chunk, dv}, elt), ins,
             ValueRange{tensor::EmptyOp::create(
                 b, loc, ArrayRef<int64_t>{chunk, dv}, elt)},
             maps, ArrayRef<IteratorType>{kPar, kPar},
             [&](OpBuilder &bb, Location l, ValueRange a) {
               Value o = a[0];
               // 0 only for den == 0 exactly: a NaN den propagates
               // (docs/semantics.md, "Non-finite values and overflow").
               if (den)
                 o = buildNormalize(bb, l, a[0], a[1]);
               if (elt != f32)
                 o = arith::TruncFOp::create(bb, l, elt, o);
               yield(bb, l, o);
             })
      .getResult(0);
}

/// [C] powers of g: g^(j + 1) (down = false, the query side) or
/// g^(base - 1 - j) for j < base and 0 past it (down = true, the key side,
/// `base` = the chunk's real rows). logG = log(g) as f32.
Value LinearBuilder::decayPowers(OpBuilder &b, Value logG, Value base,
                                 bool down) {
  Value zero = fconst(b, 0.0);
  return linalg::GenericOp::create(
             b, loc, RankedTensorType::get({chunk}, f32), ValueRange{},
             ValueRange{
                 tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{chunk}, f32)},
             ArrayRef<AffineMap>{map(1, {dim(0)})},
             ArrayRef<IteratorType>{kPar},
             [&](OpBuilder &bb, Location l, ValueRange) {
               Value j = linalg::IndexOp::create(bb, l, 0);
               Value one = arith::ConstantIndexOp::create(bb, l, 1);
               Value e = down ? arith::SubIOp::create(
                                          bb, l,
                                          arith::SubIOp::create(bb, l, base,
                                                                one),
                                          j)
                                          .getResult()
                              : arith::AddIOp::create(bb, l, j, one)
                                    .getResult();
               Value p = math::ExpOp::create(
                   bb, l,
                   arith::MulFOp::create(bb, l, logG, indexToF32(bb, l, e)));
               if (down) {
                 Value in = arith::CmpIOp::create(
                     bb, l, arith::CmpIPredicate::slt, j, base);
                 p = arith::SelectOp::create(bb, l, in, p, zero);
               }
               yield(bb, l, p);
             })
      .getResult(0);
}

SmallVector<Value> LinearBuilder::chunkLoops(OpBuilder &b, Value total,
                                              ValueRange init, StringRef tag,
                                              ChunkBody body) {
  Value c = idx(b, chunk);
  Value nFull = arith::DivSIOp::create(b, loc, total, c);
  Value nAll = arith::CeilDivSIOp::create(b, loc, total, c);
  SmallVector<Value> carried(init);
  for (bool partial : {false, true}) {
    Value lo = partial ? nFull : idx(b, 0);
    Value hi = partial ? nAll : nFull;
    Value step = idx(b, 1);
    auto loop = scf::ForOp::create(
        b, loc, lo, hi, step, carried, [&](OpBuilder &bb, Location l, Value t, ValueRange args) {
          Value start = arith::MulIOp::create(bb, l, t, c);
          Value rows;
          if (partial)
            rows = minI(bb, c, arith::SubIOp::create(bb, l, total, start));
          scf::YieldOp::create(bb, l, body(bb, l, start, rows, args));
        });
    loop->setAttr("attn.linear_chunks", b.getStringAttr(tag));
    loop->setAttr("attn.chunk_rows",
                  b.getStringAttr(partial ? "partial" : "whole"));
    carried.assign(loop.getResults().begin(), loop.getResults().end());
  }
  return carried;
}

//===----------------------------------------------------------------------===//
// Non-causal: key states per (b, kv head), then outputs per query chunk.
//===----------------------------------------------------------------------===//

LogicalResult LinearBuilder::buildNonCausal(SmallVector<Value> &outDyn) {
  OpFoldResult oneA = rw.getIndexAttr(1), zeroA = rw.getIndexAttr(0);
  OpFoldResult bA = getAsOpFoldResult(batch);
  // 1. S[b, hk] = phi(K)^T V and z[b, hk] = phi(K)^T 1, over key chunks.
  Value statesInit = tensor::EmptyOp::create(
      rw, loc,
      ArrayRef<OpFoldResult>{bA, rw.getIndexAttr(hkv), rw.getIndexAttr(dp),
                             rw.getIndexAttr(dv)},
      f32);
  Value normsInit = tensor::EmptyOp::create(
      rw, loc,
      ArrayRef<OpFoldResult>{bA, rw.getIndexAttr(hkv), rw.getIndexAttr(dp)},
      f32);
  // Normalized favor also returns the key stabilizers T [B, Hkv, M].
  SmallVector<Value> keyInits = {statesInit, normsInit};
  if (stabilized())
    keyInits.push_back(tensor::EmptyOp::create(
        rw, loc,
        ArrayRef<OpFoldResult>{bA, rw.getIndexAttr(hkv), rw.getIndexAttr(dp)},
        f32));
  auto keys = scf::ForallOp::create(
      rw, loc, ArrayRef<OpFoldResult>{bA, rw.getIndexAttr(hkv)}, keyInits,
      std::nullopt);
  {
    OpBuilder::InsertionGuard g(rw);
    rw.setInsertionPoint(keys.getTerminator());
    Value bI = keys.getInductionVars()[0], hk = keys.getInductionVars()[1];
    Value s0 = filled(rw, {dp, dv}, 0.0), z0 = filled(rw, {dp}, 0.0);
    Value keyShift = favorKeyShift(rw, bI, hk);
    SmallVector<Value> sz = chunkLoops(
        rw, seqKV, ValueRange{s0, z0}, "keys",
        [&](OpBuilder &b, Location l, Value k0, Value rows,
            ValueRange args) -> SmallVector<Value> {
          Value kt = loadTile(b, op.getKey(), bI, hk, k0, rows, d);
          Value vt = loadTile(b, op.getValue(), bI, hk, k0, rows, dv);
          Value phiK = features(b, kt, rows, keyShift, /*isKey=*/true);
          Value phiKT = transpose(b, phiK);
          return {contract(b, phiKT, vt, args[0]), rowSum(b, phiKT, args[1])};
        });
    rw.setInsertionPointToStart(keys.getTerminator().getBody());
    SmallVector<Value> dests(keys.getRegionIterArgs());
    OpFoldResult dpA = rw.getIndexAttr(dp), dvA = rw.getIndexAttr(dv);
    tensor::ParallelInsertSliceOp::create(
        rw, loc, sz[0], dests[0],
        ArrayRef<OpFoldResult>{bI, hk, zeroA, zeroA},
        ArrayRef<OpFoldResult>{oneA, oneA, dpA, dvA},
        ArrayRef<OpFoldResult>{oneA, oneA, oneA, oneA});
    tensor::ParallelInsertSliceOp::create(
        rw, loc, sz[1], dests[1],
        ArrayRef<OpFoldResult>{bI, hk, zeroA},
        ArrayRef<OpFoldResult>{oneA, oneA, dpA},
        ArrayRef<OpFoldResult>{oneA, oneA, oneA});
    if (keyShift)
      tensor::ParallelInsertSliceOp::create(
          rw, loc, keyShift, dests[2],
          ArrayRef<OpFoldResult>{bI, hk, zeroA},
          ArrayRef<OpFoldResult>{oneA, oneA, dpA},
          ArrayRef<OpFoldResult>{oneA, oneA, oneA});
  }
  Value states = keys.getResult(0), norms = keys.getResult(1);
  Value shifts = stabilized() ? keys.getResult(2) : Value();

  // 2. O = phi(Q) S / phi(Q) z per (b, query head, query chunk): one
  // parallel loop over the whole chunks (static tiles), then one over the
  // partial last chunk (empty when the chunk divides Sq).
  auto outT = cast<RankedTensorType>(op.getOutput().getType());
  Value out = tensor::EmptyOp::create(rw, loc, outT, outDyn);
  Value nFull = arith::DivSIOp::create(rw, loc, seqQ, idx(rw, chunk));
  Value nAll = arith::CeilDivSIOp::create(rw, loc, seqQ, idx(rw, chunk));
  for (bool partial : {false, true}) {
    Value count = partial ? arith::SubIOp::create(rw, loc, nAll, nFull)
                          : nFull;
    auto queries = scf::ForallOp::create(
        rw, loc,
        ArrayRef<OpFoldResult>{bA, rw.getIndexAttr(hq),
                               getAsOpFoldResult(count)},
        ValueRange{out}, std::nullopt);
    queries->setAttr("attn.chunk_rows",
                     rw.getStringAttr(partial ? "partial" : "whole"));
    OpBuilder::InsertionGuard g(rw);
    rw.setInsertionPoint(queries.getTerminator());
    SmallVector<Value> ivs = queries.getInductionVars();
    Value bI = ivs[0], h = ivs[1], t = ivs[2];
    if (partial)
      t = arith::AddIOp::create(rw, loc, t, nFull);
    Value hk = arith::DivUIOp::create(rw, loc, h, idx(rw, groups));
    Value q0 = arith::MulIOp::create(rw, loc, t, idx(rw, chunk));
    Value rows;
    if (partial) {
      Value c = idx(rw, chunk);
      Value left = arith::SubIOp::create(rw, loc, seqQ, q0);
      rows = minI(rw, c, left);
    }
    Value qt = loadTile(rw, op.getQuery(), bI, h, q0, rows, d);
    Value qShift;
    if (shifts)
      qShift = tensor::ExtractSliceOp::create(
          rw, loc, RankedTensorType::get({dp}, f32), shifts,
          ArrayRef<OpFoldResult>{bI, hk, zeroA},
          ArrayRef<OpFoldResult>{oneA, oneA, rw.getIndexAttr(dp)},
          ArrayRef<OpFoldResult>{oneA, oneA, oneA});
    Value phiQ = features(rw, qt, Value(), qShift);
    Value st = tensor::ExtractSliceOp::create(
        rw, loc, RankedTensorType::get({dp, dv}, f32), states,
        ArrayRef<OpFoldResult>{bI, hk, zeroA, zeroA},
        ArrayRef<OpFoldResult>{oneA, oneA, rw.getIndexAttr(dp),
                               rw.getIndexAttr(dv)},
        ArrayRef<OpFoldResult>{oneA, oneA, oneA, oneA});
    Value num = contract(rw, phiQ, st, filled(rw, {chunk, dv}, 0.0));
    Value den;
    if (normalize) {
      Value z = tensor::ExtractSliceOp::create(
          rw, loc, RankedTensorType::get({dp}, f32), norms,
          ArrayRef<OpFoldResult>{bI, hk, zeroA},
          ArrayRef<OpFoldResult>{oneA, oneA, rw.getIndexAttr(dp)},
          ArrayRef<OpFoldResult>{oneA, oneA, oneA});
      den = matvec(rw, phiQ, z, filled(rw, {chunk}, 0.0));
    }
    Value o = finishRows(rw, num, den);
    OpFoldResult n = rows ? OpFoldResult(rows) : rw.getIndexAttr(chunk);
    if (rows)
      o = tensor::ExtractSliceOp::create(
          rw, loc, RankedTensorType::get({ShapedType::kDynamic, dv}, elt), o,
          ArrayRef<OpFoldResult>{zeroA, zeroA},
          ArrayRef<OpFoldResult>{n, rw.getIndexAttr(dv)},
          ArrayRef<OpFoldResult>{oneA, oneA});
    rw.setInsertionPointToStart(queries.getTerminator().getBody());
    Value dest = queries.getRegionIterArgs()[0];
    OpFoldResult dvA = rw.getIndexAttr(dv);
    SmallVector<OpFoldResult> offs =
        bshd ? SmallVector<OpFoldResult>{bI, q0, h, zeroA}
             : SmallVector<OpFoldResult>{bI, h, q0, zeroA};
    SmallVector<OpFoldResult> sizes =
        bshd ? SmallVector<OpFoldResult>{oneA, n, oneA, dvA}
             : SmallVector<OpFoldResult>{oneA, oneA, n, dvA};
    tensor::ParallelInsertSliceOp::create(
        rw, loc, o, dest, offs, sizes, SmallVector<OpFoldResult>(4, oneA));
    out = queries.getResult(0);
  }
  rw.replaceOp(op, out);
  return success();
}

//===----------------------------------------------------------------------===//
// Causal: chunks with a carried state, per (b, query head).
//===----------------------------------------------------------------------===//

LogicalResult LinearBuilder::buildCausal(SmallVector<Value> &outDyn) {
  OpFoldResult oneA = rw.getIndexAttr(1), zeroA = rw.getIndexAttr(0);
  OpFoldResult bA = getAsOpFoldResult(batch);
  auto outT = cast<RankedTensorType>(op.getOutput().getType());
  Value outInit = tensor::EmptyOp::create(rw, loc, outT, outDyn);
  Value offset = arith::SubIOp::create(rw, loc, seqKV, seqQ); // >= 0
  bool hasDecay = !decay.empty();
  Value logTable;
  if (hasDecay) {
    SmallVector<float> logs;
    for (double g : decay)
      logs.push_back(static_cast<float>(std::log(g)));
    auto t = RankedTensorType::get({hq}, f32);
    logTable = arith::ConstantOp::create(
        rw, loc, t, DenseElementsAttr::get(t, ArrayRef<float>(logs)));
  }

  auto heads = scf::ForallOp::create(
      rw, loc, ArrayRef<OpFoldResult>{bA, rw.getIndexAttr(hq)},
      ValueRange{outInit}, std::nullopt);
  OpBuilder::InsertionGuard guard(rw);
  rw.setInsertionPoint(heads.getTerminator());
  Value bI = heads.getInductionVars()[0], h = heads.getInductionVars()[1];
  Value hk = arith::DivUIOp::create(rw, loc, h, idx(rw, groups));
  Value logG;
  if (hasDecay)
    logG = tensor::ExtractOp::create(rw, loc, logTable, ValueRange{h});

  // Causal mask x decay inside a chunk: M[i, j] = g^(i - j) for j <= i.
  Value zeroF = fconst(rw, 0.0), oneF = fconst(rw, 1.0);
  Value maskM =
      linalg::GenericOp::create(
          rw, loc, RankedTensorType::get({chunk, chunk}, f32), ValueRange{},
          ValueRange{tensor::EmptyOp::create(
              rw, loc, ArrayRef<int64_t>{chunk, chunk}, f32)},
          ArrayRef<AffineMap>{id2()}, ArrayRef<IteratorType>{kPar, kPar},
          [&](OpBuilder &bb, Location l, ValueRange) {
            Value i = linalg::IndexOp::create(bb, l, 0);
            Value j = linalg::IndexOp::create(bb, l, 1);
            Value vis =
                arith::CmpIOp::create(bb, l, arith::CmpIPredicate::sle, j, i);
            Value w = oneF;
            if (hasDecay)
              w = math::ExpOp::create(
                  bb, l,
                  arith::MulFOp::create(
                      bb, l, logG,
                      indexToF32(bb, l, arith::SubIOp::create(bb, l, i, j))));
            yield(bb, l, arith::SelectOp::create(bb, l, vis, w, zeroF));
          })
          .getResult(0);
  Value qPowers;
  if (hasDecay)
    qPowers = decayPowers(rw, logG, Value(), /*down=*/false);

  // update(S, z) with the key rows [k0, k0 + n):
  //   S = g^n S + (w phi(K))^T V, z = g^n z + (w phi(K))^T 1,
  //   w_j = g^(n - 1 - j).
  auto update = [&](OpBuilder &b, Location l, Value phiKT, Value vt, Value n,
                    Value s, Value z) -> std::pair<Value, Value> {
    if (hasDecay) {
      phiKT = scaleRows(b, phiKT, decayPowers(b, logG, n, /*down=*/true),
                        /*columns=*/true);
      Value gn = math::ExpOp::create(
          b, l, arith::MulFOp::create(b, l, logG, indexToF32(b, l, n)));
      auto scaleBy = [&](Value x) {
        auto t = cast<RankedTensorType>(x.getType());
        SmallVector<AffineExpr> ids;
        for (unsigned i = 0; i < t.getRank(); ++i)
          ids.push_back(dim(i));
        AffineMap idm = map(t.getRank(), ids);
        return linalg::GenericOp::create(
                   b, l, t, ValueRange{x},
                   ValueRange{tensor::EmptyOp::create(b, l, t.getShape(), f32)},
                   ArrayRef<AffineMap>{idm, idm},
                   SmallVector<IteratorType>(t.getRank(), kPar),
                   [&](OpBuilder &bb, Location ll, ValueRange a) {
                     yield(bb, ll, arith::MulFOp::create(bb, ll, a[0], gn));
                   })
            .getResult(0);
      };
      s = scaleBy(s);
      z = scaleBy(z);
    }
    return {contract(b, phiKT, vt, s), rowSum(b, phiKT, z)};
  };

  // Keys before the first query's diagonal (Skv > Sq) only feed the state.
  Value s0 = filled(rw, {dp, dv}, 0.0), z0 = filled(rw, {dp}, 0.0);
  Value keyShift = favorKeyShift(rw, bI, hk);
  SmallVector<Value> prefix = chunkLoops(
      rw, offset, ValueRange{s0, z0}, "prefix",
      [&](OpBuilder &b, Location l, Value k0, Value rows,
          ValueRange args) -> SmallVector<Value> {
        Value n = rows ? rows : idx(b, chunk);
        Value kt = loadTile(b, op.getKey(), bI, hk, k0, rows, d);
        Value vt = loadTile(b, op.getValue(), bI, hk, k0, rows, dv);
        Value phiK = features(b, kt, rows, keyShift, /*isKey=*/true);
        Value phiKT = transpose(b, phiK);
        auto [s, z] = update(b, l, phiKT, vt, n, args[0], args[1]);
        return {s, z};
      });

  // This head's output rows, written chunk by chunk.
  Value dest = heads.getRegionIterArgs()[0];
  OpFoldResult dvA = rw.getIndexAttr(dv), sqA = getAsOpFoldResult(seqQ);
  SmallVector<OpFoldResult> hOffs =
      bshd ? SmallVector<OpFoldResult>{bI, zeroA, h, zeroA}
           : SmallVector<OpFoldResult>{bI, h, zeroA, zeroA};
  SmallVector<OpFoldResult> hSizes =
      bshd ? SmallVector<OpFoldResult>{oneA, sqA, oneA, dvA}
           : SmallVector<OpFoldResult>{oneA, oneA, sqA, dvA};
  SmallVector<OpFoldResult> ones(4, oneA);
  auto headT = RankedTensorType::get({outT.getDimSize(bshd ? 1 : 2), dv}, elt);
  Value headOut = tensor::ExtractSliceOp::create(rw, loc, headT, dest, hOffs,
                                                 hSizes, ones);

  SmallVector<Value> chunks = chunkLoops(
      rw, seqQ, ValueRange{prefix[0], prefix[1], headOut}, "causal",
      [&](OpBuilder &b, Location l, Value i0, Value rows,
          ValueRange args) -> SmallVector<Value> {
        Value n = rows ? rows : idx(b, chunk);
        Value k0 = arith::AddIOp::create(b, l, i0, offset);
        Value qt = loadTile(b, op.getQuery(), bI, h, i0, rows, d);
        Value kt = loadTile(b, op.getKey(), bI, hk, k0, rows, d);
        Value vt = loadTile(b, op.getValue(), bI, hk, k0, rows, dv);
        Value phiQ = features(b, qt, Value(), keyShift);
        Value phiK = features(b, kt, rows, keyShift, /*isKey=*/true);
        Value phiKT = transpose(b, phiK);
        // Intra-chunk: A = (phi(Q) phi(K)^T) .* M.
        Value a = contract(b, phiQ, phiKT, filled(b, {chunk, chunk}, 0.0));
        a = linalg::GenericOp::create(
                b, l, a.getType(), ValueRange{a, maskM},
                ValueRange{tensor::EmptyOp::create(
                    b, l, ArrayRef<int64_t>{chunk, chunk}, f32)},
                ArrayRef<AffineMap>{id2(), id2(), id2()},
                ArrayRef<IteratorType>{kPar, kPar},
                [&](OpBuilder &bb, Location ll, ValueRange x) {
                  // Hidden pairs (j > i) are selected away, not multiplied
                  // by 0: a NaN of a later key must not reach this row.
                  Value i = linalg::IndexOp::create(bb, ll, 0);
                  Value j = linalg::IndexOp::create(bb, ll, 1);
                  Value vis = arith::CmpIOp::create(
                      bb, ll, arith::CmpIPredicate::sle, j, i);
                  Value w = arith::MulFOp::create(bb, ll, x[0], x[1]);
                  yield(bb, ll, arith::SelectOp::create(bb, ll, vis, w, zeroF));
                })
                .getResult(0);
        // Inter-chunk: query row i reads the state decayed by g^(i + 1).
        Value phiQd = hasDecay ? scaleRows(b, phiQ, qPowers, false) : phiQ;
        Value num = contract(b, phiQd, args[0], filled(b, {chunk, dv}, 0.0));
        num = contract(b, a, vt, num);
        Value den;
        if (normalize)
          den = matvec(b, phiQd, args[1], rowSum(b, a, filled(b, {chunk}, 0.0)));
        Value o = finishRows(b, num, den);
        OpFoldResult nA = rows ? OpFoldResult(rows) : b.getIndexAttr(chunk);
        if (rows)
          o = tensor::ExtractSliceOp::create(
              b, l, RankedTensorType::get({ShapedType::kDynamic, dv}, elt), o,
              ArrayRef<OpFoldResult>{zeroA, zeroA},
              ArrayRef<OpFoldResult>{nA, dvA},
              ArrayRef<OpFoldResult>{oneA, oneA});
        Value written = tensor::InsertSliceOp::create(
            b, l, o, args[2], ArrayRef<OpFoldResult>{i0, zeroA},
            ArrayRef<OpFoldResult>{nA, dvA}, ArrayRef<OpFoldResult>{oneA, oneA});
        auto [s, z] = update(b, l, phiKT, vt, n, args[0], args[1]);
        return {s, z, written};
      });

  rw.setInsertionPointToStart(heads.getTerminator().getBody());
  tensor::ParallelInsertSliceOp::create(rw, loc, chunks[2], dest,
                                        hOffs, hSizes, ones);
  rw.replaceOp(op, heads.getResult(0));
  return success();
}

LogicalResult LinearBuilder::build() {
  unsigned seqIdx = bshd ? 1 : 2;
  Value q = op.getQuery();
  auto sizeOf = [&](Value v, unsigned i) -> Value {
    int64_t s = cast<RankedTensorType>(v.getType()).getDimSize(i);
    if (!ShapedType::isDynamic(s))
      return idx(rw, s);
    return tensor::DimOp::create(rw, loc, v, i);
  };
  batch = sizeOf(q, 0);
  seqQ = sizeOf(q, seqIdx);
  seqKV = sizeOf(op.getKey(), seqIdx);
  auto outT = cast<RankedTensorType>(op.getOutput().getType());
  SmallVector<Value> outDyn;
  for (int64_t i = 0; i < 4; ++i)
    if (outT.isDynamicDim(i))
      outDyn.push_back(tensor::DimOp::create(rw, loc, q, i));
  return op.getCausal() ? buildCausal(outDyn) : buildNonCausal(outDyn);
}

struct LowerLinearAttention : OpRewritePattern<LinearAttentionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LinearAttentionOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason = unsupportedReason(op);
    if (!reason.empty())
      return rewriter.notifyMatchFailure(op, reason);
    return LinearBuilder(op, rewriter).build();
  }
};

struct AttnLowerLinearPass
    : public attn::impl::AttnLowerLinearBase<AttnLowerLinearPass> {
  void runOnOperation() override {
    bool failedAny = false;
    getOperation()->walk([&](LinearAttentionOp op) {
      std::string reason = unsupportedReason(op);
      if (!reason.empty()) {
        op.emitOpError() << "cannot be lowered: " << reason;
        failedAny = true;
      }
    });
    if (failedAny)
      return signalPassFailure();
    RewritePatternSet patterns(&getContext());
    populateAttnLowerLinearPatterns(patterns);
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};
} // namespace

void mlir::attn::populateAttnLowerLinearPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerLinearAttention>(patterns.getContext());
}
