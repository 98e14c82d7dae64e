//===- MaskModBlocks.h - tile classes of a mask_mod at compile time -*- C++ -*-===//
//
// Block sparsity from attn.attention's mask_mod: an interval analysis of
// the region over a box of positions (query rows [i0, i1), keys [j0, j1),
// every batch and head) says whether the region is true everywhere (full),
// false everywhere (empty) or may be either (partial). It follows integer
// arithmetic on the positions, comparisons, boolean logic, selects and
// reads of constant integer tables; anything else leaves it unbounded.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_TILING_MASKMODBLOCKS_H
#define ATTN_TILING_MASKMODBLOCKS_H

#include "attn/IR/AttnOps.h"
#include "passes/Tiling/BlockLists.h"

#include <optional>

namespace mlir {
namespace attn {

/// The class of the (static-size) box for `op`'s mask_mod, or nullopt when
/// the analysis cannot bound the region (then every tile is partial).
/// Batch and head range over the whole op.
std::optional<BlockClass> classifyMaskModBlock(AttentionOp op, int64_t i0,
                                               int64_t i1, int64_t j0,
                                               int64_t j1);

/// Whether the analysis bounds `op`'s mask_mod at all (tried on the whole
/// score space).
bool maskModIsBounded(AttentionOp op);

/// Static block lists of `op` (static sizes, a static pattern or none) for
/// tq x tk tiles: each block's class combines the pattern's and the
/// mask_mod's (empty if either is, full if both are, else partial).
BlockLists buildMaskModBlockLists(OpBuilder &b, Location loc, AttentionOp op,
                                  int64_t tq, int64_t tk);

} // namespace attn
} // namespace mlir

#endif // ATTN_TILING_MASKMODBLOCKS_H
