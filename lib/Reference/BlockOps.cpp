//===- BlockOps.cpp - float64 reference of block scoring and selection ----===//
//
// Written from the definitions, element by element: the antidiagonal sums
// are formed pair by pair (not factorized), the selections by sorting.
//
//===----------------------------------------------------------------------===//
#include "attn/Reference/BlockOps.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace attn {
namespace ref {

void blockScore(const BlockScoreSpec &s, const double *q, const double *k,
                std::vector<double> &scores) {
  const double negInf = -std::numeric_limits<double>::infinity();
  int64_t nQB = (s.seqQ + s.blockQ - 1) / s.blockQ;
  int64_t nKB = (s.seqKV + s.blockK - 1) / s.blockK;
  int64_t group = s.headsQ / s.headsKV, t = s.stride, D = s.headDim;
  int64_t o = s.seqKV - s.seqQ;
  scores.assign(size_t(s.batch * s.headsQ * nQB * nKB), 0.0);
  std::vector<double> a(static_cast<size_t>(nKB));
  for (int64_t b = 0; b < s.batch; ++b)
    for (int64_t h = 0; h < s.headsQ; ++h) {
      int64_t g = h / group;
      const double *qh = q + (b * s.headsQ + h) * s.seqQ * D;
      const double *kh = k + (b * s.headsKV + g) * s.seqKV * D;
      for (int64_t r = 0; r < nQB; ++r) {
        int64_t q0 = r * s.blockQ, q1 = std::min(q0 + s.blockQ, s.seqQ);
        double m = negInf;
        for (int64_t c = 0; c < nKB; ++c) {
          int64_t k0 = c * s.blockK, k1 = std::min(k0 + s.blockK, s.seqKV);
          double sum = 0.0;
          int64_t n = 0;
          for (int64_t i = q0; i < q1; ++i)
            for (int64_t j = k0; j < k1; ++j) {
              if ((i + j) % t != t - 1)
                continue;
              double dot = 0.0;
              for (int64_t d = 0; d < D; ++d)
                dot += qh[i * D + d] * kh[j * D + d];
              sum += dot;
              ++n;
            }
          bool above = s.causal && k0 > q1 - 1 + o;
          a[size_t(c)] = (n == 0 || above) ? negInf : s.scale * sum / double(n);
          // NaN propagates to the whole row (docs/semantics.md).
          m = std::isnan(a[size_t(c)]) || std::isnan(m)
                  ? std::numeric_limits<double>::quiet_NaN()
                  : std::max(m, a[size_t(c)]);
        }
        double *row = &scores[size_t(((b * s.headsQ + h) * nQB + r) * nKB)];
        if (m == negInf)
          continue; // nothing to score: zeros
        double l = 0.0;
        for (int64_t c = 0; c < nKB; ++c)
          l += (row[c] = std::exp(a[size_t(c)] - m));
        for (int64_t c = 0; c < nKB; ++c)
          row[c] /= l;
      }
    }
}

void blockSelect(const BlockSelectSpec &s, const double *scores,
                 std::vector<double> &rowPtr, std::vector<double> &cols) {
  int64_t R = s.rows, C = s.cols;
  rowPtr.assign(size_t(s.batch * s.heads * (R + 1)), 0.0);
  cols.assign(size_t(s.batch * s.heads * R * C), -1.0);
  std::vector<int64_t> order(static_cast<size_t>(C));
  std::vector<bool> sel(static_cast<size_t>(C));
  for (int64_t bh = 0; bh < s.batch * s.heads; ++bh) {
    int64_t used = 0;
    for (int64_t r = 0; r < R; ++r) {
      const double *row = scores + (bh * R + r) * C;
      std::fill(sel.begin(), sel.end(), false);
      int64_t diag = r + C - R;
      if (s.keepDiagonal && diag >= 0 && diag < C)
        sel[size_t(diag)] = true;
      if (s.keepSink)
        sel[0] = true;
      // Only w < C can reach a block: clamping keeps diag - w from
      // overflowing for huge `local`.
      int64_t local = std::min(s.local, C);
      for (int64_t c = std::max<int64_t>(diag - local, 0);
           c <= std::min(diag, C - 1) && local > 0; ++c)
        sel[size_t(c)] = true;
      // Highest score first, lower index on ties; NaN ranks below every
      // number (a strict weak order even with NaN scores).
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(), [&](int64_t x, int64_t y) {
        if (std::isnan(row[x]))
          return false;
        return std::isnan(row[y]) || row[x] > row[y];
      });
      if (s.topK >= 0) {
        for (int64_t n = 0; n < std::min(s.topK, C); ++n)
          sel[size_t(order[size_t(n)])] = true;
      } else {
        double total = 0.0;
        for (int64_t c = 0; c < C; ++c)
          total += row[c];
        double target = s.threshold * total, cum = 0.0;
        for (int64_t n = 0; n < C && cum < target; ++n) {
          sel[size_t(order[size_t(n)])] = true;
          cum += row[order[size_t(n)]];
        }
      }
      rowPtr[size_t(bh * (R + 1) + r)] = double(used);
      for (int64_t c = 0; c < C; ++c)
        if (sel[size_t(c)])
          cols[size_t(bh * R * C + used++)] = double(c);
    }
    rowPtr[size_t(bh * (R + 1) + R)] = double(used);
  }
}

void blockMask(const BlockMaskSpec &s, const ModProgram &mask,
               std::vector<double> &rowPtr, std::vector<double> &cols,
               std::vector<double> &full) {
  const int64_t nqb = (s.seqQ + s.blockQ - 1) / s.blockQ;
  const int64_t nkb = (s.seqKV + s.blockK - 1) / s.blockK;
  rowPtr.assign(s.batch * s.tables * (nqb + 1), 0.0);
  cols.assign(s.batch * s.tables * nqb * nkb, -1.0);
  full.assign(cols.size(), 0.0);
  for (int64_t b = 0; b < s.batch; ++b)
    for (int64_t t = 0; t < s.tables; ++t) {
      const int64_t table = b * s.tables + t;
      int64_t n = 0;
      for (int64_t r = 0; r < nqb; ++r) {
        for (int64_t c = 0; c < nkb; ++c) {
          int64_t seen = 0, total = 0;
          for (int64_t h = t * s.headsPerTable;
               h < (t + 1) * s.headsPerTable; ++h)
            for (int64_t i = r * s.blockQ;
                 i < std::min(s.seqQ, (r + 1) * s.blockQ); ++i)
              for (int64_t j = c * s.blockK;
                   j < std::min(s.seqKV, (c + 1) * s.blockK); ++j) {
                const int64_t pos[4] = {b, h, i, j};
                seen += mask.run(0.0, pos, 4) != 0.0;
                ++total;
              }
          if (seen == 0)
            continue;
          cols[table * nqb * nkb + n] = double(c);
          full[table * nqb * nkb + n] = seen == total ? 1.0 : 0.0;
          ++n;
        }
        rowPtr[table * (nqb + 1) + r + 1] = double(n);
      }
    }
}

} // namespace ref
} // namespace attn
