//===- OnlineSoftmax.h - the online-softmax update, once --------*- C++ -*-===//
//
// The update of one attn.online_attention step (docs/semantics.md,
// "attn.online_attention"), for every target:
//
//   m'    = max(m, rowmax S)
//   shift = m', or 0 while m' = -inf (the row has seen no visible key)
//   P     = exp(S - shift)            (0 for a masked score: exp(-inf) = 0)
//   alpha = exp(m - m'), 1 while m' = -inf
//   l'    = alpha l + rowsum P
//   acc'  = alpha acc + P V
//
// Each piece is one function on f32 scalars or vectors of f32 (arith works on
// both), so that the CPU linalg form (generic bodies), the CPU register
// kernel (per-lane vectors) and the NVGPU step (per fragment element, in
// log2 units with exp2) sequence the same formulas. The probabilities guard
// on the row (once per row, not per score): for a score of -inf, NaN or
// +inf this gives what a guard on each score gives (0, NaN, and NaN for
// +inf - +inf), and the exponents every target uses return 0 for -inf
// (upstream's math expansion, the AVX-512 vscalef form in
// passes/CPU/ApproximateMath.cpp, the SFU's ex2).
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_TILING_ONLINESOFTMAX_H
#define ATTN_TILING_ONLINESOFTMAX_H

#include "passes/Tiling/AttentionMath.h"

namespace mlir {
namespace attn {

/// The exponent's base: e (the op's units) or 2 (scores pre-multiplied by
/// log2(e), as the GPU step computes).
enum class ExpBase { E, Two };

/// How a target computes exp: `base`, and optionally the target's own
/// instruction for it (NVGPU's ex2.approx); math.exp / math.exp2 when null.
struct SoftmaxExp {
  ExpBase base = ExpBase::E;
  function_ref<Value(OpBuilder &, Location, Value)> emit = nullptr;
  /// Flags of the subtractions (contract lets a backend fuse them with a
  /// preceding multiply).
  arith::FastMathFlags fm = arith::FastMathFlags::none;

  Value build(OpBuilder &b, Location l, Value x) const {
    if (emit)
      return emit(b, l, x);
    if (base == ExpBase::Two)
      return math::Exp2Op::create(b, l, x);
    return math::ExpOp::create(b, l, x);
  }
};

/// The constants the update compares and selects with, of the operands'
/// type (f32 or a vector of f32), created once by the caller outside loop
/// bodies.
struct SoftmaxConsts {
  Value negInf, zero, one;
  static SoftmaxConsts get(OpBuilder &b, Location l, Type t) {
    auto c = [&](double v) -> Value {
      Attribute a = b.getF32FloatAttr(v);
      if (auto vt = dyn_cast<VectorType>(t))
        a = DenseElementsAttr::get(vt, a);
      return arith::ConstantOp::create(b, l, t, cast<TypedAttr>(a));
    };
    return {c(-std::numeric_limits<double>::infinity()), c(0.0), c(1.0)};
  }
};

/// m' = max(m, x): buildSoftmaxMax (NaN scores do not poison the max).
inline Value buildOnlineMax(OpBuilder &b, Location l, Value m, Value x,
                            arith::FastMathFlags fm = arith::FastMathFlags::none) {
  return buildSoftmaxMax(b, l, m, x, fm);
}

/// The probabilities' shift: m', or 0 for a row whose new max is -inf (so
/// that exp(-inf - shift) is 0, not exp(NaN)). Once per row.
inline Value buildOnlineShift(OpBuilder &b, Location l, Value mNew,
                              const SoftmaxConsts &c) {
  Value dead =
      arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ, mNew, c.negInf);
  return arith::SelectOp::create(b, l, dead, c.zero, mNew);
}

/// P = exp(s - shift), `shift` from buildOnlineShift: per score, a
/// subtraction and the exponent only.
inline Value buildOnlineProb(OpBuilder &b, Location l, const SoftmaxExp &e,
                             Value s, Value shift) {
  Value diff = arith::SubFOp::create(b, l, s, shift, e.fm);
  return e.build(b, l, diff);
}

/// alpha = exp(m - m'), 1 while the row has seen no visible key (m' = -inf;
/// docs/semantics.md). Once per row.
inline Value buildOnlineAlpha(OpBuilder &b, Location l, const SoftmaxExp &e,
                              Value mOld, Value mNew, const SoftmaxConsts &c) {
  Value diff = arith::SubFOp::create(b, l, mOld, mNew, e.fm);
  Value x = e.build(b, l, diff);
  Value dead =
      arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ, mNew, c.negInf);
  return arith::SelectOp::create(b, l, dead, c.one, x);
}

/// alpha * x: the old sum and the old accumulator, rescaled.
inline Value buildOnlineRescale(OpBuilder &b, Location l, Value alpha, Value x,
                                arith::FastMathFlags fm =
                                    arith::FastMathFlags::none) {
  return arith::MulFOp::create(b, l, alpha, x, fm);
}

/// l' (or a partial row sum) = sum + p; `fm` reassoc lets vectorized
/// reductions reorder.
inline Value buildOnlineSum(OpBuilder &b, Location l, Value sum, Value p,
                            arith::FastMathFlags fm =
                                arith::FastMathFlags::none) {
  return arith::AddFOp::create(b, l, sum, p, fm);
}

} // namespace attn
} // namespace mlir

#endif // ATTN_TILING_ONLINESOFTMAX_H
