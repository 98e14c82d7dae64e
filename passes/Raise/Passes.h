//===- Passes.h - raising front-end IR to attn ops --------------*- C++ -*-===//
//
// The first stage of the data path: attention that front ends (torch-mlir's
// linalg, TOSA) write out as contractions and a softmax becomes attn ops.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_PASSES_RAISE_PASSES_H
#define ATTN_PASSES_RAISE_PASSES_H

#include "attn/IR/AttnOps.h"

#include "mlir/Pass/Pass.h"

#include <memory>

namespace mlir {
namespace attn {

#define GEN_PASS_DECL
#include "passes/Raise/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/Raise/Passes.h.inc"

} // namespace attn
} // namespace mlir

#endif // ATTN_PASSES_RAISE_PASSES_H
