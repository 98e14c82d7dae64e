//===- LowerStep.cpp - the CPU decomposition of attn.online_attention -----===//
//
// --attn-cpu-lower-step: each step becomes linalg on tensors that the CPU
// codegen register-tiles and vectorizes (--attn-cpu-vectorize):
//   K^T in f32 (the score contraction's innermost loop runs over contiguous
//   keys), S = Q K^T, the scale and the score region in one element-wise
//   op, the row max, P = exp(S - m'), the rescale factor, l', acc'.
// bf16 steps with P in bf16 and even D and Tk contract pairs of the
// reduction dim instead (the VNNI layout of the bf16 dot products).
//
//===----------------------------------------------------------------------===//
#include "attn/IR/AttnOps.h"
#include "passes/CPU/Passes.h"
#include "passes/Tiling/OnlineSoftmax.h"
#include "StepKernel.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

#include <limits>

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNCPULOWERSTEP
#include "passes/CPU/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;
using namespace mlir::attn;

namespace {

using utils::IteratorType;

class StepLowering {
public:
  StepLowering(OnlineAttentionOp op, OpBuilder &b)
      : op(op), b(b), loc(op.getLoc()), ctx(op.getContext()),
        f32(b.getF32Type()) {}
  SmallVector<Value> build();

private:
  OnlineAttentionOp op;
  OpBuilder &b;
  Location loc;
  MLIRContext *ctx;
  Type f32;

