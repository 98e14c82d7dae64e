//===- Attention.h - float64 reference semantics of attn ops ----*- C++ -*-===//
//
// The single executable definition of what attn ops compute, written from
// docs/semantics.md. It has no MLIR or LLVM dependency on purpose: the GPU
// launcher of later work reuses it on machines that have no MLIR.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_REFERENCE_ATTENTION_H
#define ATTN_REFERENCE_ATTENTION_H

#include "attn/Reference/MaskPattern.h"
#include "attn/Reference/ModProgram.h"

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
  /// query_rows(start, total): the op's rows are rows [rowStart, rowStart +
  /// seqQ) of a query of rowTotal rows (rowTotal = 0: the whole query,
  /// rowStart 0). The pattern and ALiBi see row rowStart + i and the
  /// diagonal offset seqKV - rowTotal; mask, bias, the output and lse are
  /// indexed by the op's own rows. Not with a block table.
  int64_t rowStart = 0, rowTotal = 0;
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
  /// The score_mod and mask_mod regions (absent unless present()): after
  /// ALiBi, score_mod(s, b, h, i, j) replaces the score; mask_mod(b, h, i,
  /// j) = 0 hides the key, as the mask operand does.
  ModProgram scoreMod, maskMod;
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

/// Whether query i of head h, batch b sees key j: the block table, the
/// structured pattern, the mask operand (one byte per element, or null
/// to leave it out) and mask_mod, as attentionForward applies them.
bool elementVisible(const AttentionSpec &spec, const uint8_t *mask, int64_t b,
                    int64_t h, int64_t i, int64_t j);

/// The modified score of query i (row `qi`) against key j for head h,
/// batch b: scale * q.k, softcap, bias, ALiBi (steps 1-4 of the semantics;
/// visibility is the caller's). `slope`, when not null, receives the
/// derivative of the score with respect to q.k (scale times the softcap's
/// derivative), which the gradients use.
double modifiedScore(const AttentionSpec &spec, const double *qi,
                     const double *k, const double *bias,
                     const double *alibiSlopes, int64_t b, int64_t h,
                     int64_t i, int64_t j, double *slope = nullptr);
/// Offset of row (b, h, i) of a [B, heads, seq, dim] tensor (Q, K, V, O)
/// in the spec's layout.
int64_t rowOffsetOf(const AttentionSpec &spec, int64_t b, int64_t h, int64_t i,
                    int64_t heads, int64_t seq, int64_t dim);
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

/// The gradients of attention (docs/semantics.md, "Gradients") in float64:
/// dq, dk, dv (shapes of q, k, v) from the forward's operands, its output
/// `o` and log-sum-exp `lse` ([B, Hq, Sq]), and the output gradient `dout`.
/// P is recomputed as exp(S - lse); rows with lse = -inf add nothing.
void attentionBackward(const AttentionSpec &spec, const double *q,
                       const double *k, const double *v, const double *o,
                       const double *lse, const double *dout,
                       const uint8_t *mask, const double *bias,
                       const double *alibiSlopes, double *dq, double *dk,
                       double *dv);
/// The exact flop count the op requires: 2 * (D + Dv) per visible
/// (b, h, i, j) pair, where visibility includes the pattern and the mask
/// operand (masked work is excluded).
uint64_t attentionFlops(const AttentionSpec &spec, const uint8_t *mask);

} // namespace ref
} // namespace attn

#endif // ATTN_REFERENCE_ATTENTION_H
