//===- LowerBlockOps.cpp - attn.block_score / attn.block_select -> loops --===//
//
// --attn-lower-block-ops: block scoring as linalg on tensors (the
// antidiagonal sums factorize per residue class: sum over block pairs with
// (i + j) % t == t - 1 of q_i . k_j = sum_x Qs[r, x] . Ks[c, t - 1 - x],
// with Qs[r, x] the sum of the block's query rows i % t == x; mean_pool is
// stride 1), then a masked softmax over key blocks; block selection as
// sequential scf loops per row (argmax scans).
//
//===----------------------------------------------------------------------===//
#include "attn/IR/AttnOps.h"
#include "passes/Forms/Passes.h"
#include "passes/Tiling/AttentionMath.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

#include <cmath>
#include <limits>

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNLOWERBLOCKOPS
#include "passes/Forms/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;
using namespace mlir::attn;

namespace {
using utils::IteratorType;

struct LowerBlockScore : OpRewritePattern<BlockScoreOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BlockScoreOp op,
                                PatternRewriter &rw) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = op.getContext();
    Type f32 = rw.getF32Type();
    auto qT = cast<RankedTensorType>(op.getQuery().getType());
    auto kT = cast<RankedTensorType>(op.getKey().getType());
    int64_t B = qT.getDimSize(0), Hq = qT.getDimSize(1), Sq = qT.getDimSize(2),
            D = qT.getDimSize(3), Hkv = kT.getDimSize(1),
            Skv = kT.getDimSize(2);
    int64_t G = Hq / Hkv, t = op.getEffectiveStride();
    int64_t bq = op.getBlockSize().getQuery(), bk = op.getBlockSize().getKey();
    int64_t nQB = (Sq + bq - 1) / bq, nKB = (Skv + bk - 1) / bk;
    double scale = op.getScaleAttr() ? op.getScaleAttr().getValueAsDouble()
                                     : 1.0 / std::sqrt(double(D));
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    auto map = [&](unsigned n, ArrayRef<AffineExpr> e) {
      return AffineMap::get(n, 0, e, ctx);
    };
    auto fconst = [&](double v) {
      return arith::ConstantOp::create(rw, loc, f32, rw.getF32FloatAttr(v))
          .getResult();
    };
    auto toF32 = [&](OpBuilder &b, Location l, Value v) -> Value {
      return v.getType() == f32 ? v : arith::ExtFOp::create(b, l, f32, v);
    };
    auto filled = [&](ArrayRef<int64_t> shape, Value v) {
      Value e = tensor::EmptyOp::create(rw, loc, shape, f32);
      return linalg::FillOp::create(rw, loc, ValueRange{v}, ValueRange{e})
          .getResult(0);
    };
    // Residue sums: X [B, H, nB, t, D] = sum over a of x[b, h, nB*blk + a*t + x].
    auto residueSums = [&](Value x, int64_t H, int64_t S, int64_t blk,
                           int64_t nB) -> Value {
      auto xt = cast<RankedTensorType>(x.getType());
      if (nB * blk != S) {
        auto padT = RankedTensorType::get({B, H, nB * blk, D},
                                          xt.getElementType());
        Value zero = arith::ConstantOp::create(
            rw, loc, xt.getElementType(), rw.getZeroAttr(xt.getElementType()));
        x = tensor::createPadHighOp(padT, x, zero, false, loc, rw);
      }
      auto expT = RankedTensorType::get({B, H, nB, blk / t, t, D},
                                        xt.getElementType());
      x = tensor::ExpandShapeOp::create(
          rw, loc, expT, x,
          SmallVector<ReassociationIndices>{{0}, {1}, {2, 3, 4}, {5}});
      Value init = filled({B, H, nB, t, D}, fconst(0.0));
      return linalg::GenericOp::create(
                 rw, loc, init.getType(), ValueRange{x}, ValueRange{init},
                 ArrayRef<AffineMap>{map(6, {d(0), d(1), d(2), d(3), d(4), d(5)}),
                                     map(6, {d(0), d(1), d(2), d(4), d(5)})},
                 ArrayRef<IteratorType>{kPar, kPar, kPar, kRed, kPar, kPar},
                 [&](OpBuilder &b, Location l, ValueRange a) {
                   linalg::YieldOp::create(
                       b, l,
                       ValueRange{arith::AddFOp::create(b, l, toF32(b, l, a[0]),
                                                        a[1])});
                 })
          .getResult(0);
    };
    Value qs = residueSums(op.getQuery(), Hq, Sq, bq, nQB);
    Value ks = residueSums(op.getKey(), Hkv, Skv, bk, nKB);
    // A[b, h, r, c] = sum_{x, d} Qs[b, h, r, x, d] * Ks[b, h / G, c, t-1-x, d]
    Value a = filled({B, Hq, nQB, nKB}, fconst(0.0));
    AffineExpr hk = d(1).floorDiv(G);
    a = linalg::GenericOp::create(
            rw, loc, a.getType(), ValueRange{qs, ks}, ValueRange{a},
            ArrayRef<AffineMap>{
                map(6, {d(0), d(1), d(2), d(4), d(5)}),
                map(6, {d(0), hk, d(3), getAffineConstantExpr(t - 1, ctx) - d(4),
                        d(5)}),
                map(6, {d(0), d(1), d(2), d(3)})},
            ArrayRef<IteratorType>{kPar, kPar, kPar, kPar, kRed, kRed},
            [&](OpBuilder &b, Location l, ValueRange v) {
              Value p = arith::MulFOp::create(b, l, v[0], v[1]);
              linalg::YieldOp::create(
                  b, l, ValueRange{arith::AddFOp::create(b, l, v[2], p)});
            })
            .getResult(0);

    // Per block: scale / (number of antidiagonal pairs), or -inf where the
    // block has none or lies above the causal diagonal (static sizes).
    SmallVector<float> mult(nQB * nKB);
    auto rowsWith = [&](int64_t lo, int64_t hi, int64_t x) {
      int64_t n = 0;
      for (int64_t i = lo; i < hi; ++i)
        n += i % t == x;
      return n;
    };
    for (int64_t r = 0; r < nQB; ++r)
      for (int64_t c = 0; c < nKB; ++c) {
        int64_t q0 = r * bq, q1 = std::min(q0 + bq, Sq);
        int64_t k0 = c * bk, k1 = std::min(k0 + bk, Skv);
        int64_t n = 0;
        for (int64_t x = 0; x < t; ++x)
          n += rowsWith(q0, q1, x) * rowsWith(k0, k1, t - 1 - x);
        bool above = op.getCausal() && k0 > q1 - 1 + (Skv - Sq);
        mult[r * nKB + c] = (n == 0 || above)
                                ? -std::numeric_limits<float>::infinity()
                                : float(scale / double(n));
      }
    auto multT = RankedTensorType::get({nQB, nKB}, f32);
    Value multV = arith::ConstantOp::create(
        rw, loc, multT, DenseElementsAttr::get(multT, ArrayRef<float>(mult)));
    Value ninf = fconst(-std::numeric_limits<double>::infinity());
    AffineMap id4 = map(4, {d(0), d(1), d(2), d(3)});
    AffineMap blk = map(4, {d(2), d(3)}), row = map(4, {d(0), d(1), d(2)});
    SmallVector<IteratorType> par4(4, kPar), red4 = {kPar, kPar, kPar, kRed};
    a = linalg::GenericOp::create(
            rw, loc, a.getType(), ValueRange{multV}, ValueRange{a},
            ArrayRef<AffineMap>{blk, id4}, par4,
            [&](OpBuilder &b, Location l, ValueRange v) {
              Value dead = arith::CmpFOp::create(b, l, arith::CmpFPredicate::OEQ,
                                                 v[0], ninf);
              Value s = arith::MulFOp::create(b, l, v[1], v[0]);
              linalg::YieldOp::create(
                  b, l, ValueRange{arith::SelectOp::create(b, l, dead, ninf, s)});
            })
            .getResult(0);
    // Softmax over key blocks; rows with nothing to score give 0.
    Value m = filled({B, Hq, nQB}, ninf);
    m = linalg::GenericOp::create(
            rw, loc, m.getType(), ValueRange{a}, ValueRange{m},
            ArrayRef<AffineMap>{id4, row}, red4,
            [&](OpBuilder &b, Location l, ValueRange v) {
              linalg::YieldOp::create(
                  b, l, ValueRange{buildSoftmaxMax(b, l, v[0], v[1])});
            })
            .getResult(0);
    Value zero = fconst(0.0);
    Value p = linalg::GenericOp::create(
                  rw, loc, a.getType(), ValueRange{m}, ValueRange{a},
                  ArrayRef<AffineMap>{row, id4}, par4,
                  [&](OpBuilder &b, Location l, ValueRange v) {
                    linalg::YieldOp::create(
                        b, l,
                        ValueRange{buildGuardedExp(b, l, v[1], v[0], v[1], ninf,
                                                   zero)});
                  })
                  .getResult(0);
    Value sum = filled({B, Hq, nQB}, zero);
    sum = linalg::GenericOp::create(
              rw, loc, sum.getType(), ValueRange{p}, ValueRange{sum},
              ArrayRef<AffineMap>{id4, row}, red4,
              [&](OpBuilder &b, Location l, ValueRange v) {
                linalg::YieldOp::create(
                    b, l, ValueRange{arith::AddFOp::create(b, l, v[0], v[1])});
              })
              .getResult(0);
    Value out = linalg::GenericOp::create(
                    rw, loc, a.getType(), ValueRange{sum}, ValueRange{p},
                    ArrayRef<AffineMap>{row, id4}, par4,
                    [&](OpBuilder &b, Location l, ValueRange v) {
                      linalg::YieldOp::create(
                          b, l, ValueRange{buildNormalize(b, l, v[1], v[0])});
                    })
                    .getResult(0);
    rw.replaceOp(op, out);
    return success();
  }
};

