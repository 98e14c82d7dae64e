//===- StripSharding.cpp - the unpartitioned program of a sharded one ----===//
#include "passes/Shard/Passes.h"

#include "mlir/Dialect/Shard/IR/ShardDialect.h"
#include "mlir/Dialect/Shard/IR/ShardOps.h"

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNSTRIPSHARDING
#include "passes/Shard/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;

namespace {

struct StripSharding
    : public attn::impl::AttnStripShardingBase<StripSharding> {
  void runOnOperation() override {
    SmallVector<Operation *> erase;
    WalkResult walk = getOperation().walk([&](Operation *op) {
      if (auto s = dyn_cast<shard::ShardOp>(op)) {
        s.getResult().replaceAllUsesWith(s.getSrc());
        erase.push_back(op);
        return WalkResult::advance();
      }
      if (isa<shard::ShardingOp, shard::GridOp>(op)) {
        erase.push_back(op);
        return WalkResult::advance();
      }
      if (isa<shard::ShardDialect>(op->getDialect())) {
        op->emitOpError() << "is not a sharding annotation: the function is "
                             "already partitioned";
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();
    // Shard ops first (they use the shardings), then shardings, then grids;
    // split the list before erasing anything (an erased op cannot be asked
    // its kind).
    SmallVector<Operation *> shards, rest;
    for (Operation *op : erase)
      (isa<shard::ShardOp>(op) ? shards : rest).push_back(op);
    for (Operation *op : shards)
      op->erase();
    for (Operation *op : rest)
      op->erase();
  }
};

} // namespace
