//===- SplitKVMerge.h - merge split-KV partial results ----------*- C++ -*-===//
#ifndef ATTN_PASSES_SPLITKVMERGE_H
#define ATTN_PASSES_SPLITKVMERGE_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

namespace mlir {
namespace attn {

/// Merges `partsO` [B, Hq, P, Sq, Dv] (f32, each part normalized) and
/// `partsL` [B, Hq, P, Sq] (their LSE) into the op's output of type `outT`
/// (layout bshd or bhsd, dynamic sizes `outDyn`) and the f32 LSE
/// [B, Hq, Sq] of shape `rowShape`.
std::pair<Value, Value> buildSplitKVMerge(OpBuilder &b, Location loc,
                                          Value partsO, Value partsL,
                                          RankedTensorType outT,
                                          ValueRange outDyn, bool bshd,
                                          ArrayRef<OpFoldResult> rowShape,
                                          int64_t dv);

} // namespace attn
} // namespace mlir

#endif // ATTN_PASSES_SPLITKVMERGE_H
