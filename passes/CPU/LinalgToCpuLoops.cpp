//===- LinalgToCpuLoops.cpp - linalg -> scf loops without nested threads --===//
#include "passes/CPU/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/LoopLikeInterface.h"

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNCPULINALGTOLOOPS
#include "passes/CPU/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;

namespace {
struct AttnCpuLinalgToLoopsPass
    : public attn::impl::AttnCpuLinalgToLoopsBase<AttnCpuLinalgToLoopsPass> {
  void runOnOperation() override {
    IRRewriter rewriter(&getContext());
    // A copy between buffers that are not both contiguous becomes a call
    // to the generic element-by-element memrefCopy runtime; inside loops
    // (a ragged query tile, every tile) a plain loop nest is much faster.
    auto contiguous = [](Type t) {
      auto m = dyn_cast<MemRefType>(t);
      return m && (m.getLayout().isIdentity() ||
                   (m.hasStaticShape() && m.getNumElements() > 0 &&
                    memref::isStaticShapeAndContiguousRowMajor(m)));
    };
    SmallVector<memref::CopyOp> copies;
    getOperation()->walk([&](memref::CopyOp c) {
      // Bufferization leaves copies of a tile onto itself (an in-place
      // update inserted back into the same slice).
      if (c.getSource() == c.getTarget()) {
        copies.push_back(c);
        return;
      }
      if (c->getParentOfType<LoopLikeOpInterface>() &&
          isa<MemRefType>(c.getSource().getType()) &&
          isa<MemRefType>(c.getTarget().getType()) &&
          !(contiguous(c.getSource().getType()) &&
            contiguous(c.getTarget().getType())))
        copies.push_back(c);
    });
    for (memref::CopyOp c : copies) {
      if (c.getSource() == c.getTarget()) {
        rewriter.eraseOp(c);
        continue;
      }
      rewriter.setInsertionPoint(c);
      linalg::CopyOp::create(rewriter, c.getLoc(), ValueRange{c.getSource()},
                             ValueRange{c.getTarget()});
      rewriter.eraseOp(c);
    }
    SmallVector<linalg::LinalgOp> ops;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (op.hasPureBufferSemantics())
        ops.push_back(op);
    });
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
