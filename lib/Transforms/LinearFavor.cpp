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
// vectorizes along the contiguous dim): the keys' shift is reduced over
// the rows of the transposed exponents [M, C] (one vector reduction per
// feature) rather than down the columns of [C, M], which the vectorizer
// would turn into one huge transposed vector.
//
//===----------------------------------------------------------------------===//
#include "LinearBuilder.h"
#include "attn/Transforms/AttentionMath.h"

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

Value LinearBuilder::keyFeaturesT(OpBuilder &b, Value tile, Value validRows,
                                  Value &shift, Value &s, Value &z) {
  if (!stabilized())
    return transpose(b, features(b, tile, validRows));
  // tT[r, j] = u_jr - |k'_j|^2 / 2, [M, C].
  Value xs = favorScaled(b, tile);
  Value u = favorProjected(b, xs);
  Value norms = favorSquaredNorms(b, xs);
  Value halfC = fconst(b, 0.5);
  Value t = linalg::GenericOp::create(
                b, loc, RankedTensorType::get({chunk, dp}, f32),
                ValueRange{u, norms},
                ValueRange{tensor::EmptyOp::create(
                    b, loc, ArrayRef<int64_t>{chunk, dp}, f32)},
                ArrayRef<AffineMap>{id2(), map(2, {dim(0)}), id2()},
                ArrayRef<IteratorType>{kPar, kPar},
                [&](OpBuilder &bb, Location l, ValueRange a) {
                  Value half = arith::MulFOp::create(bb, l, a[1], halfC);
                  yield(bb, l, arith::SubFOp::create(bb, l, a[0], half));
                })
                .getResult(0);
  Value tT = transpose(b, t);
  Value negInf = fconst(b, kNegInf), zero = fconst(b, 0.0),
        one = fconst(b, 1.0);
  // Padded key columns (j >= validRows) stay out of the maximum and give 0.
  auto visible = [&](OpBuilder &bb, Location l) -> Value {
    Value j = linalg::IndexOp::create(bb, l, 1);
    return arith::CmpIOp::create(bb, l, arith::CmpIPredicate::slt, j,
                                 validRows);
  };
  // T_new = max(T_old, max_j tT[:, j]), a row reduction into the old shift.
  // maxnumf: a NaN exponent does not become the shift; it reaches the
  // state through its own feature (exp(NaN - T) = NaN).
  Value oldShift = shift;
  shift = linalg::GenericOp::create(
              b, loc, oldShift.getType(), ValueRange{tT}, ValueRange{oldShift},
              ArrayRef<AffineMap>{id2(), map(2, {dim(0)})},
              ArrayRef<IteratorType>{kPar, kRed},
              [&](OpBuilder &bb, Location l, ValueRange a) {
                Value x = a[0];
                if (validRows)
                  x = arith::SelectOp::create(bb, l, visible(bb, l), x, negInf);
                yield(bb, l, buildSoftmaxMax(bb, l, a[1], x, kReassoc));
              })
              .getResult(0);
  // alpha = exp(T_old - T_new), 1 while no key has a finite exponent.
  Value alpha =
      linalg::GenericOp::create(
          b, loc, oldShift.getType(), ValueRange{oldShift, shift},
          ValueRange{tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{dp},
                                             f32)},
          ArrayRef<AffineMap>{map(1, {dim(0)}), map(1, {dim(0)}),
                              map(1, {dim(0)})},
          ArrayRef<IteratorType>{kPar},
          [&](OpBuilder &bb, Location l, ValueRange a) {
            yield(bb, l, buildGuardedExp(bb, l, a[0], a[1], a[1], negInf, one));
          })
          .getResult(0);
  s = scaleRows(b, s, alpha, /*columns=*/false);
  z = linalg::GenericOp::create(
          b, loc, z.getType(), ValueRange{z, alpha},
          ValueRange{tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{dp},
                                             f32)},
          ArrayRef<AffineMap>{map(1, {dim(0)}), map(1, {dim(0)}),
                              map(1, {dim(0)})},
          ArrayRef<IteratorType>{kPar},
          [&](OpBuilder &bb, Location l, ValueRange a) {
            yield(bb, l, arith::MulFOp::create(bb, l, a[0], a[1]));
          })
          .getResult(0);
  // phi(k)_r = exp(t_r - T_r) / sqrt(M); an exponent of -inf (|k'| = inf)
  // gives exp(-inf) = 0 even where T_r is -inf too.
  Value invSqrtM = fconst(b, 1.0 / std::sqrt(static_cast<double>(dp)));
  return linalg::GenericOp::create(
             b, loc, tT.getType(), ValueRange{tT, shift},
             ValueRange{tensor::EmptyOp::create(
                 b, loc, ArrayRef<int64_t>{dp, chunk}, f32)},
             ArrayRef<AffineMap>{id2(), map(2, {dim(0)}), id2()},
             ArrayRef<IteratorType>{kPar, kPar},
             [&](OpBuilder &bb, Location l, ValueRange a) {
               Value e =
                   buildGuardedExp(bb, l, a[0], a[1], a[0], negInf, zero);
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
  Value u = favorProjected(b, favorScaled(b, tile));
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