/// Builds one row of attn.block_select (batch `bi`, head `hi`, query block
/// `r`): kept blocks, then the chosen ones by argmax scans (the highest
/// remaining score, lowest index on ties), written in ascending order. Flags
/// per key block are i8 tensors [C]: a vectorized fill of an i1 tensor
/// stores packed bits that scalar loads misread.
class BlockSelectRow {
public:
  BlockSelectRow(BlockSelectOp op, Location loc, Value bi, Value hi, Value r)
      : op(op), loc(loc), scores(op.getScores()), bi(bi), hi(hi), r(r) {
    auto sT = cast<RankedTensorType>(scores.getType());
    R = sT.getDimSize(2);
    C = sT.getDimSize(3);
  }

  /// Builds the row at `b`; returns the new (row pointers, cols, used).
  SmallVector<Value> build(OpBuilder &b, Value rowPtr, Value cols,
                           Value used) {
    Value sel = keptBlocks(b);
    Value taken = zeroFlags(b);
    if (auto k = op.getTopK())
      taken = chooseTopK(b, taken, std::min<int64_t>(int64_t(*k), C));
    else
      taken = chooseThreshold(b, taken);
    return writeRow(b, rowPtr, cols, used, sel, taken);
  }

private:
  using P = arith::CmpIPredicate;

