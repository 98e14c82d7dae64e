//===- LinearTileOps.cpp - tile operations of the linear lowering ---------===//
//
// LinearBuilder's building blocks (LinearBuilder.h): static [chunk, *] tile
// loads, the feature maps, the contractions and row reductions the
// structures of LowerLinearAttention.cpp are made of, decay powers and the
// chunk loops.
//
//===----------------------------------------------------------------------===//
#include "LinearBuilder.h"
#include "passes/Tiling/AttentionMath.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"

using namespace mlir;
using namespace mlir::attn;

using utils::IteratorType;

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
/// favor without stabilizers (normalize = false).
Value LinearBuilder::features(OpBuilder &b, Value tile, Value validRows) {
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
                         // maximumf: relu(NaN) is NaN (docs/semantics.md).
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
  case FeatureMap::favor:
    // Unstabilized; the stabilized forms are keyFeaturesT / queryFeatures
    // (LinearFavor.cpp).
    return favorPlain(b, tile, validRows);
  }
  return Value();
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
    Value lb = partial ? nFull : idx(b, 0);
    Value ub = partial ? nAll : nFull;
    Value one = idx(b, 1);
    auto loop = scf::ForOp::create(
        b, loc, lb, ub, one,
        carried, [&](OpBuilder &bb, Location l, Value t, ValueRange args) {
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
