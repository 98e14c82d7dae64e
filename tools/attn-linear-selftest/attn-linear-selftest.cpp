//===- attn-linear-selftest.cpp - tests of the linear-attention reference -===//
//
// Hand-computed cases of lib/Reference/LinearAttention (every expected
// value worked out from docs/semantics.md), then the two independent
// evaluators (quadratic definition and step-by-step recurrence) against
// each other over the whole option matrix, the FAVOR+ projection helper,
// and FAVOR+ approaching softmax as the feature count grows.
//
//===----------------------------------------------------------------------===//

#include "attn/Reference/Data.h"
#include "attn/Reference/LinearAttention.h"

#include <cmath>
#include <cstdio>
#include <vector>

using namespace attn::ref;

namespace {

int checks = 0, failures = 0;

void check(bool cond, const char *what, int line) {
  ++checks;
  if (!cond) {
    ++failures;
    std::printf("FAIL (line %d): %s\n", line, what);
  }
}
#define CHECK(cond) check((cond), #cond, __LINE__)

bool near(double a, double b, double tol = 1e-12) {
  return std::fabs(a - b) <= tol * (1.0 + std::fabs(b));
}

LinearAttentionSpec spec(FeatureMap m, int64_t s, int64_t d, int64_t dv) {
  LinearAttentionSpec r;
  r.featureMap = m;
  r.seqQ = r.seqKV = s;
  r.headDim = d;
  r.headDimV = dv;
  r.scale = 1.0;
  r.normalize = m == FeatureMap::Elu1 || m == FeatureMap::Relu ||
                m == FeatureMap::Favor;
  return r;
}

std::vector<double> forward(const LinearAttentionSpec &s,
                            const std::vector<double> &q,
                            const std::vector<double> &k,
                            const std::vector<double> &v,
                            const std::vector<double> &p = {}) {
  std::vector<double> o(size_t(outputElements(s)), NAN);
  linearAttentionForward(s, q.data(), k.data(), v.data(),
                         p.empty() ? nullptr : p.data(), o.data());
  return o;
}

std::vector<double> recurrent(const LinearAttentionSpec &s,
                              const std::vector<double> &q,
                              const std::vector<double> &k,
                              const std::vector<double> &v,
                              const std::vector<double> &p = {}) {
  std::vector<double> o(size_t(outputElements(s)), NAN);
  linearAttentionRecurrent(s, q.data(), k.data(), v.data(),
                           p.empty() ? nullptr : p.data(), o.data());
  return o;
}

void testHandComputed() {
  // identity, no normalizer, D = Dv = 1: O_i = q_i sum_j k_j v_j.
  auto s = spec(FeatureMap::Identity, 2, 1, 1);
  std::vector<double> q = {1, 2}, k = {3, 4}, v = {5, 6};
  auto o = forward(s, q, k, v);
  CHECK(near(o[0], 39) && near(o[1], 78)); // 3*5 + 4*6 = 39
  s.causal = true;                         // O_0 = 15, O_1 = 2 * 39
  o = forward(s, q, k, v);
  CHECK(near(o[0], 15) && near(o[1], 78));
  s.decay = {0.5}; // O_1 = 2 * (0.5 * 15 + 24) = 63
  o = forward(s, q, k, v);
  CHECK(near(o[0], 15) && near(o[1], 63));
  o = recurrent(s, q, k, v);
  CHECK(near(o[0], 15) && near(o[1], 63));
  s.scale = 4.0; // q and k each scaled by 2: weights x4
  o = forward(s, q, k, v);
  CHECK(near(o[0], 60) && near(o[1], 252));

  // Causal with Skv > Sq: query 0 sits at key position 1 (bottom-right).
  s = spec(FeatureMap::Identity, 1, 1, 1);
  s.seqKV = 2, s.causal = true, s.decay = {0.5};
  o = forward(s, {1}, k, v); // 0.5 * 3 * 5 + 4 * 6 = 31.5
  CHECK(near(o[0], 31.5));

  // relu, normalized, D = 2: phi(q) = [1, 0], phi(k0) = [2, 0],
  // phi(k1) = [0, 3]: w = (2, 0), O = 10.
  s = spec(FeatureMap::Relu, 1, 2, 1);
  s.seqKV = 2;
  o = forward(s, {1, -1}, {2, 0, -1, 3}, {10, 20});
  CHECK(near(o[0], 10));
  // phi(q) = 0: zero normalizer gives 0, not NaN.
  o = forward(s, {-1, -1}, {2, 0, -1, 3}, {10, 20});
  CHECK(o[0] == 0.0);

  // elu1: phi(0.5) = 1.5, phi(-1) = e^-1; D = 1, one key, normalized:
  // O = v whatever the weight; unnormalized O = 1.5 * e^-1 * v.
  s = spec(FeatureMap::Elu1, 1, 1, 1);
  double phi[1];
  double x = -1.0;
  applyFeatureMap(s, &x, nullptr, phi);
  CHECK(near(phi[0], std::exp(-1.0)));
  x = 0.5;
  applyFeatureMap(s, &x, nullptr, phi);
  CHECK(near(phi[0], 1.5));
  o = forward(s, {0.5}, {-1}, {7});
  CHECK(near(o[0], 7));
  s.normalize = false;
  o = forward(s, {0.5}, {-1}, {7});
  CHECK(near(o[0], 1.5 * std::exp(-1.0) * 7));

  // cosine: [3, 4] -> [0.6, 0.8], [0, 2] -> [0, 1]; w = 0.8; zero row -> 0.
  s = spec(FeatureMap::Cosine, 1, 2, 1);
  o = forward(s, {3, 4}, {0, 2}, {5});
  CHECK(near(o[0], 4));
  o = forward(s, {0, 0}, {0, 2}, {5});
  CHECK(o[0] == 0.0);

  // favor, D = M = 1, W = [[0.5]], scale = 1: phi(x) = exp(0.5 x - x^2/2).
  s = spec(FeatureMap::Favor, 1, 1, 1);
  s.numFeatures = 1;
  std::vector<double> w = {0.5};
  x = 2.0;
  applyFeatureMap(s, &x, w.data(), phi);
  CHECK(near(phi[0], std::exp(1.0 - 2.0)));

  // GQA: Hq = 2, Hkv = 1, identity D = Dv = 1, Sq = Skv = 1: head h reads
  // kv head 0: O = q_h * k * v.
  s = spec(FeatureMap::Identity, 1, 1, 1);
  s.headsQ = 2;
  o = forward(s, {1, 3}, {2}, {5});
  CHECK(near(o[0], 10) && near(o[1], 30));
  // bshd with B = 1, S = 2, H = 2: q[b, s, h]; per-head sums.
  s = spec(FeatureMap::Identity, 2, 1, 1);
  s.headsQ = s.headsKV = 2, s.layout = Layout::BSHD;
  // head 0: q = (1, 1), k = (1, 2), v = (1, 1) -> 3; head 1: q = (1, 1),
  // k = (3, 4), v = (1, 2) -> 11.
  o = forward(s, {1, 1, 1, 1}, {1, 3, 2, 4}, {1, 1, 1, 2});
  CHECK(near(o[0], 3) && near(o[1], 11) && near(o[2], 3) && near(o[3], 11));
}

/// The two evaluators agree over the option matrix on random inputs.
void testQuadraticEqualsRecurrent() {
  Rng rng(42);
  auto rand = [&](int64_t n) {
    std::vector<double> r(static_cast<size_t>(n));
    for (double &x : r)
      x = 2.0 * rng.uniform() - 1.0;
    return r;
  };
  const FeatureMap maps[] = {FeatureMap::Elu1, FeatureMap::Relu,
                             FeatureMap::Identity, FeatureMap::Cosine,
                             FeatureMap::Favor};
  int compared = 0;
  for (FeatureMap m : maps)
    for (int causal = 0; causal < 2; ++causal)
      for (int dec = 0; dec < 2; ++dec)
        for (int norm = 0; norm < 2; ++norm)
          for (int shape = 0; shape < 2; ++shape) {
            if (dec && !causal)
              continue;
            LinearAttentionSpec s = spec(m, 7, 5, 3);
            s.normalize = norm;
            if (norm && (m == FeatureMap::Identity || m == FeatureMap::Cosine))
              continue;
            s.causal = causal;
            s.batch = 2, s.headsQ = 4, s.headsKV = 2;
            if (shape) { // bshd, Skv > Sq
              s.layout = Layout::BSHD;
              s.seqQ = 5, s.seqKV = 9;
            }
            s.scale = 0.7;
            s.numFeatures = 6;
            if (dec)
              s.decay = {0.9, 1.0, 0.5, 0.75};
            CHECK(validate(s).empty());
            auto q = rand(queryElements(s)), k = rand(keyElements(s)),
                 v = rand(valueElements(s));
            auto p = favorProjection(s.headDim, 6, 3);
            auto a = forward(s, q, k, v, p), b = recurrent(s, q, k, v, p);
            bool ok = a.size() == b.size();
            for (size_t i = 0; ok && i < a.size(); ++i)
              ok = near(a[i], b[i], 1e-10);
            if (!ok)
              std::printf("mismatch: %s causal=%d decay=%d norm=%d shape=%d\n",
                          featureMapName(m), causal, dec, norm, shape);
            CHECK(ok);
            ++compared;
          }
  CHECK(compared == 3 * 12 + 2 * 6); // normalized maps 12 cases, others 6
}

void testProjection() {
  auto a = favorProjection(8, 20, 5), b = favorProjection(8, 20, 5),
       c = favorProjection(8, 20, 6);
  CHECK(a == b && a != c && a.size() == 160);
  // Columns within one block of D are orthogonal.
  auto col = [&](int m, int n) {
    double r = 0;
    for (int d = 0; d < 8; ++d)
      r += a[d * 20 + m] * a[d * 20 + n];
    return r;
  };
  CHECK(std::fabs(col(0, 1)) < 1e-9 && std::fabs(col(3, 7)) < 1e-9 &&
        std::fabs(col(8, 15)) < 1e-9 && std::fabs(col(16, 19)) < 1e-9);
  // Gaussian scale: E[w^2] = 1 per entry.
  auto big = favorProjection(16, 4096, 1);
  double m2 = 0;
  for (double x : big)
    m2 += x * x;
  m2 /= double(big.size());
  CHECK(m2 > 0.95 && m2 < 1.05);
  auto iid = favorProjection(16, 4096, 1, /*orthogonal=*/false);
  m2 = 0;
  for (double x : iid)
    m2 += x * x;
  m2 /= double(iid.size());
  CHECK(m2 > 0.95 && m2 < 1.05);
}

/// FAVOR+ error against exact softmax falls as M grows (fixed seeds).
void testFavorConverges() {
  LinearAttentionSpec s = spec(FeatureMap::Favor, 64, 16, 16);
  s.scale = 1.0 / 4.0;
  Rng rng(9);
  auto rand = [&](int64_t n) {
    std::vector<double> r(static_cast<size_t>(n));
    for (double &x : r)
      x = 2.0 * rng.uniform() - 1.0;
    return r;
  };
  auto q = rand(queryElements(s)), k = rand(keyElements(s)),
       v = rand(valueElements(s));
  AttentionSpec soft = softmaxEquivalent(s);
  std::vector<double> exact(size_t(outputElements(s)));
  attentionForward(soft, q.data(), k.data(), v.data(), nullptr, nullptr,
                   nullptr, exact.data(), nullptr);
  double prev = 1e300;
  for (int64_t m : {64, 256, 1024, 4096}) {
    s.numFeatures = m;
    auto p = favorProjection(16, m, 11);
    auto o = forward(s, q, k, v, p);
    double d2 = 0, r2 = 0;
    for (size_t i = 0; i < o.size(); ++i) {
      d2 += (o[i] - exact[i]) * (o[i] - exact[i]);
      r2 += exact[i] * exact[i];
    }
    double err = std::sqrt(d2 / r2);
    std::printf("favor M=%lld rel_l2 vs softmax %.4g\n", (long long)m, err);
    CHECK(err < prev);
    prev = err;
  }
}

void testValidateAndFlops() {
  auto s = spec(FeatureMap::Identity, 4, 2, 2);
  CHECK(validate(s).empty());
  s.normalize = true;
  CHECK(!validate(s).empty());
  s = spec(FeatureMap::Elu1, 4, 2, 2);
  s.decay = {0.5};
  CHECK(!validate(s).empty()); // decay needs causal
  s.causal = true;
  CHECK(validate(s).empty());
  s.decay = {1.5};
  CHECK(!validate(s).empty());
  s.decay = {0.5, 0.5};
  CHECK(!validate(s).empty()); // one per query head
  s = spec(FeatureMap::Favor, 4, 2, 2);
  CHECK(!validate(s).empty()); // no features
  s.numFeatures = 3;
  CHECK(validate(s).empty());
  s.scale = 0.0;
  CHECK(!validate(s).empty());
  s = spec(FeatureMap::Relu, 4, 2, 2);
  s.seqKV = 3, s.causal = true;
  CHECK(!validate(s).empty()); // Sq > Skv

  // Non-causal, B = 1, H = 1, S = 4, D' = 2, Dv = 2:
  //   keys 2 * 2 * 3 * 4 = 48, queries 48.
  s = spec(FeatureMap::Relu, 4, 2, 2);
  CHECK(linearAttentionFlops(s, 64) == 96);
  // Causal, C = 2, two chunks of 2 C^2 D' + 2 C^2 (Dv + 1) + 4 C D' (Dv + 1)
  //   = 16 + 24 + 48 = 88.
  s.causal = true;
  CHECK(linearAttentionFlops(s, 2) == 176);
  // favor D = 2, M = 3: + 2 * 2 * 3 * (4 + 4) = 96 for phi.
  s = spec(FeatureMap::Favor, 4, 2, 2);
  s.numFeatures = 3; // non-causal: 2 * 3 * 3 * (4 + 4) = 144
  CHECK(linearAttentionFlops(s, 64) == 144 + 96);
}

} // namespace

int main() {
  testHandComputed();
  testQuadraticEqualsRecurrent();
  testProjection();
  testFavorConverges();
  testValidateAndFlops();
  if (failures) {
    std::printf("attn-linear-selftest: %d of %d checks failed\n", failures,
                checks);
    return 1;
  }
  std::printf("attn-linear-selftest: %d checks passed\n", checks);
  return 0;
}
