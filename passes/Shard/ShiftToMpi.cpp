//===- ShiftToMpi.cpp - shard.shift as MPI send/recv ----------------------===//
#include "passes/Shard/Passes.h"

#include "mlir/Dialect/Shard/IR/ShardOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNSHARDSHIFTTOMPI
#include "passes/Shard/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;

namespace {

LogicalResult lowerShift(shard::ShiftOp op, SymbolTableCollection &symbols) {
  shard::GridOp grid = shard::getGridOrNull(op, op.getGridAttr(), symbols);
  if (!grid || grid.getShape().size() != 1 ||
      ShapedType::isDynamic(grid.getShape()[0]) || !op.getRotate())
    return op.emitOpError()
           << "attn-shard-shift-to-mpi lowers rotations on one-dimensional "
              "grids of static size only";
  auto tensorT = cast<RankedTensorType>(op.getInput().getType());
  if (!tensorT.hasStaticShape())
    return op.emitOpError() << "dynamic shapes are not supported";
  int64_t n = grid.getShape()[0];
  int64_t offset = ((op.getOffset() % n) + n) % n;

  ImplicitLocOpBuilder b(op.getLoc(), op);
  auto memT = MemRefType::get(tensorT.getShape(), tensorT.getElementType());
  Value in = bufferization::ToBufferOp::create(b, memT, op.getInput(),
                                               /*read_only=*/true);
  Value out = memref::AllocOp::create(b, memT);
  // The MPI lowering sends sizes[0] elements of a memref: pass both buffers
  // flattened, as convert-shard-to-mpi does.
  SmallVector<ReassociationIndices> all(1);
  for (int64_t i = 0; i < tensorT.getRank(); ++i)
    all[0].push_back(i);
  Value inFlat = memref::CollapseShapeOp::create(b, in, all);
  Value outFlat = memref::CollapseShapeOp::create(b, out, all);
  Value comm = mpi::CommWorldOp::create(b, mpi::CommType::get(b.getContext()));
  auto rankOp = mpi::CommRankOp::create(b, Type(), b.getI32Type(), comm);
  Value rank = rankOp.getRank();
  auto i32 = [&](int64_t v) -> Value {
    return arith::ConstantIntOp::create(b, b.getI32Type(), v);
  };
  Value nC = i32(n);
  // Rank i receives from i + offset and sends to i - offset (mod n).
  Value upSum = arith::AddIOp::create(b, rank, i32(offset));
  Value src = arith::RemUIOp::create(b, upSum, nC);
  Value downSum = arith::AddIOp::create(b, rank, i32(n - offset));
  Value dest = arith::RemUIOp::create(b, downSum, nC);
  Value tag = i32(0);
  Value parity = arith::RemUIOp::create(b, rank, i32(2));
  Value even = arith::CmpIOp::create(b, arith::CmpIPredicate::eq, parity,
                                     i32(0));
  auto ifOp = scf::IfOp::create(b, TypeRange{}, even, /*withElse=*/true);
  {
    ImplicitLocOpBuilder t = ImplicitLocOpBuilder::atBlockBegin(
        op.getLoc(), &ifOp.getThenRegion().front());
    mpi::SendOp::create(t, Type(), inFlat, tag, dest, comm);
    mpi::RecvOp::create(t, Type(), outFlat, tag, src, comm);
  }
  {
    ImplicitLocOpBuilder e = ImplicitLocOpBuilder::atBlockBegin(
        op.getLoc(), &ifOp.getElseRegion().front());
    mpi::RecvOp::create(e, Type(), outFlat, tag, src, comm);
    mpi::SendOp::create(e, Type(), inFlat, tag, dest, comm);
  }
  Value res = bufferization::ToTensorOp::create(b, tensorT, out,
                                                /*restrict=*/b.getUnitAttr(),
                                                /*writable=*/b.getUnitAttr());
  op.getResult().replaceAllUsesWith(res);
  op.erase();
  return success();
}

struct ShardShiftToMpi
    : public attn::impl::AttnShardShiftToMpiBase<ShardShiftToMpi> {
  void runOnOperation() override {
    SmallVector<shard::ShiftOp> shifts;
    getOperation().walk([&](shard::ShiftOp op) { shifts.push_back(op); });
    SymbolTableCollection symbols;
    for (shard::ShiftOp op : shifts)
      if (failed(lowerShift(op, symbols)))
        return signalPassFailure();
  }
};

} // namespace
