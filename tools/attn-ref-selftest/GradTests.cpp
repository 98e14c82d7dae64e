//===- GradTests.cpp - attentionBackward against finite differences -------===//
//
// The loss L = sum(O * dO) has gradient dO with respect to O, so the
// gradients attentionBackward computes from (O, lse, dO) must equal
// dL/dQ, dL/dK, dL/dV measured by central differences of attentionForward
// (a different computation: no P from lse, no dS). One hand-checked case
// (one key) pins the formula's scale independently of both.
//
//===----------------------------------------------------------------------===//
#include "GradTests.h"

#include "attn/Reference/Attention.h"
#include "attn/Reference/Data.h"

#include <cmath>
#include <cstdio>
#include <limits>

using namespace attn::ref;

namespace {

struct Case {
  const char *name;
  AttentionSpec spec;
  std::vector<uint8_t> mask;
  std::vector<double> bias, slopes;
};

double loss(const Case &c, const std::vector<double> &q,
            const std::vector<double> &k, const std::vector<double> &v,
            const std::vector<double> &dout) {
  std::vector<double> o(size_t(outputElements(c.spec)));
  attentionForward(c.spec, q.data(), k.data(), v.data(),
                   c.mask.empty() ? nullptr : c.mask.data(),
                   c.bias.empty() ? nullptr : c.bias.data(),
                   c.slopes.empty() ? nullptr : c.slopes.data(), o.data(),
                   nullptr);
  double l = 0.0;
  for (size_t n = 0; n < o.size(); ++n)
    l += o[n] * dout[n];
  return l;
}

std::vector<double> uniform(Rng &rng, int64_t n) {
  std::vector<double> x(static_cast<size_t>(n));
  for (double &e : x)
    e = 2.0 * rng.uniform() - 1.0;
  return x;
}

/// Largest |analytic - numeric| over every element of q, k and v, relative
/// to the largest gradient.
double worstError(const Case &c, uint64_t seed) {
  const AttentionSpec &s = c.spec;
  Rng rng(seed);
  std::vector<double> q = uniform(rng, queryElements(s)),
                      k = uniform(rng, keyElements(s)),
                      v = uniform(rng, valueElements(s)),
                      dout = uniform(rng, outputElements(s));
  std::vector<double> o(size_t(outputElements(s))),
      lse(size_t(s.batch * s.headsQ * s.seqQ));
  const uint8_t *mask = c.mask.empty() ? nullptr : c.mask.data();
  const double *bias = c.bias.empty() ? nullptr : c.bias.data();
  const double *slopes = c.slopes.empty() ? nullptr : c.slopes.data();
  attentionForward(s, q.data(), k.data(), v.data(), mask, bias, slopes,
                   o.data(), lse.data());
  std::vector<double> dq(q.size()), dk(k.size()), dv(v.size());
  attentionBackward(s, q.data(), k.data(), v.data(), o.data(), lse.data(),
                    dout.data(), mask, bias, slopes, dq.data(), dk.data(),
                    dv.data());
  const double h = 1e-5;
  double worst = 0.0, largest = 0.0;
  auto compare = [&](std::vector<double> &x, const std::vector<double> &grad) {
    for (size_t n = 0; n < x.size(); ++n) {
      double keep = x[n];
      x[n] = keep + h;
      double up = loss(c, q, k, v, dout);
      x[n] = keep - h;
      double down = loss(c, q, k, v, dout);
      x[n] = keep;
      double numeric = (up - down) / (2 * h);
      worst = std::max(worst, std::fabs(numeric - grad[n]));
      largest = std::max(largest, std::fabs(grad[n]));
    }
  };
  compare(q, dq);
  compare(k, dk);
  compare(v, dv);
  return worst / std::max(largest, 1e-300);
}

AttentionSpec shape(int64_t hq, int64_t hkv, int64_t sq, int64_t skv, int64_t d,
                    int64_t dv) {
  AttentionSpec s;
  s.batch = 2, s.headsQ = hq, s.headsKV = hkv, s.seqQ = sq, s.seqKV = skv;
  s.headDim = d, s.headDimV = dv;
  s.scale = 1.0 / std::sqrt(double(d));
  s.withLse = true;
  return s;
}

} // namespace

