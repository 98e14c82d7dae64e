//===- AttnOps.h - the attn dialect, attributes and ops ---------*- C++ -*-===//
//
// Public header of the attn dialect: include this to build or inspect attn
// IR from a host compiler.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_ATTNOPS_H
#define ATTN_ATTNOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Dialect.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "attn/IR/FusedTargetOptions.h"
#include "attn/IR/KnownAttributes.h"
#include "attn/IR/SparsityPatterns.h"

#include "attn/IR/AttnDialect.h.inc"
#include "attn/IR/AttnEnums.h.inc"
#include "attn/IR/AttnInterfaces.h.inc"

#include <cmath>

namespace mlir {
namespace attn {
/// Dim `idx` of a shaped value, ShapedType::kDynamic past its rank (the
/// shape interface's accessors run on unverified ops too).
inline int64_t dimOfValue(Value v, unsigned idx) {
  auto t = llvm::dyn_cast<ShapedType>(v.getType());
  if (!t || !t.hasRank() || idx >= t.getRank())
    return ShapedType::kDynamic;
  return t.getDimSize(idx);
}
} // namespace attn
} // namespace mlir

#define GET_ATTRDEF_CLASSES
#include "attn/IR/AttnAttrs.h.inc"

#include "attn/IR/AttnOpInterfaces.h.inc"

#define GET_OP_CLASSES
#include "attn/IR/AttnOps.h.inc"
#define GET_OP_CLASSES
#include "attn/IR/AttnGradOps.h.inc"

#endif // ATTN_ATTNOPS_H
