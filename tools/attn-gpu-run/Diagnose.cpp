//===- Diagnose.cpp - where a GPU kernel's result goes wrong --------------===//
#include "Diagnose.h"

#include <cmath>
#include <cstdio>
#include <map>

namespace attn::gpu {
namespace {

struct Coord {
  int64_t b, h, i, c;
};

/// Output (cols = Dv) or LSE (cols = 1; always [B, H, Sq]) coordinates.
Coord coordOf(const ref::AttentionSpec &s, int64_t cols, int64_t idx) {
  Coord k;
  k.c = idx % cols;
  int64_t r = idx / cols;
  if (cols > 1 && s.layout == ref::Layout::BSHD) {
    k.h = r % s.headsQ, r /= s.headsQ;
    k.i = r % s.seqQ, k.b = r / s.seqQ;
  } else {
    k.i = r % s.seqQ, r /= s.seqQ;
    k.h = r % s.headsQ, k.b = r / s.headsQ;
  }
  return k;
}

void printHistogram(const char *title, const std::map<int64_t, int64_t> &h,
                    size_t limit) {
  std::printf("  by %s:", title);
  size_t n = 0;
  for (auto [key, count] : h) {
    if (n++ == limit) {
      std::printf(" ... (%zu buckets)", h.size());
      break;
    }
    std::printf(" %lld:%lld", (long long)key, (long long)count);
  }
  std::printf("\n");
}

} // namespace

void diagnose(const char *what, const ref::AttentionSpec &spec, int64_t cols,
              const std::vector<double> &got, const std::vector<double> &want,
              ref::Tolerance tol) {
  std::map<int64_t, int64_t> rowMod, colMod, rowBlock, head, rowsBad;
  int64_t nanGot = 0, bad = 0, shown = 0;
  for (size_t e = 0; e < got.size() && e < want.size(); ++e) {
    double g = got[e], w = want[e];
    bool same = (std::isnan(g) && std::isnan(w)) || g == w ||
                std::fabs(g - w) <= tol.atol + tol.rtol * std::fabs(w);
    if (same)
      continue;
    ++bad;
    Coord k = coordOf(spec, cols, int64_t(e));
    nanGot += std::isnan(g) && !std::isnan(w);
    ++rowMod[k.i % 16], ++colMod[k.c % 8], ++rowBlock[k.i / 16];
    ++head[k.b * spec.headsQ + k.h];
    ++rowsBad[(k.b * spec.headsQ + k.h) * spec.seqQ + k.i];
    if (shown++ < 8)
      std::printf("  %s[b=%lld h=%lld i=%lld c=%lld] = %.6g, want %.6g\n",
                  what, (long long)k.b, (long long)k.h, (long long)k.i,
                  (long long)k.c, g, w);
  }
  if (!bad)
    return;
  std::printf("  %s: %lld of %zu elements differ (%lld NaN where a value "
              "was due: never written?), in %zu of %lld rows\n",
              what, (long long)bad, got.size(), (long long)nanGot,
              rowsBad.size(),
              (long long)(spec.batch * spec.headsQ * spec.seqQ));
  printHistogram("row mod 16", rowMod, 16);
  if (cols > 1)
    printHistogram("column mod 8", colMod, 8);
  printHistogram("16-row block", rowBlock, 40);
  printHistogram("batch*Hq+head", head, 40);
}

} // namespace attn::gpu