  Value c(OpBuilder &b, int64_t v) const {
    return arith::ConstantIndexOp::create(b, loc, v).getResult();
  }
  Value score(OpBuilder &b, Value col) const {
    return tensor::ExtractOp::create(b, loc, scores, ValueRange{bi, hi, r, col});
  }
  Value toI8(OpBuilder &b, Value v) const {
    return arith::ExtUIOp::create(b, loc, b.getI8Type(), v);
  }
  Value isSet(OpBuilder &b, Value v) const {
    Value zero = arith::ConstantIntOp::create(b, loc, b.getI8Type(), 0);
    return arith::CmpIOp::create(b, loc, P::ne, v, zero);
  }
  Value zeroFlags(OpBuilder &b) const {
    Type i8 = b.getI8Type();
    Value e = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{C}, i8);
    Value z = arith::ConstantOp::create(b, loc, i8, b.getI8IntegerAttr(0));
    return linalg::FillOp::create(b, loc, ValueRange{z}, ValueRange{e})
        .getResult(0);
  }

  /// Sets flag `col` of `flags` when 0 <= col < C (a no-op otherwise).
  Value setIfInRange(OpBuilder &b, Value flags, Value col) const {
    Value ge = arith::CmpIOp::create(b, loc, P::sge, col, c(b, 0));
    Value lt = arith::CmpIOp::create(b, loc, P::slt, col, c(b, C));
    Value in = arith::AndIOp::create(b, loc, ge, lt);
    Value lower = arith::MaxSIOp::create(b, loc, col, c(b, 0));
    Value cc = arith::MinSIOp::create(b, loc, lower, c(b, C - 1));
    Value old = tensor::ExtractOp::create(b, loc, flags, ValueRange{cc});
    Value inI8 = toI8(b, in);
    Value nv = arith::OrIOp::create(b, loc, old, inI8);
    return tensor::InsertOp::create(b, loc, nv, flags, ValueRange{cc});
  }

  /// The blocks kept by keep_diagonal, keep_sink and local.
  Value keptBlocks(OpBuilder &b) const {
    Value sel = zeroFlags(b);
    Value diag = arith::AddIOp::create(b, loc, r, c(b, C - R));
    if (op.getKeepDiagonal())
      sel = setIfInRange(b, sel, diag);
    if (op.getKeepSink())
      sel = setIfInRange(b, sel, c(b, 0));
    // Local window diag - w .. diag: only w < C can reach a block, so loop
    // over min(local, C) (never unroll `local`).
    int64_t local = std::min<int64_t>(op.getLocalAttr().getInt(), C);
    if (local <= 0)
      return sel;
    sel = setIfInRange(b, sel, diag);
    Value lo = c(b, 1), hi = c(b, local + 1), one = c(b, 1);
    auto wLoop = scf::ForOp::create(
        b, loc, lo, hi, one, ValueRange{sel},
        [&](OpBuilder &bw, Location, Value w, ValueRange s) {
          Value col = arith::SubIOp::create(bw, loc, diag, w);
          Value upd = setIfInRange(bw, s[0], col);
          scf::YieldOp::create(bw, loc, ValueRange{upd});
        });
    return wLoop.getResult(0);
  }

  /// Argmax over the blocks not taken yet: (index or -1, score).
  std::pair<Value, Value> argmax(OpBuilder &b, Value taken) const {
    Value ninf = arith::ConstantOp::create(
        b, loc, b.getF32Type(),
        b.getF32FloatAttr(-std::numeric_limits<float>::infinity()));
    Value sLo = c(b, 0), sHi = c(b, C), sStep = c(b, 1);
    Value none = c(b, -1);
    auto scan = scf::ForOp::create(
        b, loc, sLo, sHi, sStep, ValueRange{none, ninf},
        [&](OpBuilder &b2, Location, Value col, ValueRange s) {
          Value tk = tensor::ExtractOp::create(b2, loc, taken, ValueRange{col});
          Value t = isSet(b2, tk);
          Value v = score(b2, col);
          // NaN ranks below every number (docs/semantics.md): a number
          // replaces a NaN best, never the reverse.
          Value noBest = arith::CmpIOp::create(b2, loc, P::eq, s[0], c(b2, -1));
          Value gt = arith::CmpFOp::create(b2, loc, arith::CmpFPredicate::OGT,
                                           v, s[1]);
          Value bestNaN = arith::CmpFOp::create(
              b2, loc, arith::CmpFPredicate::UNO, s[1], s[1]);
          Value vNum = arith::CmpFOp::create(b2, loc, arith::CmpFPredicate::ORD,
                                             v, v);
          Value overNaN = arith::AndIOp::create(b2, loc, bestNaN, vNum);
          Value better = arith::OrIOp::create(b2, loc, noBest, gt);
          better = arith::OrIOp::create(b2, loc, better, overNaN);
          Value one = arith::ConstantIntOp::create(b2, loc, b2.getI1Type(), 1);
          Value notT = arith::XOrIOp::create(b2, loc, t, one);
          Value take = arith::AndIOp::create(b2, loc, better, notT);
          Value newCol = arith::SelectOp::create(b2, loc, take, col, s[0]);
          Value newV = arith::SelectOp::create(b2, loc, take, v, s[1]);
          scf::YieldOp::create(b2, loc, ValueRange{newCol, newV});
        });
    return {scan.getResult(0), scan.getResult(1)};
  }

  /// Marks `col` taken when it is a block (>= 0).
  Value mark(OpBuilder &b, Value taken, Value col) const {
    Value found = arith::CmpIOp::create(b, loc, P::sge, col, c(b, 0));
    Value cc = arith::MaxSIOp::create(b, loc, col, c(b, 0));
    Value old = tensor::ExtractOp::create(b, loc, taken, ValueRange{cc});
    Value foundI8 = toI8(b, found);
    Value nv = arith::OrIOp::create(b, loc, old, foundI8);
    return tensor::InsertOp::create(b, loc, nv, taken, ValueRange{cc});
  }

  /// top_k: k argmax scans.
  Value chooseTopK(OpBuilder &b, Value taken, int64_t k) const {
    Value kLo = c(b, 0), kHi = c(b, k), kStep = c(b, 1);
    auto kl = scf::ForOp::create(
        b, loc, kLo, kHi, kStep, ValueRange{taken},
        [&](OpBuilder &bb, Location, Value, ValueRange s) {
          Value col = argmax(bb, s[0]).first;
          Value upd = mark(bb, s[0], col);
          scf::YieldOp::create(bb, loc, ValueRange{upd});
        });
    return kl.getResult(0);
  }

  /// threshold: argmax scans while the cumulated score (f64) is below tau
  /// times the row's total.
  Value chooseThreshold(OpBuilder &b, Value taken) const {
    Type f64 = b.getF64Type();
    double tau = op.getThresholdAttr().getValueAsDouble();
    Value zero64 = arith::ConstantOp::create(b, loc, f64, b.getF64FloatAttr(0.0));
    Value tLo = c(b, 0), tHi = c(b, C), tStep = c(b, 1);
    auto tot = scf::ForOp::create(
        b, loc, tLo, tHi, tStep, ValueRange{zero64},
        [&](OpBuilder &bb, Location, Value col, ValueRange s) {
          Value sc = score(bb, col);
          Value v = arith::ExtFOp::create(bb, loc, f64, sc);
          Value acc = arith::AddFOp::create(bb, loc, s[0], v);
          scf::YieldOp::create(bb, loc, ValueRange{acc});
        });
    Value tauV = arith::ConstantOp::create(b, loc, f64, b.getF64FloatAttr(tau));
    Value target = arith::MulFOp::create(b, loc, tot.getResult(0), tauV);
    Value n0 = c(b, 0);
    auto wh = scf::WhileOp::create(
        b, loc, TypeRange{taken.getType(), f64, b.getIndexType()},
        ValueRange{taken, zero64, n0},
        [&](OpBuilder &bb, Location, ValueRange s) {
          Value below = arith::CmpFOp::create(bb, loc, arith::CmpFPredicate::OLT,
                                              s[1], target);
          Value more = arith::CmpIOp::create(bb, loc, P::slt, s[2], c(bb, C));
          Value go = arith::AndIOp::create(bb, loc, below, more);
          scf::ConditionOp::create(bb, loc, go, s);
        },
        [&](OpBuilder &bb, Location, ValueRange s) {
          auto [col, v] = argmax(bb, s[0]);
          Value v64 = arith::ExtFOp::create(bb, loc, f64, v);
          Value cum = arith::AddFOp::create(bb, loc, s[1], v64);
          Value upd = mark(bb, s[0], col);
          Value n = arith::AddIOp::create(bb, loc, s[2], c(bb, 1));
          scf::YieldOp::create(bb, loc, ValueRange{upd, cum, n});
        });
    return wh.getResult(0);
  }

  /// Row pointer, then the selected blocks (kept or chosen) in ascending
  /// order from position `used` of cols.
  SmallVector<Value> writeRow(OpBuilder &b, Value rowPtr, Value cols,
                              Value used, Value sel, Value taken) const {
    Type i32 = b.getI32Type();
    Value used32 = arith::IndexCastOp::create(b, loc, i32, used);
    Value rpT = tensor::InsertOp::create(b, loc, used32, rowPtr,
                                         ValueRange{bi, hi, r});
    Value wLo = c(b, 0), wHi = c(b, C), wStep = c(b, 1);
    auto wr = scf::ForOp::create(
        b, loc, wLo, wHi, wStep, ValueRange{cols, used},
        [&](OpBuilder &bb, Location, Value col, ValueRange s) {
          Value kept = tensor::ExtractOp::create(bb, loc, sel, ValueRange{col});
          Value chosen =
              tensor::ExtractOp::create(bb, loc, taken, ValueRange{col});
          Value either = arith::OrIOp::create(bb, loc, kept, chosen);
          Value on = isSet(bb, either);
          auto ifOp = scf::IfOp::create(
              bb, loc, on,
              [&](OpBuilder &b3, Location) {
                Value col32 = arith::IndexCastOp::create(b3, loc, i32, col);
                Value t = tensor::InsertOp::create(b3, loc, col32, s[0],
                                                   ValueRange{bi, hi, s[1]});
                Value n = arith::AddIOp::create(b3, loc, s[1], c(b3, 1));
                scf::YieldOp::create(b3, loc, ValueRange{t, n});
              },
              [&](OpBuilder &b3, Location) {
                scf::YieldOp::create(b3, loc, ValueRange{s[0], s[1]});
              });
          scf::YieldOp::create(bb, loc, ifOp.getResults());
        });
    return {rpT, wr.getResult(0), wr.getResult(1)};
  }

  mutable BlockSelectOp op; // (ODS getters are not const)
  Location loc;
  Value scores, bi, hi, r;
  int64_t R = 0, C = 0;
};

