//===- BlockOps.h - float64 reference of block scoring and selection -*- C++ -*-===//
//
// Definitions of attn.block_score and attn.block_select (docs/semantics.md,
// "Block scores" and "Block selection"), MLIR-free like Attention.h.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_REFERENCE_BLOCKOPS_H
#define ATTN_REFERENCE_BLOCKOPS_H

#include "attn/Reference/ModProgram.h"

#include <cstdint>
#include <string>
#include <vector>

namespace attn {
namespace ref {

struct BlockScoreSpec {
  int64_t batch = 1, headsQ = 1, headsKV = 1, seqQ = 1, seqKV = 1, headDim = 1;
  int64_t blockQ = 1, blockK = 1, stride = 1; // stride 1 = mean_pool
  double scale = 1.0;
  bool causal = false;
};

/// q [B, Hq, Sq, D], k [B, Hkv, Skv, D] -> scores [B, Hq, nQB, nKB].
void blockScore(const BlockScoreSpec &s, const double *q, const double *k,
                std::vector<double> &scores);

struct BlockSelectSpec {
  int64_t batch = 1, heads = 1, rows = 1, cols = 1;
  int64_t topK = -1;       // >= 0: top-k selection
  double threshold = -1.0; // >= 0: cumulative threshold selection
  bool keepDiagonal = false, keepSink = false;
  int64_t local = 0;
};

/// scores [B, H, R, C] -> rowPtr [B, H, R + 1], cols [B, H, R * C] (-1 past
/// the last row).
void blockSelect(const BlockSelectSpec &s, const double *scores,
                 std::vector<double> &rowPtr, std::vector<double> &cols);

/// attn.block_mask (docs/semantics.md, "Block masks"): the block table of
/// `mask` (a mask_mod program) over tables [batch, tables], query heads
/// [t * headsPerTable, (t + 1) * headsPerTable).
struct BlockMaskSpec {
  int64_t batch = 1, tables = 1, headsPerTable = 1, seqQ = 1, seqKV = 1;
  int64_t blockQ = 1, blockK = 1;
};

void blockMask(const BlockMaskSpec &s, const ModProgram &mask,
               std::vector<double> &rowPtr, std::vector<double> &cols,
               std::vector<double> &full);

} // namespace ref
} // namespace attn

#endif // ATTN_REFERENCE_BLOCKOPS_H
