//===- AttentionClauses.h - the operand clauses of softmax attention ops -===//
//
// attn.attention and attn.attention_grad take the same optional operand
// clauses (mask, bias, alibi, documents, blocks, full_blocks) and the same
// attributes; ODS gives both ops the same accessor names. AttentionClauses
// reads them from either op, so that verifiers, the reference's spec and
// the lowerings handle both with one piece of code.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_ATTENTIONCLAUSES_H
#define ATTN_ATTENTIONCLAUSES_H

#include "attn/IR/AttnOps.h"

namespace mlir {
namespace attn {

struct AttentionClauses {
  Value mask, bias, alibiSlopes, docOffsets, blockRowPtr, blockCols, blockFull;
  SparsityAttrInterface sparsity;
  TilingAttr blockSize;
  FloatAttr scale, softcap;

  /// The clauses of attn.attention or attn.attention_grad.
  template <typename OpTy> static AttentionClauses of(OpTy op) {
    AttentionClauses c;
    c.mask = op.getMask();
    c.bias = op.getBias();
    c.alibiSlopes = op.getAlibiSlopes();
    c.docOffsets = op.getDocOffsets();
    c.blockRowPtr = op.getBlockRowPtr();
    c.blockCols = op.getBlockCols();
    c.blockFull = op.getBlockFull();
    c.sparsity = op.getSparsityAttr();
    c.blockSize = op.getBlockSizeAttr();
    c.scale = op.getScaleAttr();
    c.softcap = op.getSoftcapAttr();
    return c;
  }
};

} // namespace attn
} // namespace mlir

#endif // ATTN_ATTENTIONCLAUSES_H
