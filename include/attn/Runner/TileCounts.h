//===- TileCounts.h - count the key tiles the fused loops visit -*- C++ -*-===//
//
// attn-run --count-tiles: checks what the key loops that --attn-fuse emits
// do, by running them. Every attn.online_attention step is replaced by
// counters in its own running state (m' = 0, l' = l + 1, acc'[:, 0] += 1
// for a step without a score region, i.e. a full tile with no element
// test, acc'[:, 1] += 1 for a step with one, a partial tile); the rest of
// the fused structure is kept, so after its finalization O = acc / l and
// lse = m + log l = log(steps), and O * exp(lse) is, for each query row,
// the number of full and partial key tiles its query tile visited (split-KV
// parts merge into their sum). These are compared with a brute-force class
// of every (batch, head, query tile, key tile) from the float64
// reference's visibility (ref::elementVisible): empty when no (query, key)
// element of the tile is visible, full when all are, partial otherwise;
// key positions past Skv in a boundary tile count as not visible (the
// structure pads those tiles and must mask them).
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_RUNNER_TILECOUNTS_H
#define ATTN_RUNNER_TILECOUNTS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <string>
#include <vector>

namespace mlir {
namespace attn {

/// The tile sizes of the emitted steps (read from their operand types).
struct TileShape {
  int64_t query = 1, key = 1;
  bool anyStep = false; // false: nothing is visited at all
};

/// Checks that `entry` returns the output and lse of one attn.attention
/// without mask, bias, ALiBi or softcap (whose score regions would hide the
/// tile class) and with Dv >= 2, runs --attn-fuse{fuseOptions} on `module`
/// and replaces the entry's steps by the counters.
LogicalResult instrumentTileCounts(ModuleOp module, StringRef entry,
                                   StringRef fuseOptions, TileShape &tiles,
                                   std::string &why);

struct TileCountReport {
  int64_t empty = 0, full = 0, partial = 0; // brute force, over all tiles
  int64_t visitedFull = 0, visitedPartial = 0; // the emitted loops
  int64_t mismatches = 0; // (b, h, query tile) whose counts differ
  std::vector<std::string> firstMismatches;
};

/// Compares the counts in the compiled code's results `out` and `lse` (as
/// float64) with the brute-force classes of the op of `entry` (before
/// fusion) on the argument values `args`.
LogicalResult checkTileCounts(func::FuncOp entry,
                              const std::vector<std::vector<double>> &args,
                              const TileShape &tiles,
                              const std::vector<double> &out,
                              const std::vector<double> &lse,
                              TileCountReport &report, std::string &why);

} // namespace attn
} // namespace mlir

#endif // ATTN_RUNNER_TILECOUNTS_H
