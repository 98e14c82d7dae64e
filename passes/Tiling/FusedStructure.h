//===- FusedStructure.h - the target-neutral fused structure ----*- C++ -*-===//
//
// Builds the fused form of one attn.attention (see FusedStructure.cpp):
// attn.attention's AttentionDecompositionOpInterface model
// (AttentionDecomposition.cpp), which --attn-fuse and the pipelines call.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_TRANSFORMS_FUSEDSTRUCTURE_H
#define ATTN_TRANSFORMS_FUSEDSTRUCTURE_H

#include "passes/Tiling/BlockLists.h"
#include "passes/Tiling/PatternEnv.h"
#include "attn/IR/AttnOps.h"
#include "passes/Tiling/FusedTarget.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"

#include <optional>
#include <string>

namespace mlir {
namespace attn {

/// Why `op` cannot take the fused form, or empty when it can.
std::string unfusableReason(AttentionOp op);

struct ScoreModifiers;

/// Running state of the online softmax for one query tile.
struct State {
  Value m, l, acc; // [Tq], [Tq], [Tq, Dv] f32
};

/// The output rows of one query tile: O [Tq, Dv] (f32) and lse [Tq].
struct TileResult {
  Value out, lse;
};

class FusedBuilder {
public:
  FusedBuilder(AttentionOp op, const FusedTargetOptions &opts);

  /// Builds the whole structure (parallel loop, kv split) at the builder's
  /// insertion point; returns the values that replace the op's results.
  /// Reached through AttentionDecompositionOpInterface.
  FailureOr<SmallVector<Value>> build(OpBuilder &b);

  int64_t queryTile() const { return tq; }
  int64_t keyTile() const { return tk; }

private:
  AttentionOp op;
  Location loc;
  MLIRContext *ctx;
  Type f32, elt, pType;
  bool bshd, prescale;
  int64_t hq, groups, d, dv, tq, tk;
  /// Query heads per query tile: the group size when GQA heads are folded
  /// into the tile's rows (FusedTargetOptions::foldHeadsRows), else 1.
  int64_t fold = 1;
  SparsityAttrInterface pattern;
  FusedTargetOptions opts;
  // Index values computed once, outside the parallel loop.
  Value seqQ, seqKV, batch;
  /// Where the op's rows sit for positions (query_rows) and the diagonal.
  QueryRows rowPos;
  // Run-time pattern values and, for non-monotone patterns, the per query
  // tile lists of key tiles (also built outside the parallel loop).
  PatternEnv env;
  std::optional<BlockLists> lists;
  /// The lists were classified with the mask_mod too: their full tiles
  /// skip it.
  bool maskModTiles = false;

  Value idx(OpBuilder &b, int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v);
  }
  Value fconst(OpBuilder &b, double v) {
    return arith::ConstantOp::create(b, loc, f32, b.getF32FloatAttr(v));
  }
  Value minI(OpBuilder &b, Value x, Value y) {
    return arith::MinSIOp::create(b, loc, x, y);
  }
  Value maxI(OpBuilder &b, Value x, Value y) {
    return arith::MaxSIOp::create(b, loc, x, y);
  }
  Value clamp(OpBuilder &b, Value x, Value lo, Value hi) {
    Value low = maxI(b, x, lo);
    return minI(b, low, hi);
  }
  Value filled(OpBuilder &b, ArrayRef<int64_t> shape, double v);
  State initialState(OpBuilder &b);
  /// Sizes, row positions and pattern values at the current insertion
  /// point.
  void buildSizes(OpBuilder &b);

