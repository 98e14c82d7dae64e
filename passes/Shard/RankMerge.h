//===- RankMerge.h - IR of attn.attention's partitioned form ----*- C++ -*-===//
#ifndef ATTN_PASSES_SHARD_RANKMERGE_H
#define ATTN_PASSES_SHARD_RANKMERGE_H

#include "attn/IR/AttnOps.h"

#include "mlir/Dialect/Shard/IR/ShardOps.h"
#include "mlir/IR/ImplicitLocOpBuilder.h"

namespace mlir {
namespace attn {

/// Merges each rank's normalized output `oLoc` (the op's layout and element
/// type) and its f32 log-sum-exp `lseLoc` [B, Hq, Sq] across the ranks of
/// `axes` of `grid` by the LSE rule: m = all-reduce max of lse, w = exp(lse
/// - m), O = all-reduce sum(w O) / all-reduce sum(w), lse = m + log sum(w).
/// Rows no rank saw stay 0 / -inf. Returns the merged (O, lse).
std::pair<Value, Value> buildRankMerge(ImplicitLocOpBuilder &b, Value oLoc,
                                       Value lseLoc, bool bshd,
                                       StringRef grid,
                                       ArrayRef<shard::GridAxis> axes);

/// Merges two normalized partial results of the same query rows over
/// disjoint keys, (o1, l1) and (o2, l2) (the op's layout; l f32
/// [B, Hq, Sq]), by the LSE rule within one rank; the output in f32.
std::pair<Value, Value> buildPairMerge(ImplicitLocOpBuilder &b, Value o1,
                                       Value l1, Value o2, Value l2,
                                       bool bshd);

/// `v` converted to the element type `elt` (truncated or extended).
Value buildConvert(ImplicitLocOpBuilder &b, Value v, Type elt);

/// The op's sparsity pattern for this rank's block of the score matrix, as
/// an i1 mask [1, 1, sqLoc, skvLoc]: local row i and key j are the global
/// row q0 + i and key k0 + j of the unsharded [seqQ, seqKV] problem.
Value buildLocalPatternMask(ImplicitLocOpBuilder &b,
                            SparsityAttrInterface pattern, int64_t seqQ,
                            int64_t seqKV, int64_t sqLoc, int64_t skvLoc,
                            Value q0, Value k0);

/// Ring attention for query rows and keys split over grid axis `axis`:
/// N steps; at step s this rank holds the keys of rank (r + s) mod N, runs
/// `step(k, v, mask)` (-> normalized output, f32 lse) with `mask(q0, k0)`
/// (null: no pattern) and merges it into the running result; K and V then
/// rotate one rank (shard.shift). Returns this rank's (O, lse).
std::pair<Value, Value> buildRing(
    ImplicitLocOpBuilder &b, shard::GridOp grid, shard::GridAxis axis,
    int64_t sqLoc, int64_t skvLoc, bool bshd, Value k, Value v,
    function_ref<Value(Value, Value)> mask,
    function_ref<std::pair<Value, Value>(Value, Value, Value)> step);

} // namespace attn
} // namespace mlir

#endif // ATTN_PASSES_SHARD_RANKMERGE_H
