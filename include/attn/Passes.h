//===- Passes.h - every attn pass and pipeline ------------------*- C++ -*-===//
#ifndef ATTN_PASSES_H
#define ATTN_PASSES_H

#include "passes/CPU/Passes.h"
#include "passes/Forms/Passes.h"
#include "passes/Raise/Passes.h"

namespace mlir {
namespace attn {
/// Registers the attn-* passes and pipelines with the global registry.
void registerPasses();
} // namespace attn
} // namespace mlir

#endif // ATTN_PASSES_H
