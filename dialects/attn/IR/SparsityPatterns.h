//===- SparsityPatterns.h - types shared by the sparsity patterns -*- C++ -*-===//
//
// Declared before the generated attribute interface, which uses them.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_SPARSITYPATTERNS_H
#define ATTN_SPARSITYPATTERNS_H

#include "mlir/IR/Value.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace mlir {
namespace attn {

/// What a pattern makes of a (query block, key block) of the score matrix.
enum class BlockClass { Empty, Full, Partial };

/// Run-time values some patterns need in generated IR (#attn.documents):
/// `docOffsets` is the op's offsets operand (1-d i32/i64 tensor, N + 1
/// entries) and `docIds` the per-key-position document index (tensor<?xindex>
/// of length Skv, -1 outside every document), computed once per call.
struct PatternEnv {
  Value docOffsets;
  Value docIds;
};

class SparsityAttrInterface;

/// Whether `pattern` or any pattern nested in it (#attn.union,
/// #attn.intersect) satisfies `pred`.
bool patternAny(SparsityAttrInterface pattern,
                llvm::function_ref<bool(SparsityAttrInterface)> pred);

/// Floor and ceiling of a / b for b > 0 (any sign of a).
inline int64_t floorDiv(int64_t a, int64_t b) {
  return a >= 0 ? a / b : -((-a + b - 1) / b);
}
inline int64_t ceilDiv(int64_t a, int64_t b) { return -floorDiv(-a, b); }

} // namespace attn
} // namespace mlir

#endif // ATTN_SPARSITYPATTERNS_H
