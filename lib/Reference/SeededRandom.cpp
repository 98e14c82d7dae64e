//===- SeededRandom.cpp - machine-independent seeded random numbers -------===//
//
// The generator behind attn-run's inputs and FAVOR+'s random projection. Its
// own library (AttnSeededRandom): the compiler (--attn-linearize) needs the
// projection but must not link the float64 reference evaluator.
//
//===----------------------------------------------------------------------===//

#include "attn/Reference/Data.h"
#include "attn/Reference/LinearAttention.h"

#include <cmath>

namespace attn {
namespace ref {

Rng::Rng(uint64_t seed) : state(seed) {}

uint64_t Rng::next() {
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

double Rng::uniform() { return double(next() >> 11) * 0x1.0p-53; }

namespace {

double dot(const std::vector<double> &a, const std::vector<double> &b) {
  double r = 0.0;
  for (size_t i = 0; i < a.size(); ++i)
    r += a[i] * b[i];
  return r;
}

// One N(0, 1) sample (Box-Muller on two uniforms in (0, 1]).
double gaussian(Rng &rng) {
  double u1 = 1.0 - rng.uniform(), u2 = rng.uniform();
  return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

} // namespace

std::vector<double> favorProjection(int64_t D, int64_t M, uint64_t seed,
                                    bool orthogonal) {
  std::vector<double> w(size_t(D * M), 0.0);
  Rng rng(seed);
  std::vector<std::vector<double>> block;
  std::vector<double> lengths(size_t(D), 1.0);
  for (int64_t m0 = 0; m0 < M; m0 += D) {
    const int64_t n = std::min(D, M - m0);
    // D Gaussian directions; orthogonalized by Gram-Schmidt when asked.
    block.assign(size_t(D), std::vector<double>(size_t(D)));
    for (auto &row : block)
      for (double &x : row)
        x = gaussian(rng);
    if (orthogonal) {
      for (int64_t r = 0; r < D; ++r) {
        for (int64_t p = 0; p < r; ++p) {
          double c = dot(block[r], block[p]);
          for (int64_t d = 0; d < D; ++d)
            block[r][d] -= c * block[p][d];
        }
        double len = std::sqrt(dot(block[r], block[r]));
        for (int64_t d = 0; d < D; ++d)
          block[r][d] /= len;
        // The length of an independent Gaussian sample (chi with D dof).
        double chi2 = 0.0;
        for (int64_t d = 0; d < D; ++d) {
          double x = gaussian(rng);
          chi2 += x * x;
        }
        lengths[size_t(r)] = std::sqrt(chi2);
      }
    }
    for (int64_t r = 0; r < n; ++r) {
      double len = lengths[size_t(r)];
      for (int64_t d = 0; d < D; ++d)
        w[size_t(d * M + m0 + r)] = block[r][d] * len;
    }
  }
  return w;
}

} // namespace ref
} // namespace attn
