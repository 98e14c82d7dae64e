//===- attn-ref-selftest.cpp - hand-checked tests of lib/Reference --------===//
//
// Every expected value here is computed by hand from docs/semantics.md or
// IEEE 754, never by calling the code under test a second way, so a bug in
// the reference cannot hide behind itself.
//
//===----------------------------------------------------------------------===//

#include "GradTests.h"

#include "attn/Reference/Attention.h"
#include "attn/Reference/BlockOps.h"
#include "attn/Reference/Data.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <limits>

using namespace attn::ref;

namespace {

int checks = 0, failures = 0;
const double inf = std::numeric_limits<double>::infinity();
const double nan = std::numeric_limits<double>::quiet_NaN();

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

struct Result {
  std::vector<double> out, lse;
};

// Runs the op on the given operands (empty vector = absent operand).
Result run(const AttentionSpec &s, const std::vector<double> &q,
           const std::vector<double> &k, const std::vector<double> &v,
           const std::vector<uint8_t> &mask = {},
           const std::vector<double> &bias = {},
           const std::vector<double> &slopes = {}) {
  Result r;
  r.out.assign(size_t(outputElements(s)), nan);
  r.lse.assign(size_t(s.batch * s.headsQ * s.seqQ), nan);
  attentionForward(s, q.data(), k.data(), v.data(),
                   mask.empty() ? nullptr : mask.data(),
                   bias.empty() ? nullptr : bias.data(),
                   slopes.empty() ? nullptr : slopes.data(), r.out.data(),
                   s.withLse ? r.lse.data() : nullptr);
  return r;
}

AttentionSpec spec(int64_t hq, int64_t hkv, int64_t sq, int64_t skv,
                   int64_t d, int64_t dv) {
  AttentionSpec s;
  s.headsQ = hq, s.headsKV = hkv, s.seqQ = sq, s.seqKV = skv;
  s.headDim = d, s.headDimV = dv;
  s.withLse = true;
  return s;
}

void testHalf() {
  CHECK(floatToHalf(1.0f) == 0x3C00);
  CHECK(floatToHalf(-2.0f) == 0xC000);
  CHECK(floatToHalf(0.0f) == 0x0000);
  CHECK(floatToHalf(-0.0f) == 0x8000);
  CHECK(floatToHalf(65504.0f) == 0x7BFF);
  CHECK(floatToHalf(65519.0f) == 0x7BFF); // below the halfway point
  CHECK(floatToHalf(65520.0f) == 0x7C00); // tie rounds to even = inf
  CHECK(floatToHalf(1e10f) == 0x7C00);
  CHECK(floatToHalf(-1e10f) == 0xFC00);
  CHECK(floatToHalf(INFINITY) == 0x7C00);
  CHECK(floatToHalf(std::ldexp(1.0f, -24)) == 0x0001); // smallest subnormal
  CHECK(floatToHalf(std::ldexp(1.0f, -25)) == 0x0000); // tie to even 0
  CHECK(floatToHalf(std::ldexp(1.5f, -25)) == 0x0001);
  CHECK(floatToHalf(std::ldexp(3.0f, -25)) == 0x0002); // 1.5 ulp: tie to 2
  CHECK(floatToHalf(std::ldexp(5.0f, -25)) == 0x0002); // 2.5 ulp: tie to 2
  CHECK(floatToHalf(std::ldexp(1.0f, -14)) == 0x0400); // smallest normal
  CHECK(floatToHalf(std::ldexp(2047.0f, -25)) == 0x0400); // 1023.5 ulp
  CHECK(floatToHalf(std::ldexp(1.0f, -30)) == 0x0000);
  CHECK(floatToHalf(1.0f + std::ldexp(1.0f, -11)) == 0x3C00); // tie, even
  CHECK(floatToHalf(1.0f + std::ldexp(3.0f, -11)) == 0x3C02); // tie, even
  CHECK(floatToHalf(1.0f + std::ldexp(1.0f, -11) + std::ldexp(1.0f, -20)) ==
        0x3C01); // just above the tie
  uint16_t hn = floatToHalf(NAN);
  CHECK((hn & 0x7C00) == 0x7C00 && (hn & 0x03FF) != 0);
  CHECK(halfToFloat(0x3C00) == 1.0f);
  CHECK(halfToFloat(0x7BFF) == 65504.0f);
  CHECK(halfToFloat(0x0001) == std::ldexp(1.0f, -24));
  CHECK(halfToFloat(0x03FF) == std::ldexp(1023.0f, -24));
  CHECK(halfToFloat(0x8001) == -std::ldexp(1.0f, -24));
  CHECK(halfToFloat(0x7C00) == INFINITY);
  CHECK(halfToFloat(0xFC00) == -INFINITY);
  CHECK(std::isnan(halfToFloat(0x7E00)));
  CHECK(std::isnan(halfToFloat(0x7C01)));
  CHECK(std::signbit(halfToFloat(0x8000)));
  // Every non-NaN half survives a round trip.
  int bad = 0;
  for (uint32_t h = 0; h < 0x10000; ++h)
    if ((h & 0x7FFF) <= 0x7C00 && floatToHalf(halfToFloat(uint16_t(h))) != h)
      ++bad;
  CHECK(bad == 0);
}

void testBF16() {
  CHECK(floatToBF16(1.0f) == 0x3F80);
  CHECK(floatToBF16(-2.0f) == 0xC000);
  CHECK(floatToBF16(1.0f + std::ldexp(1.0f, -8)) == 0x3F80); // tie, even
  CHECK(floatToBF16(1.0f + std::ldexp(3.0f, -8)) == 0x3F82); // tie, even
  CHECK(floatToBF16(1.0f + std::ldexp(1.0f, -8) + std::ldexp(1.0f, -20)) ==
        0x3F81);
  CHECK(floatToBF16(std::numeric_limits<float>::max()) == 0x7F80); // -> inf
  CHECK(floatToBF16(INFINITY) == 0x7F80);
  CHECK(floatToBF16(-INFINITY) == 0xFF80);
  float lowNaN; // NaN whose payload is only in bits truncation drops
  uint32_t lowNaNBits = 0x7F800001;
  std::memcpy(&lowNaN, &lowNaNBits, 4);
  CHECK(std::isnan(bf16ToFloat(floatToBF16(lowNaN))));
  CHECK(std::isnan(bf16ToFloat(floatToBF16(NAN))));
  CHECK(bf16ToFloat(0x3F80) == 1.0f);
  CHECK(bf16ToFloat(0x0001) == std::ldexp(1.0f, -133)); // bf16 subnormal
}

void testRngAndData() {
  Rng a(42), b(42), c(43);
  bool same = true, differ = false;
  for (int i = 0; i < 100; ++i) {
    uint64_t x = a.next(), y = b.next(), z = c.next();
    same &= x == y;
    differ |= x != z;
  }
  CHECK(same);
  CHECK(differ);
  CHECK(Rng(0).next() == 0xE220A8397B1DCDAFull); // published splitmix64(0)
  Rng u(7);
  bool inRange = true;
  for (int i = 0; i < 1000; ++i) {
    double x = u.uniform();
    inRange &= x >= 0.0 && x < 1.0;
  }
  CHECK(inRange);

  CHECK(storageBytes(ElemType::F32) == 4 && storageBytes(ElemType::F16) == 2 &&
        storageBytes(ElemType::BF16) == 2 && storageBytes(ElemType::F64) == 8 &&
        storageBytes(ElemType::I1) == 1);
  CHECK(std::string(elemTypeName(ElemType::BF16)) == "bf16");
  CHECK(std::string(elemTypeName(ElemType::I1)) == "i1");

  // Generated values are exactly representable and decode back unchanged.
  for (ElemType t : {ElemType::F32, ElemType::F16, ElemType::BF16,
                     ElemType::F64, ElemType::I1}) {
    Rng r(1);
    std::vector<double> vals, dec;
    std::vector<uint8_t> st;
    generate(t, 257, r, -2.0, 3.0, 0.25, vals, st);
    CHECK(vals.size() == 257 && st.size() == 257 * storageBytes(t));
    decode(t, st.data(), 257, dec);
    CHECK(dec == vals);
    bool ok = true;
    for (double x : vals) {
      if (t == ElemType::I1)
        ok &= x == 0.0 || x == 1.0;
      else
        ok &= x >= -2.0 && x <= 3.0;
      if (t == ElemType::F16)
        ok &= double(halfToFloat(floatToHalf(float(x)))) == x;
      if (t == ElemType::BF16)
        ok &= double(bf16ToFloat(floatToBF16(float(x)))) == x;
      if (t == ElemType::F32)
        ok &= double(float(x)) == x;
    }
    CHECK(ok);
    if (t == ElemType::I1) {
      bool bytes = true;
      for (size_t i = 0; i < st.size(); ++i)
        bytes &= st[i] == (vals[i] != 0.0 ? 1 : 0);
      CHECK(bytes);
    }
  }
}

void testCompare() {
  Tolerance t{1e-3, 0.0};
  CHECK(compare({1.0, inf, -inf}, {1.0, inf, -inf}, t).ok);
  Comparison c = compare({1.0, inf, -inf}, {1.0005, inf, -inf}, t);
  CHECK(c.ok && near(c.maxAbsErr, 5e-4, 1e-9));
  CHECK(near(c.maxRelErr, 5e-4 / 1.0005, 1e-9)); // infinities excluded
  c = compare({1.0, 2.0}, {1.0, 2.1}, t);
  CHECK(!c.ok && c.mismatches == 1 && c.firstMismatch == 1);
  CHECK(!compare({inf}, {-inf}, t).ok);
  CHECK(!compare({inf}, {1.0}, t).ok);
  CHECK(!compare({1.0}, {-inf}, t).ok);
  CHECK(compare({nan}, {nan}, t).ok); // NaN where the semantics puts it
  CHECK(!compare({nan}, {1.0}, t).ok);
  CHECK(!compare({1.0}, {nan}, t).ok);
  CHECK(compare({0.0}, {0.0}, t).maxRelErr == 0.0);
  CHECK(compare({100.0}, {100.5}, {0.0, 1e-2}).ok); // rtol scales with |ref|
  CHECK(!compare({1.0}, {1.0, 2.0}, t).ok);         // length mismatch
}

void testAttention() {
  const double ln3 = std::log(3.0);

  // 1x1x1x1: the only key gets weight 1, output = v, lse = s.
  AttentionSpec s = spec(1, 1, 1, 1, 1, 1);
  s.scale = 0.5;
  Result r = run(s, {2.0}, {3.0}, {7.0});
  CHECK(r.out[0] == 7.0);
  CHECK(near(r.lse[0], 3.0)); // 0.5 * 2 * 3
  CHECK(validate(s).empty());

  // Softcap: lse of a single key is the capped score c * tanh(s / c).
  s.hasSoftcap = true, s.softcap = 2.0;
  r = run(s, {2.0}, {3.0}, {7.0});
  CHECK(near(r.lse[0], 2.0 * std::tanh(1.5)));

  // Two keys with scores 0 and ln 3: weights 1/4 and 3/4.
  s = spec(1, 1, 1, 2, 1, 1);
  r = run(s, {1.0}, {0.0, ln3}, {4.0, 8.0});
  CHECK(near(r.out[0], 7.0));
  CHECK(near(r.lse[0], std::log(4.0)));

  // Same weights from a bias [0, ln 3] with zero scores.
  s.hasBias = true, s.biasShape = {1, 1, 1, 2};
  r = run(s, {0.0}, {0.0, 0.0}, {4.0, 8.0}, {}, {0.0, ln3});
  CHECK(near(r.out[0], 7.0));

  // ALiBi: Sq=1, Skv=2, o=1; distances |0+1-j| = 1, 0; slope ln 3 gives
  // scores -ln 3, 0 and weights 1/4, 3/4.
  s = spec(1, 1, 1, 2, 1, 1);
  s.hasAlibi = true;
  r = run(s, {0.0}, {0.0, 0.0}, {4.0, 8.0}, {}, {}, {ln3});
  CHECK(near(r.out[0], 7.0));

  // Causal bottom-right alignment: Sq=2, Skv=4, o=2.
  MaskPattern causal{PatternKind::Causal, 0, 0};
  CHECK(patternVisible(causal, 0, 2, 2, 4));
  CHECK(!patternVisible(causal, 0, 3, 2, 4));
  CHECK(patternVisible(causal, 1, 3, 2, 4));
  CHECK(patternVisible(causal, 0, 0, 4, 4) && !patternVisible(causal, 0, 1, 4, 4));
  // Zero scores: each row averages the values of the keys it sees.
  s = spec(1, 1, 2, 4, 1, 1);
  s.pattern = causal;
  r = run(s, {0.0, 0.0}, {0.0, 0.0, 0.0, 0.0}, {1.0, 2.0, 4.0, 8.0});
  CHECK(near(r.out[0], 7.0 / 3.0));
  CHECK(near(r.out[1], 15.0 / 4.0));
  CHECK(near(r.lse[0], std::log(3.0)) && near(r.lse[1], std::log(4.0)));

  // Causal top-left alignment (PyTorch is_causal): Sq=2, Skv=4, query i
  // sees keys 0..i; zero scores average those values.
  MaskPattern causalTL = causal;
  causalTL.topLeft = true;
  CHECK(patternVisible(causalTL, 0, 0, 2, 4) && !patternVisible(causalTL, 0, 1, 2, 4));
  CHECK(patternVisible(causalTL, 1, 1, 2, 4) && !patternVisible(causalTL, 1, 2, 2, 4));
  // Sq=4, Skv=2: query 3 sees both keys (bottom-right: o = -2, rows 0, 1
  // see nothing).
  CHECK(patternVisible(causalTL, 3, 1, 4, 2) && patternVisible(causalTL, 0, 0, 4, 2));
  CHECK(!patternVisible(causal, 0, 0, 4, 2) && patternVisible(causal, 2, 0, 4, 2));
  s = spec(1, 1, 2, 4, 1, 1);
  s.pattern = causalTL;
  r = run(s, {0.0, 0.0}, {0.0, 0.0, 0.0, 0.0}, {1.0, 2.0, 4.0, 8.0});
  CHECK(near(r.out[0], 1.0) && near(r.out[1], 1.5));
  CHECK(near(r.lse[0], 0.0) && near(r.lse[1], std::log(2.0)));
  // query_rows: rows [1, 2) of a bottom-right causal query of 2 rows over
  // Skv = 4 (o = 2): the op's single row is absolute row 1 and sees keys
  // 0..3, like row 1 of the whole op above (7.5 / 2 = 15 / 4).
  s = spec(1, 1, 1, 4, 1, 1);
  s.pattern = causal;
  s.rowStart = 1, s.rowTotal = 2;
  r = run(s, {0.0}, {0.0, 0.0, 0.0, 0.0}, {1.0, 2.0, 4.0, 8.0});
  CHECK(near(r.out[0], 15.0 / 4.0) && near(r.lse[0], std::log(4.0)));
  // Row 0 of the same query sees keys 0..2.
  s.rowStart = 0;
  r = run(s, {0.0}, {0.0, 0.0, 0.0, 0.0}, {1.0, 2.0, 4.0, 8.0});
  CHECK(near(r.out[0], 7.0 / 3.0));
  // ALiBi on rows [1, 2) of 2 with Skv = 2 (o = 0): distances |1 - j| =
  // 1, 0; slope ln 3 gives weights 1/4, 3/4.
  s = spec(1, 1, 1, 2, 1, 1);
  s.hasAlibi = true;
  s.rowStart = 1, s.rowTotal = 2;
  r = run(s, {0.0}, {0.0, 0.0}, {4.0, 8.0}, {}, {}, {ln3});
  CHECK(near(r.out[0], 7.0));

  // Top-left window left=1, right=1, Sq=2, Skv=4: query 0 sees keys 0, 1.
  MaskPattern winTL{PatternKind::SlidingWindow, 1, 1};
  winTL.topLeft = true;
  CHECK(patternVisible(winTL, 0, 0, 2, 4) && patternVisible(winTL, 0, 1, 2, 4) &&
        !patternVisible(winTL, 0, 2, 2, 4) && patternVisible(winTL, 1, 2, 2, 4));

  // Sliding window, left=1, right=0, Sq=Skv=4: query 2 sees keys 1 and 2.
  MaskPattern win{PatternKind::SlidingWindow, 1, 0};
  CHECK(!patternVisible(win, 2, 0, 4, 4) && patternVisible(win, 2, 1, 4, 4) &&
        patternVisible(win, 2, 2, 4, 4) && !patternVisible(win, 2, 3, 4, 4));
  // left=1, right=1 with Sq=2, Skv=4: query 0's diagonal is key 2.
  MaskPattern win11{PatternKind::SlidingWindow, 1, 1};
  CHECK(!patternVisible(win11, 0, 0, 2, 4) && patternVisible(win11, 0, 1, 2, 4) &&
        patternVisible(win11, 0, 3, 2, 4));
  s = spec(1, 1, 4, 4, 1, 1);
  s.pattern = win;
  r = run(s, {0, 0, 0, 0}, {0, 0, 0, 0}, {1.0, 2.0, 4.0, 8.0});
  CHECK(near(r.out[0], 1.0) && near(r.out[2], 3.0) && near(r.out[3], 6.0));

  // Fully masked rows: output 0, lse -inf, never NaN.
  s = spec(1, 1, 2, 2, 1, 2);
  s.hasMask = true, s.maskShape = {1, 1, 2, 2};
  r = run(s, {1, 1}, {1, 1}, {5, 6, 7, 8}, {0, 0, 1, 0});
  CHECK(r.out[0] == 0.0 && r.out[1] == 0.0 && r.lse[0] == -inf);
  CHECK(near(r.out[2], 5.0) && near(r.out[3], 6.0) && near(r.lse[1], 1.0));
  // Causal with Sq > Skv: o = -2, queries 0 and 1 see nothing.
  s = spec(1, 1, 3, 1, 1, 1);
  s.pattern = causal;
  r = run(s, {1, 1, 1}, {1}, {9});
  CHECK(r.out[0] == 0.0 && r.out[1] == 0.0 && r.lse[1] == -inf);
  CHECK(r.out[2] == 9.0);
  // A -inf bias on every visible key also gives a fully masked row.
  s = spec(1, 1, 1, 2, 1, 1);
  s.hasBias = true, s.biasShape = {1, 1, 1, 1};
  r = run(s, {1}, {1, 2}, {3, 4}, {}, {-inf});
  CHECK(r.out[0] == 0.0 && r.lse[0] == -inf);

  // Broadcast mask [Skv] over two query rows: both see only key 0.
  s = spec(1, 1, 2, 2, 1, 1);
  s.hasMask = true, s.maskShape = {1, 1, 1, 2};
  r = run(s, {1, 2}, {3, 4}, {5, 6}, {1, 0});
  CHECK(r.out[0] == 5.0 && r.out[1] == 5.0);
  // Per-row bias [Sq, 1] leaves the output alone and shifts lse.
  s = spec(1, 1, 2, 2, 1, 1);
  s.hasBias = true, s.biasShape = {1, 1, 2, 1};
  r = run(s, {0, 0}, {0, 0}, {5, 6}, {}, {1.0, -2.0});
  CHECK(near(r.out[0], 5.5) && near(r.out[1], 5.5));
  CHECK(near(r.lse[0], 1.0 + std::log(2.0)) &&
        near(r.lse[1], -2.0 + std::log(2.0)));

  // GQA: Hq=4, Hkv=2, one key; query head h outputs v of kv head h / 2.
  s = spec(4, 2, 1, 1, 1, 1);
  r = run(s, {1, 1, 1, 1}, {1, 1}, {10, 20});
  CHECK(r.out[0] == 10.0 && r.out[1] == 10.0 && r.out[2] == 20.0 &&
        r.out[3] == 20.0);

  // Flops: causal Sq=Skv=4 has 1+2+3+4 = 10 visible pairs.
  s = spec(1, 1, 4, 4, 2, 3);
  s.pattern = causal;
  CHECK(attentionFlops(s, nullptr) == 10u * 2u * 5u);
  s.hasMask = true, s.maskShape = {1, 1, 1, 4}; // also hide key 0
  std::vector<uint8_t> m = {0, 1, 1, 1};
  CHECK(attentionFlops(s, m.data()) == 6u * 2u * 5u);
  s = spec(2, 1, 3, 5, 4, 4);
  CHECK(attentionFlops(s, nullptr) == 2u * 3u * 5u * 16u);
}

// BSHD must compute exactly what BHSD computes on transposed storage.
void testLayout() {
  const int64_t B = 2, Hq = 4, Hkv = 2, Sq = 3, Skv = 5, D = 4, Dv = 3;
  AttentionSpec s = spec(Hq, Hkv, Sq, Skv, D, Dv);
  s.batch = B;
  s.scale = 0.5;
  s.pattern = {PatternKind::SlidingWindow, 2, 1};
  s.hasSoftcap = true, s.softcap = 5.0;
  s.hasMask = true, s.maskShape = {1, Hq, Sq, Skv};
  s.hasBias = true, s.biasShape = {B, 1, Sq, Skv};
  s.hasAlibi = true;
  CHECK(validate(s).empty());
  Rng rng(3);
  auto fill = [&rng](int64_t n) {
    std::vector<double> x(static_cast<size_t>(n));
    for (double &e : x)
      e = rng.uniform() * 4.0 - 2.0;
    return x;
  };
  std::vector<double> q = fill(B * Hq * Sq * D), k = fill(B * Hkv * Skv * D),
                      v = fill(B * Hkv * Skv * Dv), bias = fill(B * Sq * Skv),
                      slopes = fill(Hq);
  std::vector<uint8_t> mask(size_t(Hq * Sq * Skv));
  for (uint8_t &e : mask)
    e = rng.uniform() < 0.8;
  // [B, H, S, X] -> [B, S, H, X]
  auto toBSHD = [](const std::vector<double> &x, int64_t b, int64_t h,
                   int64_t sl, int64_t d) {
    std::vector<double> y(x.size());
    for (int64_t i0 = 0; i0 < b; ++i0)
      for (int64_t i1 = 0; i1 < h; ++i1)
        for (int64_t i2 = 0; i2 < sl; ++i2)
          for (int64_t i3 = 0; i3 < d; ++i3)
            y[size_t(((i0 * sl + i2) * h + i1) * d + i3)] =
                x[size_t(((i0 * h + i1) * sl + i2) * d + i3)];
    return y;
  };
  Result a = run(s, q, k, v, mask, bias, slopes);
  s.layout = Layout::BSHD;
  Result b = run(s, toBSHD(q, B, Hq, Sq, D), toBSHD(k, B, Hkv, Skv, D),
                 toBSHD(v, B, Hkv, Skv, Dv), mask, bias, slopes);
  CHECK(b.out == toBSHD(a.out, B, Hq, Sq, Dv));
  CHECK(b.lse == a.lse); // lse is [B, Hq, Sq] in both layouts
  bool finite = true;
  for (double x : a.out)
    finite &= std::isfinite(x);
  CHECK(finite);
}

void testValidate() {
  AttentionSpec s = spec(4, 3, 1, 1, 1, 1);
  CHECK(!validate(s).empty()); // 4 % 3 != 0
  s = spec(1, 1, 2, 3, 1, 1);
  s.hasMask = true, s.maskShape = {1, 1, 2, 2};
  CHECK(!validate(s).empty()); // mask dim 3 must be 1 or 3
  s.maskShape = {1, 1, 2, 3};
  CHECK(validate(s).empty());
  s.seqQ = 0;
  CHECK(!validate(s).empty());
  s = spec(1, 1, 1, 1, 1, 1);
  s.hasSoftcap = true, s.softcap = 0.0;
  CHECK(!validate(s).empty());
  // query_rows within [0, rowTotal).
  s = spec(1, 1, 2, 3, 1, 1);
  s.rowStart = 1, s.rowTotal = 3;
  CHECK(validate(s).empty());
  s.rowStart = 2;
  CHECK(!validate(s).empty());
  s.rowStart = -1;
  CHECK(!validate(s).empty());
  s = spec(2, 1, 3, 5, 4, 6);
  s.batch = 2;
  CHECK(queryElements(s) == 2 * 2 * 3 * 4 && keyElements(s) == 2 * 5 * 4 &&
        valueElements(s) == 2 * 5 * 6 && outputElements(s) == 2 * 2 * 3 * 6 &&
        lseElements(s) == 2 * 2 * 3);
}

} // namespace

