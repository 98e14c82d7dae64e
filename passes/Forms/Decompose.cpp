//===- Decompose.cpp - attn.attention -> unfused linalg on tensors --------===//
//
// The unfused reference lowering (--attn-decompose). Every step is a
// linalg.generic over a 5-d score space (b, hkv, g, i, j) where the query
// head is split as h = hkv * G + g, so grouped-query heads index K and V
// without copying them. The full score tensor exists here by design: this
// is the baseline that fused lowerings are measured against.
//
//===----------------------------------------------------------------------===//
#include "attn/IR/AttnOps.h"
#include "passes/Forms/DecomposeBuilder.h"
#include "passes/Forms/Passes.h"
#include "passes/Tiling/PatternEnv.h"
#include "passes/Tiling/ScoreChain.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

#include <limits>

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNDECOMPOSE
#include "passes/Forms/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;
using namespace mlir::attn;

using namespace mlir::attn::decompose;

std::string decompose::unsupportedReason(AttentionShapeOpInterface op) {
  if (ShapedType::isDynamic(op.getHeadsQ()) ||
      ShapedType::isDynamic(op.getHeadsKV()))
    return "head counts must be static to split query heads into groups";
  if (failed(op.getEffectiveScale()))
    return "the head dim D is dynamic: give an explicit scale";
  return "";
}

Value DecomposeBuilder::prepare() {
  Value q = shape.getQuery(), k = shape.getKey(), v = shape.getValue();
  elt = cast<RankedTensorType>(q.getType()).getElementType();
  unsigned qHead = bshd ? 2 : 1, qSeq = bshd ? 1 : 2;
  B = sizeOf(q, 0);
  Sq = sizeOf(q, qSeq);
  Skv = sizeOf(k, qSeq);
  Dv = sizeOf(v, 3);
  Hkv = rw.getIndexAttr(hkv);
  G = rw.getIndexAttr(groups);
  // Query with heads split: bhsd [B,Hkv,G,Sq,D], bshd [B,Sq,Hkv,G,D].
  Value qs = splitHeads(q, qHead);
  zero = f32Const(0.0);
  id5 = map(5, {d(0), d(1), d(2), d(3), d(4)});
  rowMap = map(5, {d(0), d(1), d(2), d(3)});
  rowIters = {kPar, kPar, kPar, kPar, kRed};
  return qs;
}

LogicalResult DecomposeBuilder::build() {
  Value qs = prepare();
  Value s = scores(qs);
  Value modified = modify(s);
  Value rowMax, probs, rowSum;
  softmax(modified, rowMax, probs, rowSum);
  Value acc = accumulate(probs, modified);
  rw.replaceOp(op, results(acc, rowMax, rowSum));
  return success();
}

Value DecomposeBuilder::scores(Value qs) {
  // dims: 0 b, 1 hk, 2 g, 3 i, 4 j, 5 d
  Value k = shape.getKey();
  Value init = filled({B, Hkv, G, Sq, Skv}, f32, zero);
  AffineMap qMap = bshd ? map(6, {d(0), d(3), d(1), d(2), d(5)})
                        : map(6, {d(0), d(1), d(2), d(3), d(5)});
  AffineMap kMap = bshd ? map(6, {d(0), d(4), d(1), d(5)})
                        : map(6, {d(0), d(1), d(4), d(5)});
  AffineMap sMap = map(6, {d(0), d(1), d(2), d(3), d(4)});
  return linalg::GenericOp::create(
             rw, loc, init.getType(), ValueRange{qs, k}, ValueRange{init},
             ArrayRef<AffineMap>{qMap, kMap, sMap},
             ArrayRef<IteratorType>{kPar, kPar, kPar, kPar, kPar, kRed},
             [&](OpBuilder &b, Location l, ValueRange args) {
               Value x = toF32(b, l, args[0]);
               Value y = toF32(b, l, args[1]);
               Value p = arith::MulFOp::create(b, l, x, y);
               Value s = arith::AddFOp::create(b, l, args[2], p);
               linalg::YieldOp::create(b, l, s);
             })
      .getResult(0);
}

