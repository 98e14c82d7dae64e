//===- AttentionGrad.cpp - float64 gradients of attn.attention ------------===//
//
// docs/semantics.md, "Gradients", one row (b, h, i) at a time:
//   P_ij = exp(S_ij - lse_i)      D_i = sum_e dO_ie O_ie
//   dS_ij = P_ij (dO_i . V_j - D_i)
//   dQ_i += dS_ij s'_ij K_j,  dK_j += dS_ij s'_ij Q_i,  dV_j += P_ij dO_i
// with s'_ij the derivative of the modified score in q.k (scale, softcap).
// K/V head g = h / (Hq / Hkv) accumulates over the query heads reading it.
//
//===----------------------------------------------------------------------===//

#include "attn/Reference/Attention.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace attn {
namespace ref {

void attentionBackward(const AttentionSpec &s, const double *q, const double *k,
                       const double *v, const double *o, const double *lse,
                       const double *dout, const uint8_t *mask,
                       const double *bias, const double *alibiSlopes,
                       double *dq, double *dk, double *dv) {
  const double negInf = -std::numeric_limits<double>::infinity();
  const int64_t B = s.batch, Hq = s.headsQ, Hkv = s.headsKV;
  const int64_t Sq = s.seqQ, Skv = s.seqKV, D = s.headDim, Dv = s.headDimV;
  const int64_t group = Hq / Hkv;
  std::fill(dq, dq + queryElements(s), 0.0);
  std::fill(dk, dk + keyElements(s), 0.0);
  std::fill(dv, dv + valueElements(s), 0.0);

  for (int64_t b = 0; b < B; ++b)
    for (int64_t h = 0; h < Hq; ++h) {
      const int64_t g = h / group;
      for (int64_t i = 0; i < Sq; ++i) {
        double l = lse[(b * Hq + h) * Sq + i];
        if (l == negInf)
          continue; // fully masked row: P = 0 everywhere
        const double *qi = q + rowOffsetOf(s, b, h, i, Hq, Sq, D);
        const double *oi = o + rowOffsetOf(s, b, h, i, Hq, Sq, Dv);
        const double *doi = dout + rowOffsetOf(s, b, h, i, Hq, Sq, Dv);
        double *dqi = dq + rowOffsetOf(s, b, h, i, Hq, Sq, D);
        double rowDot = 0.0; // D_i
        for (int64_t e = 0; e < Dv; ++e)
          rowDot += doi[e] * oi[e];
        for (int64_t j = 0; j < Skv; ++j) {
          if (!elementVisible(s, mask, b, h, i, j))
            continue;
          double slope = 0.0;
          double sc =
              modifiedScore(s, qi, k, bias, alibiSlopes, b, h, i, j, &slope);
          if (sc == negInf)
            continue; // takes no part, as in the forward
          double p = std::exp(sc - l);
          const double *kj = k + rowOffsetOf(s, b, g, j, Hkv, Skv, D);
          const double *vj = v + rowOffsetOf(s, b, g, j, Hkv, Skv, Dv);
          double *dkj = dk + rowOffsetOf(s, b, g, j, Hkv, Skv, D);
          double *dvj = dv + rowOffsetOf(s, b, g, j, Hkv, Skv, Dv);
          double dp = 0.0;
          for (int64_t e = 0; e < Dv; ++e) {
            dp += doi[e] * vj[e];
            dvj[e] += p * doi[e];
          }
          double ds = p * (dp - rowDot) * slope; // d loss / d (q.k)
          for (int64_t d = 0; d < D; ++d) {
            dqi[d] += ds * kj[d];
            dkj[d] += ds * qi[d];
          }
        }
      }
    }
}

} // namespace ref
} // namespace attn