  AffineExpr dim(unsigned i) { return getAffineDimExpr(i, ctx); }
  AffineMap map(unsigned n, ArrayRef<AffineExpr> e) {
    return AffineMap::get(n, 0, e, ctx);
  }
  Value fconst(double v) {
    return arith::ConstantOp::create(b, loc, f32, b.getF32FloatAttr(v));
  }
  /// An empty tensor of `elt` with the sizes of `a`'s dim `da` and `c`'s
  /// dim `dc` (static or dynamic).
  Value empty2(Value a, unsigned da, Value c, unsigned dc, Type elt);
  Value generic(Type t, ValueRange ins, ValueRange outs,
                ArrayRef<AffineMap> maps, ArrayRef<IteratorType> iters,
                function_ref<void(OpBuilder &, Location, ValueRange)> body) {
    return linalg::GenericOp::create(b, loc, t, ins, outs, maps, iters, body)
        .getResult(0);
  }
  /// S = Q K^T (f32 accumulation), in the layout the vectorizer wants.
  Value scores();
  /// scale and the score region, element-wise (nothing when neither).
  Value modify(Value s);
  /// `src` [rows, 2n] re-laid as [n, width, 2] (see VNNI below).
  Value packPairs(Value src, int64_t pairs, int64_t width, bool pairRows);
  /// acc[i, c] += sum_(p, v) lhs[i, p, v] * rhs[p, c, v], in f32.
  Value pairContraction(Value lhs, Value rhs, Value acc);
  bool vnni();
};

Value StepLowering::empty2(Value a, unsigned da, Value c, unsigned dc,
                           Type elt) {
  SmallVector<OpFoldResult> sizes = {tensor::getMixedSize(b, loc, a, da),
                                     tensor::getMixedSize(b, loc, c, dc)};
  return tensor::EmptyOp::create(b, loc, sizes, elt);
}

bool StepLowering::vnni() {
  auto q = cast<RankedTensorType>(op.getQuery().getType());
  auto k = cast<RankedTensorType>(op.getKey().getType());
  auto v = cast<RankedTensorType>(op.getValue().getType());
  int64_t d = q.getDimSize(1), tk = v.getDimSize(0);
  return op.getPTypeOrF32().isBF16() && q.getElementType().isBF16() &&
         k.getElementType().isBF16() && v.getElementType().isBF16() &&
         !op.getKeyTransposed() && q.hasStaticShape() && k.hasStaticShape() &&
         v.hasStaticShape() && d % 2 == 0 && tk % 2 == 0;
}

Value StepLowering::scores() {
  Value q = op.getQuery(), k = op.getKey();
  Value zero = fconst(0.0);
  Value init = empty2(q, 0, op.getValue(), 0, f32);
  Value s = linalg::FillOp::create(b, loc, ValueRange{zero}, ValueRange{init})
                .getResult(0);
  if (vnni()) {
    // bf16 pairs of D: S = Q K^T with f32 accumulation (Q stays exact).
    int64_t d = cast<RankedTensorType>(q.getType()).getDimSize(1);
    int64_t tk = cast<RankedTensorType>(k.getType()).getDimSize(0);
    Value kp = packPairs(k, d / 2, tk, /*pairRows=*/false);
    return pairContraction(q, kp, s);
  }
  // K^T in f32, once per key tile, so that the contraction's innermost loop
  // runs over contiguous keys (the CPU codegen vectorizes along j).
  Value kT = k;
  auto kt = cast<RankedTensorType>(k.getType());
  if (!op.getKeyTransposed() || !kt.getElementType().isF32()) {
    bool tr = !op.getKeyTransposed();
    Value kInit = tr ? empty2(k, 1, k, 0, f32) : empty2(k, 0, k, 1, f32);
    AffineMap in = tr ? map(2, {dim(1), dim(0)}) : map(2, {dim(0), dim(1)});
    kT = generic(kInit.getType(), ValueRange{k}, ValueRange{kInit},
                 {in, map(2, {dim(0), dim(1)})}, {kPar, kPar},
                 [&](OpBuilder &bb, Location l, ValueRange a) {
                   yield(bb, l, toF32(bb, l, a[0]));
                 });
  }
  // S[i, j] = sum_d q[i, d] * kT[d, j]; dims (i, d, j): the reduction sits
  // between the parallel dims.
  return generic(s.getType(), ValueRange{q, kT}, ValueRange{s},
                 {map(3, {dim(0), dim(1)}), map(3, {dim(1), dim(2)}),
                  map(3, {dim(0), dim(2)})},
                 {kPar, kRed, kPar},
                 [&](OpBuilder &bb, Location l, ValueRange a) {
                   yield(bb, l, buildFma(bb, l, toF32(bb, l, a[0]), a[1], a[2]));
                 });
}

Value StepLowering::modify(Value s) {
  double scale = op.getScale().convertToDouble();
  bool region = op.hasScoreRegion();
  if (scale == 1.0 && !region)
    return s;
  Value scaleV = scale == 1.0 ? Value() : fconst(scale);
  Value q0 = op.getQueryStart(), k0 = op.getKeyStart();
  AffineMap id2 = map(2, {dim(0), dim(1)});
  return generic(
      s.getType(), ValueRange{}, ValueRange{s}, {id2}, {kPar, kPar},
      [&](OpBuilder &bb, Location l, ValueRange a) {
        Value sv = a[0];
        if (scaleV)
          sv = arith::MulFOp::create(bb, l, sv, scaleV);
        if (!region) {
          yield(bb, l, sv);
          return;
        }
        // The region, inlined with the element's absolute positions.
        Value ii = linalg::IndexOp::create(bb, l, 0);
        Value i = arith::AddIOp::create(bb, l, q0, ii);
        Value jj = linalg::IndexOp::create(bb, l, 1);
        Value j = arith::AddIOp::create(bb, l, k0, jj);
        yield(bb, l, op.buildScore(bb, sv, i, j));
      });
}

SmallVector<Value> StepLowering::build() {
  Value s = modify(scores());
  Value m = op.getMax(), lsum = op.getSum(), acc = op.getAcc();
  AffineMap id2 = map(2, {dim(0), dim(1)}), row2 = map(2, {dim(0)});
  AffineMap id1 = map(1, {dim(0)});
  SoftmaxConsts c = SoftmaxConsts::get(b, loc, f32);
  SoftmaxExp e; // exp, on f32 scalars in the generic bodies
  // m' = max(m, rowmax(S))
  Value mNew = generic(m.getType(), ValueRange{s}, ValueRange{m}, {id2, row2},
                       {kPar, kRed},
                       [&](OpBuilder &bb, Location l, ValueRange a) {
                         yield(bb, l, buildOnlineMax(bb, l, a[0], a[1], kReassoc));
                       });
  // P = exp(S - shift(m')) (0 for masked scores).
  Value probs = generic(s.getType(), ValueRange{mNew}, ValueRange{s},
                        {row2, id2}, {kPar, kPar},
                        [&](OpBuilder &bb, Location l, ValueRange a) {
                          Value shift = buildOnlineShift(bb, l, a[0], c);
                          yield(bb, l, buildOnlineProb(bb, l, e, a[1], shift));
                        });
  // alpha = exp(m - m'), 1 while the row has seen no visible key.
  Value alpha = generic(m.getType(), ValueRange{m}, ValueRange{mNew},
                        {id1, id1}, {kPar},
                        [&](OpBuilder &bb, Location l, ValueRange a) {
                          yield(bb, l,
                                buildOnlineAlpha(bb, l, e, a[0], a[1], c));
                        });
  // l' = alpha * l + rowsum(P)
  Value lNew = generic(lsum.getType(), ValueRange{alpha}, ValueRange{lsum},
                       {id1, id1}, {kPar},
                       [&](OpBuilder &bb, Location l, ValueRange a) {
                         yield(bb, l, buildOnlineRescale(bb, l, a[0], a[1]));
                       });
  lNew = generic(lsum.getType(), ValueRange{probs}, ValueRange{lNew},
                 {id2, row2}, {kPar, kRed},
                 [&](OpBuilder &bb, Location l, ValueRange a) {
                   yield(bb, l, buildOnlineSum(bb, l, a[0], a[1], kReassoc));
                 });
  // acc' = alpha * acc + round(P) V
  Value accS = generic(acc.getType(), ValueRange{alpha}, ValueRange{acc},
                       {row2, id2}, {kPar, kPar},
                       [&](OpBuilder &bb, Location l, ValueRange a) {
                         yield(bb, l, buildOnlineRescale(bb, l, a[0], a[1]));
                       });
  Value v = op.getValue();
  Type pType = op.getPTypeOrF32();
  if (!pType.isF32()) {
    Value pInit = empty2(probs, 0, probs, 1, pType);
    probs = generic(pInit.getType(), ValueRange{probs}, ValueRange{pInit},
                    {id2, id2}, {kPar, kPar},
                    [&](OpBuilder &bb, Location l, ValueRange a) {
                      yield(bb, l, arith::TruncFOp::create(bb, l, pType, a[0]));
                    });
  }
  if (vnni()) {
    // Pairs of keys contiguous in P (a view); V rows interleaved in pairs.
    auto vt = cast<RankedTensorType>(v.getType());
    Value vp = packPairs(v, vt.getDimSize(0) / 2, vt.getDimSize(1),
                         /*pairRows=*/true);
    return {mNew, lNew, pairContraction(probs, vp, accS)};
  }
  // dims (i, j, e): contiguous value rows innermost.
  Value accNew = generic(
      acc.getType(), ValueRange{probs, v}, ValueRange{accS},
      {map(3, {dim(0), dim(1)}), map(3, {dim(1), dim(2)}),
       map(3, {dim(0), dim(2)})},
      {kPar, kRed, kPar}, [&](OpBuilder &bb, Location l, ValueRange a) {
        Value x = toF32(bb, l, a[0]);
        Value y = toF32(bb, l, a[1]);
        yield(bb, l, buildFma(bb, l, x, y, a[2]));
      });
  return {mNew, lNew, accNew};
}

Value StepLowering::packPairs(Value src, int64_t pairs, int64_t width,
                              bool pairRows) {
  // View the pairs as their own dim (free), then one permutation:
  // rows: [n, 2, width] -> [n, width, 2]; columns: [width, n, 2] ->
  // [n, width, 2].
  auto srcT = cast<RankedTensorType>(src.getType());
  Type elt = srcT.getElementType();
  SmallVector<int64_t> viewShape =
      pairRows ? SmallVector<int64_t>{pairs, 2, width}
               : SmallVector<int64_t>{width, pairs, 2};
  SmallVector<ReassociationIndices> assoc =
      pairRows ? SmallVector<ReassociationIndices>{{0, 1}, {2}}
               : SmallVector<ReassociationIndices>{{0}, {1, 2}};
  Value view = tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(viewShape, elt), src, assoc);
  AffineMap in = pairRows ? map(3, {dim(0), dim(2), dim(1)})
                          : map(3, {dim(1), dim(0), dim(2)});
  auto t = RankedTensorType::get({pairs, width, 2}, elt);
  Value init = tensor::EmptyOp::create(b, loc, t.getShape(), elt);
  return generic(t, ValueRange{view}, ValueRange{init},
                 {in, map(3, {dim(0), dim(1), dim(2)})}, {kPar, kPar, kPar},
                 [&](OpBuilder &bb, Location l, ValueRange a) {
                   yield(bb, l, a[0]);
                 });
}

