//===- LowerLinearAttention.cpp - attn.linear_attention -> O(S) loops -----===//
//
// --attn-lower-linear, on tensors (docs/semantics.md, "Linear attention").
//
// Non-causal:
//   scf.forall (b, kv head) { for key chunks: S += phi(K_c)^T V_c,
//                                             z += phi(K_c)^T 1 }
//   scf.forall (b, q head, query chunk) { O = phi(Q_c) S / phi(Q_c) z }
// Causal (chunked, C rows per chunk, state carried across chunks):
//   scf.forall (b, q head) {
//     for prefix key chunks (Skv > Sq): update(S, z)
//     for chunks c: A = (phi(Q_c) phi(K_c)^T) .* M   (causal mask x decay)
//                   O_c = (A V_c + (g^(i+1) phi(Q_c)) S) / (rowsum A + ... z)
//                   update(S, z): S = g^n S + (g^(n-1-j) phi(K_c))^T V_c
//   }
// Every tile is static ([C, *], the last one zero-padded; padded key rows
// get phi = 0), so that --attn-cpu-pipeline register-tiles the
// contractions into vector FMAs.
// Normalized favor also carries its per-feature key shift T with (S, z) in
// every key loop (LinearFavor.cpp, docs/semantics.md "FAVOR+ stabilizers").
// The tile operations these structures are made of are LinearBuilder's
// (LinearBuilder.h, LinearTileOps.cpp, LinearFavor.cpp).
//
//===----------------------------------------------------------------------===//
#include "LinearBuilder.h"
#include "attn/IR/AttnOps.h"
#include "passes/Forms/Passes.h"
#include "passes/Tiling/AttentionMath.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

#include <cmath>

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNLOWERLINEAR
#include "passes/Forms/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;
using namespace mlir::attn;

using utils::IteratorType;

/// Why `op` cannot be lowered, or empty.
static std::string unsupportedReason(LinearAttentionOp op) {
  for (int64_t d : {op.getHeadsQ(), op.getHeadsKV(), op.getHeadDim(),
                    op.getHeadDimV(), op.getFeatureDim()})
    if (ShapedType::isDynamic(d))
      return "head counts, head dims and the feature count must be static";
  if (op.getDecayAttr() &&
      static_cast<int64_t>(op.getDecayFactors().size()) != op.getHeadsQ())
    return "decay needs one factor per query head";
  return "";
}

//===----------------------------------------------------------------------===//
// Non-causal: key states per (b, kv head), then outputs per query chunk.
//===----------------------------------------------------------------------===//