  /// Slice [rows, width] of Q/K/V at (b, head, row0) in the op's layout,
  /// zero-padded to `padRows` rows when `rows` is not static and the target
  /// pads tiles.
  Value loadTile(OpBuilder &b, Value src, Value bIdx, Value head, Value row0,
                 OpFoldResult rows, int64_t padRows, int64_t width);
  /// The query tile as the steps take it (pre-scaled in f32 or as loaded).
  Value loadQueryTile(OpBuilder &b, Value bIdx, Value h, Value q0,
                      OpFoldResult rows);
  /// The folded query tile [fold * Sq, D]: every row of the `fold` heads
  /// from `h0` on.
  Value loadFoldedQueryTile(OpBuilder &b, Value bIdx, Value h0);
  Value prescaleQuery(OpBuilder &b, Value qTile);
  /// Whether (and how many) query heads fold into one tile.
  int64_t foldedHeads();
  /// `tile` [fold * Sq, ...] as the [fold, Sq, ...] (bhsd, or
  /// `headsFirst`) or [Sq, fold, ...] (bshd) block of its heads.
  Value unfold(OpBuilder &b, Value tile, bool headsFirst);
  /// One attn.online_attention step over the key tile starting at `k0`. A
  /// `partial` tile may cross the pattern's boundary or the end of the
  /// keys: its score region tests bounds and pattern per element. A mask
  /// operand is applied in every tile. `whole` (i1, block tables only): the
  /// block is listed as full, so the pattern is not applied.
  State step(OpBuilder &b, Value qTile, Value bIdx, Value h, Value hk,
             Value q0, Value k0, const State &s, bool partial, Value slope,
             Value whole = nullptr);
  /// Fills the step's score region: modifiers, then the visibility test.
  void buildScoreRegion(OpBuilder &b, OnlineAttentionOp step, Value bIdx,
                        Value h, bool partial, bool boundsTest, Value slope,
                        Value whole);
  /// The op's score_mod (and mask_mod when `maskMod`) for the step's score
  /// region at (bIdx, h, i, j), positions clamped where tiles are padded.
  void setModRegions(OpBuilder &b, Location l, ScoreModifiers &mods,
                     Value bIdx, Value h, Value i, Value j, bool maskMod);
  /// The key blocks of query tile `qt` listed by the op's block table.
  State tableLoops(OpBuilder &b, Value qTile, Value bIdx, Value h, Value hk,
                   Value q0, Value qt, Value slope);
  /// Runs the masked/full/masked key loops over tiles [t0, t1);
  /// `allPartial` masks every tile (patterns without monotone bounds).
  State keyLoops(OpBuilder &b, Value qTile, Value bIdx, Value h, Value hk,
                 Value q0, Value qRows, Value t0, Value t1, Value slope,
                 bool allPartial = false);
  /// The same over the block lists of query tile `qt`: its entries are
  /// divided into `parts` contiguous slices, of which `part` runs here.
  State listLoops(OpBuilder &b, Value qTile, Value bIdx, Value h, Value hk,
                  Value q0, Value qt, Value part, int64_t parts, Value slope);
  /// Visible key-tile ranges of the query rows [q0, q0 + qRows).
  void tileRanges(OpBuilder &b, Value q0, Value qRows, Value &tStart,
                  Value &fullStart, Value &fullEnd, Value &tEnd);
  /// O = acc / l (f32) and lse = m + log l, 0 and -inf for empty rows.
  TileResult finish(OpBuilder &b, const State &s);
  /// Extracts mask/bias element (b, h, i, j) with broadcast and clamping.
  Value extractScoreOperand(OpBuilder &b, Location l, Value operand,
                            Value bIdx, Value h, Value i, Value j);
  /// Number of kv parts per query tile (1: no split).
  int64_t pickSplits();
  /// The parallel loop's mapping attribute for `rank` dims, if any.
  std::optional<ArrayAttr> mappingAttr(int64_t rank);

  // The pieces of build(), in order.
  /// The block table's check, the block lists of non-monotone patterns (or
  /// of any pattern when asked), and the block classes when static.
  std::optional<BlockCounts> planKeyBlocks(OpBuilder &b);
  /// The parallel loop's shared outputs: O (and lse), or the kv parts'.
  SmallVector<Value> sharedOutputs(OpBuilder &b, RankedTensorType outT,
                                   ValueRange outDyn);
  /// One iteration of the parallel loop: the query tile, its key loops and
  /// its finish.
  void buildTile(OpBuilder &b, scf::ForallOp forall);
  /// The tile's rows, rounded to the output type, into the shared outputs.
  void storeTile(OpBuilder &b, scf::ForallOp forall, const TileResult &r,
                 Value bI, Value h, Value part, Value q0, Value qRows);
  /// O and lse of the op: the loop's results, merged when split.
  SmallVector<Value> results(OpBuilder &b, scf::ForallOp forall,
                             RankedTensorType outT, ValueRange outDyn);
  // What build() decided, for its pieces.
  bool table = false, split = false, wantLse = false;
  int64_t parts = 1;
  Value nKT;
};

} // namespace attn
} // namespace mlir

#endif // ATTN_TRANSFORMS_FUSEDSTRUCTURE_H
