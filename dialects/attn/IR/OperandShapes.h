//===- OperandShapes.h - shape checks shared by the attn op verifiers ------===//
//
// attn.attention and attn.linear_attention take Q/K/V with the same layouts,
// head grouping and element types; their verifiers share these checks so
// that both ops give the same diagnostics for the same mistakes.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_DIALECT_OPERANDSHAPES_H
#define ATTN_DIALECT_OPERANDSHAPES_H

#include "attn/IR/AttentionClauses.h"
#include "attn/IR/AttnOps.h"

#include "mlir/Interfaces/SideEffectInterfaces.h"

#include <string>

namespace mlir {
namespace attn {
namespace opshapes {

/// Index of the head and sequence dims of Q/K/V/O in each layout.
struct LayoutDims {
  unsigned head, seq;
};
LayoutDims layoutDims(Layout l);

/// "[1, ?, 8]".
std::string shapeStr(ArrayRef<int64_t> shape);
/// Two sizes agree when equal or when either is unknown until run time.
bool compatible(int64_t a, int64_t b);
/// Shape of [B, H, S, X] in `layout`, in storage order.
SmallVector<int64_t> storageShape(Layout layout, int64_t b, int64_t h,
                                  int64_t s, int64_t x);
/// "[B, H, S, X]" (or its bshd order) with the given names.
std::string layoutName(Layout layout, StringRef h, StringRef s, StringRef x);

/// `t` has shape `expected` (dynamic sizes match anything), else an op
/// error naming `expectedName`.
LogicalResult expectShape(Operation *op, StringRef name, RankedTensorType t,
                          ArrayRef<int64_t> expected, StringRef expectedName);

/// Logical sizes of verified Q/K/V operands.
struct QKVSizes {
  int64_t b, hq, sq, d, hkv, skv, dv;
};
/// The checks both ops make on query/key/value: rank 4 in `layout`, no
/// empty dim, one element type, K and V consistent with Q, Hq a multiple of
/// Hkv.
FailureOr<QKVSizes> verifyQKV(Operation *op, Layout layout, Value query,
                              Value key, Value value);

/// The checks attn.attention and attn.attention_grad make on their operand
/// clauses and attributes (mask and bias broadcast, ALiBi slopes, the
/// sparsity pattern's operands, the block table, scale and softcap).
LogicalResult verifyClauses(Operation *op, const QKVSizes &sizes,
                            const AttentionClauses &c);
/// The block table part of verifyClauses (BlockTable.cpp).
LogicalResult verifyBlockTable(Operation *op, const QKVSizes &sizes,
                               const AttentionClauses &c);
/// Whether an op with these clauses may be hoisted: not with documents or a
/// block table (checked by run-time assertions) nor with a dynamic operand.
Speculation::Speculatability speculatability(Operation *op,
                                             const AttentionClauses &c);

} // namespace opshapes
} // namespace attn
} // namespace mlir

#endif
