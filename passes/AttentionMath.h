//===- AttentionMath.h - IR for the semantics' formulas ---------*- C++ -*-===//
//
// Pieces of docs/semantics.md emitted identically by every lowering of
// attn.attention (and the split-KV merge), so that they cannot drift apart.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_PASSES_ATTENTIONMATH_H
#define ATTN_PASSES_ATTENTIONMATH_H

#include "mlir/Dialect/Utils/StructuredOpsUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Builders.h"

namespace mlir {
namespace attn {

constexpr utils::IteratorType kPar = utils::IteratorType::parallel;
constexpr utils::IteratorType kRed = utils::IteratorType::reduction;

/// exp(x - m), or `fallback` where `guard` equals `negInf` (the -inf f32
/// constant, created once outside the loop body by the caller). Every
/// online-softmax exponent needs this guard: a row with no visible key so
/// far has m = -inf, and exp(-inf - -inf) would be NaN.
inline Value buildGuardedExp(OpBuilder &b, Location l, Value x, Value m,
                             Value guard, Value negInf, Value fallback) {
  Value e = math::ExpOp::create(b, l, arith::SubFOp::create(b, l, x, m));
  Value dead =
      arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ, guard, negInf);
  return arith::SelectOp::create(b, l, dead, fallback, e);
}

/// softcap c: s -> c * tanh(s / c)   (f32 `s`).
inline Value buildSoftcap(OpBuilder &b, Location l, Value s, double cap) {
  Value c = arith::ConstantOp::create(b, l, b.getF32Type(),
                                      b.getF32FloatAttr(cap));
  return arith::MulFOp::create(
      b, l, c, math::TanhOp::create(b, l, arith::DivFOp::create(b, l, s, c)));
}

/// ALiBi: s -> s - slope * |i + offset - j|, the distance computed in index
/// arithmetic as max(x, -x) (`i`, `j`, `offset` are index values).
inline Value buildAlibi(OpBuilder &b, Location l, Value s, Value slope,
                        Value i, Value j, Value offset) {
  Value diag = arith::AddIOp::create(b, l, i, offset);
  Value dist = arith::MaxSIOp::create(b, l, arith::SubIOp::create(b, l, diag, j),
                                      arith::SubIOp::create(b, l, j, diag));
  Value distF = arith::SIToFPOp::create(
      b, l, b.getF32Type(),
      arith::IndexCastOp::create(b, l, b.getI64Type(), dist));
  return arith::SubFOp::create(b, l, s,
                               arith::MulFOp::create(b, l, slope, distF));
}

} // namespace attn
} // namespace mlir

#endif // ATTN_PASSES_ATTENTIONMATH_H