LogicalResult LinearBuilder::buildNonCausal(SmallVector<Value> &outDyn) {
  OpFoldResult oneA = rw.getIndexAttr(1), zeroA = rw.getIndexAttr(0);
  OpFoldResult bA = getAsOpFoldResult(batch);
  // 1. S[b, hk] = phi(K)^T V and z[b, hk] = phi(K)^T 1, over key chunks.
  Value statesInit = tensor::EmptyOp::create(
      rw, loc,
      ArrayRef<OpFoldResult>{bA, rw.getIndexAttr(hkv), rw.getIndexAttr(dp),
                             rw.getIndexAttr(dv)},
      f32);
  Value normsInit = tensor::EmptyOp::create(
      rw, loc,
      ArrayRef<OpFoldResult>{bA, rw.getIndexAttr(hkv), rw.getIndexAttr(dp)},
      f32);
  // Stabilized favor also returns the key shifts T [B, Hkv, M].
  SmallVector<Value> keyInits = {statesInit, normsInit};
  if (stabilized())
    keyInits.push_back(tensor::EmptyOp::create(
        rw, loc,
        ArrayRef<OpFoldResult>{bA, rw.getIndexAttr(hkv), rw.getIndexAttr(dp)},
        f32));
  auto keys = scf::ForallOp::create(
      rw, loc, ArrayRef<OpFoldResult>{bA, rw.getIndexAttr(hkv)}, keyInits,
      std::nullopt);
  {
    OpBuilder::InsertionGuard g(rw);
    rw.setInsertionPoint(keys.getTerminator());
    Value bI = keys.getInductionVars()[0], hk = keys.getInductionVars()[1];
    Value s0 = filled(rw, {dp, dv}, 0.0), z0 = filled(rw, {dp}, 0.0);
    SmallVector<Value> init = {s0, z0};
    if (stabilized())
      init.push_back(initialShift(rw));
    SmallVector<Value> sz = chunkLoops(
        rw, seqKV, init, "keys",
        [&](OpBuilder &b, Location l, Value k0, Value rows,
            ValueRange args) -> SmallVector<Value> {
          Value kt = loadTile(b, op.getKey(), bI, hk, k0, rows, d);
          Value vt = loadTile(b, op.getValue(), bI, hk, k0, rows, dv);
          Value s = args[0], z = args[1];
          Value shift = stabilized() ? args[2] : Value();
          Value phiKT = keyFeaturesT(b, kt, rows, shift, s, z);
          SmallVector<Value> next = {contract(b, phiKT, vt, s)};
          next.push_back(rowSum(b, phiKT, z));
          if (shift)
            next.push_back(shift);
          return next;
        });
    rw.setInsertionPointToStart(keys.getTerminator().getBody());
    SmallVector<Value> dests(keys.getRegionIterArgs());
    OpFoldResult dpA = rw.getIndexAttr(dp), dvA = rw.getIndexAttr(dv);
    tensor::ParallelInsertSliceOp::create(
        rw, loc, sz[0], dests[0],
        ArrayRef<OpFoldResult>{bI, hk, zeroA, zeroA},
        ArrayRef<OpFoldResult>{oneA, oneA, dpA, dvA},
        ArrayRef<OpFoldResult>{oneA, oneA, oneA, oneA});
    tensor::ParallelInsertSliceOp::create(
        rw, loc, sz[1], dests[1],
        ArrayRef<OpFoldResult>{bI, hk, zeroA},
        ArrayRef<OpFoldResult>{oneA, oneA, dpA},
        ArrayRef<OpFoldResult>{oneA, oneA, oneA});
    if (stabilized())
      tensor::ParallelInsertSliceOp::create(
          rw, loc, sz[2], dests[2], ArrayRef<OpFoldResult>{bI, hk, zeroA},
          ArrayRef<OpFoldResult>{oneA, oneA, dpA},
          ArrayRef<OpFoldResult>{oneA, oneA, oneA});
  }
  Value states = keys.getResult(0), norms = keys.getResult(1);
  Value shifts = stabilized() ? keys.getResult(2) : Value();

  // 2. O = phi(Q) S / phi(Q) z per (b, query head, query chunk): one
  // parallel loop over the whole chunks (static tiles), then one over the
  // partial last chunk (empty when the chunk divides Sq).
  auto outT = cast<RankedTensorType>(op.getOutput().getType());
  Value out = tensor::EmptyOp::create(rw, loc, outT, outDyn);
  Value nFull = arith::DivSIOp::create(rw, loc, seqQ, idx(rw, chunk));
  Value nAll = arith::CeilDivSIOp::create(rw, loc, seqQ, idx(rw, chunk));
  for (bool partial : {false, true}) {
    Value count = partial ? arith::SubIOp::create(rw, loc, nAll, nFull)
                          : nFull;
    auto queries = scf::ForallOp::create(
        rw, loc,
        ArrayRef<OpFoldResult>{bA, rw.getIndexAttr(hq),
                               getAsOpFoldResult(count)},
        ValueRange{out}, std::nullopt);
    queries->setAttr("attn.chunk_rows",
                     rw.getStringAttr(partial ? "partial" : "whole"));
    OpBuilder::InsertionGuard g(rw);
    rw.setInsertionPoint(queries.getTerminator());
    SmallVector<Value> ivs = queries.getInductionVars();
    Value bI = ivs[0], h = ivs[1], t = ivs[2];
    if (partial)
      t = arith::AddIOp::create(rw, loc, t, nFull);
    Value hk = arith::DivUIOp::create(rw, loc, h, idx(rw, groups));
    Value q0 = arith::MulIOp::create(rw, loc, t, idx(rw, chunk));
    Value rows;
    if (partial) {
      Value c = idx(rw, chunk);
      Value left = arith::SubIOp::create(rw, loc, seqQ, q0);
      rows = minI(rw, c, left);
    }
    Value qt = loadTile(rw, op.getQuery(), bI, h, q0, rows, d);
    Value shift;
    if (shifts)
      shift = tensor::ExtractSliceOp::create(
          rw, loc, RankedTensorType::get({dp}, f32), shifts,
          ArrayRef<OpFoldResult>{bI, hk, zeroA},
          ArrayRef<OpFoldResult>{oneA, oneA, rw.getIndexAttr(dp)},
          ArrayRef<OpFoldResult>{oneA, oneA, oneA});
    Value phiQ = queryFeatures(rw, qt, shift);
    Value st = tensor::ExtractSliceOp::create(
        rw, loc, RankedTensorType::get({dp, dv}, f32), states,
        ArrayRef<OpFoldResult>{bI, hk, zeroA, zeroA},
        ArrayRef<OpFoldResult>{oneA, oneA, rw.getIndexAttr(dp),
                               rw.getIndexAttr(dv)},
        ArrayRef<OpFoldResult>{oneA, oneA, oneA, oneA});
    Value num = contract(rw, phiQ, st, filled(rw, {chunk, dv}, 0.0));
    Value den;
    if (normalize) {
      Value z = tensor::ExtractSliceOp::create(
          rw, loc, RankedTensorType::get({dp}, f32), norms,
          ArrayRef<OpFoldResult>{bI, hk, zeroA},
          ArrayRef<OpFoldResult>{oneA, oneA, rw.getIndexAttr(dp)},
          ArrayRef<OpFoldResult>{oneA, oneA, oneA});
      den = matvec(rw, phiQ, z, filled(rw, {chunk}, 0.0));
    }
    Value o = finishRows(rw, num, den);
    OpFoldResult n = rows ? OpFoldResult(rows) : rw.getIndexAttr(chunk);
    if (rows)
      o = tensor::ExtractSliceOp::create(
          rw, loc, RankedTensorType::get({ShapedType::kDynamic, dv}, elt), o,
          ArrayRef<OpFoldResult>{zeroA, zeroA},
          ArrayRef<OpFoldResult>{n, rw.getIndexAttr(dv)},
          ArrayRef<OpFoldResult>{oneA, oneA});
    rw.setInsertionPointToStart(queries.getTerminator().getBody());
    Value dest = queries.getRegionIterArgs()[0];
    OpFoldResult dvA = rw.getIndexAttr(dv);
    SmallVector<OpFoldResult> offs =
        bshd ? SmallVector<OpFoldResult>{bI, q0, h, zeroA}
             : SmallVector<OpFoldResult>{bI, h, q0, zeroA};
    SmallVector<OpFoldResult> sizes =
        bshd ? SmallVector<OpFoldResult>{oneA, n, oneA, dvA}
             : SmallVector<OpFoldResult>{oneA, oneA, n, dvA};
    tensor::ParallelInsertSliceOp::create(
        rw, loc, o, dest, offs, sizes, SmallVector<OpFoldResult>(4, oneA));
    out = queries.getResult(0);
  }
  rw.replaceOp(op, out);
  return success();
}

