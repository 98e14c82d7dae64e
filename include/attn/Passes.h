//===- Passes.h - every attn pass and pipeline ------------------*- C++ -*-===//
#ifndef ATTN_PASSES_H
#define ATTN_PASSES_H

#include "attn/Target/CPU/Passes.h"
#include "attn/Transforms/Passes.h"

namespace mlir {
namespace attn {
/// Registers the attn-* passes and pipelines with the global registry.
void registerPasses();
} // namespace attn
} // namespace mlir

#endif // ATTN_PASSES_H
