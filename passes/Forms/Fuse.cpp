//===- Fuse.cpp - attn.attention -> the fused online-softmax form ---------===//
//
// --attn-fuse: builds the target-neutral fused structure (FusedStructure.cpp)
// for the target the options describe, through attn.attention's
// AttentionDecompositionOpInterface; the per-tile attn.online_attention
// steps are left for the target's codegen to lower.
//
//===----------------------------------------------------------------------===//
#include "attn/IR/AttnOps.h"
#include "passes/Tiling/AttentionDecomposition.h"
#include "passes/Tiling/FusedStructure.h"
#include "passes/Forms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNFUSE
#include "passes/Forms/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;
using namespace mlir::attn;

FusedTargetOptions mlir::attn::cpuFusedTarget() {
  FusedTargetOptions t;
  // Decode with GQA: up to 16 rows (one vector of query lanes) per tile.
  t.foldHeadsRows = 16;
  return t;
}

namespace {
struct FuseAttention : OpRewritePattern<AttentionOp> {
  FuseAttention(MLIRContext *ctx, const FusedTargetOptions &opts)
      : OpRewritePattern(ctx), opts(opts) {}
  LogicalResult matchAndRewrite(AttentionOp op,
                                PatternRewriter &rewriter) const override {
    // Ops the fused form cannot take are left to --attn-decompose.
    std::string reason = unfusableReason(op);
    if (!reason.empty())
      return rewriter.notifyMatchFailure(op, reason);
    auto decomposable =
        dyn_cast<AttentionDecompositionOpInterface>(op.getOperation());
    if (!decomposable)
      return op.emitOpError("has no decomposition model (register the attn "
                            "dialect with attn::registerDialects)");
    FailureOr<SmallVector<Value>> results =
        decomposable.decomposeOperation(rewriter, opts);
    if (failed(results))
      return failure();
    rewriter.replaceOp(op, *results);
    return success();
  }
  FusedTargetOptions opts;
};

struct AttnFusePass : public attn::impl::AttnFuseBase<AttnFusePass> {
  using AttnFuseBase::AttnFuseBase;
  void getDependentDialects(DialectRegistry &registry) const override {
    AttnFuseBase::getDependentDialects(registry);
    // The decomposition model, for hosts that load the dialect alone.
    registerDecompositionExternalModels(registry);
  }
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    AttnFuseOptions o;
    o.queryTile = queryTile;
    o.keyTile = keyTile;
    o.splitKV = splitKV;
    o.kvSplits = kvSplits;
    o.numThreads = numThreads;
    o.bf16Dot = bf16Dot;
    o.blockLists = blockLists;
    o.mapping = mapping;
    o.keyLayout = keyLayout;
    o.prescaleQuery = prescaleQuery;
    o.padTiles = padTiles;
    populateAttnFusePatterns(patterns, fusedTargetFromOptions(o));
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};
} // namespace

FusedTargetOptions
mlir::attn::fusedTargetFromOptions(const AttnFuseOptions &o) {
  FusedTargetOptions t = cpuFusedTarget();
  if (o.queryTile > 0)
    t.queryTile = o.queryTile;
  if (o.keyTile > 0)
    t.keyTile = o.keyTile;
  if (o.numThreads > 0)
    t.parallelUnits = o.numThreads;
  if (o.foldHeads > 0)
    t.foldHeadsRows = o.foldHeads;
  t.split = o.splitKV;
  t.kvSplits = o.kvSplits;
  t.blockLists = o.blockLists;
  t.mapping = o.mapping;
  t.keyLayout = o.keyLayout;
  t.padTiles = o.padTiles;
  // bf16 dot products and tensor cores take P in the inputs' 16-bit type and
  // Q unscaled (scaling a 16-bit Q would round it twice).
  t.lowPrecisionP = o.bf16Dot;
  t.prescaleQuery = o.prescaleQuery;
  return t;
}

void mlir::attn::populateAttnFusePatterns(RewritePatternSet &patterns,
                                          const FusedTargetOptions &target) {
  patterns.add<FuseAttention>(patterns.getContext(), target);
}
