//===- MaskPattern.h - structured mask patterns, as parameters --*- C++ -*-===//
//
// The parameters of the op's `sparsity` attribute, shared by the float64
// reference (which evaluates them) and the GPU kernel description (which
// carries them to attn-gpu-run). Its own library (AttnMaskPattern), MLIR-free
// and without the evaluator, so the kernel description links only this.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_REFERENCE_MASKPATTERN_H
#define ATTN_REFERENCE_MASKPATTERN_H

#include <cstdint>
#include <string>
#include <vector>

namespace attn {
namespace ref {

/// Structured mask patterns (the op's `sparsity` attribute); see
/// docs/semantics.md for each definition.
enum class PatternKind {
  None,
  Causal,
  SlidingWindow,
  DilatedWindow, // left, right, dilation
  Global,        // keys, queries
  Neighborhood,  // height, width, kernelH/W, dilationH/W
  BlockLayout,   // blockQ, blockK, rows, cols, layout
  Documents,     // offsets from AttentionSpec::docOffsets
  Union,         // children
  Intersect      // children
};

struct MaskPattern {
  PatternKind kind = PatternKind::None;
  int64_t left = 0;  // windows: keys up to `left` (x dilation) before p
  int64_t right = 0; // windows: keys up to `right` (x dilation) after p
  int64_t dilation = 1;
  /// Causal and windows: the diagonal of query i is key i (top-left, as
  /// PyTorch's is_causal) instead of i + (Skv - Sq) (bottom-right).
  bool topLeft = false;
  int64_t keys = 0, queries = 0; // Global
  int64_t height = 0, width = 0, kernelH = 1, kernelW = 1, dilationH = 1,
          dilationW = 1;                              // Neighborhood
  int64_t blockQ = 1, blockK = 1, rows = 0, cols = 0; // BlockLayout
  std::vector<uint8_t> layout;                        // rows * cols, 0/1
  std::vector<MaskPattern> children;                  // Union, Intersect
};

/// Returns an empty string when the pattern's parameters are well formed.
std::string validatePattern(const MaskPattern &p);

/// Whether `p` (or a pattern nested in it) is Documents.
bool patternUsesDocuments(const MaskPattern &p);

} // namespace ref
} // namespace attn

#endif // ATTN_REFERENCE_MASKPATTERN_H
