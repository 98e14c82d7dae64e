//===- ApproximateMath.cpp - vectorizable exp/log/tanh --------------------===//
#include "passes/CPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/X86Vector/X86VectorDialect.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNCPUAPPROXIMATEMATH
#include "passes/CPU/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;

namespace {
/// exp(x) = 2^n p(f) on vector<16xf32>, the scaling by vscalefps (see the
/// pass description). p: Taylor coefficients of 2^f = e^(f ln 2), degree 7
/// (|f| <= 1/2: truncation error below 6e-9).
struct ScalefExp : OpRewritePattern<math::ExpOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(math::ExpOp op,
                                PatternRewriter &rw) const override {
    auto vt = dyn_cast<VectorType>(op.getType());
    if (!vt || vt.getRank() != 1 || vt.getDimSize(0) != 16 ||
        vt.isScalable() || !vt.getElementType().isF32())
      return failure();
    Location loc = op.getLoc();
    auto c = [&](double v) -> Value {
      auto attr = DenseElementsAttr::get(vt, rw.getF32FloatAttr(v));
      return arith::ConstantOp::create(rw, loc, vt, attr);
    };
    Value log2e = c(1.4426950408889634);
    Value t = arith::MulFOp::create(rw, loc, op.getOperand(), log2e);
    // Below -150, 2^t is 0 in f32; the clamp also keeps f finite for
    // t = -inf (exp(-inf) = 0). An ordered compare leaves NaN alone.
    Value lo = c(-150.0);
    Value below =
        arith::CmpFOp::create(rw, loc, arith::CmpFPredicate::OLT, t, lo);
    t = arith::SelectOp::create(rw, loc, below, lo, t);
    Value n = math::RoundEvenOp::create(rw, loc, t);
    Value f = arith::SubFOp::create(rw, loc, t, n);
    const double coef[] = {1.0,
                           0.6931471805599453,
                           0.2402265069591007,
                           0.05550410866482158,
                           0.009618129107628477,
                           0.0013333558146428443,
                           0.00015403530393381608,
                           1.525273380405984e-05};
    Value p = c(coef[7]);
    for (int k = 6; k >= 0; --k) {
      Value ck = c(coef[k]);
      p = math::FmaOp::create(rw, loc, p, f, ck);
    }
    Value all = arith::ConstantOp::create(rw, loc, rw.getI16Type(),
                                          rw.getI16IntegerAttr(-1));
    // _MM_FROUND_CUR_DIRECTION
    Value rounding = arith::ConstantOp::create(rw, loc, rw.getI32Type(),
                                               rw.getI32IntegerAttr(4));
    // The op passes its operands to llvm.x86.avx512.mask.scalef.ps.512 in
    // order, whose signature is (a, b, passthru, mask, rounding): p * 2^n
    // with every mask bit set.
    Value r = x86vector::MaskScaleFOp::create(rw, loc, vt, p, n, p, all,
                                              rounding);
    rw.replaceOp(op, r);
    return success();
  }
};

struct AttnCpuApproximateMathPass
    : public attn::impl::AttnCpuApproximateMathBase<AttnCpuApproximateMathPass> {
  using AttnCpuApproximateMathBase::AttnCpuApproximateMathBase;
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    if (avx512Scalef)
      patterns.add<ScalefExp>(&getContext(), /*benefit=*/2);
    // Only the functions attention lowerings emit; the approximations are
    // f32 (f16/bf16 are computed in f32 by every attn lowering).
    auto wanted = [](StringRef name) {
      name.consume_front("math.");
      return name == "exp" || name == "log" || name == "tanh";
    };
    populateMathF32ExpansionPatterns(patterns, wanted);
    populateMathPolynomialApproximationPatterns(patterns, wanted);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
