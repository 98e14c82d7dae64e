//===- AttentionMath.h - IR for the semantics' formulas ---------*- C++ -*-===//
//
// Pieces of docs/semantics.md emitted identically by every lowering of
// attn.attention (unfused, every target's online-softmax step, the split-KV
// merge, block scores), so that they cannot drift apart. The softmax is
// written here once: its max, its guarded exponent, its normalization and
// its log-sum-exp.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_TRANSFORMS_ATTENTIONMATH_H
#define ATTN_TRANSFORMS_ATTENTIONMATH_H

#include "mlir/Dialect/Utils/StructuredOpsUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Builders.h"

#include <limits>

namespace mlir {
namespace attn {

constexpr utils::IteratorType kPar = utils::IteratorType::parallel;
constexpr utils::IteratorType kRed = utils::IteratorType::reduction;

/// Products may contract into FMAs; row reductions may also be
/// reassociated (vectorized). Both stay in f32.
constexpr arith::FastMathFlags kContract = arith::FastMathFlags::contract;
constexpr arith::FastMathFlags kReassoc =
    arith::FastMathFlags::reassoc | arith::FastMathFlags::contract;

/// `v` in f32 (extended when narrower).
inline Value toF32(OpBuilder &b, Location l, Value v) {
  Type f = b.getF32Type();
  return v.getType() == f ? v : arith::ExtFOp::create(b, l, f, v).getResult();
}

/// linalg.yield of one value (the body builders' terminator).
inline void yield(OpBuilder &b, Location l, Value v) {
  linalg::YieldOp::create(b, l, ValueRange{v});
}

/// acc + x * y, allowed to become one FMA instruction.
inline Value buildFma(OpBuilder &b, Location l, Value x, Value y, Value acc) {
  Value p = arith::MulFOp::create(b, l, x, y, kContract);
  return arith::AddFOp::create(b, l, acc, p, kContract);
}

/// The running max of a softmax row: max(x, y). maxnumf ignores a NaN
/// operand, so the max stays finite; the NaN still reaches the row through
/// its exponent (exp(NaN - m) whatever the guard: buildGuardedExp's on the
/// score, OnlineSoftmax.h's on the row), and
/// maxnumf vectorizes to one instruction where maximumf's NaN propagation
/// does not. `fm`: reassoc lets vectorized reductions reorder.
inline Value buildSoftmaxMax(OpBuilder &b, Location l, Value x, Value y,
                             arith::FastMathFlags fm = arith::FastMathFlags::none) {
  return arith::MaxNumFOp::create(b, l, x, y, fm);
}

/// exp(x - m), or `fallback` where `guard` equals `negInf` (the -inf f32
/// constant, created once outside the loop body by the caller). Guard on
/// the score x itself (fallback 0) for probabilities: a masked score gives
/// 0 even while the row's max is -inf, and a NaN score gives NaN. Guard on
/// the new max (fallback 1) for the rescale factor exp(m_old - m_new) of a
/// row that has seen no visible key yet.
inline Value buildGuardedExp(OpBuilder &b, Location l, Value x, Value m,
                             Value guard, Value negInf, Value fallback) {
  Value diff = arith::SubFOp::create(b, l, x, m);
  Value e = math::ExpOp::create(b, l, diff);
  Value dead =
      arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ, guard, negInf);
  return arith::SelectOp::create(b, l, dead, fallback, e);
}

/// O = acc / l, 0 for a row without visible keys (l = 0). A NaN l is not 0
/// and propagates (docs/semantics.md, "NaN").
inline Value buildNormalize(OpBuilder &b, Location l, Value acc, Value sum) {
  Type t = sum.getType();
  Value zero = arith::ConstantOp::create(b, l, t, b.getZeroAttr(t));
  Value empty =
      arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ, sum, zero);
  Value o = arith::DivFOp::create(b, l, acc, sum);
  return arith::SelectOp::create(b, l, empty, zero, o);
}

/// lse = m + log l, -inf for a row without visible keys (l = 0).
inline Value buildLogSumExp(OpBuilder &b, Location l, Value m, Value sum) {
  Type t = sum.getType();
  Value zero = arith::ConstantOp::create(b, l, t, b.getZeroAttr(t));
  Value ninf = arith::ConstantOp::create(
      b, l, t, b.getFloatAttr(t, -std::numeric_limits<double>::infinity()));
  Value empty =
      arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ, sum, zero);
  Value logSum = math::LogOp::create(b, l, sum);
  Value r = arith::AddFOp::create(b, l, m, logSum);
  return arith::SelectOp::create(b, l, empty, ninf, r);
}

/// softcap c: s -> c * tanh(s / c)   (f32 `s`).
inline Value buildSoftcap(OpBuilder &b, Location l, Value s, double cap) {
  Value c = arith::ConstantOp::create(b, l, b.getF32Type(),
                                      b.getF32FloatAttr(cap));
  Value ratio = arith::DivFOp::create(b, l, s, c);
  Value t = math::TanhOp::create(b, l, ratio);
  return arith::MulFOp::create(b, l, c, t);
}

/// ALiBi: s -> s - slope * |i + offset - j|, the distance computed in index
/// arithmetic as max(x, -x) (`i`, `j`, `offset` are index values).
inline Value buildAlibi(OpBuilder &b, Location l, Value s, Value slope,
                        Value i, Value j, Value offset) {
  Value diag = arith::AddIOp::create(b, l, i, offset);
  Value ahead = arith::SubIOp::create(b, l, diag, j);
  Value behind = arith::SubIOp::create(b, l, j, diag);
  Value dist = arith::MaxSIOp::create(b, l, ahead, behind);
  Value dist64 = arith::IndexCastOp::create(b, l, b.getI64Type(), dist);
  Value distF = arith::SIToFPOp::create(b, l, b.getF32Type(), dist64);
  Value penalty = arith::MulFOp::create(b, l, slope, distF);
  return arith::SubFOp::create(b, l, s, penalty);
}

} // namespace attn
} // namespace mlir

#endif // ATTN_TRANSFORMS_ATTENTIONMATH_H
