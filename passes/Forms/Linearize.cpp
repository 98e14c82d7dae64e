//===- Linearize.cpp - attn.attention -> attn.linear_attention ------------===//
//
// --attn-linearize: an explicit approximation (math note section 6). It
// changes results, so it exists only as a pass that must be asked for, and
// it rewrites only ops whose scores are plain scale * q.k with a causal or
// no pattern: everything else is left alone with a remark saying why.
//
//===----------------------------------------------------------------------===//
#include "attn/IR/AttnOps.h"
#include "passes/Forms/Passes.h"
#include "attn/Reference/LinearAttention.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNLINEARIZE
#include "passes/Forms/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;
using namespace mlir::attn;

namespace {

/// Why `op` is not rewritten, or empty.
std::string refusal(AttentionOp op, FeatureMap map) {
  if (op.getMask())
    return "it has a mask operand";
  if (op.getBias())
    return "it has a bias operand";
  if (op.getAlibiSlopes())
    return "it has ALiBi slopes";
  if (op.getSoftcapAttr())
    return "it has a softcap";
  if (op.hasModRegions())
    return "it has a score_mod or mask_mod region";
  if (op.getLse())
    return "it returns the log-sum-exp, which linear attention does not have";
  if (op.getQueryRowStart())
    return "it computes a sub-range of the query rows (query_rows), which "
           "linear attention does not have";
  if (auto p = op.getSparsityAttr(); p && !isa<CausalAttr>(p))
    return "its sparsity pattern is neither causal nor absent";
  // linear_attention's causal form is bottom-right aligned; the two forms
  // agree only when Sq = Skv.
  if (auto c = dyn_cast_or_null<CausalAttr>(op.getSparsityAttr());
      c && c.getAlign() == Alignment::top_left &&
      (ShapedType::isDynamic(op.getSeqQ()) || op.getSeqQ() != op.getSeqKV()))
    return "it is top-left causal and Sq = Skv is not known";
  if (op.getSparsityAttr() && !ShapedType::isDynamic(op.getSeqQ()) &&
      !ShapedType::isDynamic(op.getSeqKV()) && op.getSeqQ() > op.getSeqKV())
    return "it is causal with Sq > Skv";
  if (map == FeatureMap::favor && ShapedType::isDynamic(op.getHeadDim()))
    return "favor needs a static head dim D for its projection";
  return "";
}

struct AttnLinearizePass
    : public mlir::attn::impl::AttnLinearizeBase<AttnLinearizePass> {
  using AttnLinearizeBase::AttnLinearizeBase;

  void runOnOperation() override {
    // An unknown feature-map is rejected when the option is parsed.
    std::optional<FeatureMap> map = featureMap.getValue();
    if (*map == FeatureMap::favor && (numFeatures < 1 || numFeatures > 65536)) {
      getOperation()->emitError()
          << "attn-linearize: num-features must be in [1, 65536], got "
          << static_cast<int64_t>(numFeatures);
      return signalPassFailure();
    }
    SmallVector<AttentionOp> ops;
    getOperation()->walk([&](AttentionOp op) { ops.push_back(op); });
    IRRewriter rw(&getContext());
    for (AttentionOp op : ops) {
      std::string why = refusal(op, *map);
      if (!why.empty()) {
        op.emitRemark() << "not linearized: " << why;
        continue;
      }
      rw.setInsertionPoint(op);
      Value projection;
      if (*map == FeatureMap::favor) {
        int64_t d = op.getHeadDim();
        std::vector<double> w =
            ::attn::ref::favorProjection(d, numFeatures, seed);
        SmallVector<float> wf(w.begin(), w.end());
        auto t = RankedTensorType::get({d, numFeatures}, rw.getF32Type());
        projection = arith::ConstantOp::create(
            rw, op.getLoc(), t, DenseElementsAttr::get(t, ArrayRef<float>(wf)));
      }
      auto lin = LinearAttentionOp::create(
          rw, op.getLoc(), op.getOutput().getType(), op.getQuery(),
          op.getKey(), op.getValue(), projection,
          FeatureMapAttr::get(&getContext(), *map), /*normalize=*/nullptr,
          /*causal=*/op.getSparsityAttr() ? rw.getUnitAttr() : UnitAttr(),
          /*decay=*/nullptr, /*chunk_size=*/nullptr, op.getScaleAttr(),
          op.getLayoutAttr());
      rw.replaceOp(op, lin.getOutput());
    }
  }
};
} // namespace