// Block-sparse patterns, block tables and block scoring/selection, each
// case worked out by hand from docs/semantics.md.
void testSparsity() {
  auto vis = [](const MaskPattern &p, int64_t i, int64_t j, int64_t n,
                const std::vector<int64_t> &docs = {}) {
    return patternVisible(p, i, j, n, n, docs);
  };
  MaskPattern dil;
  dil.kind = PatternKind::DilatedWindow;
  dil.left = 2, dil.right = 0, dil.dilation = 3; // t = 9 - j in {0, 3, 6}
  CHECK(vis(dil, 9, 9, 10) && vis(dil, 9, 6, 10) && vis(dil, 9, 3, 10));
  CHECK(!vis(dil, 9, 0, 10) && !vis(dil, 9, 8, 10) && !vis(dil, 3, 6, 10));
  MaskPattern glob;
  glob.kind = PatternKind::Global;
  glob.keys = 2, glob.queries = 1;
  CHECK(vis(glob, 0, 4, 5) && vis(glob, 3, 1, 5) && !vis(glob, 3, 2, 5));
  // 4x4 grid, 3x3 kernel: corner (0,0) sees rows/cols 0..2; (3,3) sees 1..3.
  MaskPattern nb;
  nb.kind = PatternKind::Neighborhood;
  nb.height = nb.width = 4, nb.kernelH = nb.kernelW = 3;
  CHECK(vis(nb, 0, 10, 16) && !vis(nb, 0, 3, 16));
  CHECK(vis(nb, 5, 0, 16) && !vis(nb, 5, 11, 16));
  CHECK(vis(nb, 15, 5, 16) && !vis(nb, 15, 4, 16));
  // 1x8 grid, kernel 1x3, dilation 1x2: col 0 sees 0, 2, 4; col 7 sees 3, 5, 7.
  MaskPattern nd;
  nd.kind = PatternKind::Neighborhood;
  nd.height = 1, nd.width = 8, nd.kernelH = 1, nd.kernelW = 3, nd.dilationW = 2;
  CHECK(vis(nd, 0, 4, 8) && !vis(nd, 0, 6, 8) && !vis(nd, 0, 1, 8));
  CHECK(vis(nd, 7, 3, 8) && !vis(nd, 7, 1, 8) && !vis(nd, 7, 6, 8));
  MaskPattern bl;
  bl.kind = PatternKind::BlockLayout;
  bl.blockQ = 2, bl.blockK = 3, bl.rows = 2, bl.cols = 2, bl.layout = {1, 0, 0, 1};
  CHECK(vis(bl, 1, 2, 6) && !vis(bl, 1, 3, 6) && vis(bl, 2, 3, 6) &&
        !vis(bl, 4, 0, 6));
  // Documents [0, 3), [3, 3) (empty), [3, 7); position 7 is in none.
  MaskPattern doc;
  doc.kind = PatternKind::Documents;
  std::vector<int64_t> offs = {0, 3, 3, 7};
  CHECK(vis(doc, 2, 0, 8, offs) && !vis(doc, 3, 2, 8, offs) &&
        vis(doc, 6, 3, 8, offs) && !vis(doc, 7, 7, 8, offs));
  MaskPattern u, x;
  u.kind = PatternKind::Union, x.kind = PatternKind::Intersect;
  u.children = x.children = {glob, dil};
  CHECK(vis(u, 9, 1, 10) && vis(u, 9, 6, 10) && !vis(u, 9, 8, 10));
  CHECK(!vis(x, 9, 1, 10) && !vis(x, 9, 6, 10) && vis(x, 0, 0, 10));

  // Block table over 2 x 2 blocks, Sq = Skv = 4: query block 0 lists key
  // block 1 (full), query block 1 lists key block 0 (pattern applies).
  AttentionSpec t;
  t.seqQ = t.seqKV = 4;
  t.pattern.kind = PatternKind::Causal;
  t.hasBlockTable = t.hasBlockFull = true;
  t.blockQ = t.blockK = 2, t.tableNnz = 2;
  t.rowPtr = {0, 1, 2}, t.cols = {1, 0}, t.full = {1, 0};
  CHECK(validate(t).empty());
  // Row 0 sees keys 2, 3 (full block overrides causal); row 2 sees 0, 1.
  double q[4] = {0, 0, 0, 0}, k[4] = {0, 0, 0, 0}, v[4] = {1, 2, 3, 4};
  double out[4], lse[4];
  t.withLse = true;
  attentionForward(t, q, k, v, nullptr, nullptr, nullptr, out, lse);
  CHECK(out[0] == 3.5 && out[1] == 3.5 && out[2] == 1.5 && out[3] == 1.5);
  CHECK(std::fabs(lse[0] - std::log(2.0)) < 1e-15);
  t.cols = {1, 1};
  t.rowPtr = {0, 2, 2}; // duplicate key block in row 0
  CHECK(!validate(t).empty());

  // Antidiagonal (stride 2) and mean-pooled block scores, D = 1, scale 1:
  // q = [1, 2], k = [1, 0 | 0, 3]. Stride 2 pairs (i + j odd): block 0:
  // (0,1) 0, (1,0) 2 -> mean 1; block 1: (0,3) 3, (1,2) 0 -> 1.5.
  BlockScoreSpec bs;
  bs.seqQ = 2, bs.seqKV = 4, bs.blockQ = 2, bs.blockK = 2, bs.stride = 2;
  double qs[2] = {1, 2}, ks[4] = {1, 0, 0, 3};
  std::vector<double> sc;
  blockScore(bs, qs, ks, sc);
  double e = std::exp(0.5);
  CHECK(sc.size() == 2 && std::fabs(sc[0] - 1 / (1 + e)) < 1e-15 &&
        std::fabs(sc[1] - e / (1 + e)) < 1e-15);
  bs.stride = 1; // mean pool: 1.5 * 0.5 = 0.75, 1.5 * 1.5 = 2.25
  blockScore(bs, qs, ks, sc);
  e = std::exp(1.5);
  CHECK(std::fabs(sc[0] - 1 / (1 + e)) < 1e-15);

  // Selection on one row [0.1, 0.5, 0.2, 0.2] (ties: lower index first).
  double row[4] = {0.1, 0.5, 0.2, 0.2};
  BlockSelectSpec ss;
  ss.rows = 1, ss.cols = 4;
  std::vector<double> rp, cols;
  auto sel = [&](std::vector<double> want) {
    blockSelect(ss, row, rp, cols);
    bool ok = rp[0] == 0 && rp[1] == double(want.size());
    for (size_t n = 0; n < 4; ++n)
      ok &= cols[n] == (n < want.size() ? want[n] : -1.0);
    return ok;
  };
  ss.topK = 2;
  CHECK(sel({1, 2}));
  ss.topK = -1, ss.threshold = 0.6; // 0.5 + 0.2 >= 0.6 * 1.0
  CHECK(sel({1, 2}));
  ss.threshold = 0.5;
  CHECK(sel({1}));
  ss.threshold = -1, ss.topK = 1, ss.keepSink = true;
  CHECK(sel({0, 1}));
  ss.topK = 0, ss.keepSink = false, ss.keepDiagonal = true; // c = 0 + 4 - 1
  CHECK(sel({3}));
}

int main() {
  testHalf();
  testBF16();
  testRngAndData();
  testCompare();
  testAttention();
  testLayout();
  testValidate();
  testSparsity();
  testGradients(check);
  if (failures) {
    std::printf("attn-ref-selftest: %d of %d checks failed\n", failures, checks);
    return 1;
  }
  std::printf("attn-ref-selftest: %d checks passed\n", checks);
  return 0;
}
