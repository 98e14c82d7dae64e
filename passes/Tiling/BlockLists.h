//===- BlockLists.h - per query tile lists of non-empty key tiles -*- C++ -*-===//
//
// For sparsity patterns whose visible keys are not one monotone interval
// per row (dilated windows, sinks + windows, neighborhoods, block layouts,
// unions), the fused lowering visits, per query tile, a list of key tiles:
// first the full ones (no element mask), then the partial ones. Static
// patterns with static sizes get the lists as constants classified at
// compile time; otherwise they are built at run time, once per call, in
// O(number of blocks), before the parallel loop (shared by every head).
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_PASSES_BLOCKLISTS_H
#define ATTN_PASSES_BLOCKLISTS_H

#include "attn/IR/AttnOps.h"
#include "passes/Tiling/PatternEnv.h"

namespace mlir {
namespace attn {

/// Numbers of (query tile, key tile) blocks of each class.
struct BlockCounts {
  int64_t empty = 0, full = 0, partial = 0;
};

/// Counts the blocks of `pattern` (static, with static sizes) for tiles
/// tq x tk with the pattern's own classifyBlock.
BlockCounts countBlocks(SparsityAttrInterface pattern, int64_t sq, int64_t skv,
                        int64_t tq, int64_t tk);

/// The lists. Static: CSR constants rowPtr [nQT + 1], fullEnd [nQT], cols
/// [nnz] (i32). Run time: a dense [nQT * nKT] i32 table per query tile, full
/// entries from the front (nFull [nQT]) and partial from the back (nPart).
struct BlockLists {
  bool isStatic = true;
  Value rowPtr, fullEnd, cols;
  Value nFull, nPart, nKT;
  BlockCounts counts; // static lists only
};

/// Classifies every block at compile time and emits the constants; the
/// ragged last key tile (Skv % tk != 0) always goes to the partial list, as
/// partial steps also mask keys past Skv.
BlockLists buildStaticBlockLists(OpBuilder &b, Location loc,
                                 SparsityAttrInterface pattern, int64_t sq,
                                 int64_t skv, int64_t tq, int64_t tk);

/// The class of the block of query rows [q0, q1) and keys [k0, k1).
using BlockClassifier =
    function_ref<BlockClass(int64_t q0, int64_t q1, int64_t k0, int64_t k1)>;

/// The same with any classifier (a pattern's, a mask_mod's, both).
BlockLists buildStaticBlockLists(OpBuilder &b, Location loc,
                                 BlockClassifier classify, int64_t sq,
                                 int64_t skv, int64_t tq, int64_t tk);

/// Emits the run-time construction of the lists from buildBlockClass;
/// `rows` places the op's rows (query_rows) for the pattern.
BlockLists buildRuntimeBlockLists(OpBuilder &b, Location loc,
                                  SparsityAttrInterface pattern,
                                  const PatternEnv &env, Value seqQ,
                                  Value seqKV, const QueryRows &rows,
                                  int64_t tq, int64_t tk);

/// Entry ranges of query tile `qt`: full entries [fullLo, fullHi) and
/// partial entries [partLo, partHi) of `cols`.
void listRanges(OpBuilder &b, Location loc, const BlockLists &lists, Value qt,
                Value &fullLo, Value &fullHi, Value &partLo, Value &partHi);

/// Key tile index of entry `n` (an index value).
Value listTile(OpBuilder &b, Location loc, const BlockLists &lists, Value n);

/// One online-softmax step over the key tile at `k0`: state (m, l, acc) in,
/// state out. `partial` steps test bounds and the pattern per element;
/// `whole` (i1 or null) marks a block-table block listed as full, where the
/// pattern is not applied.
using KeyStep = function_ref<SmallVector<Value>(
    OpBuilder &, Location, Value k0, ValueRange state, bool partial,
    Value whole)>;

/// The key loops of query tile `qt` over its lists: full entries, then
/// partial ones (tagged attn.key_tiles and attn.block_list). With
/// `parts` > 1, part `part` runs a contiguous slice of full ++ partial.
SmallVector<Value> buildListLoops(OpBuilder &b, Location loc,
                                  const BlockLists &lists, Value qt,
                                  Value part, int64_t parts, int64_t tk,
                                  ValueRange init, KeyStep step);

/// The query rows of a block-table loop and what its pattern (null: none)
/// needs to classify a listed block.
struct TableRows {
  SparsityAttrInterface pattern;
  Value q0, q1, offset;
  const PatternEnv &env;
};

/// The key loop of (b, h, query block qt) over the op's block table
/// (attn.key_tiles = "table"): a listed block runs the unmasked step when it
/// is visible whole (flagged full, or no pattern, or the pattern covers it)
/// and inside the keys, the masked one otherwise, and none when the pattern
/// leaves it empty.
SmallVector<Value> buildTableLoops(OpBuilder &b, Location loc, AttentionOp op,
                                   Value bIdx, Value h, int64_t hq, Value qt,
                                   Value seqKV, int64_t tk,
                                   const TableRows &rows, ValueRange init,
                                   KeyStep step);

} // namespace attn
} // namespace mlir

#endif // ATTN_PASSES_BLOCKLISTS_H
