//===- LinearAttention.cpp - float64 reference of linear attention --------===//
//
// Transcription of docs/semantics.md, "Linear attention". Clarity over
// speed: features are recomputed where the definition uses them.
//
//===----------------------------------------------------------------------===//

#include "attn/Reference/LinearAttention.h"
#include "attn/Reference/Data.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace attn {
namespace ref {

namespace {

int64_t rowOffset(Layout layout, int64_t b, int64_t h, int64_t s, int64_t H,
                  int64_t S, int64_t D) {
  if (layout == Layout::BHSD)
    return ((b * H + h) * S + s) * D;
  return ((b * S + s) * H + h) * D;
}

double dot(const std::vector<double> &a, const std::vector<double> &b) {
  double r = 0.0;
  for (size_t i = 0; i < a.size(); ++i)
    r += a[i] * b[i];
  return r;
}


} // namespace

const char *featureMapName(FeatureMap m) {
  switch (m) {
  case FeatureMap::Elu1:
    return "elu1";
  case FeatureMap::Relu:
    return "relu";
  case FeatureMap::Identity:
    return "identity";
  case FeatureMap::Cosine:
    return "cosine";
  case FeatureMap::Favor:
    return "favor";
  }
  return "?";
}

int64_t featureDim(const LinearAttentionSpec &s) {
  return s.featureMap == FeatureMap::Favor ? s.numFeatures : s.headDim;
}

std::string validate(const LinearAttentionSpec &s) {
  std::string err = validate(softmaxEquivalent(s));
  if (!err.empty())
    return err;
  if (!(s.scale > 0.0) || !std::isfinite(s.scale))
    return "scale must be positive and finite";
  if (s.featureMap == FeatureMap::Favor && s.numFeatures < 1)
    return "favor needs numFeatures >= 1";
  if (s.normalize && (s.featureMap == FeatureMap::Identity ||
                      s.featureMap == FeatureMap::Cosine))
    return std::string(featureMapName(s.featureMap)) + " has no normalizer";
  if (s.causal && s.seqQ > s.seqKV)
    return "causal needs seqQ <= seqKV";
  if (!s.decay.empty()) {
    if (!s.causal)
      return "decay needs causal";
    if (int64_t(s.decay.size()) != s.headsQ)
      return "decay needs one factor per query head";
    for (double g : s.decay)
      if (!(g > 0.0 && g <= 1.0))
        return "decay factors must be in (0, 1]";
  }
  return "";
}

int64_t queryElements(const LinearAttentionSpec &s) {
  return s.batch * s.headsQ * s.seqQ * s.headDim;
}
int64_t keyElements(const LinearAttentionSpec &s) {
  return s.batch * s.headsKV * s.seqKV * s.headDim;
}
int64_t valueElements(const LinearAttentionSpec &s) {
  return s.batch * s.headsKV * s.seqKV * s.headDimV;
}
int64_t outputElements(const LinearAttentionSpec &s) {
  return s.batch * s.headsQ * s.seqQ * s.headDimV;
}
int64_t projectionElements(const LinearAttentionSpec &s) {
  return s.featureMap == FeatureMap::Favor ? s.headDim * s.numFeatures : 0;
}

void applyFeatureMap(const LinearAttentionSpec &s, const double *x,
                     const double *projection, double *phi,
                     const double *shift, bool isKey) {
  const int64_t D = s.headDim;
  const double r = std::sqrt(s.scale);
  std::vector<double> xs(D);
  double norm2 = 0.0;
  for (int64_t d = 0; d < D; ++d) {
    xs[d] = r * x[d];
    norm2 += xs[d] * xs[d];
  }
  switch (s.featureMap) {
  case FeatureMap::Elu1: // elu(x) + 1 = x + 1 (x > 0), exp(x) (x <= 0)
    for (int64_t d = 0; d < D; ++d)
      phi[d] = xs[d] > 0.0 ? xs[d] + 1.0 : std::exp(xs[d]);
    return;
  case FeatureMap::Relu:
    for (int64_t d = 0; d < D; ++d)
      phi[d] = std::isnan(xs[d]) ? xs[d] : xs[d] > 0.0 ? xs[d] : 0.0;
    return;
  case FeatureMap::Identity:
    for (int64_t d = 0; d < D; ++d)
      phi[d] = xs[d];
    return;
  case FeatureMap::Cosine: { // x / |x|, and 0 for a zero row
    double n = std::sqrt(norm2);
    for (int64_t d = 0; d < D; ++d)
      phi[d] = n == 0.0 ? 0.0 : xs[d] / n; // a NaN norm propagates
    return;
  }
  case FeatureMap::Favor: {
    const int64_t M = s.numFeatures;
    const double inv = 1.0 / std::sqrt(double(M));
    favorExponents(s, x, projection, phi);
    if (!shift) {
      for (int64_t m = 0; m < M; ++m)
        phi[m] = std::exp(phi[m]) * inv;
      return;
    }
    // Keys: exp(t_r - T_r); queries: exp(t_r + T_r - max_r'(t_r' + T_r')).
    // A -inf exponent gives exp(-inf) = 0 even against a -inf shift or row
    // maximum; a NaN exponent makes the query's maximum, and so its row,
    // NaN.
    double rowMax = -std::numeric_limits<double>::infinity();
    for (int64_t m = 0; m < M && !isKey; ++m) {
      phi[m] += shift[m];
      rowMax = std::isnan(phi[m]) || std::isnan(rowMax)
                   ? std::numeric_limits<double>::quiet_NaN()
                   : std::max(rowMax, phi[m]);
    }
    if (isKey) {
      favorKeyFeatures(s, phi, shift, phi);
      return;
    }
    for (int64_t m = 0; m < M; ++m)
      phi[m] = phi[m] == -std::numeric_limits<double>::infinity()
                   ? 0.0
                   : std::exp(phi[m] - rowMax) * inv;
    return;
  }
  }
}

void favorKeyFeatures(const LinearAttentionSpec &s, const double *t,
                      const double *shift, double *phi) {
  const int64_t M = s.numFeatures;
  const double inv = 1.0 / std::sqrt(double(M));
  for (int64_t m = 0; m < M; ++m)
    phi[m] = t[m] == -std::numeric_limits<double>::infinity()
                 ? 0.0
                 : std::exp(t[m] - shift[m]) * inv;
}

void favorExponents(const LinearAttentionSpec &s, const double *x,
                    const double *projection, double *t) {
  const int64_t D = s.headDim, M = s.numFeatures;
  const double r = std::sqrt(s.scale);
  double norm2 = 0.0;
  for (int64_t d = 0; d < D; ++d)
    norm2 += r * x[d] * r * x[d];
  for (int64_t m = 0; m < M; ++m) {
    double u = 0.0;
    for (int64_t d = 0; d < D; ++d)
      u += projection[d * M + m] * r * x[d];
    t[m] = u - 0.5 * norm2;
  }
}

bool favorStabilized(const LinearAttentionSpec &s) {
  return s.featureMap == FeatureMap::Favor && s.normalize;
}

std::vector<double> favorKeyShift(const LinearAttentionSpec &s,
                                  const double *k, const double *projection,
                                  int64_t b, int64_t g) {
  if (!favorStabilized(s))
    return {};
  const int64_t D = s.headDim, M = s.numFeatures;
  std::vector<double> best(size_t(M), -std::numeric_limits<double>::infinity());
  std::vector<double> t(static_cast<size_t>(M));
  for (int64_t j = 0; j < s.seqKV; ++j) {
    favorExponents(s, k + rowOffset(s.layout, b, g, j, s.headsKV, s.seqKV, D),
                   projection, t.data());
    for (int64_t m = 0; m < M; ++m) // a NaN exponent is not a maximum
      if (t[size_t(m)] > best[size_t(m)])
        best[size_t(m)] = t[size_t(m)];
  }
  return best;
}

void linearAttentionForward(const LinearAttentionSpec &s, const double *q,
                            const double *k, const double *v,
                            const double *projection, double *out) {
  const int64_t B = s.batch, Hq = s.headsQ, Hkv = s.headsKV;
  const int64_t Sq = s.seqQ, Skv = s.seqKV, D = s.headDim, Dv = s.headDimV;
  const int64_t Dp = featureDim(s), group = Hq / Hkv, o = Skv - Sq;
  std::vector<double> phiQ(Dp), acc(Dv);
  std::vector<std::vector<double>> phiK(Skv, std::vector<double>(Dp));

  for (int64_t b = 0; b < B; ++b) {
    for (int64_t h = 0; h < Hq; ++h) {
      const int64_t g = h / group;
      // Stabilized favor: the shift of row i is the maximum over exactly
      // the keys it sees (all, or with causal j <= i + o), so the largest
      // term of every row is 1 / M; the key features follow the shift.
      const bool stabilized = favorStabilized(s);
      std::vector<double> T(size_t(Dp), -std::numeric_limits<double>::infinity());
      std::vector<std::vector<double>> tk;
      if (stabilized) {
        tk.assign(size_t(Skv), std::vector<double>(size_t(Dp)));
        for (int64_t j = 0; j < Skv; ++j)
          favorExponents(s, k + rowOffset(s.layout, b, g, j, Hkv, Skv, D),
                         projection, tk[j].data());
      } else {
        for (int64_t j = 0; j < Skv; ++j)
          applyFeatureMap(s, k + rowOffset(s.layout, b, g, j, Hkv, Skv, D),
                          projection, phiK[j].data());
      }
      int64_t seen = 0; // keys in T
      for (int64_t i = 0; i < Sq; ++i) {
        const int64_t last = s.causal ? i + o : Skv - 1; // bottom-right
        if (stabilized && seen <= last) {
          for (; seen <= last; ++seen)
            for (int64_t m = 0; m < Dp; ++m) // NaN is not a maximum
              if (tk[seen][m] > T[m])
                T[m] = tk[seen][m];
          for (int64_t j = 0; j <= last; ++j)
            favorKeyFeatures(s, tk[j].data(), T.data(), phiK[j].data());
        }
        applyFeatureMap(s, q + rowOffset(s.layout, b, h, i, Hq, Sq, D),
                        projection, phiQ.data(),
                        stabilized ? T.data() : nullptr);
        double den = 0.0;
        for (int64_t e = 0; e < Dv; ++e)
          acc[e] = 0.0;
        for (int64_t j = 0; j <= last; ++j) {
          double w = dot(phiQ, phiK[j]);
          if (!s.decay.empty())
            w *= std::pow(s.decay[h], double(i + o - j));
          den += w;
          const double *vj = v + rowOffset(s.layout, b, g, j, Hkv, Skv, Dv);
          for (int64_t e = 0; e < Dv; ++e)
            acc[e] += w * vj[e];
        }
        double *oi = out + rowOffset(s.layout, b, h, i, Hq, Sq, Dv);
        for (int64_t e = 0; e < Dv; ++e)
          oi[e] = !s.normalize ? acc[e] : den != 0.0 ? acc[e] / den : 0.0;
      }
    }
  }
}

void linearAttentionRecurrent(const LinearAttentionSpec &s, const double *q,
                              const double *k, const double *v,
                              const double *projection, double *out) {
  const int64_t B = s.batch, Hq = s.headsQ, Hkv = s.headsKV;
  const int64_t Sq = s.seqQ, Skv = s.seqKV, D = s.headDim, Dv = s.headDimV;
  const int64_t Dp = featureDim(s), group = Hq / Hkv, o = Skv - Sq;
  std::vector<double> phi(Dp), state(Dp * Dv), z(Dp);

  // O_i = phi(q_i)^T S / phi(q_i)^T z with the state after key step t.
  std::vector<double> T;
  auto emit = [&](int64_t b, int64_t h, int64_t i) {
    applyFeatureMap(s, q + rowOffset(s.layout, b, h, i, Hq, Sq, D), projection,
                    phi.data(), T.empty() ? nullptr : T.data());
    double den = 0.0;
    for (int64_t p = 0; p < Dp; ++p)
      den += phi[p] * z[p];
    double *oi = out + rowOffset(s.layout, b, h, i, Hq, Sq, Dv);
    for (int64_t e = 0; e < Dv; ++e) {
      double num = 0.0;
      for (int64_t p = 0; p < Dp; ++p)
        num += phi[p] * state[p * Dv + e];
      oi[e] = !s.normalize ? num : den != 0.0 ? num / den : 0.0;
    }
  };

  for (int64_t b = 0; b < B; ++b) {
    for (int64_t h = 0; h < Hq; ++h) {
      const int64_t g = h / group;
      const double gamma = s.decay.empty() ? 1.0 : s.decay[h];
      std::fill(state.begin(), state.end(), 0.0);
      std::fill(z.begin(), z.end(), 0.0);
      T = favorKeyShift(s, k, projection, b, g);
      for (int64_t t = 0; t < Skv; ++t) {
        applyFeatureMap(s, k + rowOffset(s.layout, b, g, t, Hkv, Skv, D),
                        projection, phi.data(), T.empty() ? nullptr : T.data(),
                        /*isKey=*/true);
        const double *vt = v + rowOffset(s.layout, b, g, t, Hkv, Skv, Dv);
        for (int64_t p = 0; p < Dp; ++p) {
          z[p] = gamma * z[p] + phi[p];
          for (int64_t e = 0; e < Dv; ++e)
            state[p * Dv + e] = gamma * state[p * Dv + e] + phi[p] * vt[e];
        }
        // Causal: query i reads the state after key i + o.
        if (s.causal && t - o >= 0)
          emit(b, h, t - o);
      }
      if (!s.causal)
        for (int64_t i = 0; i < Sq; ++i)
          emit(b, h, i);
    }
  }
}

uint64_t linearAttentionFlops(const LinearAttentionSpec &s, int64_t chunk) {
  const uint64_t Dp = uint64_t(featureDim(s)), Dv1 = uint64_t(s.headDimV) + 1;
  const uint64_t B = uint64_t(s.batch), Hq = uint64_t(s.headsQ);
  uint64_t flops = 0;
  if (!s.causal) {
    flops += 2 * Dp * Dv1 * B * uint64_t(s.headsKV) * uint64_t(s.seqKV);
    flops += 2 * Dp * Dv1 * B * Hq * uint64_t(s.seqQ);
  } else {
    const uint64_t C = uint64_t(chunk < 1 ? 1 : chunk);
    const uint64_t chunks = (uint64_t(s.seqQ) + C - 1) / C;
    const uint64_t prefix = (uint64_t(s.seqKV - s.seqQ) + C - 1) / C;
    const uint64_t perChunk = 2 * C * C * Dp + 2 * C * C * Dv1 + 4 * C * Dp * Dv1;
    flops += B * Hq * (chunks * perChunk + prefix * 2 * C * Dp * Dv1);
  }
  if (s.featureMap == FeatureMap::Favor)
    flops += 2 * uint64_t(s.headDim) * Dp * B *
             (Hq * uint64_t(s.seqQ) + uint64_t(s.headsKV) * uint64_t(s.seqKV));
  return flops;
}

AttentionSpec softmaxEquivalent(const LinearAttentionSpec &s) {
  AttentionSpec a;
  a.batch = s.batch;
  a.headsQ = s.headsQ;
  a.headsKV = s.headsKV;
  a.seqQ = s.seqQ;
  a.seqKV = s.seqKV;
  a.headDim = s.headDim;
  a.headDimV = s.headDimV;
  a.layout = s.layout;
  a.scale = s.scale;
  if (s.causal)
    a.pattern.kind = PatternKind::Causal;
  return a;
}


} // namespace ref
} // namespace attn
