//===- LinearAttention.h - float64 reference of linear attention -*- C++ -*-===//
//
// The executable definition of attn.linear_attention (docs/semantics.md,
// "Linear attention"), MLIR-free like the rest of lib/Reference. Two
// independent evaluators: the quadratic form written from the definition
// (every weight w_ij formed explicitly) and the step-by-step recurrence
// S_t = g S_{t-1} + phi(k_t) v_t^T, z_t = g z_{t-1} + phi(k_t). They share
// only the feature map, so each checks the other's masking and decay.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_REFERENCE_LINEARATTENTION_H
#define ATTN_REFERENCE_LINEARATTENTION_H

#include "attn/Reference/Attention.h"

#include <cstdint>
#include <string>
#include <vector>

namespace attn {
namespace ref {

enum class FeatureMap { Elu1, Relu, Identity, Cosine, Favor };

const char *featureMapName(FeatureMap m);

struct LinearAttentionSpec {
  int64_t batch = 1, headsQ = 1, headsKV = 1;
  int64_t seqQ = 1, seqKV = 1, headDim = 1, headDimV = 1;
  Layout layout = Layout::BHSD;
  FeatureMap featureMap = FeatureMap::Elu1;
  int64_t numFeatures = 0; // M, the projection's columns (favor only)
  double scale = 1.0;      // resolved; q and k are scaled by sqrt(scale)
  bool normalize = true;
  bool causal = false;
  std::vector<double> decay; // empty, or one factor in (0, 1] per query head
};

/// Empty when `spec` is well formed, otherwise the reason.
std::string validate(const LinearAttentionSpec &spec);

/// D' = length of phi(x): M for favor, D otherwise.
int64_t featureDim(const LinearAttentionSpec &spec);

/// Element counts, in the spec's layout (projection: [D, M]).
int64_t queryElements(const LinearAttentionSpec &s);
int64_t keyElements(const LinearAttentionSpec &s);
int64_t valueElements(const LinearAttentionSpec &s);
int64_t outputElements(const LinearAttentionSpec &s);
int64_t projectionElements(const LinearAttentionSpec &s);

/// phi(sqrt(scale) * x) for one row x of length D into `phi` (length D').
/// `projection` is [D, M] row-major (favor only, else unused).
/// favor with `shift` (M values T_r, normalized favor only): keys use
/// exp(t_r - T_r), queries exp(t_r + T_r - max_r'(t_r' + T_r')) (the
/// stabilizers of docs/semantics.md, "FAVOR+ stabilizers").
void applyFeatureMap(const LinearAttentionSpec &s, const double *x,
                     const double *projection, double *phi,
                     const double *shift = nullptr, bool isKey = false);

/// favor's exponents t_r = (W^T x')_r - |x'|^2 / 2 of one row (M values).
void favorExponents(const LinearAttentionSpec &s, const double *x,
                    const double *projection, double *t);
/// Stabilized key features exp(t_r - T_r) / sqrt(M) from the exponents `t`
/// (0 for an exponent of -inf); `phi` may be `t`.
void favorKeyFeatures(const LinearAttentionSpec &s, const double *t,
                      const double *shift, double *phi);

/// Whether favor features are stabilized (normalized favor).
bool favorStabilized(const LinearAttentionSpec &s);
/// T_r = max over the keys of (b, kv head g) of t_r, for each of the M
/// features; NaN exponents are not maxima (a NaN key reaches the rows that
/// see it through its own features only).
std::vector<double> favorKeyShift(const LinearAttentionSpec &s,
                                  const double *k, const double *projection,
                                  int64_t b, int64_t g);

/// The quadratic form: for every (b, h, i), w_ij = phi(q_i) . phi(k_j) *
/// g^(i + Skv - Sq - j) over the visible j, O_i = sum w v / sum w (0 when the
/// sum is 0) or sum w v. `projection` may be null unless favor.
void linearAttentionForward(const LinearAttentionSpec &s, const double *q,
                            const double *k, const double *v,
                            const double *projection, double *out);

/// The recurrent form, one key step at a time (a second, independent path).
void linearAttentionRecurrent(const LinearAttentionSpec &s, const double *q,
                              const double *k, const double *v,
                              const double *projection, double *out);

/// Work of the O(S) forms, counted as the lowering executes it:
/// non-causal: 2 D' (Dv + 1) per key row and kv head (state and
/// normalizer) plus the same per query row and query head; causal, chunk
/// `chunk` (whole chunks, every (b, Hq)): per chunk 2 C^2 D' (scores)
/// + 2 C^2 (Dv + 1) (scores times values and row sums) + 4 C D' (Dv + 1)
/// (reading and updating the carried state), over ceil(Sq / C) chunks plus
/// ceil((Skv - Sq) / C) state-only chunks of the prefix. favor adds 2 D M
/// per query and key row for phi.
uint64_t linearAttentionFlops(const LinearAttentionSpec &s, int64_t chunk);

/// The softmax attention with the same Q, K, V, layout, scale and causal
/// mask (no decay): what --compare=softmax measures against.
AttentionSpec softmaxEquivalent(const LinearAttentionSpec &s);

/// FAVOR+ random features: a [D, M] row-major matrix whose columns w_r are
/// N(0, I) samples, or (orthogonal) blocks of D mutually orthogonal
/// directions, each scaled by the norm of an independent N(0, I_D) sample
/// (so that every column still has the Gaussian's length distribution).
/// Deterministic for a seed.
std::vector<double> favorProjection(int64_t headDim, int64_t numFeatures,
                                    uint64_t seed, bool orthogonal = true);

} // namespace ref
} // namespace attn

#endif // ATTN_REFERENCE_LINEARATTENTION_H
