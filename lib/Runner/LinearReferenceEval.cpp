//===- LinearReferenceEval.cpp - attn.linear_attention in float64 ---------===//
//
// Maps attn.linear_attention with static shapes onto lib/Reference, either
// as itself or (for --compare=softmax) as the softmax attention with the
// same Q, K, V, layout, scale and causal mask.
//
//===----------------------------------------------------------------------===//
#include "attn/IR/AttnOps.h"
#include "attn/Reference/LinearAttention.h"
#include "attn/Runner/Runner.h"

using namespace mlir;
using namespace mlir::attn;

FailureOr<ref::LinearAttentionSpec>
mlir::attn::linearSpecFromOp(LinearAttentionOp op, std::string &why) {
  ref::LinearAttentionSpec s;
  if (failed(copyStaticShape(op, s, why)))
    return failure();
  switch (op.getFeatureMap()) {
  case FeatureMap::elu1:
    s.featureMap = ref::FeatureMap::Elu1;
    break;
  case FeatureMap::relu:
    s.featureMap = ref::FeatureMap::Relu;
    break;
  case FeatureMap::identity:
    s.featureMap = ref::FeatureMap::Identity;
    break;
  case FeatureMap::cosine:
    s.featureMap = ref::FeatureMap::Cosine;
    break;
  case FeatureMap::favor:
    s.featureMap = ref::FeatureMap::Favor;
    s.numFeatures = op.getFeatureDim();
    break;
  }
  s.scale = *op.getEffectiveScale();
  s.normalize = op.isNormalized();
  s.causal = op.getCausal();
  SmallVector<double> g = op.getDecayFactors();
  s.decay.assign(g.begin(), g.end());
  std::string invalid = ref::validate(s);
  if (!invalid.empty()) {
    why = "reference spec rejected: " + invalid;
    return failure();
  }
  return s;
}

std::vector<double>
mlir::attn::evaluateLinearOp(LinearAttentionOp op,
                             const ref::LinearAttentionSpec &spec,
                             const double *q, const double *k, const double *v,
                             const double *projection, bool asSoftmax,
                             uint64_t &flops) {
  std::vector<double> out(size_t(ref::outputElements(spec)));
  if (asSoftmax) {
    ref::AttentionSpec soft = ref::softmaxEquivalent(spec);
    ref::attentionForward(soft, q, k, v, nullptr, nullptr, nullptr,
                          out.data(), nullptr);
    flops += ref::attentionFlops(soft, nullptr);
    return out;
  }
  ref::linearAttentionForward(spec, q, k, v, projection, out.data());
  flops += ref::linearAttentionFlops(spec, op.getEffectiveChunkSize());
  return out;
}

uint64_t mlir::attn::linearFlops(LinearAttentionOp op,
                                 const ref::LinearAttentionSpec &spec) {
  return ref::linearAttentionFlops(spec, op.getEffectiveChunkSize());
}

SmallVector<std::pair<unsigned, std::pair<int64_t, int64_t>>>
mlir::attn::favorProjectionArguments(func::FuncOp entry) {
  SmallVector<std::pair<unsigned, std::pair<int64_t, int64_t>>> r;
  entry.walk([&](LinearAttentionOp op) {
    auto arg = dyn_cast_or_null<BlockArgument>(op.getProjection());
    if (!arg || arg.getOwner()->getParentOp() != entry.getOperation())
      return;
    auto t = cast<RankedTensorType>(arg.getType());
    if (!t.hasStaticShape())
      return;
    r.push_back({arg.getArgNumber(), {t.getDimSize(0), t.getDimSize(1)}});
  });
  return r;
}
