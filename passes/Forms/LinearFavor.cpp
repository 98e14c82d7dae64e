//===- LinearFavor.cpp - FAVOR+ features of the linear lowering -----------===//
//
// phi(x) = exp(W^T x' - |x'|^2 / 2) / sqrt(M) (docs/semantics.md, "Linear
// attention"). Normalized favor is stabilized ("FAVOR+ stabilizers"): with
// t(x) = W^T x' - |x'|^2 / 2 and a per-feature shift T shared by every key
// a query row sums over,
//
//   phi(k)_r = exp(t(k)_r - T_r) / sqrt(M)
//   phi(q)_r = exp(u(q)_r + T_r - max_r' (u(q)_r' + T_r')) / sqrt(M)
//
// (u = W^T x'; the query's -|q'|^2 / 2 is a per-row constant that the row
// maximum cancels, so it is not computed). T_r is the running maximum of
// t(k)_r over the key chunks seen so far, carried with the state (S, z):
// when it grows, S and z are rescaled by exp(T_old - T_new) <= 1, like the
// running maximum of an online softmax, so one pass over K suffices and
// every feature is at most 1 / sqrt(M).
//
// Layout for speed on CPUs (attn-cpu-vectorize tiles 2-d ops by rows and
// vectorizes along the contiguous dim): the keys' exponents are formed
// transposed, [M, C] = (sqrt(scale) W)^T K^T, so that the shift is a row
// reduction (one vector reduction per feature) and phi(K)^T needs no
// transpose of its own; a maximum down the columns of a [C, M] tile would
// become one C x M-lane vector (compile time and code size explode).
//
//===----------------------------------------------------------------------===//
#include "LinearBuilder.h"
#include "passes/Tiling/AttentionMath.h"

#include "mlir/Dialect/Math/IR/Math.h"

#include <limits>

using namespace mlir;
using namespace mlir::attn;

using utils::IteratorType;

static constexpr double kNegInf = -std::numeric_limits<double>::infinity();

Value LinearBuilder::favorScaled(OpBuilder &b, Value tile) {
  Value r = fconst(b, rootScale);
  return linalg::GenericOp::create(
             b, loc, RankedTensorType::get({chunk, d}, f32), ValueRange{tile},
             ValueRange{
                 tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{chunk, d}, f32)},
             ArrayRef<AffineMap>{id2(), id2()},
             ArrayRef<IteratorType>{kPar, kPar},
             [&](OpBuilder &bb, Location l, ValueRange a) {
               Value x = toF32(bb, l, a[0]);
               yield(bb, l, arith::MulFOp::create(bb, l, x, r));
             })
      .getResult(0);
}

Value LinearBuilder::favorProjected(OpBuilder &b, Value xs) {
  Value acc = filled(b, {chunk, dp}, 0.0);
  return contract(b, xs, op.getProjection(), acc);
}

Value LinearBuilder::favorSquaredNorms(OpBuilder &b, Value xs) {
  Value acc = filled(b, {chunk}, 0.0);
  return linalg::GenericOp::create(
             b, loc, acc.getType(), ValueRange{xs}, ValueRange{acc},
             ArrayRef<AffineMap>{id2(), map(2, {dim(0)})},
             ArrayRef<IteratorType>{kPar, kRed},
             [&](OpBuilder &bb, Location l, ValueRange a) {
               Value x2 = arith::MulFOp::create(bb, l, a[0], a[0]);
               yield(bb, l, arith::AddFOp::create(bb, l, a[1], x2, kReassoc));
             })
      .getResult(0);
}

Value LinearBuilder::favorPlain(OpBuilder &b, Value tile, Value validRows) {
  Value xs = favorScaled(b, tile);
  Value u = favorProjected(b, xs);
  Value norms = favorSquaredNorms(b, xs);
  Value invSqrtM = fconst(b, 1.0 / std::sqrt(static_cast<double>(dp)));
  Value halfC = fconst(b, 0.5), zero = fconst(b, 0.0);
  return linalg::GenericOp::create(
             b, loc, RankedTensorType::get({chunk, dp}, f32),
             ValueRange{u, norms},
             ValueRange{tensor::EmptyOp::create(
                 b, loc, ArrayRef<int64_t>{chunk, dp}, f32)},
             ArrayRef<AffineMap>{id2(), map(2, {dim(0)}), id2()},
             ArrayRef<IteratorType>{kPar, kPar},
             [&](OpBuilder &bb, Location l, ValueRange a) {
               Value half = arith::MulFOp::create(bb, l, a[1], halfC);
               Value t = arith::SubFOp::create(bb, l, a[0], half);
               Value e = math::ExpOp::create(bb, l, t);
               Value v = arith::MulFOp::create(bb, l, e, invSqrtM);
               if (validRows) { // padded keys add nothing
                 Value i = linalg::IndexOp::create(bb, l, 0);
                 Value in = arith::CmpIOp::create(
                     bb, l, arith::CmpIPredicate::slt, i, validRows);
                 v = arith::SelectOp::create(bb, l, in, v, zero);
               }
               yield(bb, l, v);
             })
      .getResult(0);
}

