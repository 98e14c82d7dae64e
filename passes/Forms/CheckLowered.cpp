//===- CheckLowered.cpp - no attn op may reach code generation ------------===//
#include "attn/IR/AttnOps.h"
#include "passes/Forms/Passes.h"

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNCHECKLOWERED
#include "passes/Forms/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;
using namespace mlir::attn;

namespace {
/// The pass that lowers `op`, for the error message.
StringRef lowererOf(Operation *op) {
  if (isa<AttentionOp>(op))
    return "--attn-fuse or --attn-decompose";
  if (isa<AttentionGradOp>(op))
    return "--attn-decompose";
  if (isa<LinearAttentionOp>(op))
    return "--attn-lower-linear";
  if (isa<BlockScoreOp, BlockSelectOp>(op))
    return "--attn-lower-block-ops";
  if (isa<OnlineAttentionOp>(op))
    return "the target's step lowering (--attn-cpu-lower-step)";
  return "";
}

struct AttnCheckLoweredPass
    : public attn::impl::AttnCheckLoweredBase<AttnCheckLoweredPass> {
  void runOnOperation() override {
    bool failed = false;
    getOperation()->walk([&](Operation *op) {
      if (!isa<AttnDialect>(op->getDialect()) || isa<YieldOp>(op))
        return;
      op->emitError() << "'" << op->getName()
                      << "' was not lowered; it is lowered by "
                      << lowererOf(op)
                      << (isa<AttentionOp, AttentionGradOp>(op)
                              ? " (see the remarks or errors above for why "
                                "they left it)"
                              : "");
      failed = true;
    });
    if (failed)
      signalPassFailure();
  }
};
} // namespace
