//===- Attention.cpp - float64 reference semantics of attn ops ------------===//
//
// A direct transcription of docs/semantics.md. Clarity over speed: one row
// (b, h, i) at a time, scores materialized, softmax, then P @ V.
//
//===----------------------------------------------------------------------===//

#include "attn/Reference/Attention.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>
#include <limits>

namespace attn {
namespace ref {

namespace {

// Multiplies non-negative sizes, returning -1 on int64 overflow so that
// validate() can reject specs whose tensors cannot even be indexed.
int64_t checkedProduct(std::initializer_list<int64_t> dims) {
  int64_t p = 1;
  for (int64_t d : dims) {
    if (d < 0)
      return -1;
    if (d != 0 && p > std::numeric_limits<int64_t>::max() / d)
      return -1;
    p *= d;
  }
  return p;
}

// Validates a right-aligned, rank-4 broadcast shape against [B, Hq, Sq, Skv].
std::string checkBroadcast(const char *what, const std::array<int64_t, 4> &s,
                           const std::array<int64_t, 4> &full) {
  for (int k = 0; k < 4; ++k)
    if (s[k] != 1 && s[k] != full[k])
      return std::string(what) + " dim " + std::to_string(k) + " is " +
             std::to_string(s[k]) + ", expected 1 or " +
             std::to_string(full[k]);
  return "";
}

// `x` as f32 arithmetic would hold it: magnitudes that round beyond the
// largest f32 (at or above the midpoint between FLT_MAX and 2^128) become
// +-inf. Other values keep their float64 precision.
double f32Range(double x) {
  constexpr double kOverflow = 0x1.ffffffp+127;
  if (std::fabs(x) >= kOverflow)
    return std::copysign(std::numeric_limits<double>::infinity(), x);
  return x;
}

// Offset of element (b, h, s, 0) of a Q/K/V/output tensor in `layout`.
int64_t rowOffset(Layout layout, int64_t b, int64_t h, int64_t s, int64_t H,
                  int64_t S, int64_t D) {
  if (layout == Layout::BHSD)
    return ((b * H + h) * S + s) * D;
  return ((b * S + s) * H + h) * D;
}

// Offset of logical element (b, h, i, j) in a broadcast operand of shape `s`.
int64_t broadcastOffset(const std::array<int64_t, 4> &s, int64_t b, int64_t h,
                        int64_t i, int64_t j) {
  int64_t bb = s[0] == 1 ? 0 : b, hh = s[1] == 1 ? 0 : h;
  int64_t ii = s[2] == 1 ? 0 : i, jj = s[3] == 1 ? 0 : j;
  return ((bb * s[1] + hh) * s[2] + ii) * s[3] + jj;
}

// The rows of the query the op's rows belong to (query_rows).
int64_t totalRows(const AttentionSpec &s) {
  return s.rowTotal > 0 ? s.rowTotal : s.seqQ;
}

// Visibility of (b, h, i, j): the structured pattern and the mask operand.
bool visible(const AttentionSpec &s, const uint8_t *mask, int64_t b, int64_t h,
             int64_t i, int64_t j) {
  bool wholeBlock = false;
  if (s.hasBlockTable) {
    int64_t t = h / (s.headsQ / s.tableHeads);
    int64_t rows = (s.seqQ + s.blockQ - 1) / s.blockQ;
    int64_t bt = b * s.tableHeads + t, r = i / s.blockQ, kb = j / s.blockK;
    int64_t lo = s.rowPtr[bt * (rows + 1) + r];
    int64_t hi = s.rowPtr[bt * (rows + 1) + r + 1];
    bool listed = false;
    for (int64_t n = lo; n < hi && !listed; ++n)
      if (s.cols[bt * s.tableNnz + n] == kb) {
        listed = true;
        wholeBlock = s.hasBlockFull && s.full[bt * s.tableNnz + n];
      }
    if (!listed)
      return false;
  }
  if (!wholeBlock && !patternVisible(s.pattern, s.rowStart + i, j,
                                     totalRows(s), s.seqKV, s.docOffsets))
    return false;
  if (s.hasMask && mask && !mask[broadcastOffset(s.maskShape, b, h, i, j)])
    return false;
  if (s.maskMod.present()) {
    const int64_t pos[4] = {b, h, s.rowStart + i, j};
    if (s.maskMod.run(0.0, pos, 4) == 0.0)
      return false;
  }
  return true;
}

} // namespace

bool elementVisible(const AttentionSpec &spec, const uint8_t *mask, int64_t b,
                    int64_t h, int64_t i, int64_t j) {
  return visible(spec, mask, b, h, i, j);
}

double modifiedScore(const AttentionSpec &s, const double *qi,
                     const double *k, const double *bias,
                     const double *alibiSlopes, int64_t b, int64_t h,
                     int64_t i, int64_t j, double *slope) {
  const int64_t g = h / (s.headsQ / s.headsKV);
  const double *kj = k + rowOffset(s.layout, b, g, j, s.headsKV, s.seqKV,
                                   s.headDim);
  double dot = 0.0;
  for (int64_t d = 0; d < s.headDim; ++d)
    dot += qi[d] * kj[d];
  double sc = f32Range(s.scale * f32Range(dot));
  double dsc = s.scale; // d sc / d dot
  if (s.hasSoftcap) {
    double t = std::tanh(sc / s.softcap);
    sc = s.softcap * t;
    dsc *= 1.0 - t * t;
  }
  if (s.hasBias && bias)
    sc = f32Range(sc + bias[broadcastOffset(s.biasShape, b, h, i, j)]);
  // ALiBi and the regions see the absolute row (query_rows).
  const int64_t row = s.rowStart + i, o = s.seqKV - totalRows(s);
  if (s.hasAlibi && alibiSlopes)
    sc = f32Range(sc - alibiSlopes[h] * std::fabs(double(row + o - j)));
  if (s.scoreMod.present()) {
    const int64_t pos[4] = {b, h, row, j};
    double in = sc;
    sc = f32Range(s.scoreMod.run(in, pos, 4));
    if (slope) {
      // The region's derivative by central differences (float64; the
      // reference has no symbolic derivative of the region).
      double e = 1e-6 * std::max(1.0, std::fabs(in));
      dsc *= (s.scoreMod.run(in + e, pos, 4) - s.scoreMod.run(in - e, pos, 4)) /
             (2 * e);
    }
  }
  if (slope)
    *slope = dsc;
  return sc;
}

int64_t rowOffsetOf(const AttentionSpec &s, int64_t b, int64_t h, int64_t i,
                    int64_t heads, int64_t seq, int64_t dim) {
  return rowOffset(s.layout, b, h, i, heads, seq, dim);
}

std::string validate(const AttentionSpec &s) {
  struct {
    const char *name;
    int64_t value;
  } dims[] = {{"batch", s.batch},       {"headsQ", s.headsQ},
              {"headsKV", s.headsKV},   {"seqQ", s.seqQ},
              {"seqKV", s.seqKV},       {"headDim", s.headDim},
              {"headDimV", s.headDimV}};
  for (auto &d : dims)
    if (d.value < 1)
      return std::string(d.name) + " must be >= 1, got " +
             std::to_string(d.value);
  if (s.headsQ % s.headsKV != 0)
    return "headsQ (" + std::to_string(s.headsQ) +
           ") must be a multiple of headsKV (" + std::to_string(s.headsKV) +
           ")";
  if (checkedProduct({s.batch, s.headsQ, s.seqQ, s.seqKV}) < 0 ||
      checkedProduct({s.batch, s.headsQ, s.seqQ, s.headDim}) < 0 ||
      checkedProduct({s.batch, s.headsQ, s.seqQ, s.headDimV}) < 0 ||
      checkedProduct({s.batch, s.headsKV, s.seqKV, s.headDim}) < 0 ||
      checkedProduct({s.batch, s.headsKV, s.seqKV, s.headDimV}) < 0)
    return "tensor sizes overflow int64";
  if (!std::isfinite(s.scale))
    return "scale must be finite";
  if (s.hasSoftcap && !(std::isfinite(s.softcap) && s.softcap > 0.0))
    return "softcap must be finite and > 0";
  {
    std::string err = validatePattern(s.pattern);
    if (!err.empty())
      return err;
  }
  if (s.rowStart < 0 || s.rowTotal < 0 ||
      (s.rowTotal > 0 && s.rowStart > s.rowTotal - s.seqQ) ||
      (s.rowTotal == 0 && s.rowStart != 0))
    return "query rows [rowStart, rowStart + seqQ) must lie in [0, rowTotal)";
  if (s.rowTotal > 0 && s.hasBlockTable)
    return "query rows cannot be combined with a block table";
  if (patternUsesDocuments(s.pattern)) {
    const std::vector<int64_t> &o = s.docOffsets;
    if (o.size() < 2)
      return "documents need at least 2 offsets";
    if (o.front() < 0 || o.back() > s.seqKV)
      return "document offsets must lie in [0, seqKV]";
    for (size_t d = 0; d + 1 < o.size(); ++d)
      if (o[d] > o[d + 1])
        return "document offsets must be non-decreasing";
  }
  if (s.hasBlockTable) {
    if (s.blockQ < 1 || s.blockK < 1 || s.tableHeads < 1 ||
        s.headsQ % s.tableHeads != 0 || s.tableNnz < 1)
      return "block table sizes are inconsistent";
    int64_t rows = (s.seqQ + s.blockQ - 1) / s.blockQ;
    int64_t nKB = (s.seqKV + s.blockK - 1) / s.blockK;
    int64_t tables = s.batch * s.tableHeads;
    if (int64_t(s.rowPtr.size()) != tables * (rows + 1) ||
        int64_t(s.cols.size()) != tables * s.tableNnz ||
        (s.hasBlockFull && s.full.size() != s.cols.size()))
      return "block table tensors have the wrong sizes";
    for (int64_t t = 0; t < tables; ++t)
      for (int64_t r = 0; r < rows; ++r) {
        int64_t lo = s.rowPtr[t * (rows + 1) + r];
        int64_t hi = s.rowPtr[t * (rows + 1) + r + 1];
        if (lo < 0 || lo > hi || hi > s.tableNnz)
          return "block table row pointers out of range";
        for (int64_t n = lo; n < hi; ++n) {
          int64_t k = s.cols[t * s.tableNnz + n];
          if (k < 0 || k >= nKB)
            return "block table column out of range";
          if (n > lo && k <= s.cols[t * s.tableNnz + n - 1])
            return "block table row not strictly increasing";
        }
      }
  }
  std::array<int64_t, 4> full = {s.batch, s.headsQ, s.seqQ, s.seqKV};
  if (s.hasMask) {
    std::string err = checkBroadcast("mask", s.maskShape, full);
    if (!err.empty())
      return err;
  }
  if (s.hasBias) {
    std::string err = checkBroadcast("bias", s.biasShape, full);
    if (!err.empty())
      return err;
  }
  return "";
}

namespace {
// One axis of a neighborhood: does the query at coordinate r see the key at
// coordinate rj? Same dilation group, and rj's index within the group lies
// in the k-wide window centred on r's index, shifted inwards at the border.
bool axisSees(int64_t r, int64_t rj, int64_t len, int64_t k, int64_t d) {
  int64_t g = r % d;
  if (rj % d != g)
    return false;
  int64_t n = (len - g + d - 1) / d; // cells of the group
  int64_t start = std::min(std::max<int64_t>(r / d - k / 2, 0),
                           std::max<int64_t>(n - k, 0));
  int64_t t = rj / d;
  return start <= t && t < start + k;
}

// The document of position x (o[d] <= x < o[d + 1]), or -1.
int64_t docOf(const std::vector<int64_t> &o, int64_t x) {
  for (size_t d = 0; d + 1 < o.size(); ++d)
    if (o[d] <= x && x < o[d + 1])
      return static_cast<int64_t>(d);
  return -1;
}
} // namespace

bool patternVisible(const MaskPattern &p, int64_t i, int64_t j, int64_t seqQ,
                    int64_t seqKV, const std::vector<int64_t> &docOffsets) {
  int64_t diag = i + (seqKV - seqQ); // bottom-right aligned diagonal
  switch (p.kind) {
  case PatternKind::None:
    return true;
  case PatternKind::Causal:
    return j <= (p.topLeft ? i : diag);
  case PatternKind::SlidingWindow: {
    int64_t c = p.topLeft ? i : diag;
    return c - p.left <= j && j <= c + p.right;
  }
  case PatternKind::DilatedWindow: {
    int64_t t = (p.topLeft ? i : diag) - j;
    return -p.right * p.dilation <= t && t <= p.left * p.dilation &&
           t % p.dilation == 0;
  }
  case PatternKind::Global:
    return j < p.keys || diag < p.queries;
  case PatternKind::Neighborhood: {
    int64_t cells = p.height * p.width;
    if (diag < 0 || diag >= cells || j < 0 || j >= cells)
      return false;
    return axisSees(diag / p.width, j / p.width, p.height, p.kernelH,
                    p.dilationH) &&
           axisSees(diag % p.width, j % p.width, p.width, p.kernelW,
                    p.dilationW);
  }
  case PatternKind::BlockLayout: {
    int64_t r = i / p.blockQ, c = j / p.blockK;
    return r < p.rows && c < p.cols && p.layout[r * p.cols + c] != 0;
  }
  case PatternKind::Documents: {
    int64_t d = docOf(docOffsets, diag);
    return d >= 0 && d == docOf(docOffsets, j);
  }
  case PatternKind::Union:
    for (const MaskPattern &c : p.children)
      if (patternVisible(c, i, j, seqQ, seqKV, docOffsets))
        return true;
    return false;
  case PatternKind::Intersect:
    for (const MaskPattern &c : p.children)
      if (!patternVisible(c, i, j, seqQ, seqKV, docOffsets))
        return false;
    return true;
  }
  return true;
}

int64_t queryElements(const AttentionSpec &s) {
  return s.batch * s.headsQ * s.seqQ * s.headDim;
}
int64_t keyElements(const AttentionSpec &s) {
  return s.batch * s.headsKV * s.seqKV * s.headDim;
}
int64_t valueElements(const AttentionSpec &s) {
  return s.batch * s.headsKV * s.seqKV * s.headDimV;
}
int64_t outputElements(const AttentionSpec &s) {
  return s.batch * s.headsQ * s.seqQ * s.headDimV;
}
// Absent optional operands/results have no elements.
int64_t lseElements(const AttentionSpec &s) {
  return s.withLse ? s.batch * s.headsQ * s.seqQ : 0;
}
int64_t maskElements(const AttentionSpec &s) {
  if (!s.hasMask)
    return 0;
  return s.maskShape[0] * s.maskShape[1] * s.maskShape[2] * s.maskShape[3];
}
int64_t biasElements(const AttentionSpec &s) {
  if (!s.hasBias)
    return 0;
  return s.biasShape[0] * s.biasShape[1] * s.biasShape[2] * s.biasShape[3];
}

void attentionForward(const AttentionSpec &s, const double *q, const double *k,
                      const double *v, const uint8_t *mask, const double *bias,
                      const double *alibiSlopes, double *out, double *lse) {
  const double negInf = -std::numeric_limits<double>::infinity();
  const int64_t B = s.batch, Hq = s.headsQ, Hkv = s.headsKV;
  const int64_t Sq = s.seqQ, Skv = s.seqKV, D = s.headDim, Dv = s.headDimV;
  const int64_t group = Hq / Hkv;
  std::vector<double> scores(Skv), acc(Dv);
  std::vector<uint8_t> takesPart(Skv);

  for (int64_t b = 0; b < B; ++b) {
    for (int64_t h = 0; h < Hq; ++h) {
      const int64_t g = h / group; // GQA: query head h reads kv head g
      for (int64_t i = 0; i < Sq; ++i) {
        const double *qi = q + rowOffset(s.layout, b, h, i, Hq, Sq, D);

        // Steps 1-5 of the semantics: scores, with -inf where invisible.
        // Scores are f32 values: each step overflows to +-inf where f32
        // would ("Non-finite values and overflow"). A NaN score makes m NaN.
        double m = negInf;
        for (int64_t j = 0; j < Skv; ++j) {
          if (!visible(s, mask, b, h, i, j)) {
            scores[j] = negInf;
            continue;
          }
          double sc = modifiedScore(s, qi, k, bias, alibiSlopes, b, h, i, j);
          scores[j] = sc;
          if (std::isnan(sc) || std::isnan(m))
            m = std::numeric_limits<double>::quiet_NaN();
          else if (sc > m)
            m = sc;
        }

        double *oi = out + rowOffset(s.layout, b, h, i, Hq, Sq, Dv);
        double *lsei = lse ? lse + (b * Hq + h) * Sq + i : nullptr;

        // Fully masked row (nothing visible, or all visible scores -inf):
        // output 0 and lse -inf, never NaN.
        if (m == negInf) {
          for (int64_t d = 0; d < Dv; ++d)
            oi[d] = 0.0;
          if (s.withLse && lsei)
            *lsei = negInf;
          continue;
        }

        // Max-subtracted softmax over the keys that take part (score not
        // -inf). IEEE arithmetic otherwise: m = NaN or +inf gives NaN, and
        // a NaN (or inf) in V reaches the row even through a weight that
        // underflowed to 0.
        double l = 0.0;
        for (int64_t j = 0; j < Skv; ++j) {
          if (scores[j] == negInf) {
            takesPart[j] = 0;
            continue;
          }
          takesPart[j] = 1;
          scores[j] = std::exp(scores[j] - m);
          l += scores[j];
        }
        for (int64_t d = 0; d < Dv; ++d)
          acc[d] = 0.0;
        for (int64_t j = 0; j < Skv; ++j) {
          if (!takesPart[j])
            continue; // invisible: never read
          double p = scores[j];
          const double *vj = v + rowOffset(s.layout, b, g, j, Hkv, Skv, Dv);
          for (int64_t d = 0; d < Dv; ++d)
            acc[d] += p * vj[d];
        }
        for (int64_t d = 0; d < Dv; ++d)
          oi[d] = acc[d] / l;
        if (s.withLse && lsei)
          *lsei = m + std::log(l);
      }
    }
  }
}

uint64_t attentionFlops(const AttentionSpec &s, const uint8_t *mask) {
  // Without a block table or a mask, visibility is the same for every
  // (batch, head): count one and multiply (S = 16384 benchmarks would
  // otherwise spend a minute here).
  // mask_mod receives the batch and head: count every one.
  bool perHead =
      s.hasBlockTable || (s.hasMask && mask) || s.maskMod.present();
  uint64_t visiblePairs = 0;
  for (int64_t b = 0; b < (perHead ? s.batch : 1); ++b)
    for (int64_t h = 0; h < (perHead ? s.headsQ : 1); ++h)
      for (int64_t i = 0; i < s.seqQ; ++i)
        for (int64_t j = 0; j < s.seqKV; ++j)
          if (visible(s, mask, b, h, i, j))
            ++visiblePairs;
  if (!perHead)
    visiblePairs *= uint64_t(s.batch * s.headsQ);
  return visiblePairs * 2u * uint64_t(s.headDim + s.headDimV);
}

} // namespace ref
} // namespace attn
