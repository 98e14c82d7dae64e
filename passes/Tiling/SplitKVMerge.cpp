//===- SplitKVMerge.cpp - merge split-KV partial attention results -------===//
//
// Section 3 of the math note: parts p of the key range give normalized
// partial outputs O_p and their log-sum-exp lse_p; then
//   lse = log(sum_p exp(lse_p)),   O = sum_p exp(lse_p - lse) O_p.
// The merge is a few linalg reductions over the part dim; parts that saw no
// key (lse_p = -inf) get weight 0, and rows no part saw stay 0 / -inf.
//
//===----------------------------------------------------------------------===//
#include "passes/Tiling/SplitKVMerge.h"
#include "passes/Tiling/AttentionMath.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using utils::IteratorType;
using namespace mlir::attn;

std::pair<Value, Value> mlir::attn::buildSplitKVMerge(
    OpBuilder &b, Location loc, Value partsO, Value partsL,
    RankedTensorType outT, ValueRange outDyn, bool bshd,
    ArrayRef<OpFoldResult> rowShape, int64_t dv) {
  MLIRContext *ctx = b.getContext();
  Type f32 = b.getF32Type();
  Type elt = outT.getElementType();
  auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  auto map = [&](unsigned n, ArrayRef<AffineExpr> e) {
    return AffineMap::get(n, 0, e, ctx);
  };
  auto yield = [](OpBuilder &bb, Location l, Value v) {
    linalg::YieldOp::create(bb, l, ValueRange{v});
  };
  auto fconst = [&](double v) -> Value {
    return arith::ConstantOp::create(b, loc, f32, b.getF32FloatAttr(v));
  };
  auto negInf = [&]() {
    return fconst(-std::numeric_limits<double>::infinity());
  };

  // Merge the parts: lse = log(sum_p exp(lse_p)), O = sum_p w_p O_p with
  // w_p = exp(lse_p - lse). Parts that saw no key have lse_p = -inf, w = 0.
  AffineMap lp = map(4, {dim(0), dim(1), dim(3), dim(2)}),
            row = map(4, {dim(0), dim(1), dim(2)});
  SmallVector<IteratorType> redP = {kPar, kPar, kPar, kRed};
  Value ninf = negInf(), zero = fconst(0.0);
  Value maxL = tensor::EmptyOp::create(b, loc, rowShape, f32);
  maxL = linalg::FillOp::create(b, loc, ValueRange{ninf}, ValueRange{maxL})
             .getResult(0);
  maxL = linalg::GenericOp::create(
             b, loc, maxL.getType(), ValueRange{partsL}, ValueRange{maxL},
             ArrayRef<AffineMap>{lp, row}, redP,
             [&](OpBuilder &bb, Location l, ValueRange a) {
               yield(bb, l, buildSoftmaxMax(bb, l, a[0], a[1]));
             })
             .getResult(0);
  Value sumE = linalg::FillOp::create(
                   b, loc, ValueRange{zero},
                   ValueRange{tensor::EmptyOp::create(b, loc, rowShape, f32)})
                   .getResult(0);
  sumE = linalg::GenericOp::create(
             b, loc, sumE.getType(), ValueRange{partsL, maxL},
             ValueRange{sumE}, ArrayRef<AffineMap>{lp, row, row}, redP,
             [&](OpBuilder &bb, Location l, ValueRange a) {
               Value e = buildGuardedExp(bb, l, a[0], a[1], a[0], ninf, zero);
               yield(bb, l, arith::AddFOp::create(bb, l, a[2], e));
             })
             .getResult(0);
  AffineMap id3 = map(3, {dim(0), dim(1), dim(2)});
  Value lseT = linalg::GenericOp::create(
                   b, loc, maxL.getType(), ValueRange{maxL, sumE},
                   ValueRange{tensor::EmptyOp::create(b, loc, rowShape, f32)},
                   ArrayRef<AffineMap>{id3, id3, id3},
                   ArrayRef<IteratorType>{kPar, kPar, kPar},
                   [&](OpBuilder &bb, Location l, ValueRange a) {
                     yield(bb, l, buildLogSumExp(bb, l, a[0], a[1]));
                   })
                   .getResult(0);
  // O[b,h,i,e] = sum_p w_p * O_p[b,h,p,i,e]; dims (b, h, i, e, p).
  SmallVector<OpFoldResult> accShape(rowShape);
  accShape.push_back(b.getIndexAttr(dv));
  Value acc = linalg::FillOp::create(
                  b, loc, ValueRange{zero},
                  ValueRange{tensor::EmptyOp::create(b, loc, accShape, f32)})
                  .getResult(0);
  acc = linalg::GenericOp::create(
            b, loc, acc.getType(), ValueRange{partsO, partsL, lseT},
            ValueRange{acc},
            ArrayRef<AffineMap>{
                map(5, {dim(0), dim(1), dim(4), dim(2), dim(3)}),
                map(5, {dim(0), dim(1), dim(4), dim(2)}),
                map(5, {dim(0), dim(1), dim(2)}),
                map(5, {dim(0), dim(1), dim(2), dim(3)})},
            ArrayRef<IteratorType>{kPar, kPar, kPar, kPar, kRed},
            [&](OpBuilder &bb, Location l, ValueRange a) {
              Value w = buildGuardedExp(bb, l, a[1], a[2], a[1], ninf, zero);
              Value p = arith::MulFOp::create(bb, l, w, a[0]);
              yield(bb, l, arith::AddFOp::create(bb, l, a[3], p));
            })
            .getResult(0);
  // Store in the op's layout and element type.
  AffineMap id4 = map(4, {dim(0), dim(1), dim(2), dim(3)});
  AffineMap outMap =
      bshd ? map(4, {dim(0), dim(2), dim(1), dim(3)}) : id4;
  Value out = linalg::GenericOp::create(
                  b, loc, outT, ValueRange{acc},
                  ValueRange{tensor::EmptyOp::create(b, loc, outT, outDyn)},
                  ArrayRef<AffineMap>{id4, outMap},
                  ArrayRef<IteratorType>{kPar, kPar, kPar, kPar},
                  [&](OpBuilder &bb, Location l, ValueRange a) {
                    Value o = a[0];
                    if (elt != f32)
                      o = arith::TruncFOp::create(bb, l, elt, o);
                    yield(bb, l, o);
                  })
                  .getResult(0);
  return {out, lseT};
}
