//===- Npy.cpp - NumPy .npy files -----------------------------------------===//
//
// Format: "\x93NUMPY", version (major, minor), header length (2 bytes for
// 1.0, 4 for 2.0 and 3.0), then a Python dict literal
// {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } padded with
// spaces and a newline to a multiple of 64 bytes, then the data.
//
//===----------------------------------------------------------------------===//
#include "attn/Reference/Npy.h"

#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>

namespace attn {
namespace ref {

int64_t NpyArray::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

namespace {

/// Bytes per element of a supported descriptor, or 0.
unsigned descrBytes(const std::string &d) {
  static const struct {
    const char *descr;
    unsigned bytes;
  } known[] = {{"<f8", 8}, {"<f4", 4}, {"<f2", 2}, {"|b1", 1}, {"|i1", 1},
               {"<i2", 2}, {"<i4", 4}, {"<i8", 8}, {"|u1", 1}, {"<u2", 2},
               {"<u4", 4}, {"<u8", 8}};
  for (const auto &k : known)
    if (d == k.descr)
      return k.bytes;
  return 0;
}

/// The value of `key` in the header dict, as its raw text ('...' for
/// strings, (...) for tuples, a word otherwise); false when absent.
bool headerField(const std::string &h, const std::string &key,
                 std::string &value) {
  size_t k = h.find("'" + key + "'");
  if (k == std::string::npos)
    return false;
  size_t c = h.find(':', k);
  if (c == std::string::npos)
    return false;
  size_t b = h.find_first_not_of(" ", c + 1);
  if (b == std::string::npos)
    return false;
  size_t e;
  if (h[b] == '\'')
    e = h.find('\'', b + 1);
  else if (h[b] == '(')
    e = h.find(')', b + 1);
  else
    e = h.find_first_of(",}", b) - 1;
  if (e == std::string::npos || e < b)
    return false;
  value = h.substr(b, e - b + 1);
  return true;
}

std::string parseShape(std::string t, std::vector<int64_t> &shape) {
  // "(2, 3)", "(5,)", "()"
  if (t.size() < 2 || t.front() != '(' || t.back() != ')')
    return "malformed shape " + t;
  t = t.substr(1, t.size() - 2);
  size_t pos = 0;
  while (pos < t.size()) {
    size_t comma = t.find(',', pos);
    std::string item = t.substr(pos, comma == std::string::npos
                                         ? std::string::npos
                                         : comma - pos);
    size_t b = item.find_first_not_of(" "), e = item.find_last_not_of(" L");
    if (b != std::string::npos) {
      item = item.substr(b, e - b + 1);
      char *end = nullptr;
      long long v = std::strtoll(item.c_str(), &end, 10);
      if (*end || v < 0 || v > (int64_t(1) << 40))
        return "malformed shape dimension '" + item + "'";
      shape.push_back(v);
    }
    if (comma == std::string::npos)
      break;
    pos = comma + 1;
  }
  return "";
}

} // namespace

std::string readNpy(const std::string &path, NpyArray &a) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return "cannot open '" + path + "'";
  std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                             std::istreambuf_iterator<char>());
  const std::string bad = "'" + path + "' is not a .npy file: ";
  if (bytes.size() < 10 || std::memcmp(bytes.data(), "\x93NUMPY", 6))
    return bad + "no \\x93NUMPY magic";
  unsigned major = bytes[6];
  size_t headerLen, start;
  if (major == 1) {
    headerLen = bytes[8] | (size_t(bytes[9]) << 8);
    start = 10;
  } else if (major == 2 || major == 3) {
    if (bytes.size() < 12)
      return bad + "truncated header";
    headerLen = bytes[8] | (size_t(bytes[9]) << 8) |
                (size_t(bytes[10]) << 16) | (size_t(bytes[11]) << 24);
    start = 12;
  } else {
    return bad + "unknown format version " + std::to_string(major);
  }
  if (bytes.size() < start + headerLen)
    return bad + "truncated header";
  std::string h(bytes.begin() + start, bytes.begin() + start + headerLen);
  std::string descr, fortran, shape;
  if (!headerField(h, "descr", descr) ||
      !headerField(h, "fortran_order", fortran) ||
      !headerField(h, "shape", shape))
    return bad + "header lacks descr, fortran_order or shape";
  a.descr = descr.substr(1, descr.size() - 2);
  // '=' (native) and '<' are the same on the little-endian hosts we run on.
  if (!a.descr.empty() && a.descr[0] == '=')
    a.descr[0] = '<';
  if (fortran != "False")
    return "'" + path + "' is in Fortran order; save it in C order " +
           "(numpy.ascontiguousarray)";
  unsigned eb = descrBytes(a.descr);
  if (!eb)
    return "'" + path + "' has dtype '" + a.descr +
           "'; supported: float16/32/64, bool, int8..64, uint8..64 "
           "(little-endian)";
  a.shape.clear();
  if (std::string why = parseShape(shape, a.shape); !why.empty())
    return bad + why;
  size_t need = 0;
  {
    // Overflow-checked element count.
    unsigned long long n = 1;
    for (int64_t d : a.shape) {
      if (d && n > std::numeric_limits<unsigned long long>::max() / d / eb)
        return bad + "shape too large";
      n *= d;
    }
    need = n * eb;
  }
  if (bytes.size() - start - headerLen != need)
    return "'" + path + "' holds " +
           std::to_string(bytes.size() - start - headerLen) +
           " data bytes, its header announces " + std::to_string(need);
  a.data.assign(bytes.begin() + start + headerLen, bytes.end());
  return "";
}

