//===- AttentionDecomposition.cpp - attn.attention's decomposition model --===//
//
// attn.attention's AttentionDecompositionOpInterface (the dialect declares
// it; this library, which holds the fused structure, implements it): the
// online-attention decomposition for the target description the caller
// passes. --attn-fuse, the CPU and the NVGPU pipelines all decompose through
// it, and a tiled attn.attention (TilingInterface) decomposes the same way.
//
//===----------------------------------------------------------------------===//
#include "passes/Tiling/AttentionDecomposition.h"
#include "attn/IR/AttnOps.h"
#include "passes/Tiling/FusedStructure.h"

#include "mlir/IR/DialectRegistry.h"

using namespace mlir;
using namespace mlir::attn;

namespace {
struct AttentionDecomposition
    : public AttentionDecompositionOpInterface::ExternalModel<
          AttentionDecomposition, AttentionOp> {
  FailureOr<SmallVector<Value>>
  decomposeOperation(Operation *op, OpBuilder &b,
                     const FusedTargetOptions &target) const {
    auto a = cast<AttentionOp>(op);
    std::string reason = unfusableReason(a);
    if (!reason.empty())
      return a.emitOpError("cannot take the fused form: ") << reason;
    return FusedBuilder(a, target).build(b);
  }
};
} // namespace

void mlir::attn::registerDecompositionExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, AttnDialect *) {
    AttentionOp::attachInterface<AttentionDecomposition>(*ctx);
  });
}
