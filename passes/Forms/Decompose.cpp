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
#include "passes/Forms/Passes.h"
#include "passes/Tiling/ScoreChain.h"
#include "passes/Tiling/PatternEnv.h"

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

namespace {

using utils::IteratorType;

/// Why `op` cannot be decomposed, or an empty string when it can.
std::string unsupportedReason(AttentionOp op) {
  if (ShapedType::isDynamic(op.getHeadsQ()) ||
      ShapedType::isDynamic(op.getHeadsKV()))
    return "head counts must be static to split query heads into groups";
  if (failed(op.getEffectiveScale()))
    return "the head dim D is dynamic: give an explicit scale";
  return "";
}

/// Builds the pieces shared by every generic of one decomposition.
struct Builder {
  AttentionOp op;
  PatternRewriter &rw;
  Location loc;
  MLIRContext *ctx;
  bool bshd;
  int64_t hkv, groups;
  Type f32;

  Builder(AttentionOp op, PatternRewriter &rw)
      : op(op), rw(rw), loc(op.getLoc()), ctx(op.getContext()),
        bshd(op.getLayoutOrDefault() == Layout::bshd), hkv(op.getHeadsKV()),
        groups(op.getHeadsQ() / op.getHeadsKV()), f32(rw.getF32Type()) {}

  AffineExpr d(unsigned i) { return getAffineDimExpr(i, ctx); }
  AffineMap map(unsigned numDims, ArrayRef<AffineExpr> exprs) {
    return AffineMap::get(numDims, 0, exprs, ctx);
  }

  Value dim(Value v, int64_t idx) {
    return tensor::DimOp::create(rw, loc, v, idx);
  }
  OpFoldResult size(Value v, int64_t idx) {
    int64_t s = cast<RankedTensorType>(v.getType()).getDimSize(idx);
    if (!ShapedType::isDynamic(s))
      return rw.getIndexAttr(s);
    return dim(v, idx);
  }

  Value f32Const(double v) {
    return arith::ConstantOp::create(rw, loc, f32, rw.getF32FloatAttr(v));
  }
  Value negInf() {
    return f32Const(-std::numeric_limits<double>::infinity());
  }

  /// A tensor of `sizes` filled with `fill`.
  Value filled(ArrayRef<OpFoldResult> sizes, Type elt, Value fill) {
    Value empty = tensor::EmptyOp::create(rw, loc, sizes, elt);
    if (!fill)
      return empty;
    return linalg::FillOp::create(rw, loc, ValueRange{fill}, ValueRange{empty})
        .getResult(0);
  }


  /// Splits the head dim `headIdx` of `v` (Hq) into [Hkv, G].
  Value splitHeads(Value v, unsigned headIdx) {
    auto t = cast<RankedTensorType>(v.getType());
    // A dynamic head dim (mask, bias or slopes) is Hq by the verifier: make
    // it static so that the expand_shape into static [Hkv, G] is valid.
    if (t.isDynamicDim(headIdx)) {
      SmallVector<int64_t> staticShape(t.getShape());
      staticShape[headIdx] = hkv * groups;
      t = RankedTensorType::get(staticShape, t.getElementType());
      v = tensor::CastOp::create(rw, loc, t, v);
    }
    SmallVector<int64_t> shape;
    SmallVector<ReassociationIndices> reassoc;
    for (unsigned i = 0, e = t.getRank(); i < e; ++i) {
      if (i == headIdx) {
        reassoc.push_back({static_cast<int64_t>(shape.size()),
                           static_cast<int64_t>(shape.size() + 1)});
        shape.push_back(hkv);
        shape.push_back(groups);
      } else {
        reassoc.push_back({static_cast<int64_t>(shape.size())});
        shape.push_back(t.getDimSize(i));
      }
    }
    auto resultType = RankedTensorType::get(shape, t.getElementType());
    return tensor::ExpandShapeOp::create(rw, loc, resultType, v, reassoc);
  }

  /// Collapses `v` by `reassoc`, then casts to `type` (the op's result type,
  /// which may be more or less static than the computed one).
  Value collapseTo(Value v, RankedTensorType type,
                   ArrayRef<ReassociationIndices> reassoc) {
    Value c = tensor::CollapseShapeOp::create(rw, loc, v, reassoc);
    if (c.getType() != type)
      c = tensor::CastOp::create(rw, loc, type, c);
    return c;
  }