Value LinearBuilder::initialShift(OpBuilder &b) {
  return filled(b, {dp}, kNegInf);
}

void LinearBuilder::prepareFavor(OpBuilder &b) {
  if (!stabilized())
    return;
  // sqrt(scale) W for the queries ([D, M]) and its transpose for the keys
  // ([M, D]), once per op outside the loops: the tiles then enter the
  // projections as they are loaded.
  Value w = op.getProjection();
  Value r = fconst(b, rootScale);
  auto scaledW = [&](AffineMap in, ArrayRef<int64_t> shape) {
    return linalg::GenericOp::create(
               b, loc, RankedTensorType::get(shape, f32), ValueRange{w},
               ValueRange{tensor::EmptyOp::create(b, loc, shape, f32)},
               ArrayRef<AffineMap>{in, id2()},
               ArrayRef<IteratorType>{kPar, kPar},
               [&](OpBuilder &bb, Location l, ValueRange a) {
                 yield(bb, l, arith::MulFOp::create(bb, l, a[0], r));
               })
        .getResult(0);
  };
  projQ = scaledW(id2(), {d, dp});
  projKT = scaledW(map(2, {dim(1), dim(0)}), {dp, d});
}

Value LinearBuilder::keyFeaturesT(OpBuilder &b, Value tile, Value validRows,
                                  Value &shift, Value &s, Value &z) {
  if (!stabilized())
    return transpose(b, features(b, tile, validRows));
  // t^T = (sqrt(scale) W)^T K^T - |k'|^2 / 2 ([M, C]) from K^T ([D, C], in
  // f32): transposing the tile (D wide) is cheaper than transposing t (M
  // wide), and the exponents come out in the layout of phi(K)^T.
  Value tileT =
      linalg::GenericOp::create(
          b, loc, RankedTensorType::get({d, chunk}, f32), ValueRange{tile},
          ValueRange{tensor::EmptyOp::create(
              b, loc, ArrayRef<int64_t>{d, chunk}, f32)},
          ArrayRef<AffineMap>{map(2, {dim(1), dim(0)}), id2()},
          ArrayRef<IteratorType>{kPar, kPar},
          [&](OpBuilder &bb, Location l, ValueRange a) {
            yield(bb, l, toF32(bb, l, a[0]));
          })
          .getResult(0);
  Value uT = contract(b, projKT, tileT, filled(b, {dp, chunk}, 0.0));
  // |k|^2 per key (the scale is applied with the 1/2).
  Value sq = filled(b, {chunk}, 0.0);
  sq = linalg::GenericOp::create(
           b, loc, sq.getType(), ValueRange{tile}, ValueRange{sq},
           ArrayRef<AffineMap>{id2(), map(2, {dim(0)})},
           ArrayRef<IteratorType>{kPar, kRed},
           [&](OpBuilder &bb, Location l, ValueRange a) {
             Value x = toF32(bb, l, a[0]);
             Value x2 = arith::MulFOp::create(bb, l, x, x);
             yield(bb, l, arith::AddFOp::create(bb, l, a[1], x2, kReassoc));
           })
           .getResult(0);
  Value halfScale = fconst(b, 0.5 * rootScale * rootScale);
  Value negInf = fconst(b, kNegInf), zero = fconst(b, 0.0),
        one = fconst(b, 1.0);
  AffineMap rowMap = map(2, {dim(0)}), colMap = map(2, {dim(1)});
  auto exponent = [&](OpBuilder &bb, Location l, Value u, Value n) {
    Value h = arith::MulFOp::create(bb, l, n, halfScale);
    return arith::SubFOp::create(bb, l, u, h).getResult();
  };
  // Padded key columns (j >= validRows) stay out of the maximum and give 0.
  auto visible = [&](OpBuilder &bb, Location l) -> Value {
    Value j = linalg::IndexOp::create(bb, l, 1);
    return arith::CmpIOp::create(bb, l, arith::CmpIPredicate::slt, j,
                                 validRows);
  };
  // The chunk's maximum of each feature's exponent (a row reduction).
  // maxnumf: a NaN exponent does not become the shift; it reaches the
  // state through its own feature (exp(NaN - T) = NaN).
  Value chunkMax =
      linalg::GenericOp::create(
          b, loc, shift.getType(), ValueRange{uT, sq},
          ValueRange{initialShift(b)},
          ArrayRef<AffineMap>{id2(), colMap, rowMap},
          ArrayRef<IteratorType>{kPar, kRed},
          [&](OpBuilder &bb, Location l, ValueRange a) {
            Value x = exponent(bb, l, a[0], a[1]);
            if (validRows)
              x = arith::SelectOp::create(bb, l, visible(bb, l), x, negInf);
            yield(bb, l, buildSoftmaxMax(bb, l, a[2], x, kReassoc));
          })
          .getResult(0);
  // alpha = exp(T_old - T_new) with T_new = max(T_old, chunk max); 1 while
  // no key has had a finite exponent.
  AffineMap vec = map(1, {dim(0)});
  Value alpha =
      linalg::GenericOp::create(
          b, loc, shift.getType(), ValueRange{shift, chunkMax},
          ValueRange{tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{dp},
                                             f32)},
          ArrayRef<AffineMap>{vec, vec, vec}, ArrayRef<IteratorType>{kPar},
          [&](OpBuilder &bb, Location l, ValueRange a) {
            Value next = buildSoftmaxMax(bb, l, a[0], a[1]);
            yield(bb, l,
                  buildGuardedExp(bb, l, a[0], next, next, negInf, one));
          })
          .getResult(0);
  // The state is rescaled, and the shift raised, in place (each op writes
  // its carried operand), so that bufferization keeps S, z and T in their
  // buffers across the chunk loop.
  s = linalg::GenericOp::create(
          b, loc, s.getType(), ValueRange{alpha}, ValueRange{s},
          ArrayRef<AffineMap>{rowMap, id2()},
          ArrayRef<IteratorType>{kPar, kPar},
          [&](OpBuilder &bb, Location l, ValueRange a) {
            yield(bb, l, arith::MulFOp::create(bb, l, a[1], a[0]));
          })
          .getResult(0);
  z = linalg::GenericOp::create(
          b, loc, z.getType(), ValueRange{alpha}, ValueRange{z},
          ArrayRef<AffineMap>{vec, vec}, ArrayRef<IteratorType>{kPar},
          [&](OpBuilder &bb, Location l, ValueRange a) {
            yield(bb, l, arith::MulFOp::create(bb, l, a[1], a[0]));
          })
          .getResult(0);
  shift = linalg::GenericOp::create(
              b, loc, shift.getType(), ValueRange{chunkMax}, ValueRange{shift},
              ArrayRef<AffineMap>{vec, vec}, ArrayRef<IteratorType>{kPar},
              [&](OpBuilder &bb, Location l, ValueRange a) {
                yield(bb, l, buildSoftmaxMax(bb, l, a[1], a[0]));
              })
              .getResult(0);
  // phi(k)_r = exp(t_r - T_r) / sqrt(M); an exponent of -inf (|k'| = inf)
  // gives exp(-inf) = 0 even where T_r is -inf too.
  Value invSqrtM = fconst(b, 1.0 / std::sqrt(static_cast<double>(dp)));
  return linalg::GenericOp::create(
             b, loc, uT.getType(), ValueRange{uT, sq, shift},
             ValueRange{tensor::EmptyOp::create(
                 b, loc, ArrayRef<int64_t>{dp, chunk}, f32)},
             ArrayRef<AffineMap>{id2(), colMap, rowMap, id2()},
             ArrayRef<IteratorType>{kPar, kPar},
             [&](OpBuilder &bb, Location l, ValueRange a) {
               Value x = exponent(bb, l, a[0], a[1]);
               Value e = buildGuardedExp(bb, l, x, a[2], x, negInf, zero);
               Value v = arith::MulFOp::create(bb, l, e, invSqrtM);
               if (validRows)
                 v = arith::SelectOp::create(bb, l, visible(bb, l), v, zero);
               yield(bb, l, v);
             })
      .getResult(0);
}

