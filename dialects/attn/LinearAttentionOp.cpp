//===- LinearAttentionOp.cpp - attn.linear_attention verifier and helpers -===//
#include "attn/AttnOps.h"

#include "mlir/IR/Builders.h"

#include <cmath>
#include <cstdio>

using namespace mlir;
using namespace mlir::attn;

namespace {
constexpr int64_t kDyn = ShapedType::kDynamic;

std::string shapeStr(ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (auto [idx, d] : llvm::enumerate(shape)) {
    if (idx)
      s += ", ";
    s += ShapedType::isDynamic(d) ? std::string("?") : std::to_string(d);
  }
  return s + "]";
}

/// Doubles as users write them (0.5, not 5.000000e-01).
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g", v);
  return buf;
}

bool compatible(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

/// Head and sequence dims of Q/K/V/O in `layout`.
std::pair<unsigned, unsigned> headSeqDims(Layout l) {
  return l == Layout::bshd ? std::make_pair(2u, 1u) : std::make_pair(1u, 2u);
}

SmallVector<int64_t> storageShape(Layout layout, int64_t b, int64_t h,
                                  int64_t s, int64_t x) {
  if (layout == Layout::bshd)
    return {b, s, h, x};
  return {b, h, s, x};
}

std::string layoutName(Layout layout, StringRef h, StringRef s, StringRef x) {
  if (layout == Layout::bshd)
    return ("[B, " + s + ", " + h + ", " + x + "]").str();
  return ("[B, " + h + ", " + s + ", " + x + "]").str();
}

int64_t dimOf(Value v, unsigned idx) {
  auto t = cast<RankedTensorType>(v.getType());
  return idx < t.getRank() ? t.getDimSize(idx) : kDyn;
}
} // namespace

Layout LinearAttentionOp::getLayoutOrDefault() {
  if (auto attr = getLayoutAttr())
    return attr.getValue();
  return Layout::bhsd;
}

int64_t LinearAttentionOp::getBatch() { return dimOf(getQuery(), 0); }
int64_t LinearAttentionOp::getHeadsQ() {
  return dimOf(getQuery(), headSeqDims(getLayoutOrDefault()).first);
}
int64_t LinearAttentionOp::getHeadsKV() {
  return dimOf(getKey(), headSeqDims(getLayoutOrDefault()).first);
}
int64_t LinearAttentionOp::getSeqQ() {
  return dimOf(getQuery(), headSeqDims(getLayoutOrDefault()).second);
}
int64_t LinearAttentionOp::getSeqKV() {
  return dimOf(getKey(), headSeqDims(getLayoutOrDefault()).second);
}
int64_t LinearAttentionOp::getHeadDim() { return dimOf(getQuery(), 3); }
int64_t LinearAttentionOp::getHeadDimV() { return dimOf(getValue(), 3); }

int64_t LinearAttentionOp::getFeatureDim() {
  if (getFeatureMap() == FeatureMap::favor)
    return getProjection() ? dimOf(getProjection(), 1) : kDyn;
  return getHeadDim();
}

FailureOr<double> LinearAttentionOp::getEffectiveScale() {
  if (auto s = getScaleAttr())
    return s.getValueAsDouble();
  int64_t d = getHeadDim();
  if (ShapedType::isDynamic(d))
    return failure();
  return 1.0 / std::sqrt(static_cast<double>(d));
}

bool LinearAttentionOp::normalizedByDefault(FeatureMap map) {
  return map == FeatureMap::elu1 || map == FeatureMap::relu ||
         map == FeatureMap::favor;
}

bool LinearAttentionOp::isNormalized() {
  if (auto n = getNormalizeAttr())
    return n.getValue();
  return normalizedByDefault(getFeatureMap());
}

int64_t LinearAttentionOp::getEffectiveChunkSize() {
  // 64 rows: the [C, C] score tile and [C, D'] feature tiles stay in L1/L2
  // for D' <= 128, and the quadratic part (2 C^2 (D' + Dv)) about matches
  // the state part (4 C D' Dv) at C = D = 64.
  int64_t c = 64;
  if (auto attr = getChunkSizeAttr())
    c = attr.getInt();
  int64_t sq = getSeqQ();
  if (!ShapedType::isDynamic(sq))
    c = std::min(c, sq);
  return std::max<int64_t>(c, 1);
}

SmallVector<double> LinearAttentionOp::getDecayFactors() {
  SmallVector<double> r;
  if (auto a = getDecayAttr())
    for (Attribute x : a)
      r.push_back(cast<FloatAttr>(x).getValueAsDouble());
  return r;
}