  /// Prepares a mask or bias operand broadcastable to [B, Hq, Sq, Skv] and
  /// returns it with its indexing map into the score space (b,hkv,g,i,j).
  /// Unit dims broadcast; dynamic dims are taken to be full size.
  std::pair<Value, AffineMap> broadcastOperand(Value v) {
    auto t = cast<RankedTensorType>(v.getType());
    unsigned lead = 4 - t.getRank();
    SmallVector<AffineExpr> exprs;
    AffineExpr zero = getAffineConstantExpr(0, ctx);
    std::optional<unsigned> headIdx;
    for (unsigned i = 0, e = t.getRank(); i < e; ++i) {
      unsigned logical = lead + i;
      if (t.getDimSize(i) == 1) {
        exprs.push_back(zero);
        continue;
      }
      switch (logical) {
      case 0: exprs.push_back(d(0)); break;
      case 1:
        headIdx = i;
        exprs.push_back(d(1));
        exprs.push_back(d(2));
        break;
      case 2: exprs.push_back(d(3)); break;
      default: exprs.push_back(d(4)); break;
      }
    }
    if (headIdx)
      v = splitHeads(v, *headIdx);
    return {v, map(5, exprs)};
  }

  LogicalResult build();

private:
  // Logical sizes of the score space and what every step shares.
  OpFoldResult B, Sq, Skv, Dv, Hkv, G;
  Type elt;
  AffineMap id5, rowMap;
  SmallVector<IteratorType> rowIters;
  Value zero, ninf;

