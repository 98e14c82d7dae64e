//===- PatternEnv.h - run-time values of the sparsity patterns --*- C++ -*-===//
#ifndef ATTN_PASSES_PATTERNENV_H
#define ATTN_PASSES_PATTERNENV_H

#include "attn/AttnOps.h"

namespace mlir {
namespace attn {

/// Emits, once per op call, what the op's pattern needs at run time: for
/// #attn.documents, a check of the offsets (non-decreasing, within
/// [0, Skv]; a failure aborts with a message) and the per-key-position
/// document ids (O(Skv + N)). Empty env for other patterns.
PatternEnv buildPatternEnv(OpBuilder &b, Location loc, AttentionOp op,
                           Value seqKV);

} // namespace attn
} // namespace mlir

#endif // ATTN_PASSES_PATTERNENV_H
