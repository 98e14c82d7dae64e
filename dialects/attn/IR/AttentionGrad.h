//===- AttentionGrad.h - attn.attention_grad from a forward ----*- C++ -*-===//
//
// For ML compilers that differentiate their graph: the backward of one
// attn.attention is attn.attention_grad with the forward's operands,
// clauses and attributes, its output and its LSE.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_ATTENTIONGRAD_H
#define ATTN_ATTENTIONGRAD_H

#include "attn/IR/AttnOps.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace attn {

/// `forward` with an LSE result: itself when it returns one, else a copy
/// with the LSE added that replaces it (uses of its output move over).
AttentionOp withLse(RewriterBase &rw, AttentionOp forward);

/// attn.attention_grad of `forward` for the output gradient `gradOutput`
/// (the type of the forward's output), at `b`'s insertion point. Fails
/// (with an error on `forward`) when the forward does not return its LSE
/// (see withLse) or `gradOutput` has the wrong type.
FailureOr<AttentionGradOp> buildAttentionGrad(OpBuilder &b, AttentionOp forward,
                                              Value gradOutput);

} // namespace attn
} // namespace mlir

#endif // ATTN_ATTENTIONGRAD_H