//===----------------------------------------------------------------------===//
// Causal: chunks with a carried state, per (b, query head).
//===----------------------------------------------------------------------===//

LogicalResult LinearBuilder::buildCausal(SmallVector<Value> &outDyn) {
  OpFoldResult oneA = rw.getIndexAttr(1), zeroA = rw.getIndexAttr(0);
  OpFoldResult bA = getAsOpFoldResult(batch);
  auto outT = cast<RankedTensorType>(op.getOutput().getType());
  Value outInit = tensor::EmptyOp::create(rw, loc, outT, outDyn);
  Value offset = arith::SubIOp::create(rw, loc, seqKV, seqQ); // >= 0
  bool hasDecay = !decay.empty();
  Value logTable;
  if (hasDecay) {
    SmallVector<float> logs;
    for (double g : decay)
      logs.push_back(static_cast<float>(std::log(g)));
    auto t = RankedTensorType::get({hq}, f32);
    logTable = arith::ConstantOp::create(
        rw, loc, t, DenseElementsAttr::get(t, ArrayRef<float>(logs)));
  }

  auto heads = scf::ForallOp::create(
      rw, loc, ArrayRef<OpFoldResult>{bA, rw.getIndexAttr(hq)},
      ValueRange{outInit}, std::nullopt);
  OpBuilder::InsertionGuard guard(rw);
  rw.setInsertionPoint(heads.getTerminator());
  Value bI = heads.getInductionVars()[0], h = heads.getInductionVars()[1];
  Value hk = arith::DivUIOp::create(rw, loc, h, idx(rw, groups));
  Value logG;
  if (hasDecay)
    logG = tensor::ExtractOp::create(rw, loc, logTable, ValueRange{h});

  // Causal mask x decay inside a chunk: M[i, j] = g^(i - j) for j <= i.
  Value zeroF = fconst(rw, 0.0), oneF = fconst(rw, 1.0);
  Value maskM =
      linalg::GenericOp::create(
          rw, loc, RankedTensorType::get({chunk, chunk}, f32), ValueRange{},
          ValueRange{tensor::EmptyOp::create(
              rw, loc, ArrayRef<int64_t>{chunk, chunk}, f32)},
          ArrayRef<AffineMap>{id2()}, ArrayRef<IteratorType>{kPar, kPar},
          [&](OpBuilder &bb, Location l, ValueRange) {
            Value i = linalg::IndexOp::create(bb, l, 0);
            Value j = linalg::IndexOp::create(bb, l, 1);
            Value vis =
                arith::CmpIOp::create(bb, l, arith::CmpIPredicate::sle, j, i);
            Value w = oneF;
            if (hasDecay)
              w = math::ExpOp::create(
                  bb, l,
                  arith::MulFOp::create(
                      bb, l, logG,
                      indexToF32(bb, l, arith::SubIOp::create(bb, l, i, j))));
            yield(bb, l, arith::SelectOp::create(bb, l, vis, w, zeroF));
          })
          .getResult(0);
  Value qPowers;
  if (hasDecay)
    qPowers = decayPowers(rw, logG, Value(), /*down=*/false);

  // update(S, z) with the key rows [k0, k0 + n):
  //   S = g^n S + (w phi(K))^T V, z = g^n z + (w phi(K))^T 1,
  //   w_j = g^(n - 1 - j).
  auto update = [&](OpBuilder &b, Location l, Value phiKT, Value vt, Value n,
                    Value s, Value z) -> std::pair<Value, Value> {
    if (hasDecay) {
      phiKT = scaleRows(b, phiKT, decayPowers(b, logG, n, /*down=*/true),
                        /*columns=*/true);
      Value gn = math::ExpOp::create(
          b, l, arith::MulFOp::create(b, l, logG, indexToF32(b, l, n)));
      auto scaleBy = [&](Value x) {
        auto t = cast<RankedTensorType>(x.getType());
        SmallVector<AffineExpr> ids;
        for (unsigned i = 0; i < t.getRank(); ++i)
          ids.push_back(dim(i));
        AffineMap idm = map(t.getRank(), ids);
        return linalg::GenericOp::create(
                   b, l, t, ValueRange{x},
                   ValueRange{tensor::EmptyOp::create(b, l, t.getShape(), f32)},
                   ArrayRef<AffineMap>{idm, idm},
                   SmallVector<IteratorType>(t.getRank(), kPar),
                   [&](OpBuilder &bb, Location ll, ValueRange a) {
                     yield(bb, ll, arith::MulFOp::create(bb, ll, a[0], gn));
                   })
            .getResult(0);
      };
      s = scaleBy(s);
      z = scaleBy(z);
    }
    return {contract(b, phiKT, vt, s), rowSum(b, phiKT, z)};
  };

  // Keys before the first query's diagonal (Skv > Sq) only feed the state.
  // Stabilized favor carries its key shift T with the state (S, z, T): the
  // maximum over the keys read so far, the current chunk's included.
  Value s0 = filled(rw, {dp, dv}, 0.0), z0 = filled(rw, {dp}, 0.0);
  SmallVector<Value> init = {s0, z0};
  if (stabilized())
    init.push_back(initialShift(rw));
  SmallVector<Value> prefix = chunkLoops(
      rw, offset, init, "prefix",
      [&](OpBuilder &b, Location l, Value k0, Value rows,
          ValueRange args) -> SmallVector<Value> {
        Value n = rows ? rows : idx(b, chunk);
        Value kt = loadTile(b, op.getKey(), bI, hk, k0, rows, d);
        Value vt = loadTile(b, op.getValue(), bI, hk, k0, rows, dv);
        Value s = args[0], z = args[1];
        Value shift = stabilized() ? args[2] : Value();
        Value phiKT = keyFeaturesT(b, kt, rows, shift, s, z);
        auto [s1, z1] = update(b, l, phiKT, vt, n, s, z);
        SmallVector<Value> next = {s1, z1};
        if (shift)
          next.push_back(shift);
        return next;
      });

  // This head's output rows, written chunk by chunk.
  Value dest = heads.getRegionIterArgs()[0];
  OpFoldResult dvA = rw.getIndexAttr(dv), sqA = getAsOpFoldResult(seqQ);
  SmallVector<OpFoldResult> hOffs =
      bshd ? SmallVector<OpFoldResult>{bI, zeroA, h, zeroA}
           : SmallVector<OpFoldResult>{bI, h, zeroA, zeroA};
  SmallVector<OpFoldResult> hSizes =
      bshd ? SmallVector<OpFoldResult>{oneA, sqA, oneA, dvA}
           : SmallVector<OpFoldResult>{oneA, oneA, sqA, dvA};
  SmallVector<OpFoldResult> ones(4, oneA);
  auto headT = RankedTensorType::get({outT.getDimSize(bshd ? 1 : 2), dv}, elt);
  Value headOut = tensor::ExtractSliceOp::create(rw, loc, headT, dest, hOffs,
                                                 hSizes, ones);

  SmallVector<Value> carried = {prefix[0], prefix[1], headOut};
  if (stabilized())
    carried.push_back(prefix[2]);
  SmallVector<Value> chunks = chunkLoops(
      rw, seqQ, carried, "causal",
      [&](OpBuilder &b, Location l, Value i0, Value rows,
          ValueRange args) -> SmallVector<Value> {
        Value n = rows ? rows : idx(b, chunk);
        Value k0 = arith::AddIOp::create(b, l, i0, offset);
        Value qt = loadTile(b, op.getQuery(), bI, h, i0, rows, d);
        Value kt = loadTile(b, op.getKey(), bI, hk, k0, rows, d);
        Value vt = loadTile(b, op.getValue(), bI, hk, k0, rows, dv);
        // The keys first: the queries read the shift that covers this
        // chunk's keys (so no feature exceeds 1 / sqrt(M)), and the state
        // rescaled to it.
        Value s = args[0], z = args[1];
        Value shift = stabilized() ? args[3] : Value();
        Value phiKT = keyFeaturesT(b, kt, rows, shift, s, z);
        Value phiQ = queryFeatures(b, qt, shift);
        // Intra-chunk: A = (phi(Q) phi(K)^T) .* M.
        Value a = contract(b, phiQ, phiKT, filled(b, {chunk, chunk}, 0.0));
        a = linalg::GenericOp::create(
                b, l, a.getType(), ValueRange{a, maskM},
                ValueRange{tensor::EmptyOp::create(
                    b, l, ArrayRef<int64_t>{chunk, chunk}, f32)},
                ArrayRef<AffineMap>{id2(), id2(), id2()},
                ArrayRef<IteratorType>{kPar, kPar},
                [&](OpBuilder &bb, Location ll, ValueRange x) {
                  // Hidden pairs (j > i) are selected away, not multiplied
                  // by 0: a NaN of a later key must not reach this row.
                  Value i = linalg::IndexOp::create(bb, ll, 0);
                  Value j = linalg::IndexOp::create(bb, ll, 1);
                  Value vis = arith::CmpIOp::create(
                      bb, ll, arith::CmpIPredicate::sle, j, i);
                  Value w = arith::MulFOp::create(bb, ll, x[0], x[1]);
                  Value zeroF = arith::ConstantOp::create(
                      bb, ll, bb.getF32Type(), bb.getF32FloatAttr(0.0));
                  yield(bb, ll, arith::SelectOp::create(bb, ll, vis, w, zeroF));
                })
                .getResult(0);
        // Inter-chunk: query row i reads the state decayed by g^(i + 1).
        Value phiQd = hasDecay ? scaleRows(b, phiQ, qPowers, false) : phiQ;
        Value num = contract(b, phiQd, s, filled(b, {chunk, dv}, 0.0));
        num = contract(b, a, vt, num);
        Value den;
        if (normalize)
          den = matvec(b, phiQd, z, rowSum(b, a, filled(b, {chunk}, 0.0)));
        Value o = finishRows(b, num, den);
        OpFoldResult nA = rows ? OpFoldResult(rows) : b.getIndexAttr(chunk);
        if (rows)
          o = tensor::ExtractSliceOp::create(
              b, l, RankedTensorType::get({ShapedType::kDynamic, dv}, elt), o,
              ArrayRef<OpFoldResult>{zeroA, zeroA},
              ArrayRef<OpFoldResult>{nA, dvA},
              ArrayRef<OpFoldResult>{oneA, oneA});
        Value written = tensor::InsertSliceOp::create(
            b, l, o, args[2], ArrayRef<OpFoldResult>{i0, zeroA},
            ArrayRef<OpFoldResult>{nA, dvA}, ArrayRef<OpFoldResult>{oneA, oneA});
        auto [s1, z1] = update(b, l, phiKT, vt, n, s, z);
        SmallVector<Value> next = {s1, z1, written};
        if (shift)
          next.push_back(shift);
        return next;
      });

  rw.setInsertionPointToStart(heads.getTerminator().getBody());
  tensor::ParallelInsertSliceOp::create(rw, loc, chunks[2], dest,
                                        hOffs, hSizes, ones);
  rw.replaceOp(op, heads.getResult(0));
  return success();
}

