//===- FusedTargetOptions.h - a target's description of the fused form -*- C++ -*-===//
//
// The fused (FlashAttention) lowering builds one target-neutral structure:
// a parallel loop over (batch, head, query tile), key-tile loops that skip
// empty tiles and run full tiles unmasked, block lists and tables, split-KV
// with its LSE merge, and an attn.online_attention step per key tile. The
// choices that differ between targets are made here, in one description per
// target, never by constants inside the builder (docs/targets.md).
//
// A plain struct in the dialect because the dialect's
// AttentionDecompositionOpInterface takes it from the caller; the builder
// that reads it and the targets' descriptions (cpuFusedTarget) stay in
// passes/ (passes/Tiling/FusedTarget.h).
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_IR_FUSEDTARGETOPTIONS_H
#define ATTN_IR_FUSEDTARGETOPTIONS_H

#include <cstdint>

namespace mlir {
namespace attn {

/// Whether to split each query tile's key range into parts run in
/// parallel (flash-decoding), merged through their LSE.
enum class SplitKVMode { Auto, Always, Never };
/// How patterns whose visible keys are not one interval per row visit their
/// key tiles: `Auto` (monotone patterns by loop bounds, static ones from
/// compile-time lists, others from run-time lists), `Static`, `Runtime`.
enum class BlockListMode { Auto, Static, Runtime };
/// The mapping attribute the parallel (b, h, query tile[, kv part]) loop
/// carries: none (CPU threads) or GPU thread blocks.
enum class ParallelMapping { None, GpuBlock };
/// Layout of the key tile handed to the step: [Tk, D] or [D, Tk].
enum class KeyLayout { RowMajor, Transposed };

/// One codegen target's description of the fused form.
struct FusedTargetOptions {
  /// Tile sizes for ops without a `tiling` attribute.
  int64_t queryTile = 64, keyTile = 64;
  /// Parallel units the split-KV heuristic fills (CPU threads, SMs).
  /// Never read from the compiling machine: the IR depends only on the
  /// input and the options.
  int64_t parallelUnits = 8;
  SplitKVMode split = SplitKVMode::Auto;
  /// Parts per query tile when splitting (0: from parallelUnits).
  int64_t kvSplits = 0;
  BlockListMode blockLists = BlockListMode::Auto;
  ParallelMapping mapping = ParallelMapping::None;
  KeyLayout keyLayout = KeyLayout::RowMajor;
  /// Multiply Q by the scale once per query tile (in f32) instead of
  /// scaling every score in the step.
  bool prescaleQuery = true;
  /// Boundary tiles padded to the static tile size (masked by the step's
  /// score region) rather than passed with their dynamic size.
  bool padTiles = true;
  /// Round P to the inputs' element type before P V when they are 16-bit
  /// (tensor cores, bf16 dot products); else P V uses f32 P.
  bool lowPrecisionP = false;
  /// GQA with few query rows (decode): when the G query heads of a kv head
  /// times Sq fit in this many rows, one query tile holds them all, so each
  /// K/V tile is read once per group instead of once per head (0: never).
  /// Only for ops without a pattern, mask, bias, ALiBi or block table.
  int64_t foldHeadsRows = 0;
};

} // namespace attn
} // namespace mlir

#endif // ATTN_IR_FUSEDTARGETOPTIONS_H
