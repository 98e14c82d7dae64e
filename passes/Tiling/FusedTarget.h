//===- FusedTarget.h - the targets' descriptions of the fused form -*- C++ -*-===//
//
// FusedTargetOptions (the struct) lives in the dialect, whose decomposition
// interface takes it; the descriptions of the targets and the options'
// command-line parsing are here.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_TRANSFORMS_FUSEDTARGET_H
#define ATTN_TRANSFORMS_FUSEDTARGET_H

#include "attn/IR/FusedTargetOptions.h"

#include "attn/Support/EnumOption.h"

namespace mlir {
namespace attn {

/// The CPU's description: 64 x 64 tiles (a 16 KiB f32 score tile that stays
/// in L1 with its K/V tiles for D <= 128), Q pre-scaled in f32, padded
/// tiles, 8 threads assumed for split-KV unless told, GQA heads folded into
/// one tile up to 16 rows.
FusedTargetOptions cpuFusedTarget();

} // namespace attn
} // namespace mlir

// --attn-fuse's options of these types list their values when rejected.
ATTN_ENUM_OPTION(mlir::attn::SplitKVMode)
ATTN_ENUM_OPTION(mlir::attn::BlockListMode)
ATTN_ENUM_OPTION(mlir::attn::ParallelMapping)
ATTN_ENUM_OPTION(mlir::attn::KeyLayout)

#endif // ATTN_TRANSFORMS_FUSEDTARGET_H