Value LinearBuilder::queryFeatures(OpBuilder &b, Value tile, Value shift) {
  if (!stabilized())
    return features(b, tile, Value());
  // u = Q (sqrt(scale) W), straight from the tile.
  Value u = contract(b, tile, projQ, filled(b, {chunk, dp}, 0.0));
  Value negInf = fconst(b, kNegInf), zero = fconst(b, 0.0);
  AffineMap colMap = map(2, {dim(1)}), rowMap = map(2, {dim(0)});
  // m = max_r (u_r + T_r); maxnumf skips a NaN, which still reaches the
  // row through its own feature.
  Value init = filled(b, {chunk}, kNegInf);
  Value rowMax =
      linalg::GenericOp::create(
          b, loc, init.getType(), ValueRange{u, shift}, ValueRange{init},
          ArrayRef<AffineMap>{id2(), colMap, rowMap},
          ArrayRef<IteratorType>{kPar, kRed},
          [&](OpBuilder &bb, Location l, ValueRange a) {
            Value x = arith::AddFOp::create(bb, l, a[0], a[1]);
            yield(bb, l, buildSoftmaxMax(bb, l, a[2], x, kReassoc));
          })
          .getResult(0);
  Value invSqrtM = fconst(b, 1.0 / std::sqrt(static_cast<double>(dp)));
  return linalg::GenericOp::create(
             b, loc, u.getType(), ValueRange{u, shift, rowMax},
             ValueRange{tensor::EmptyOp::create(
                 b, loc, ArrayRef<int64_t>{chunk, dp}, f32)},
             ArrayRef<AffineMap>{id2(), colMap, rowMap, id2()},
             ArrayRef<IteratorType>{kPar, kPar},
             [&](OpBuilder &bb, Location l, ValueRange a) {
               Value x = arith::AddFOp::create(bb, l, a[0], a[1]);
               Value e = buildGuardedExp(bb, l, x, a[2], x, negInf, zero);
               yield(bb, l, arith::MulFOp::create(bb, l, e, invSqrtM));
             })
      .getResult(0);
}
