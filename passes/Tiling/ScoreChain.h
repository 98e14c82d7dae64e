//===- ScoreChain.h - the score modifiers, once -----------------*- C++ -*-===//
//
// docs/semantics.md's modifiers of one raw score q.k, in its order: scale,
// softcap, bias, ALiBi, score_mod, then -inf where the key is not visible
// (the pattern, the block table, the mask operand and mask_mod). The fused
// structure's score regions (passes/Tiling/FusedStructure.cpp) and the
// unfused decomposition (passes/Forms/Decompose.cpp) both apply them with
// buildScoreChain; what differs is only where each operand comes from (an
// element of a tensor, a block argument, a region argument).
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_TILING_SCORECHAIN_H
#define ATTN_TILING_SCORECHAIN_H

#include "attn/IR/ModRegions.h"
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
  /// attn.attention's score_mod / mask_mod (null: absent), cloned with
  /// (s,) batch, query head and the positions: `modI` / `modJ` when given
  /// (positions clamped into the sequences, so that a table read of a
  /// padded row stays in bounds), else i and j.
  Region *scoreMod = nullptr, *maskMod = nullptr;
  Value batch, head, modI, modJ;
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
  Value mi = m.modI ? m.modI : i, mj = m.modJ ? m.modJ : j;
  if (m.scoreMod)
    s = cloneModRegion(b, *m.scoreMod, {s, m.batch, m.head, mi, mj});
  Value visible = m.visible ? m.visible() : Value();
  if (m.maskMod) {
    Value mod = cloneModRegion(b, *m.maskMod, {m.batch, m.head, mi, mj});
    visible = visible ? arith::AndIOp::create(b, l, visible, mod).getResult()
                      : mod;
  }
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
