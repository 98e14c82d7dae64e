//===- Attention.h - float64 reference semantics of attn ops ----*- C++ -*-===//
//
// The single executable definition of what attn ops compute, written from
// docs/semantics.md. It has no MLIR or LLVM dependency on purpose: the GPU
// launcher of later work reuses it on machines that have no MLIR.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_REFERENCE_ATTENTION_H
#define ATTN_REFERENCE_ATTENTION_H

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace attn {
namespace ref {

/// Storage layout of Q, K, V and the output.
///   BHSD: [B, H, S, D]   (the default)
///   BSHD: [B, S, H, D]
/// The mask and bias operands are always logically [B, Hq, Sq, Skv].
enum class Layout { BHSD, BSHD };

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
          dilationW = 1;                            // Neighborhood
  int64_t blockQ = 1, blockK = 1, rows = 0, cols = 0; // BlockLayout
  std::vector<uint8_t> layout;                        // rows * cols, 0/1
  std::vector<MaskPattern> children;                  // Union, Intersect
};

/// Everything the float64 evaluator needs to know about one attn.attention.
struct AttentionSpec {
  int64_t batch = 1, headsQ = 1, headsKV = 1;
  int64_t seqQ = 1, seqKV = 1, headDim = 1, headDimV = 1;
  Layout layout = Layout::BHSD;
  double scale = 1.0; // already resolved (default 1/sqrt(D) applied by caller)
  MaskPattern pattern;
  bool hasSoftcap = false;
  double softcap = 0.0;
  /// Optional operands. Shapes are the operand's shape right-aligned and
  /// padded with leading 1s to rank 4: each dim is 1 (broadcast) or full.
  bool hasMask = false;
  std::array<int64_t, 4> maskShape = {1, 1, 1, 1};
  bool hasBias = false;
  std::array<int64_t, 4> biasShape = {1, 1, 1, 1};
  bool hasAlibi = false; // slopes tensor of shape [Hq]
  bool withLse = false;
  /// Document offsets o[0..N] for #attn.documents (non-decreasing, within
  /// [0, seqKV]; validate() checks them).
  std::vector<int64_t> docOffsets;
  /// Block table (BSR) over blocks of blockQ x blockK: for batch b, table
  /// head t = h / (headsQ / tableHeads) and query block r, the visible key
  /// blocks are cols[b, t, n] for n in [rowPtr[b, t, r], rowPtr[b, t, r+1]).
  /// A listed block whose full flag is set is visible whole (the pattern is
  /// not applied there); other listed blocks apply the pattern. The mask
  /// operand applies everywhere.
  bool hasBlockTable = false, hasBlockFull = false;
  int64_t blockQ = 1, blockK = 1, tableHeads = 1, tableNnz = 1;
  std::vector<int64_t> rowPtr; // [batch, tableHeads, ceil(seqQ/blockQ) + 1]
  std::vector<int64_t> cols;   // [batch, tableHeads, tableNnz]
  std::vector<uint8_t> full;   // [batch, tableHeads, tableNnz], if hasBlockFull
};

/// Returns an empty string when `spec` is well formed, otherwise the reason.
std::string validate(const AttentionSpec &spec);

/// Whether the structured pattern lets query i see key j (bottom-right
/// aligned: the diagonal of query i is key i + (Skv - Sq), unless a causal
/// or window pattern says `topLeft`: then it is key i). `docOffsets` is
/// read by #attn.documents only.
bool patternVisible(const MaskPattern &p, int64_t i, int64_t j, int64_t seqQ,
                    int64_t seqKV,
                    const std::vector<int64_t> &docOffsets = {});

/// Returns an empty string when the pattern's parameters are well formed.
std::string validatePattern(const MaskPattern &p);

/// Whether `p` (or a pattern nested in it) is Documents.
bool patternUsesDocuments(const MaskPattern &p);

/// Element counts of each tensor of the op, in the spec's layout.
int64_t queryElements(const AttentionSpec &s);
int64_t keyElements(const AttentionSpec &s);
int64_t valueElements(const AttentionSpec &s);
int64_t outputElements(const AttentionSpec &s);
int64_t lseElements(const AttentionSpec &s); // [B, Hq, Sq]
int64_t maskElements(const AttentionSpec &s);
int64_t biasElements(const AttentionSpec &s);

/// Evaluates the op in float64. Tensors are dense row-major in their
/// documented shapes. `mask` uses one byte per element (non-zero = visible),
/// null pointers for absent operands. `lse` may be null when !withLse.
/// Fully masked rows produce output 0 and lse = -inf.
void attentionForward(const AttentionSpec &spec, const double *q,
                      const double *k, const double *v, const uint8_t *mask,
                      const double *bias, const double *alibiSlopes,
                      double *out, double *lse);

/// The exact flop count the op requires: 2 * (D + Dv) per visible
/// (b, h, i, j) pair, where visibility includes the pattern and the mask
/// operand (masked work is excluded).
uint64_t attentionFlops(const AttentionSpec &spec, const uint8_t *mask);

} // namespace ref
} // namespace attn

#endif // ATTN_REFERENCE_ATTENTION_H