/// Sequential over rows: each row's start is the previous row's end.
struct LowerBlockSelect : OpRewritePattern<BlockSelectOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BlockSelectOp op,
                                PatternRewriter &rw) const override {
    Location loc = op.getLoc();
    auto sT = cast<RankedTensorType>(op.getScores().getType());
    int64_t B = sT.getDimSize(0), H = sT.getDimSize(1), R = sT.getDimSize(2),
            C = sT.getDimSize(3);
    Type i32 = rw.getI32Type();
    auto c = [&](OpBuilder &b, int64_t v) {
      return arith::ConstantIndexOp::create(b, loc, v).getResult();
    };
    auto fill = [&](ArrayRef<int64_t> shape, int32_t v) {
      Value e = tensor::EmptyOp::create(rw, loc, shape, i32);
      Value cv = arith::ConstantOp::create(rw, loc, i32,
                                           rw.getI32IntegerAttr(v));
      return linalg::FillOp::create(rw, loc, ValueRange{cv}, ValueRange{e})
          .getResult(0);
    };
    Value rowPtr = fill({B, H, R + 1}, 0);
    Value cols = fill({B, H, R * C}, -1);

    // Bounds in statements: argument evaluation order is unspecified.
    Value bhLo = c(rw, 0), bhHi = c(rw, B * H), bhStep = c(rw, 1);
    auto bLoop = scf::ForOp::create(
        rw, loc, bhLo, bhHi, bhStep, ValueRange{rowPtr, cols},
        [&](OpBuilder &b0, Location l0, Value bh, ValueRange a0) {
          Value hc = c(b0, H);
          Value bi = arith::DivUIOp::create(b0, l0, bh, hc);
          Value hi = arith::RemUIOp::create(b0, l0, bh, hc);
          Value rLo = c(b0, 0), rHi = c(b0, R), rStep = c(b0, 1);
          Value used0 = c(b0, 0);
          auto rLoop = scf::ForOp::create(
              b0, l0, rLo, rHi, rStep, ValueRange{a0[0], a0[1], used0},
              [&](OpBuilder &b, Location l, Value r, ValueRange a) {
                BlockSelectRow row(op, l, bi, hi, r);
                SmallVector<Value> next = row.build(b, a[0], a[1], a[2]);
                scf::YieldOp::create(b, l, ValueRange(next));
              });
          // Final row pointer of this (b, h).
          Value last = arith::IndexCastOp::create(b0, l0, i32,
                                                  rLoop.getResult(2));
          Value rIdx = c(b0, R);
          Value rp = tensor::InsertOp::create(b0, l0, last, rLoop.getResult(0),
                                              ValueRange{bi, hi, rIdx});
          scf::YieldOp::create(b0, l0, ValueRange{rp, rLoop.getResult(1)});
        });
    rw.replaceOp(op, bLoop.getResults());
    return success();
  }
};

struct AttnLowerBlockOpsPass
    : public attn::impl::AttnLowerBlockOpsBase<AttnLowerBlockOpsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<LowerBlockScore, LowerBlockSelect>(&getContext());
    populateLowerBlockMaskPatterns(patterns);
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};
} // namespace