  /// scores[b,hk,g,i,j] = sum_d q * k (f32 accumulation).
  Value scores(Value qs);
  /// Scale, softcap, bias, ALiBi, pattern, block table, mask.
  Value modify(Value scores);
  /// The op's score_mod / mask_mod with the batch and query head of the
  /// score generic's element.
  void setModRegions(OpBuilder &b, Location l, ScoreModifiers &mods);
  /// visible (may be null) combined with the block table's entry of
  /// element (i, j): not listed, listed (the pattern applies) or whole.
  Value blockVisible(OpBuilder &b, Location l, Value visible, Value i,
                     Value j);
  Value blockMap, headsPerTable;
  int64_t bq = 1, bk = 1;
  /// Row max, P and row sum of the modified scores.
  void softmax(Value modified, Value &rowMax, Value &probs, Value &rowSum);
  /// acc[b,hk,g,i,e] = sum_j P * v over the keys that take part.
  Value accumulate(Value probs, Value modified);
  /// O (and lse) in the op's layout.
  SmallVector<Value> results(Value acc, Value rowMax, Value rowSum);
};

LogicalResult Builder::build() {
  Value q = op.getQuery(), k = op.getKey(), v = op.getValue();
  elt = cast<RankedTensorType>(q.getType()).getElementType();
  unsigned qHead = bshd ? 2 : 1, qSeq = bshd ? 1 : 2;
  B = size(q, 0);
  Sq = size(q, qSeq);
  Skv = size(k, qSeq);
  Dv = size(v, 3);
  Hkv = rw.getIndexAttr(hkv);
  G = rw.getIndexAttr(groups);
  // Query with heads split: bhsd [B,Hkv,G,Sq,D], bshd [B,Sq,Hkv,G,D].
  Value qs = splitHeads(q, qHead);
  zero = f32Const(0.0);
  Value s = scores(qs);
  id5 = map(5, {d(0), d(1), d(2), d(3), d(4)});
  rowMap = map(5, {d(0), d(1), d(2), d(3)});
  rowIters = {kPar, kPar, kPar, kPar, kRed};
  Value modified = modify(s);
  Value rowMax, probs, rowSum;
  softmax(modified, rowMax, probs, rowSum);
  Value acc = accumulate(probs, modified);
  rw.replaceOp(op, results(acc, rowMax, rowSum));
  return success();
}

Value Builder::scores(Value qs) {
  // dims: 0 b, 1 hk, 2 g, 3 i, 4 j, 5 d
  Value k = op.getKey();
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

Value Builder::blockVisible(OpBuilder &b, Location l, Value visible, Value i,
                            Value j) {
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

void Builder::setModRegions(OpBuilder &b, Location l, ScoreModifiers &mods) {
  if (op.hasScoreMod())
    mods.scoreMod = &op.getScoreMod();
  if (op.hasMaskMod())
    mods.maskMod = &op.getMaskMod();
  // dims: 0 b, 1 hk, 2 g; the query head is hk * G + g.
  mods.batch = linalg::IndexOp::create(b, l, 0);
  Value hk = linalg::IndexOp::create(b, l, 1);
  Value g = linalg::IndexOp::create(b, l, 2);
  Value gs = arith::ConstantIndexOp::create(b, l, groups);
  Value hkG = arith::MulIOp::create(b, l, hk, gs);
  mods.head = arith::AddIOp::create(b, l, hkG, g);
}

Value Builder::modify(Value scores) {
  // dims: 0 b, 1 hk, 2 g, 3 i, 4 j
  SmallVector<Value> inputs = {scores};
  SmallVector<AffineMap> maps = {id5};
  int maskIdx = -1, biasIdx = -1, slopeIdx = -1;
  if (Value mask = op.getMask()) {
    auto [m, mMap] = broadcastOperand(mask);
    maskIdx = inputs.size();
    inputs.push_back(m);
    maps.push_back(mMap);
  }
  if (Value bias = op.getBias()) {
    auto [bv, bMap] = broadcastOperand(bias);
    biasIdx = inputs.size();
    inputs.push_back(bv);
    maps.push_back(bMap);
  }
  if (Value slopes = op.getAlibiSlopes()) {
    slopeIdx = inputs.size();
    inputs.push_back(splitHeads(slopes, 0));
    maps.push_back(map(5, {d(1), d(2)}));
  }
  maps.push_back(id5);
  Value seqQ = getValueOrCreateConstantIndexOp(rw, loc, Sq);
  Value seqKV = getValueOrCreateConstantIndexOp(rw, loc, Skv);
  QueryRows rows = buildQueryRows(rw, loc, op, seqQ, seqKV);
  Value offset = rows.offset;
  Value scaleV = f32Const(*op.getEffectiveScale());
  ninf = negInf();
  std::optional<double> softcap;
  if (auto c = op.getSoftcapAttr())
    softcap = c.getValueAsDouble();
  SparsityAttrInterface pattern = op.getSparsityAttr();
  PatternEnv env = buildPatternEnv(rw, loc, op, seqKV);
  // Block table: checked, then expanded to a dense block map (this lowering
  // tests every element anyway).
  if (op.getBlockRowPtr()) {
    bq = op.getBlockSizeAttr().getQuery();
    bk = op.getBlockSizeAttr().getKey();
    Value bkV = arith::ConstantIndexOp::create(rw, loc, bk);
    Value nKB = arith::CeilDivSIOp::create(rw, loc, seqKV, bkV);
    buildBlockTableCheck(rw, loc, op, nKB);
    blockMap = buildBlockTableDense(rw, loc, op, nKB);
    Value heads = arith::ConstantIndexOp::create(rw, loc, hkv * groups);
    Value tables = tensor::DimOp::create(rw, loc, op.getBlockRowPtr(), 1);
    headsPerTable = arith::DivSIOp::create(rw, loc, heads, tables);
  }
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
                 if (slopeIdx >= 0 || pattern || blockMap ||
                     op.hasModRegions()) {
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
               if (op.hasModRegions())
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

void Builder::softmax(Value modified, Value &rowMax, Value &probs,
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

Value Builder::accumulate(Value probs, Value modified) {
  // Over the keys that take part (score not -inf): an invisible key's V is
  // never read, so a NaN there does not reach the row (docs/semantics.md).
  // dims: 0 b, 1 hk, 2 g, 3 i, 4 e, 5 j
  Value v = op.getValue();
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

SmallVector<Value> Builder::results(Value acc, Value rowMax, Value rowSum) {
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
  auto outT = cast<RankedTensorType>(op.getOutput().getType());
  SmallVector<ReassociationIndices> outReassoc =
      bshd ? SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}, {4}}
           : SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}, {4}};
  SmallVector<Value> results = {collapseTo(out, outT, outReassoc)};

  // 8. lse = m + log(l), -inf on fully masked rows (l == 0), NaN where l
  //    or m is NaN.
  if (Value lse = op.getLse()) {
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

struct DecomposeAttention : OpRewritePattern<AttentionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AttentionOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason = unsupportedReason(op);
    if (!reason.empty())
      return rewriter.notifyMatchFailure(op, reason);
    return Builder(op, rewriter).build();
  }
};

struct AttnDecomposePass
    : public attn::impl::AttnDecomposeBase<AttnDecomposePass> {
  void runOnOperation() override {
    // Report every op that cannot be lowered, then fail, rather than
    // leaving a half-lowered module behind silently.
    bool failedAny = false;
    getOperation()->walk([&](AttentionOp op) {
      std::string reason = unsupportedReason(op);
      if (!reason.empty()) {
        op.emitOpError() << "cannot be decomposed: " << reason;
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
  patterns.add<DecomposeAttention>(patterns.getContext());
}
