//===- LinearAttentionOp.cpp - attn.linear_attention verifier and helpers -===//
#include "attn/IR/AttnOps.h"
#include "OperandShapes.h"

#include "mlir/IR/Builders.h"

#include <cmath>
#include <cstdio>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::opshapes;

namespace {
constexpr int64_t kDyn = ShapedType::kDynamic;

/// Doubles as users write them (0.5, not 5.000000e-01).
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%g", v);
  return buf;
}

} // namespace

int64_t LinearAttentionOp::getFeatureDim() {
  if (getFeatureMap() == FeatureMap::favor)
    return getProjection() ? dimOfValue(getProjection(), 1) : kDyn;
  return getHeadDim();
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
  FailureOr<opshapes::QKVSizes> sizes =
      opshapes::verifyQKV(*this, layout, getQuery(), getKey(), getValue());
  if (failed(sizes))
    return failure();
  int64_t b = sizes->b, hq = sizes->hq, sq = sizes->sq, skv = sizes->skv,
          d = sizes->d, dv = sizes->dv;
  Type elt = cast<RankedTensorType>(getQuery().getType()).getElementType();
  auto expectShape = [&](StringRef name, RankedTensorType t,
                         ArrayRef<int64_t> expected,
                         StringRef expectedName) -> LogicalResult {
    return opshapes::expectShape(*this, name, t, expected, expectedName);
  };

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