LogicalResult LinearAttentionOp::verify() {
  Layout layout = getLayoutOrDefault();
  auto [headIdx, seqIdx] = headSeqDims(layout);
  auto qT = cast<RankedTensorType>(getQuery().getType());
  auto kT = cast<RankedTensorType>(getKey().getType());
  auto vT = cast<RankedTensorType>(getValue().getType());

  struct Named {
    StringRef name;
    RankedTensorType type;
    std::string expected;
  };
  Named qkv[] = {{"query", qT, layoutName(layout, "Hq", "Sq", "D")},
                 {"key", kT, layoutName(layout, "Hkv", "Skv", "D")},
                 {"value", vT, layoutName(layout, "Hkv", "Skv", "Dv")}};
  for (const Named &n : qkv) {
    if (n.type.getRank() != 4)
      return emitOpError() << n.name << " must have rank 4 (" << n.expected
                           << "), got rank " << n.type.getRank();
    for (int64_t d : n.type.getShape())
      if (d == 0)
        return emitOpError() << n.name << " of shape "
                             << shapeStr(n.type.getShape())
                             << " has an empty dimension";
  }

  Type elt = qT.getElementType();
  if (kT.getElementType() != elt)
    return emitOpError() << "key element type " << kT.getElementType()
                         << " does not match query element type " << elt;
  if (vT.getElementType() != elt)
    return emitOpError() << "value element type " << vT.getElementType()
                         << " does not match query element type " << elt;

  int64_t b = qT.getDimSize(0), hq = qT.getDimSize(headIdx),
          sq = qT.getDimSize(seqIdx), d = qT.getDimSize(3);
  int64_t hkv = kT.getDimSize(headIdx), skv = kT.getDimSize(seqIdx);
  int64_t dv = vT.getDimSize(3);

  auto expectShape = [&](StringRef name, RankedTensorType t,
                         ArrayRef<int64_t> expected,
                         StringRef expectedName) -> LogicalResult {
    bool ok = t.getRank() == static_cast<int64_t>(expected.size());
    for (unsigned i = 0; ok && i < expected.size(); ++i)
      ok = compatible(t.getDimSize(i), expected[i]);
    if (ok)
      return success();
    return emitOpError() << name << " has shape " << shapeStr(t.getShape())
                         << " but expected " << expectedName << " = "
                         << shapeStr(expected);
  };

  if (failed(expectShape("key", kT, storageShape(layout, b, hkv, skv, d),
                         layoutName(layout, "Hkv", "Skv", "D"))))
    return failure();
  if (failed(expectShape("value", vT, storageShape(layout, b, hkv, skv, dv),
                         layoutName(layout, "Hkv", "Skv", "Dv"))))
    return failure();
  if (!ShapedType::isDynamic(hq) && !ShapedType::isDynamic(hkv) &&
      hq % hkv != 0)
    return emitOpError() << "query heads (Hq = " << hq
                         << ") must be a multiple of key/value heads (Hkv = "
                         << hkv << ")";

  auto oT = cast<RankedTensorType>(getOutput().getType());
  if (oT.getElementType() != elt)
    return emitOpError() << "output element type " << oT.getElementType()
                         << " does not match query element type " << elt;
  if (failed(expectShape("output", oT, storageShape(layout, b, hq, sq, dv),
                         layoutName(layout, "Hq", "Sq", "Dv"))))
    return failure();

  FeatureMap map = getFeatureMap();
  if (map == FeatureMap::favor) {
    Value p = getProjection();
    if (!p)
      return emitOpError() << "feature map favor needs a projection operand "
                              "[D, M] (the random features)";
    auto pT = cast<RankedTensorType>(p.getType());
    if (pT.getRank() != 2 || !compatible(pT.getDimSize(0), d))
      return emitOpError() << "projection has shape "
                           << shapeStr(pT.getShape())
                           << " but expected [D, M] with D = "
                           << (ShapedType::isDynamic(d) ? std::string("?")
                                                        : std::to_string(d));
    if (pT.getDimSize(1) == 0)
      return emitOpError() << "projection has no feature (M = 0)";
  } else if (getProjection()) {
    return emitOpError() << "a projection operand is only used by the favor "
                            "feature map, not "
                         << stringifyFeatureMap(map);
  }

  if (auto n = getNormalizeAttr())
    if (n.getValue() && !normalizedByDefault(map))
      return emitOpError() << "feature map " << stringifyFeatureMap(map)
                           << " has no normalizer (its features can be "
                              "negative): normalize must be false";

  // q and k are scaled by sqrt(scale) before phi; computed in f32.
  constexpr double kF32Max = 3.4028234663852886e38;
  if (auto s = getScaleAttr()) {
    double v = s.getValueAsDouble();
    if (!std::isfinite(v) || v <= 0.0 || v > kF32Max)
      return emitOpError() << "scale must be positive and finite in f32, got "
                           << num(v);
  }

  if (getCausal() && !ShapedType::isDynamic(sq) &&
      !ShapedType::isDynamic(skv) && sq > skv)
    return emitOpError() << "causal linear attention needs Sq <= Skv (got Sq = "
                         << sq << ", Skv = " << skv
                         << "): the first query rows would see no key";

  if (auto decay = getDecayAttr()) {
    if (!getCausal())
      return emitOpError() << "decay needs causal: it is the recurrence "
                              "S_t = g S_{t-1} + phi(k_t) v_t^T";
    SmallVector<double> g = getDecayFactors();
    if (!ShapedType::isDynamic(hq) && static_cast<int64_t>(g.size()) != hq)
      return emitOpError() << "decay has " << g.size()
                           << " factors but there are Hq = " << hq
                           << " query heads";
    for (auto [h, v] : llvm::enumerate(g))
      if (!(v > 0.0 && v <= 1.0))
        return emitOpError() << "decay factor " << num(v) << " of head " << h
                             << " is not in (0, 1]";
  }

  if (auto c = getChunkSizeAttr())
    if (c.getInt() < 1 || c.getInt() > 4096)
      return emitOpError() << "chunk_size must be in [1, 4096], got "
                           << c.getInt();
  return success();
}