void testGradients(CheckFn check) {
  std::vector<Case> cases;
  cases.push_back({"dense GQA", shape(4, 2, 5, 7, 3, 4), {}, {}, {}});
  {
    Case c{"causal bshd softcap", shape(2, 1, 6, 6, 4, 3), {}, {}, {}};
    c.spec.layout = Layout::BSHD;
    c.spec.pattern.kind = PatternKind::Causal;
    c.spec.hasSoftcap = true;
    c.spec.softcap = 0.7;
    c.spec.scale = 2.0;
    cases.push_back(c);
  }
  {
    Case c{"bias alibi window", shape(2, 2, 5, 8, 3, 3), {}, {}, {}};
    c.spec.pattern.kind = PatternKind::SlidingWindow;
    c.spec.pattern.left = 2;
    c.spec.pattern.right = 1;
    c.spec.hasBias = true;
    c.spec.biasShape = {1, 2, 5, 8};
    Rng rng(7);
    c.bias = uniform(rng, 2 * 5 * 8);
    c.spec.hasAlibi = true;
    c.slopes = {0.5, 0.25};
    cases.push_back(c);
  }
  {
    // Row 1 of every head fully masked: its gradients must be 0 (and not
    // NaN), and the other rows unaffected.
    Case c{"mask with a fully masked row", shape(2, 1, 4, 5, 3, 2), {}, {}, {}};
    c.spec.hasMask = true;
    c.spec.maskShape = {1, 1, 4, 5};
    for (int64_t i = 0; i < 4; ++i)
      for (int64_t j = 0; j < 5; ++j)
        c.mask.push_back(i != 1 && (i + j) % 3 != 0);
    cases.push_back(c);
  }
  for (size_t n = 0; n < cases.size(); ++n) {
    const Case &c = cases[n];
    double err = worstError(c, 100 + n);
    bool ok = err < 1e-7;
    if (!ok)
      std::printf("gradient case '%s': relative error %g\n", c.name, err);
    check(ok, c.name, __LINE__);
  }

  // By hand: one query, one key, D = Dv = 1, scale 1: P = 1, O = v,
  // dV = dO, D_0 = dO v, dS = 1 * (dO v - dO v) = 0: dQ = dK = 0.
  AttentionSpec s = shape(1, 1, 1, 1, 1, 1);
  s.batch = 1, s.scale = 1.0;
  double q = 0.3, k = -2.0, v = 1.5, o = 1.5, lse = q * k, dout = 2.0;
  double dq = -1, dk = -1, dv = -1;
  attentionBackward(s, &q, &k, &v, &o, &lse, &dout, nullptr, nullptr, nullptr,
                    &dq, &dk, &dv);
  check(dq == 0.0 && dk == 0.0 && dv == 2.0, "one key: dQ = dK = 0, dV = dO",
        __LINE__);
  // Two keys with equal scores (q = 0): P = 1/2 each, O = (v0 + v1) / 2,
  // dP_j = dO v_j, dS_j = (dO v_j - dO O) / 2, dQ = sum_j dS_j k_j.
  s = shape(1, 1, 1, 2, 1, 1);
  s.batch = 1, s.scale = 1.0;
  double k2[2] = {1.0, 3.0}, v2[2] = {2.0, 4.0}, dk2[2], dv2[2];
  q = 0.0, o = 3.0, lse = std::log(2.0), dout = 1.0;
  attentionBackward(s, &q, k2, v2, &o, &lse, &dout, nullptr, nullptr, nullptr,
                    &dq, dk2, dv2);
  // dS = (-0.5, 0.5): dQ = -0.5 + 1.5 = 1; dK = dS * q = 0; dV = 0.5 each.
  check(std::fabs(dq - 1.0) < 1e-15 && dk2[0] == 0.0 && dk2[1] == 0.0 &&
            dv2[0] == 0.5 && dv2[1] == 0.5,
        "two keys by hand", __LINE__);
}