Value DecomposeBuilder::blockVisible(OpBuilder &b, Location l, Value visible,
                                     Value i, Value j) {
  // v = 0: not listed; 1: listed (pattern applies); 2: whole.
  auto cst = [&](int64_t x) {
    return arith::ConstantIndexOp::create(b, l, x).getResult();
  };
  Value hk = linalg::IndexOp::create(b, l, 1);
  Value g = cst(groups);
  Value hkG = arith::MulIOp::create(b, l, hk, g);
  Value gi = linalg::IndexOp::create(b, l, 2);
  Value h = arith::AddIOp::create(b, l, hkG, gi);
  Value t = arith::DivSIOp::create(b, l, h, headsPerTable);
  Value bIdx = linalg::IndexOp::create(b, l, 0);
  Value qBlock = arith::DivSIOp::create(b, l, i, cst(bq));
  Value kBlock = arith::DivSIOp::create(b, l, j, cst(bk));
  Value v = tensor::ExtractOp::create(b, l, blockMap,
                                      ValueRange{bIdx, t, qBlock, kBlock});
  auto is = [&](int64_t x) {
    Value c = arith::ConstantIntOp::create(b, l, b.getI8Type(), x);
    return arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, v, c);
  };
  Value listed = is(1);
  if (visible)
    listed = arith::AndIOp::create(b, l, listed, visible);
  Value wholeBlock = is(2);
  return arith::OrIOp::create(b, l, listed, wholeBlock);
}

void DecomposeBuilder::setModRegions(OpBuilder &b, Location l,
                                     ScoreModifiers &mods) {
  auto attention = cast<AttentionOp>(op);
  if (attention.hasScoreMod())
    mods.scoreMod = &attention.getScoreMod();
  if (attention.hasMaskMod())
    mods.maskMod = &attention.getMaskMod();
  // dims: 0 b, 1 hk, 2 g; the query head is hk * G + g.
  mods.batch = linalg::IndexOp::create(b, l, 0);
  Value hk = linalg::IndexOp::create(b, l, 1);
  Value g = linalg::IndexOp::create(b, l, 2);
  Value gs = arith::ConstantIndexOp::create(b, l, groups);
  Value hkG = arith::MulIOp::create(b, l, hk, gs);
  mods.head = arith::AddIOp::create(b, l, hkG, g);
}

Value DecomposeBuilder::modify(Value scores) {
  // dims: 0 b, 1 hk, 2 g, 3 i, 4 j
  SmallVector<Value> inputs = {scores};
  SmallVector<AffineMap> maps = {id5};
  int maskIdx = -1, biasIdx = -1, slopeIdx = -1;
  if (Value mask = clauses.mask) {
    auto [m, mMap] = broadcastOperand(mask);
    maskIdx = inputs.size();
    inputs.push_back(m);
    maps.push_back(mMap);
  }
  if (Value bias = clauses.bias) {
    auto [bv, bMap] = broadcastOperand(bias);
    biasIdx = inputs.size();
    inputs.push_back(bv);
    maps.push_back(bMap);
  }
  if (Value slopes = clauses.alibiSlopes) {
    slopeIdx = inputs.size();
    inputs.push_back(splitHeads(slopes, 0));
    maps.push_back(map(5, {d(1), d(2)}));
  }
  maps.push_back(id5);
  Value seqQ = getValueOrCreateConstantIndexOp(rw, loc, Sq);
  Value seqKV = getValueOrCreateConstantIndexOp(rw, loc, Skv);
  QueryRows rows = buildQueryRows(rw, loc, op, seqQ, seqKV);
  Value offset = rows.offset;
  Value scaleV = f32Const(*shape.getEffectiveScale());
  ninf = negInf();
  std::optional<double> softcap;
  if (FloatAttr c = clauses.softcap)
    softcap = c.getValueAsDouble();
  SparsityAttrInterface pattern = clauses.sparsity;
  PatternEnv env = buildPatternEnv(rw, loc, clauses, seqKV);
  // Block table: checked, then expanded to a dense block map (this lowering
  // tests every element anyway).
  if (clauses.blockRowPtr) {
    bq = clauses.blockSize.getQuery();
    bk = clauses.blockSize.getKey();
    Value bkV = arith::ConstantIndexOp::create(rw, loc, bk);
    Value nKB = arith::CeilDivSIOp::create(rw, loc, seqKV, bkV);
    buildBlockTableCheck(rw, loc, clauses, nKB);
    blockMap = buildBlockTableDense(rw, loc, clauses, nKB);
    Value heads = arith::ConstantIndexOp::create(rw, loc, hkv * groups);
    Value tables = tensor::DimOp::create(rw, loc, clauses.blockRowPtr, 1);
    headsPerTable = arith::DivSIOp::create(rw, loc, heads, tables);
  }
  auto attention = dyn_cast<AttentionOp>(op);
  bool modRegions = attention && attention.hasModRegions();
  Value init = tensor::EmptyOp::create(
      rw, loc, ArrayRef<OpFoldResult>{B, Hkv, G, Sq, Skv}, f32);
  return linalg::GenericOp::create(
             rw, loc, scores.getType(), inputs, ValueRange{init}, maps,
             ArrayRef<IteratorType>{kPar, kPar, kPar, kPar, kPar},
             [&](OpBuilder &b, Location l, ValueRange args) {
               ScoreModifiers mods;
               mods.scale = scaleV;
               mods.softcap = softcap;
               if (biasIdx >= 0)
                 mods.bias = args[biasIdx];
               Value i, j;
               auto positions = [&]() -> std::pair<Value, Value> {
                 if (slopeIdx >= 0 || pattern || blockMap || modRegions) {
                   // The absolute row (query_rows); mask and bias come
                   // as inputs indexed by the op's own rows.
                   Value local = linalg::IndexOp::create(b, l, 3);
                   i = rows.absolute(b, l, local);
                   j = linalg::IndexOp::create(b, l, 4);
                 }
                 return {i, j};
               };
               mods.positions = positions;
               if (slopeIdx >= 0)
                 mods.slope = args[slopeIdx];
               mods.offset = offset;
               mods.negInf = ninf;
               if (modRegions)
                 setModRegions(b, l, mods);
               auto visibleAt = [&]() -> Value {
                 Value visible;
                 if (pattern)
                   visible = pattern.buildVisible(b, l, i, j, offset, env);
                 if (blockMap)
                   visible = blockVisible(b, l, visible, i, j);
                 if (maskIdx >= 0)
                   visible = visible ? arith::AndIOp::create(b, l, visible,
                                                             args[maskIdx])
                                           .getResult()
                                     : args[maskIdx];
                 return visible;
               };
               mods.visible = visibleAt;
               Value s = buildScoreChain(b, l, args[0], mods);
               linalg::YieldOp::create(b, l, s);
             })
      .getResult(0);
}

