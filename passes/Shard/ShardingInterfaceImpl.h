//===- ShardingInterfaceImpl.h - attn.attention in the shard dialect --*- C++ -*-===//
#ifndef ATTN_PASSES_SHARD_SHARDINGINTERFACEIMPL_H
#define ATTN_PASSES_SHARD_SHARDINGINTERFACEIMPL_H

namespace mlir {
class DialectRegistry;
namespace attn {

/// attn.attention's upstream ShardingInterface (mlir/Dialect/Shard), so that
/// `sharding-propagation` and `shard-partition` partition it: batch, heads,
/// query rows and Dv split with no communication; keys split into local
/// partial results merged across ranks by their log-sum-exp.
void registerShardingInterfaceExternalModels(DialectRegistry &registry);

/// Memory effects of the mpi ops that read or write buffers (send, recv,
/// allreduce), which MLIR 22 leaves undeclared, so that functions lowered by
/// convert-shard-to-mpi go through buffer deallocation.
void registerMpiMemoryEffectModels(DialectRegistry &registry);

} // namespace attn
} // namespace mlir

#endif // ATTN_PASSES_SHARD_SHARDINGINTERFACEIMPL_H