Value StepLowering::pairContraction(Value lhs, Value rhs, Value acc) {
  // lhs [rows, 2n] viewed as [rows, n, 2]: pairs are already contiguous.
  auto lt = cast<RankedTensorType>(lhs.getType());
  int64_t n = lt.getDimSize(1) / 2;
  auto pairsT =
      RankedTensorType::get({lt.getDimSize(0), n, 2}, lt.getElementType());
  Value lhsP = tensor::ExpandShapeOp::create(
      b, loc, pairsT, lhs, ArrayRef<ReassociationIndices>{{0}, {1, 2}});
  // dims (i, p, c, v): the pair dim innermost, where the instruction
  // reduces it.
  return generic(acc.getType(), ValueRange{lhsP, rhs}, ValueRange{acc},
                 {map(4, {dim(0), dim(1), dim(3)}),
                  map(4, {dim(1), dim(2), dim(3)}), map(4, {dim(0), dim(2)})},
                 {kPar, kRed, kPar, kRed},
                 [&](OpBuilder &bb, Location l, ValueRange a) {
                   Value x = toF32(bb, l, a[0]);
                   Value y = toF32(bb, l, a[1]);
                   yield(bb, l, buildFma(bb, l, x, y, a[2]));
                 });
}

struct LowerStep : OpRewritePattern<OnlineAttentionOp> {
  LowerStep(MLIRContext *ctx, CpuStepKernel kernel, int64_t vectorBits)
      : OpRewritePattern(ctx), kernel(kernel), vectorBits(vectorBits) {}
  LogicalResult matchAndRewrite(OnlineAttentionOp op,
                                PatternRewriter &rw) const override {
    if (kernel == CpuStepKernel::Registers) {
      // 512-bit registers: 16 lanes, 32 registers (AVX-512). 256-bit
      // targets get the same 16-lane blocks, which LLVM splits into pairs
      // of ymm operations: measured 235 against 158 GFLOP/s with blocks
      // sized for 16 ymm registers (x86-64-v3, S=1024 D=64, 2 threads on
      // an AVX-512 Xeon). 128-bit: 4 lanes, 16 registers.
      StepKernelShape shape;
      shape.lanes = vectorBits >= 256 ? 16 : 4;
      shape.registers = vectorBits >= 256 ? 32 : 16;
      FailureOr<SmallVector<Value>> r = buildRegisterStep(op, rw, shape);
      if (succeeded(r)) {
        rw.replaceOp(op, *r);
        return success();
      }
    }
    SmallVector<Value> r = StepLowering(op, rw).build();
    rw.replaceOp(op, r);
    return success();
  }
  CpuStepKernel kernel;
  int64_t vectorBits;
};

struct AttnCpuLowerStepPass
    : public attn::impl::AttnCpuLowerStepBase<AttnCpuLowerStepPass> {
  using AttnCpuLowerStepBase::AttnCpuLowerStepBase;
  void runOnOperation() override {
    if (vectorBits != 128 && vectorBits != 256 && vectorBits != 512) {
      emitError(getOperation()->getLoc())
          << "attn-cpu-lower-step: vector-bits must be 128, 256 or 512, got "
          << static_cast<uint64_t>(vectorBits);
      return signalPassFailure();
    }
    RewritePatternSet patterns(&getContext());
    populateCpuLowerStepPatterns(patterns, kernel, vectorBits);
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};
} // namespace

void mlir::attn::populateCpuLowerStepPatterns(RewritePatternSet &patterns,
                                              CpuStepKernel kernel,
                                              int64_t vectorBits) {
  patterns.add<LowerStep>(patterns.getContext(), kernel, vectorBits);
}