void DecomposeBuilder::softmax(Value modified, Value &rowMax, Value &probs,
                               Value &rowSum) {
  // Row max m[b,hk,g,i] over j.
  Value mInit = filled({B, Hkv, G, Sq}, f32, ninf);
  rowMax = linalg::GenericOp::create(
               rw, loc, mInit.getType(), ValueRange{modified},
               ValueRange{mInit}, ArrayRef<AffineMap>{id5, rowMap}, rowIters,
               [&](OpBuilder &b, Location l, ValueRange args) {
                 Value mx = buildSoftmaxMax(b, l, args[0], args[1]);
                 linalg::YieldOp::create(b, l, ValueRange{mx});
               })
               .getResult(0);
  // P = exp(s - m), 0 for masked scores (s == -inf), so that fully masked
  // rows never compute exp(-inf - -inf).
  Value pInit = tensor::EmptyOp::create(
      rw, loc, ArrayRef<OpFoldResult>{B, Hkv, G, Sq, Skv}, f32);
  probs = linalg::GenericOp::create(
              rw, loc, modified.getType(), ValueRange{modified, rowMax},
              ValueRange{pInit}, ArrayRef<AffineMap>{id5, rowMap, id5},
              ArrayRef<IteratorType>{kPar, kPar, kPar, kPar, kPar},
              [&](OpBuilder &b, Location l, ValueRange args) {
                Value p = buildGuardedExp(b, l, args[0], args[1], args[0],
                                          ninf, zero);
                linalg::YieldOp::create(b, l, ValueRange{p});
              })
              .getResult(0);
  // Row sum l[b,hk,g,i].
  Value lInit = filled({B, Hkv, G, Sq}, f32, zero);
  rowSum = linalg::GenericOp::create(
               rw, loc, lInit.getType(), ValueRange{probs}, ValueRange{lInit},
               ArrayRef<AffineMap>{id5, rowMap}, rowIters,
               [&](OpBuilder &b, Location l, ValueRange args) {
                 Value s = arith::AddFOp::create(b, l, args[0], args[1]);
                 linalg::YieldOp::create(b, l, ValueRange{s});
               })
               .getResult(0);
}

Value DecomposeBuilder::accumulate(Value probs, Value modified) {
  // Over the keys that take part (score not -inf): an invisible key's V is
  // never read, so a NaN there does not reach the row (docs/semantics.md).
  // dims: 0 b, 1 hk, 2 g, 3 i, 4 e, 5 j
  Value v = shape.getValue();
  Value acc = filled({B, Hkv, G, Sq, Dv}, f32, zero);
  AffineMap pMap = map(6, {d(0), d(1), d(2), d(3), d(5)});
  AffineMap vMap = bshd ? map(6, {d(0), d(5), d(1), d(4)})
                        : map(6, {d(0), d(1), d(5), d(4)});
  AffineMap aMap = map(6, {d(0), d(1), d(2), d(3), d(4)});
  acc = linalg::GenericOp::create(
            rw, loc, acc.getType(), ValueRange{probs, modified, v},
            ValueRange{acc}, ArrayRef<AffineMap>{pMap, pMap, vMap, aMap},
            ArrayRef<IteratorType>{kPar, kPar, kPar, kPar, kPar, kRed},
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value vf = toF32(b, l, args[2]);
              Value p = arith::MulFOp::create(b, l, args[0], vf);
              Value out = arith::CmpFOp::create(
                  b, l, arith::CmpFPredicate::OEQ, args[1], ninf);
              p = arith::SelectOp::create(b, l, out, zero, p);
              Value sum = arith::AddFOp::create(b, l, args[3], p);
              linalg::YieldOp::create(b, l, ValueRange{sum});
            })
            .getResult(0);
  return acc;
}

