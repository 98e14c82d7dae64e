//===- Data.cpp - seeded inputs, low-precision storage, comparison --------===//

#include "attn/Reference/Data.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace attn {
namespace ref {

namespace {

uint32_t floatBits(float f) {
  uint32_t x;
  std::memcpy(&x, &f, sizeof x);
  return x;
}

float bitsFloat(uint32_t x) {
  float f;
  std::memcpy(&f, &x, sizeof f);
  return f;
}

// Rounds the n-bit integer `m` right by `shift` bits, to nearest even.
uint32_t shiftRoundEven(uint32_t m, unsigned shift) {
  uint32_t q = m >> shift;
  uint32_t rem = m & ((1u << shift) - 1);
  uint32_t half = 1u << (shift - 1);
  if (rem > half || (rem == half && (q & 1)))
    ++q;
  return q;
}

// The value a kernel storing `t` sees for `x`.
double roundTo(ElemType t, double x) {
  switch (t) {
  case ElemType::F32:
    return float(x);
  case ElemType::F16:
    return halfToFloat(floatToHalf(float(x)));
  case ElemType::BF16:
    return bf16ToFloat(floatToBF16(float(x)));
  case ElemType::F64:
    return x;
  case ElemType::I1:
    return x != 0.0 ? 1.0 : 0.0;
  case ElemType::I32:
  case ElemType::I64:
    return std::floor(x);
  }
  return x;
}

} // namespace

unsigned storageBytes(ElemType t) {
  switch (t) {
  case ElemType::F32:
    return 4;
  case ElemType::F16:
  case ElemType::BF16:
    return 2;
  case ElemType::F64:
    return 8;
  case ElemType::I1:
    return 1;
  case ElemType::I32:
    return 4;
  case ElemType::I64:
    return 8;
  }
  return 0;
}

const char *elemTypeName(ElemType t) {
  switch (t) {
  case ElemType::F32:
    return "f32";
  case ElemType::F16:
    return "f16";
  case ElemType::BF16:
    return "bf16";
  case ElemType::F64:
    return "f64";
  case ElemType::I1:
    return "i1";
  case ElemType::I32:
    return "i32";
  case ElemType::I64:
    return "i64";
  }
  return "?";
}

uint16_t floatToHalf(float f) {
  uint32_t x = floatBits(f);
  uint16_t sign = uint16_t((x >> 16) & 0x8000);
  x &= 0x7fffffff;
  if (x > 0x7f800000) // NaN: keep the top payload bits, force quiet
    return uint16_t(sign | 0x7e00 | ((x >> 13) & 0x3ff));
  if (x >= 0x477ff000) // >= 65520 (halfway past 65504) rounds to inf
    return uint16_t(sign | 0x7c00);
  if (x >= 0x38800000) { // >= 2^-14: normal half
    uint32_t e = (x >> 23) - 127 + 15;
    uint32_t m = x & 0x7fffff;
    // Rounding may carry into the exponent, which is the right encoding.
    return uint16_t(sign | shiftRoundEven((e << 23) | m, 13));
  }
  if (x <= 0x33000000) // <= 2^-25: rounds to zero (2^-25 is a tie to 0)
    return sign;
  // Subnormal half: value / 2^-24 = mant24 * 2^(e - 126), shift >= 14.
  uint32_t e = x >> 23;
  uint32_t m = (x & 0x7fffff) | 0x800000;
  return uint16_t(sign | shiftRoundEven(m, 126 - e));
}

float halfToFloat(uint16_t h) {
  uint32_t sign = uint32_t(h & 0x8000) << 16;
  uint32_t e = (h >> 10) & 0x1f;
  uint32_t m = h & 0x3ff;
  if (e == 0x1f) // inf or NaN, payload preserved
    return bitsFloat(sign | 0x7f800000 | (m << 13));
  if (e == 0) { // zero or subnormal: exactly m * 2^-24
    float v = std::ldexp(float(m), -24);
    return sign ? -v : v;
  }
  return bitsFloat(sign | ((e - 15 + 127) << 23) | (m << 13));
}

uint16_t floatToBF16(float f) {
  uint32_t x = floatBits(f);
  if ((x & 0x7fffffff) > 0x7f800000) // NaN: truncation could yield inf
    return uint16_t((x >> 16) | 0x0040);
  // Round to nearest even on the low 16 bits; overflow carries into inf.
  x += 0x7fff + ((x >> 16) & 1);
  return uint16_t(x >> 16);
}

float bf16ToFloat(uint16_t b) { return bitsFloat(uint32_t(b) << 16); }


// Writes `r` (already representable in `t`) in its in-memory encoding.
static void storeElement(ElemType t, double r, uint8_t *p) {
  // Native byte order: the buffers are handed to kernels on this host.
  switch (t) {
  case ElemType::F32: {
    float f = float(r);
    std::memcpy(p, &f, 4);
    break;
  }
  case ElemType::F16: {
    uint16_t h = floatToHalf(float(r));
    std::memcpy(p, &h, 2);
    break;
  }
  case ElemType::BF16: {
    uint16_t h = floatToBF16(float(r));
    std::memcpy(p, &h, 2);
    break;
  }
  case ElemType::F64:
    std::memcpy(p, &r, 8);
    break;
  case ElemType::I1:
    *p = r != 0.0 ? 1 : 0;
    break;
  case ElemType::I32: {
    int32_t v = int32_t(r);
    std::memcpy(p, &v, 4);
    break;
  }
  case ElemType::I64: {
    int64_t v = int64_t(r);
    std::memcpy(p, &v, 8);
    break;
  }
  }
}

void generate(ElemType t, int64_t n, Rng &rng, double lo, double hi,
              double trueProb, std::vector<double> &values,
              std::vector<uint8_t> &storage) {
  if (n < 0)
    n = 0;
  values.assign(size_t(n), 0.0);
  storage.assign(size_t(n) * storageBytes(t), 0);
  uint8_t *p = storage.data();
  for (int64_t idx = 0; idx < n; ++idx) {
    double u = rng.uniform();
    double x = t == ElemType::I1 ? (u < trueProb ? 1.0 : 0.0)
                                 : lo + (hi - lo) * u;
    double r = roundTo(t, x);
    values[size_t(idx)] = r;
    storeElement(t, r, p);
    p += storageBytes(t);
  }
}

void encode(ElemType t, std::vector<double> &values,
            std::vector<uint8_t> &storage) {
  storage.assign(values.size() * storageBytes(t), 0);
  for (size_t idx = 0; idx < values.size(); ++idx) {
    values[idx] = roundTo(t, values[idx]);
    storeElement(t, values[idx], storage.data() + idx * storageBytes(t));
  }
}

void generateOffsets(ElemType t, int64_t n, int64_t total, Rng &rng,
                     std::vector<double> &values,
                     std::vector<uint8_t> &storage) {
  std::vector<int64_t> o(size_t(n < 2 ? 2 : n), 0);
  o.back() = total;
  for (size_t d = 1; d + 1 < o.size(); ++d)
    o[d] = int64_t(rng.uniform() * double(total + 1));
  std::sort(o.begin(), o.end());
  values.assign(o.begin(), o.end());
  storage.assign(o.size() * storageBytes(t), 0);
  for (size_t d = 0; d < o.size(); ++d) {
    if (t == ElemType::I32) {
      int32_t v = int32_t(o[d]);
      std::memcpy(&storage[d * 4], &v, 4);
    } else {
      std::memcpy(&storage[d * 8], &o[d], 8);
    }
  }
}

void generateBlockTable(int64_t tables, int64_t rows, int64_t nnz, int64_t nKB,
                        double density, Rng &rng, std::vector<double> &rowPtr,
                        std::vector<double> &cols, std::vector<double> &full,
                        std::vector<uint8_t> &rowPtrBytes,
                        std::vector<uint8_t> &colsBytes,
                        std::vector<uint8_t> &fullBytes) {
  rowPtr.assign(size_t(tables * (rows + 1)), 0.0);
  cols.assign(size_t(tables * nnz), -1.0);
  full.assign(size_t(tables * nnz), 0.0);
  for (int64_t t = 0; t < tables; ++t) {
    int64_t used = 0;
    for (int64_t r = 0; r < rows; ++r) {
      rowPtr[size_t(t * (rows + 1) + r)] = double(used);
      for (int64_t k = 0; k < nKB && used < nnz; ++k)
        if (rng.uniform() < density) {
          cols[size_t(t * nnz + used)] = double(k);
          full[size_t(t * nnz + used)] = rng.uniform() < 0.5 ? 1.0 : 0.0;
          ++used;
        }
    }
    rowPtr[size_t(t * (rows + 1) + rows)] = double(used);
  }
  auto toI32 = [](const std::vector<double> &v, std::vector<uint8_t> &bytes) {
    bytes.assign(v.size() * 4, 0);
    for (size_t i = 0; i < v.size(); ++i) {
      int32_t x = int32_t(v[i]);
      std::memcpy(&bytes[i * 4], &x, 4);
    }
  };
  toI32(rowPtr, rowPtrBytes);
  toI32(cols, colsBytes);
  fullBytes.assign(full.size(), 0);
  for (size_t i = 0; i < full.size(); ++i)
    fullBytes[i] = full[i] != 0.0;
}

void decode(ElemType t, const void *storage, int64_t n,
            std::vector<double> &values) {
  if (n < 0)
    n = 0;
  values.assign(size_t(n), 0.0);
  const uint8_t *p = static_cast<const uint8_t *>(storage);
  for (int64_t idx = 0; idx < n; ++idx, p += storageBytes(t)) {
    double &r = values[size_t(idx)];
    switch (t) {
    case ElemType::F32: {
      float f;
      std::memcpy(&f, p, 4);
      r = f;
      break;
    }
    case ElemType::F16: {
      uint16_t h;
      std::memcpy(&h, p, 2);
      r = halfToFloat(h);
      break;
    }
    case ElemType::BF16: {
      uint16_t h;
      std::memcpy(&h, p, 2);
      r = bf16ToFloat(h);
      break;
    }
    case ElemType::F64:
      std::memcpy(&r, p, 8);
      break;
    case ElemType::I1:
      r = *p ? 1.0 : 0.0;
      break;
    case ElemType::I32: {
      int32_t v;
      std::memcpy(&v, p, 4);
      r = v;
      break;
    }
    case ElemType::I64: {
      int64_t v;
      std::memcpy(&v, p, 8);
      r = double(v);
      break;
    }
    }
  }
}

Tolerance defaultTolerance(ElemType t) {
  switch (t) {
  case ElemType::F32:
    return {1e-5, 1e-4};
  case ElemType::F16:
    return {2e-3, 4e-3};
  case ElemType::BF16:
    return {1.6e-2, 1.6e-2};
  case ElemType::F64:
    return {1e-12, 1e-12};
  case ElemType::I1:
  case ElemType::I32:
  case ElemType::I64:
    return {0.0, 0.0};
  }
  return {0.0, 0.0};
}

Comparison compare(const std::vector<double> &got,
                   const std::vector<double> &ref, Tolerance tol) {
  const double inf = std::numeric_limits<double>::infinity();
  Comparison c;
  bool sawNaN = false;
  double maxRef = 0.0;
  auto mismatch = [&c](int64_t idx) {
    if (c.mismatches++ == 0)
      c.firstMismatch = idx;
  };
  size_t n = got.size() < ref.size() ? got.size() : ref.size();
  for (size_t idx = 0; idx < n; ++idx) {
    double g = got[idx], r = ref[idx];
    if (std::isfinite(r) && std::fabs(r) > maxRef)
      maxRef = std::fabs(r);
    if (std::isnan(g) && std::isnan(r))
      continue; // NaN where the semantics says NaN (docs/semantics.md)
    if (std::isnan(g) || std::isnan(r)) {
      sawNaN = true;
      mismatch(int64_t(idx));
      continue;
    }
    if (std::isinf(g) || std::isinf(r)) {
      if (g != r) { // opposite infinities, or infinity vs finite
        c.maxAbsErr = inf;
        mismatch(int64_t(idx));
      }
      continue; // equal infinities match and add no error
    }
    double err = std::fabs(g - r);
    if (err > c.maxAbsErr)
      c.maxAbsErr = err;
    if (err > tol.atol + tol.rtol * std::fabs(r))
      mismatch(int64_t(idx));
  }
  // A length difference is a mismatch at the first missing element.
  if (got.size() != ref.size()) {
    size_t longer = got.size() > ref.size() ? got.size() : ref.size();
    if (c.mismatches == 0)
      c.firstMismatch = int64_t(n);
    c.mismatches += int64_t(longer - n);
  }
  if (sawNaN) // make NaNs visible in the reported errors
    c.maxAbsErr = std::numeric_limits<double>::quiet_NaN();
  c.maxRelErr = maxRef > 0.0 ? c.maxAbsErr / maxRef : 0.0;
  c.ok = c.mismatches == 0;
  return c;
}

} // namespace ref
} // namespace attn
