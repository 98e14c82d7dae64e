//===- ScoreModifiers.h - score modifiers shared by the lowerings -*- C++ -*-===//
//
// Steps 2 and 4 of docs/semantics.md "Scores", emitted identically by every
// lowering of attn.attention so that they cannot drift apart.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_PASSES_SCOREMODIFIERS_H
#define ATTN_PASSES_SCOREMODIFIERS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/IR/Builders.h"

namespace mlir {
namespace attn {

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

#endif // ATTN_PASSES_SCOREMODIFIERS_H
