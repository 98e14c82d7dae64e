//===- Passes.h - target-neutral attn passes --------------------*- C++ -*-===//
//
// Passes that take attn ops to target-neutral IR: the unfused baseline, the
// fused tile structure (whose per-tile steps each codegen target lowers),
// block-op and linear-attention lowerings, linearization.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_TRANSFORMS_PASSES_H
#define ATTN_TRANSFORMS_PASSES_H

#include "attn/Transforms/FusedTarget.h"

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassOptions.h"

#include <memory>

namespace mlir {
class DialectRegistry;
class RewritePatternSet;
namespace attn {

#define GEN_PASS_DECL
#include "attn/Transforms/Passes.h.inc"

/// Patterns that rewrite attn.attention into unfused linalg on tensors.
void populateAttnDecomposePatterns(RewritePatternSet &patterns);

/// Patterns that rewrite attn.attention into the fused structure for the
/// target `target` describes (per-tile attn.online_attention steps).
void populateAttnFusePatterns(RewritePatternSet &patterns,
                              const FusedTargetOptions &target);

/// The CPU target description with --attn-fuse's options applied.
FusedTargetOptions fusedTargetFromOptions(const AttnFuseOptions &options);

/// attn.attention's TilingInterface: (b, h, q) parallel, kv reduction; a
/// tile of one (batch, head) and a block of query rows becomes the fused
/// query-tile body (attn.online_attention steps over the keys).
void registerTilingInterfaceExternalModels(DialectRegistry &registry);

/// Patterns that lower attn.linear_attention to its O(S) forms
/// (--attn-lower-linear).
void populateAttnLowerLinearPatterns(RewritePatternSet &patterns);

#define GEN_PASS_REGISTRATION
#include "attn/Transforms/Passes.h.inc"

} // namespace attn
} // namespace mlir

#endif // ATTN_TRANSFORMS_PASSES_H
