//===- LinalgToCpuLoops.cpp - linalg -> scf loops without nested threads --===//
#include "attn/Target/CPU/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/LoopLikeInterface.h"

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNLINALGTOCPULOOPS
#include "attn/Target/CPU/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;

namespace {
struct AttnLinalgToCpuLoopsPass
    : public attn::impl::AttnLinalgToCpuLoopsBase<AttnLinalgToCpuLoopsPass> {
  void runOnOperation() override {
    SmallVector<linalg::LinalgOp> ops;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (op.hasPureBufferSemantics())
        ops.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::LinalgOp op : ops) {
      // Inside any loop (a parallel one, or a sequential one such as a key
      // loop whose forall folded away) threads would be forked per
      // iteration: stay sequential there.
      bool nested = op->getParentOfType<LoopLikeOpInterface>() != nullptr;
      rewriter.setInsertionPoint(op);
      FailureOr<linalg::LinalgLoops> loops =
          nested ? linalg::linalgOpToLoops(rewriter, op)
                 : linalg::linalgOpToParallelLoops(rewriter, op);
      if (failed(loops)) {
        op->emitOpError("could not be lowered to loops");
        return signalPassFailure();
      }
      rewriter.eraseOp(op);
    }
  }
};
} // namespace
