//===- MaskPatternOf.h - a sparsity attribute's plain parameters -*- C++ -*-===//
//
// The MLIR-free description of a sparsity pattern (attn/Reference/
// MaskPattern.h: kind and parameters, nested for union/intersect) read off
// the attribute once, for both consumers: the float64 reference's spec of an
// op (lib/Runner/OpSpec.cpp) and the NVGPU kernel description
// (passes/NVGPU). Each implements the pattern from its definition; this is
// only a parameter copy.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_IR_MASKPATTERNOF_H
#define ATTN_IR_MASKPATTERNOF_H

#include "attn/Reference/MaskPattern.h"

#include "mlir/IR/Attributes.h"
#include "mlir/Support/LLVM.h"

#include <string>

namespace mlir {
namespace attn {

/// The parameters of `sparsity` (null: no pattern, kind None); failure with
/// `why` for an attribute that is not one of attn's sparsity patterns.
LogicalResult maskPatternOf(Attribute sparsity, ::attn::ref::MaskPattern &p,
                            std::string &why);

} // namespace attn
} // namespace mlir

#endif // ATTN_IR_MASKPATTERNOF_H