LogicalResult LinearBuilder::build() {
  unsigned seqIdx = bshd ? 1 : 2;
  Value q = op.getQuery();
  auto sizeOf = [&](Value v, unsigned i) -> Value {
    int64_t s = cast<RankedTensorType>(v.getType()).getDimSize(i);
    if (!ShapedType::isDynamic(s))
      return idx(rw, s);
    return tensor::DimOp::create(rw, loc, v, i);
  };
  batch = sizeOf(q, 0);
  seqQ = sizeOf(q, seqIdx);
  seqKV = sizeOf(op.getKey(), seqIdx);
  auto outT = cast<RankedTensorType>(op.getOutput().getType());
  SmallVector<Value> outDyn;
  for (int64_t i = 0; i < 4; ++i)
    if (outT.isDynamicDim(i))
      outDyn.push_back(tensor::DimOp::create(rw, loc, q, i));
  prepareFavor(rw);
  return op.getCausal() ? buildCausal(outDyn) : buildNonCausal(outDyn);
}

namespace {
struct LowerLinearAttention : OpRewritePattern<LinearAttentionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LinearAttentionOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason = unsupportedReason(op);
    if (!reason.empty())
      return rewriter.notifyMatchFailure(op, reason);
    return LinearBuilder(op, rewriter).build();
  }
};

struct AttnLowerLinearPass
    : public attn::impl::AttnLowerLinearBase<AttnLowerLinearPass> {
  void runOnOperation() override {
    bool failedAny = false;
    getOperation()->walk([&](LinearAttentionOp op) {
      std::string reason = unsupportedReason(op);
      if (!reason.empty()) {
        op.emitOpError() << "cannot be lowered: " << reason;
        failedAny = true;
      }
    });
    if (failedAny)
      return signalPassFailure();
    RewritePatternSet patterns(&getContext());
    populateAttnLowerLinearPatterns(patterns);
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};
} // namespace

void mlir::attn::populateAttnLowerLinearPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerLinearAttention>(patterns.getContext());
}
