//===- Passes.h - form choices: how an attn op is computed ------*- C++ -*-===//
//
// Passes that choose a form for attn ops, in target-neutral IR: the unfused
// baseline, the fused tile structure (whose per-tile steps each codegen
// target lowers), block-op and linear-attention lowerings, linearization.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_PASSES_FORMS_PASSES_H
#define ATTN_PASSES_FORMS_PASSES_H

#include "attn/IR/AttnOps.h"
#include "passes/Tiling/FusedTarget.h"

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassOptions.h"

#include <memory>

// --attn-linearize's feature-map lists its values when rejected.
ATTN_ENUM_OPTION(mlir::attn::FeatureMap)

namespace mlir {
class DialectRegistry;
class RewritePatternSet;
namespace attn {

#define GEN_PASS_DECL
#include "passes/Forms/Passes.h.inc"

/// Patterns that rewrite attn.attention into unfused linalg on tensors.
void populateAttnDecomposePatterns(RewritePatternSet &patterns);

/// Patterns that rewrite attn.attention into the fused structure for the
/// target `target` describes (per-tile attn.online_attention steps).
void populateAttnFusePatterns(RewritePatternSet &patterns,
                              const FusedTargetOptions &target);

/// The CPU target description with --attn-fuse's options applied.
FusedTargetOptions fusedTargetFromOptions(const AttnFuseOptions &options);

/// Patterns that lower attn.linear_attention to its O(S) forms
/// (--attn-lower-linear).
void populateAttnLowerLinearPatterns(RewritePatternSet &patterns);

/// attn.block_mask to scf loops on tensors (part of --attn-lower-block-ops).
void populateLowerBlockMaskPatterns(RewritePatternSet &patterns);

#define GEN_PASS_REGISTRATION
#include "passes/Forms/Passes.h.inc"

} // namespace attn
} // namespace mlir

#endif // ATTN_PASSES_FORMS_PASSES_H
