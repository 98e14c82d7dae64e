//===- CheckAllocations.cpp - stop cleanly when a heap allocation fails ---===//
//
// --attn-cpu-check-allocations (part of --attn-cpu-pipeline, after
// bufferization): every memref.alloc of at least `min-bytes` (or of dynamic
// size) is followed by a null check that stops the compiled code with the
// message "attn: out of memory" (cf.assert) instead of writing through a
// null pointer. The unfused lowering's score tensors are the allocations
// that fail in practice (B * Hq * Sq * Skv * 4 bytes each).
//
//===----------------------------------------------------------------------===//
#include "passes/CPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNCPUCHECKALLOCATIONS
#include "passes/CPU/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;

namespace {
/// Static size in bytes of `type`, or -1 when it is dynamic or unknown.
int64_t staticBytes(MemRefType type) {
  if (!type.hasStaticShape() || !type.getElementType().isIntOrFloat())
    return -1;
  int64_t bits = type.getElementTypeBitWidth();
  return type.getNumElements() * ((bits + 7) / 8);
}

struct AttnCpuCheckAllocationsPass
    : public attn::impl::AttnCpuCheckAllocationsBase<AttnCpuCheckAllocationsPass> {
  using AttnCpuCheckAllocationsBase::AttnCpuCheckAllocationsBase;
  void runOnOperation() override {
    SmallVector<memref::AllocOp> allocs;
    getOperation()->walk([&](memref::AllocOp a) {
      int64_t bytes = staticBytes(a.getType());
      if (bytes < 0 || bytes >= int64_t(minBytes))
        allocs.push_back(a);
    });
    for (memref::AllocOp a : allocs) {
      OpBuilder b(a->getContext());
      b.setInsertionPointAfter(a);
      Location loc = a.getLoc();
      Value ptr =
          memref::ExtractAlignedPointerAsIndexOp::create(b, loc, a.getResult());
      Value zero = arith::ConstantIndexOp::create(b, loc, 0);
      Value ok =
          arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, ptr, zero);
      cf::AssertOp::create(b, loc, ok,
                           "attn: out of memory (a buffer of the compiled "
                           "code could not be allocated)");
    }
  }
};
} // namespace
