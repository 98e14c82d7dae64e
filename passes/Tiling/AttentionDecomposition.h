//===- AttentionDecomposition.h - attn.attention's decomposition -*- C++ -*-===//
#ifndef ATTN_PASSES_TILING_ATTENTIONDECOMPOSITION_H
#define ATTN_PASSES_TILING_ATTENTIONDECOMPOSITION_H

namespace mlir {
class DialectRegistry;
namespace attn {

/// Attaches attn.attention's AttentionDecompositionOpInterface model: the
/// fused structure (FusedBuilder) for the caller's FusedTargetOptions.
void registerDecompositionExternalModels(DialectRegistry &registry);

} // namespace attn
} // namespace mlir

#endif // ATTN_PASSES_TILING_ATTENTIONDECOMPOSITION_H
