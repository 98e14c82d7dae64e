//===- ScoreChain.h - the score modifiers, once -----------------*- C++ -*-===//
//
// docs/semantics.md's modifiers of one raw score q.k, in its order: scale,
// softcap, bias, ALiBi, then -inf where the key is not visible. The fused
// structure's score regions (passes/Tiling/FusedStructure.cpp) and the
// unfused decomposition (passes/Forms/Decompose.cpp) both apply them with
// buildScoreChain; what differs is only where each operand comes from (an
// element of a tensor, a block argument, a region argument).
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_TILING_SCORECHAIN_H
#define ATTN_TILING_SCORECHAIN_H

#include "passes/Tiling/AttentionMath.h"

#include <optional>
#include <tuple>

namespace mlir {
namespace attn {

/// The modifiers that apply to one score; null / nullopt: absent.
struct ScoreModifiers {
  /// f32 factor (null: 1, or already applied, e.g. to a pre-scaled Q).
  Value scale;
  std::optional<double> softcap;
  /// This element's bias, f32 or narrower (extended), or a builder of it
  /// (an element read, built after the softcap).
  Value bias;
  function_ref<Value()> biasAt = nullptr;
  /// ALiBi: the head's slope (f32) and the index positions i, j and
  /// offset of the diagonal: the absolute row and Skv - total of the op's
  /// QueryRows (PatternEnv.h), i.e. i and Skv - Sq without query_rows.
  Value slope, i, j, offset;
  /// Builds i and j where they are not given (a generic's linalg.index),
  /// after the arithmetic that does not need them; null: i and j as given.
  function_ref<std::pair<Value, Value>()> positions = nullptr;
  /// Builds the element's visibility (i1), after the arithmetic; null, or
  /// returning null: every key visible.
  function_ref<Value()> visible = nullptr;
  /// The -inf f32 constant, when the caller has one outside a loop body.
  Value negInf;
};

/// The modified score of raw f32 score `s`.
inline Value buildScoreChain(OpBuilder &b, Location l, Value s,
                             const ScoreModifiers &m) {
  if (m.scale)
    s = arith::MulFOp::create(b, l, s, m.scale);
  if (m.softcap)
    s = buildSoftcap(b, l, s, *m.softcap);
  Value biasV = m.bias ? m.bias : m.biasAt ? m.biasAt() : Value();
  if (biasV) {
    Value bias = toF32(b, l, biasV);
    s = arith::AddFOp::create(b, l, s, bias);
  }
  Value i = m.i, j = m.j;
  if (m.positions)
    std::tie(i, j) = m.positions();
  if (m.slope)
    s = buildAlibi(b, l, s, m.slope, i, j, m.offset);
  Value visible = m.visible ? m.visible() : Value();
  if (!visible)
    return s;
  Value ninf = m.negInf;
  if (!ninf)
    ninf = arith::ConstantOp::create(
        b, l, b.getF32Type(),
        b.getF32FloatAttr(-std::numeric_limits<float>::infinity()));
  return arith::SelectOp::create(b, l, visible, s, ninf);
}

} // namespace attn
} // namespace mlir

#endif // ATTN_TILING_SCORECHAIN_H
