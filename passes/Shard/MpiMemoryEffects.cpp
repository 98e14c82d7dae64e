//===- MpiMemoryEffects.cpp - memory effects of the mpi dialect's ops ----===//
//
// MLIR 22's mpi ops that move data declare no memory effects, so the buffer
// deallocation pipeline (which the CPU lowering runs after bufferization)
// refuses them ("ops with unknown memory side effects are not supported")
// once convert-shard-to-mpi has put them into a function. Their effects
// are those of MPI's calls: a send reads its buffer, a receive writes its
// buffer, an all-reduce reads the send buffer and writes the receive one;
// and each writes the default resource, the messages' order.
//
//===----------------------------------------------------------------------===//
#include "passes/Shard/ShardingInterfaceImpl.h"

#include "mlir/Dialect/MPI/IR/MPI.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

using namespace mlir;

namespace {

using Effects =
    SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>;

/// Reads of operand `read` and writes of operand `written` (-1: none).
template <typename OpTy, int read, int written>
struct MpiBufferEffects
    : public MemoryEffectOpInterface::ExternalModel<
          MpiBufferEffects<OpTy, read, written>, OpTy> {
  void getEffects(Operation *op, Effects &effects) const {
    // The message itself: a send whose buffer nobody reads afterwards is
    // not dead, and no two messages swap places.
    effects.emplace_back(MemoryEffects::Write::get());
    if (read >= 0)
      effects.emplace_back(MemoryEffects::Read::get(),
                           &op->getOpOperand(read));
    if (written >= 0)
      effects.emplace_back(MemoryEffects::Write::get(),
                           &op->getOpOperand(written));
  }
};

} // namespace

void mlir::attn::registerMpiMemoryEffectModels(DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, mpi::MPIDialect *) {
    mpi::SendOp::attachInterface<MpiBufferEffects<mpi::SendOp, 0, -1>>(*ctx);
    mpi::ISendOp::attachInterface<MpiBufferEffects<mpi::ISendOp, 0, -1>>(*ctx);
    mpi::RecvOp::attachInterface<MpiBufferEffects<mpi::RecvOp, -1, 0>>(*ctx);
    mpi::IRecvOp::attachInterface<MpiBufferEffects<mpi::IRecvOp, -1, 0>>(*ctx);
    mpi::AllReduceOp::attachInterface<
        MpiBufferEffects<mpi::AllReduceOp, 0, 1>>(*ctx);
  });
}
