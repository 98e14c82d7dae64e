//===- Passes.td - attn.attention in the shard dialect -----*- tablegen -*-===//
#ifndef ATTN_PASSES_SHARD_PASSES_TD
#define ATTN_PASSES_SHARD_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttnStripSharding : Pass<"attn-strip-sharding", "::mlir::ModuleOp"> {
  let summary = "Drop shard annotations and grids: the unpartitioned program";
  let description = [{
    Replaces every `shard.shard` by its operand and erases `shard.sharding`
    and `shard.grid` ops: the function a sharded one computes, on whole
    tensors in one process (what the float64 reference evaluates). Fails
    on shard ops that are not annotations (collectives: the function is
    already partitioned).
  }];
}

def AttnMpiImplementation : Pass<"attn-mpi-implementation",
                                 "::mlir::ModuleOp"> {
  let summary = "Name the MPI library the mpi dialect lowers for";
  let description = [{
    Sets the module's `dlti.map` entry "MPI:Implementation", which the
    mpi dialect's lowering to LLVM (convert-to-llvm) reads to pick the ABI
    (handle types and constants) of MPICH or Open MPI. Keeps an existing
    entry.
  }];
  let options = [
    Option<"implementation", "name", "std::string", "\"MPICH\"",
           "MPICH or OpenMPI">
  ];
  let dependentDialects = ["::mlir::DLTIDialect"];
}

def AttnShardShiftToMpi : Pass<"attn-shard-shift-to-mpi",
                               "::mlir::ModuleOp"> {
  let summary = "Lower shard.shift (the ring's rotation) to MPI send/recv";
  let description = [{
    MLIR 22's convert-shard-to-mpi does not lower `shard.shift`. This pass
    does, for rotations on one-dimensional grids: rank i sends its block to
    rank i - offset and receives the block of rank i + offset (mod N), with
    blocking `mpi.send`/`mpi.recv` ordered by rank parity so that no cycle
    of sends waits (even ranks send first, odd ranks receive first). Run it
    before convert-shard-to-mpi. Other shifts are an error.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::mpi::MPIDialect",
    "::mlir::scf::SCFDialect"
  ];
}

#endif // ATTN_PASSES_SHARD_PASSES_TD