SmallVector<Value> DecomposeBuilder::results(Value acc, Value rowMax,
                                             Value rowSum) {
  // 7. O = acc / l (0 where l == 0: fully masked; a NaN l propagates),
  //    rounded once to the output type, in the op's layout with heads
  //    still split.
  SmallVector<OpFoldResult> outSizes =
      bshd ? SmallVector<OpFoldResult>{B, Sq, Hkv, G, Dv}
           : SmallVector<OpFoldResult>{B, Hkv, G, Sq, Dv};
  AffineMap outMap = bshd ? map(5, {d(0), d(3), d(1), d(2), d(4)}) : id5;
  Value out = tensor::EmptyOp::create(rw, loc, outSizes, elt);
  out = linalg::GenericOp::create(
            rw, loc, out.getType(), ValueRange{acc, rowSum}, ValueRange{out},
            ArrayRef<AffineMap>{id5, rowMap, outMap},
            ArrayRef<IteratorType>{kPar, kPar, kPar, kPar, kPar},
            [&](OpBuilder &b, Location l, ValueRange args) {
              Value o = buildNormalize(b, l, args[0], args[1]);
              if (elt != f32)
                o = arith::TruncFOp::create(b, l, elt, o);
              linalg::YieldOp::create(b, l, o);
            })
            .getResult(0);
  auto fwd = cast<AttentionOp>(op);
  auto outT = cast<RankedTensorType>(fwd.getOutput().getType());
  SmallVector<ReassociationIndices> outReassoc =
      bshd ? SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}, {4}}
           : SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}, {4}};
  SmallVector<Value> results = {collapseTo(out, outT, outReassoc)};

  // 8. lse = m + log(l), -inf on fully masked rows (l == 0), NaN where l
  //    or m is NaN.
  if (Value lse = fwd.getLse()) {
    AffineMap id4 = map(4, {d(0), d(1), d(2), d(3)});
    Value lseT = tensor::EmptyOp::create(rw, loc,
                                         ArrayRef<OpFoldResult>{B, Hkv, G, Sq},
                                         f32);
    lseT = linalg::GenericOp::create(
               rw, loc, lseT.getType(), ValueRange{rowMax, rowSum},
               ValueRange{lseT}, ArrayRef<AffineMap>{id4, id4, id4},
               ArrayRef<IteratorType>{kPar, kPar, kPar, kPar},
               [&](OpBuilder &b, Location l, ValueRange args) {
                 Value r = buildLogSumExp(b, l, args[0], args[1]);
                 linalg::YieldOp::create(b, l, ValueRange{r});
               })
               .getResult(0);
    results.push_back(
        collapseTo(lseT, cast<RankedTensorType>(lse.getType()),
                   SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}}));
  }
  return results;
}

namespace {

struct DecomposeAttention : OpRewritePattern<AttentionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AttentionOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason = unsupportedReason(op);
    if (!reason.empty())
      return rewriter.notifyMatchFailure(op, reason);
    return DecomposeBuilder(op, AttentionClauses::of(op), rewriter).build();
  }
};

struct DecomposeAttentionGrad : OpRewritePattern<AttentionGradOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AttentionGradOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason = unsupportedReason(op);
    if (!reason.empty())
      return rewriter.notifyMatchFailure(op, reason);
    DecomposeBuilder b(op, AttentionClauses::of(op), rewriter);
    return buildGrad(b);
  }
};

struct AttnDecomposePass
    : public attn::impl::AttnDecomposeBase<AttnDecomposePass> {
  void runOnOperation() override {
    // Report every op that cannot be lowered, then fail, rather than
    // leaving a half-lowered module behind silently.
    bool failedAny = false;
    getOperation()->walk([&](Operation *op) {
      if (!isa<AttentionOp, AttentionGradOp>(op))
        return;
      std::string reason =
          unsupportedReason(cast<AttentionShapeOpInterface>(op));
      if (!reason.empty()) {
        op->emitOpError() << "cannot be decomposed: " << reason;
        failedAny = true;
      }
    });
    if (failedAny)
      return signalPassFailure();
    RewritePatternSet patterns(&getContext());
    populateAttnDecomposePatterns(patterns);
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};

} // namespace

void mlir::attn::populateAttnDecomposePatterns(RewritePatternSet &patterns) {
  patterns.add<DecomposeAttention, DecomposeAttentionGrad>(
      patterns.getContext());
}
