//===- VnniContractToDot.h - bf16 pair contractions to vdpbf16ps -*- C++ -*-===//
#ifndef ATTN_PASSES_VNNICONTRACTTODOT_H
#define ATTN_PASSES_VNNICONTRACTTODOT_H

#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace attn {

/// Rewrites vector.contract ops of the form
///   acc[i, j] += sum_(p, v) lhs[i, p, v] * rhs[p, j, v]     (v of size 2)
/// with bf16 lhs/rhs and an f32 accumulator into a register-blocked
/// micro-kernel. With `useDot`, column blocks of 16/8/4 use
/// x86vector.avx512.dot (vdpbf16ps): for each (p, i) the lhs pair is
/// broadcast to every lane and dotted with the packed pairs of rhs row p.
/// Other blocks (or all, without `useDot`) split the pairs into even/odd
/// halves and use f32 FMAs of `lanes` lanes.
void populateVnniContractToDotPatterns(RewritePatternSet &patterns,
                                       bool useDot, int64_t lanes);

} // namespace attn
} // namespace mlir

#endif