std::string writeNpy(const std::string &path, const NpyArray &a) {
  std::string h = "{'descr': '" + a.descr + "', 'fortran_order': False, " +
                  "'shape': (";
  for (size_t i = 0; i < a.shape.size(); ++i)
    h += std::to_string(a.shape[i]) + (a.shape.size() == 1 ? "," : "") +
         (i + 1 < a.shape.size() ? ", " : "");
  h += "), }";
  size_t total = 10 + h.size() + 1;
  h.append((64 - total % 64) % 64, ' ');
  h += '\n';
  std::ofstream out(path, std::ios::binary);
  if (!out)
    return "cannot write '" + path + "'";
  out.write("\x93NUMPY\x01\x00", 8);
  char len[2] = {char(h.size() & 0xff), char(h.size() >> 8)};
  out.write(len, 2);
  out.write(h.data(), h.size());
  out.write(reinterpret_cast<const char *>(a.data.data()), a.data.size());
  if (!out)
    return "cannot write '" + path + "'";
  return "";
}

const char *npyDescr(ElemType t) {
  switch (t) {
  case ElemType::F32:
    return "<f4";
  case ElemType::F16:
    return "<f2";
  case ElemType::F64:
    return "<f8";
  case ElemType::I1:
    return "|b1";
  case ElemType::I32:
    return "<i4";
  case ElemType::I64:
    return "<i8";
  case ElemType::BF16:
    return "";
  }
  return "";
}

std::string npyValues(const NpyArray &a, std::vector<double> &values) {
  int64_t n = a.numElements();
  values.resize(n);
  const uint8_t *p = a.data.data();
  auto load = [&](auto tag) {
    using T = decltype(tag);
    for (int64_t i = 0; i < n; ++i) {
      T v;
      std::memcpy(&v, p + i * sizeof(T), sizeof(T));
      values[i] = double(v);
    }
  };
  const std::string &d = a.descr;
  if (d == "<f8")
    load(double());
  else if (d == "<f4")
    load(float());
  else if (d == "<f2")
    for (int64_t i = 0; i < n; ++i) {
      uint16_t h;
      std::memcpy(&h, p + 2 * i, 2);
      values[i] = halfToFloat(h);
    }
  else if (d == "|b1" || d == "|u1")
    load(uint8_t());
  else if (d == "|i1")
    load(int8_t());
  else if (d == "<i2")
    load(int16_t());
  else if (d == "<i4")
    load(int32_t());
  else if (d == "<i8")
    load(int64_t());
  else if (d == "<u2")
    load(uint16_t());
  else if (d == "<u4")
    load(uint32_t());
  else if (d == "<u8")
    load(uint64_t());
  else
    return "unsupported dtype '" + d + "'";
  return "";
}

void encode(ElemType t, const std::vector<double> &values,
            std::vector<uint8_t> &storage) {
  size_t n = values.size();
  storage.assign(n * storageBytes(t), 0);
  uint8_t *p = storage.data();
  for (size_t i = 0; i < n; ++i) {
    double v = values[i];
    switch (t) {
    case ElemType::F32: {
      float f = float(v);
      std::memcpy(p + 4 * i, &f, 4);
      break;
    }
    case ElemType::F64:
      std::memcpy(p + 8 * i, &v, 8);
      break;
    case ElemType::F16: {
      uint16_t h = floatToHalf(float(v));
      std::memcpy(p + 2 * i, &h, 2);
      break;
    }
    case ElemType::BF16: {
      uint16_t h = floatToBF16(float(v));
      std::memcpy(p + 2 * i, &h, 2);
      break;
    }
    case ElemType::I1:
      p[i] = v != 0.0;
      break;
    case ElemType::I32: {
      // Out-of-range and NaN values saturate instead of being undefined.
      int32_t x = v != v ? 0 : v <= -2147483648.0 ? INT32_MIN
                  : v >= 2147483647.0             ? INT32_MAX
                                                  : int32_t(v);
      std::memcpy(p + 4 * i, &x, 4);
      break;
    }
    case ElemType::I64: {
      int64_t x = v != v ? 0 : v <= -9.2233720368547758e18 ? INT64_MIN
                  : v >= 9.2233720368547758e18             ? INT64_MAX
                                                           : int64_t(v);
      std::memcpy(p + 8 * i, &x, 8);
      break;
    }
    }
  }
}

NpyArray npyFromStorage(ElemType t, const std::vector<int64_t> &shape,
                        const std::vector<uint8_t> &storage) {
  NpyArray a;
  a.shape = shape;
  if (t != ElemType::BF16) {
    a.descr = npyDescr(t);
    a.data = storage;
    return a;
  }
  std::vector<double> v;
  decode(t, storage.data(), int64_t(storage.size() / 2), v);
  a.descr = "<f4";
  encode(ElemType::F32, v, a.data);
  return a;
}

NpyArray npyFromValues(const std::vector<int64_t> &shape,
                       const std::vector<double> &values) {
  NpyArray a;
  a.descr = "<f8";
  a.shape = shape;
  encode(ElemType::F64, values, a.data);
  return a;
}

} // namespace ref
} // namespace attn
