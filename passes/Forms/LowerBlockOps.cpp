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

/// Per row of scores: kept blocks, then the chosen ones by argmax scans (the
/// highest remaining score, lowest index on ties), written in ascending
/// order. Sequential over rows: each row's start is the previous row's end.
struct LowerBlockSelect : OpRewritePattern<BlockSelectOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BlockSelectOp op,
                                PatternRewriter &rw) const override {
    Location loc = op.getLoc();
    auto sT = cast<RankedTensorType>(op.getScores().getType());
    int64_t B = sT.getDimSize(0), H = sT.getDimSize(1), R = sT.getDimSize(2),
            C = sT.getDimSize(3);
    Type i32 = rw.getI32Type(), f64 = rw.getF64Type(),
         idxT = rw.getIndexType();
    auto c = [&](OpBuilder &b, int64_t v) {
      return arith::ConstantIndexOp::create(b, loc, v).getResult();
    };
    auto fill = [&](OpBuilder &b, ArrayRef<int64_t> shape, Type t,
                    Attribute v) {
      Value e = tensor::EmptyOp::create(b, loc, shape, t);
      Value cv = arith::ConstantOp::create(b, loc, t, cast<TypedAttr>(v));
      return linalg::FillOp::create(b, loc, ValueRange{cv}, ValueRange{e})
          .getResult(0);
    };
    Value rowPtr = fill(rw, {B, H, R + 1}, i32, rw.getI32IntegerAttr(0));
    Value cols = fill(rw, {B, H, R * C}, i32, rw.getI32IntegerAttr(-1));
    Value scores = op.getScores();
    using P = arith::CmpIPredicate;

    // Bounds in statements: argument evaluation order is unspecified.
    Value bhLo = c(rw, 0), bhHi = c(rw, B * H), bhStep = c(rw, 1);
    auto bLoop = scf::ForOp::create(
        rw, loc, bhLo, bhHi, bhStep, ValueRange{rowPtr, cols},
        [&](OpBuilder &b0, Location l0, Value bh, ValueRange a0) {
          Value bi = arith::DivUIOp::create(b0, l0, bh, c(b0, H));
          Value hi = arith::RemUIOp::create(b0, l0, bh, c(b0, H));
          Value rLo = c(b0, 0), rHi = c(b0, R), rStep = c(b0, 1);
          Value used0 = c(b0, 0);
          auto rLoop = scf::ForOp::create(
              b0, l0, rLo, rHi, rStep, ValueRange{a0[0], a0[1], used0},
              [&](OpBuilder &b, Location l, Value r, ValueRange a) {
                auto score = [&](OpBuilder &bb, Value col) -> Value {
                  return tensor::ExtractOp::create(bb, l, scores,
                                                   ValueRange{bi, hi, r, col});
                };
                // Kept blocks. Scratch flags are i8: a vectorized fill of
                // an i1 tensor stores packed bits that scalar loads misread.
                Type i8 = b.getI8Type();
                auto toI8 = [&](OpBuilder &bb, Location ll, Value v) -> Value {
                  return arith::ExtUIOp::create(bb, ll, i8, v);
                };
                auto isSet = [&](OpBuilder &bb, Location ll, Value v) -> Value {
                  return arith::CmpIOp::create(
                      bb, ll, P::ne, v, arith::ConstantIntOp::create(bb, ll, i8, 0));
                };
                Value sel = fill(b, {C}, i8, b.getI8IntegerAttr(0));
                Value diag = arith::AddIOp::create(b, l, r, c(b, C - R));
                auto keep = [&](Value col) {
                  Value ge = arith::CmpIOp::create(b, l, P::sge, col, c(b, 0));
                  Value lt = arith::CmpIOp::create(b, l, P::slt, col, c(b, C));
                  Value in = arith::AndIOp::create(b, l, ge, lt);
                  Value lower = arith::MaxSIOp::create(b, l, col, c(b, 0));
                  Value cc = arith::MinSIOp::create(b, l, lower, c(b, C - 1));
                  Value old = tensor::ExtractOp::create(b, l, sel, ValueRange{cc});
                  Value nv = arith::OrIOp::create(b, l, old, toI8(b, l, in));
                  sel = tensor::InsertOp::create(b, l, nv, sel, ValueRange{cc});
                };
                if (op.getKeepDiagonal())
                  keep(diag);
                if (op.getKeepSink())
                  keep(c(b, 0));
                // Local window diag - w .. diag: only w < C can reach a
                // block, so loop over min(local, C) (never unroll `local`).
                int64_t local = std::min<int64_t>(op.getLocalAttr().getInt(), C);
                if (local > 0) {
                  keep(diag);
                  Value lo = c(b, 1), hi = c(b, local + 1), one = c(b, 1);
                  auto wLoop = scf::ForOp::create(
                      b, l, lo, hi, one, ValueRange{sel},
                      [&](OpBuilder &bw, Location lw, Value w, ValueRange s) {
                        Value col = arith::SubIOp::create(bw, lw, diag, w);
                        Value ge = arith::CmpIOp::create(bw, lw, P::sge, col,
                                                         c(bw, 0));
                        Value lt = arith::CmpIOp::create(bw, lw, P::slt, col,
                                                         c(bw, C));
                        Value in = arith::AndIOp::create(bw, lw, ge, lt);
                        Value lower = arith::MaxSIOp::create(bw, lw, col,
                                                             c(bw, 0));
                        Value cc = arith::MinSIOp::create(bw, lw, lower,
                                                          c(bw, C - 1));
                        Value old = tensor::ExtractOp::create(bw, lw, s[0],
                                                              ValueRange{cc});
                        Value inI8 = toI8(bw, lw, in);
                        Value nv = arith::OrIOp::create(bw, lw, old, inI8);
                        Value upd = tensor::InsertOp::create(bw, lw, nv, s[0],
                                                             ValueRange{cc});
                        scf::YieldOp::create(bw, lw, ValueRange{upd});
                      });
                  sel = wLoop.getResult(0);
                }
                // Argmax over the blocks not taken yet: (index or -1, score).
                auto argmax = [&](OpBuilder &bb, Location al,
                                  Value taken) -> std::pair<Value, Value> {
                  Value ninf = arith::ConstantOp::create(
                      bb, al, bb.getF32Type(),
                      bb.getF32FloatAttr(-std::numeric_limits<float>::infinity()));
                  Value sLo = c(bb, 0), sHi = c(bb, C), sStep = c(bb, 1);
                  Value none = c(bb, -1);
                  auto scan = scf::ForOp::create(
                      bb, al, sLo, sHi, sStep, ValueRange{none, ninf},
                      [&](OpBuilder &b2, Location l2, Value col, ValueRange s) {
                        Value tk = tensor::ExtractOp::create(
                            b2, l2, taken, ValueRange{col});
                        Value t = isSet(b2, l2, tk);
                        Value v = score(b2, col);
                        // NaN ranks below every number (docs/semantics.md):
                        // a number replaces a NaN best, never the reverse.
                        Value none = arith::CmpIOp::create(b2, l2, P::eq, s[0],
                                                           c(b2, -1));
                        Value gt = arith::CmpFOp::create(
                            b2, l2, arith::CmpFPredicate::OGT, v, s[1]);
                        Value bestNaN = arith::CmpFOp::create(
                            b2, l2, arith::CmpFPredicate::UNO, s[1], s[1]);
                        Value vNum = arith::CmpFOp::create(
                            b2, l2, arith::CmpFPredicate::ORD, v, v);
                        Value overNaN =
                            arith::AndIOp::create(b2, l2, bestNaN, vNum);
                        Value better = arith::OrIOp::create(b2, l2, none, gt);
                        better = arith::OrIOp::create(b2, l2, better, overNaN);
                        Value notT = arith::XOrIOp::create(
                            b2, l2, t,
                            arith::ConstantIntOp::create(b2, l2, b2.getI1Type(), 1));
                        Value take = arith::AndIOp::create(b2, l2, better, notT);
                        scf::YieldOp::create(
                            b2, l2,
                            ValueRange{arith::SelectOp::create(b2, l2, take, col, s[0]),
                                       arith::SelectOp::create(b2, l2, take, v, s[1])});
                      });
                  return {scan.getResult(0), scan.getResult(1)};
                };
                auto mark = [&](OpBuilder &bb, Location ml, Value taken,
                                Value col) -> Value {
                  Value found =
                      arith::CmpIOp::create(bb, ml, P::sge, col, c(bb, 0));
                  Value cc = arith::MaxSIOp::create(bb, ml, col, c(bb, 0));
                  Value old = tensor::ExtractOp::create(bb, ml, taken,
                                                        ValueRange{cc});
                  return tensor::InsertOp::create(
                      bb, ml, arith::OrIOp::create(bb, ml, old, toI8(bb, ml, found)),
                      taken, ValueRange{cc});
                };
                Value taken = fill(b, {C}, i8, b.getI8IntegerAttr(0));
                if (auto k = op.getTopK()) {
                  Value kLo = c(b, 0);
                  Value kHi = c(b, std::min<int64_t>(int64_t(*k), C));
                  Value kStep = c(b, 1);
                  auto kl = scf::ForOp::create(
                      b, l, kLo, kHi, kStep, ValueRange{taken},
                      [&](OpBuilder &bb, Location kl_, Value, ValueRange s) {
                        auto [col, v] = argmax(bb, kl_, s[0]);
                        (void)v;
                        scf::YieldOp::create(bb, kl_,
                                             ValueRange{mark(bb, kl_, s[0], col)});
                      });
                  taken = kl.getResult(0);
                } else {
                  // target = tau * row total, cumulated in f64.
                  double tau = op.getThresholdAttr().getValueAsDouble();
                  Value zero64 = arith::ConstantOp::create(
                      b, l, f64, b.getF64FloatAttr(0.0));
                  Value tLo = c(b, 0), tHi = c(b, C), tStep = c(b, 1);
                  auto tot = scf::ForOp::create(
                      b, l, tLo, tHi, tStep, ValueRange{zero64},
                      [&](OpBuilder &bb, Location tl, Value col, ValueRange s) {
                        Value v = arith::ExtFOp::create(bb, tl, f64, score(bb, col));
                        scf::YieldOp::create(
                            bb, tl,
                            ValueRange{arith::AddFOp::create(bb, tl, s[0], v)
                                           .getResult()});
                      });
                  Value target = arith::MulFOp::create(
                      b, l, tot.getResult(0),
                      arith::ConstantOp::create(b, l, f64, b.getF64FloatAttr(tau)));
                  // while (cum < target and n < C): take the argmax.
                  auto wh = scf::WhileOp::create(
                      b, l, TypeRange{taken.getType(), f64, idxT},
                      ValueRange{taken, zero64, c(b, 0)},
                      [&](OpBuilder &bb, Location wl, ValueRange s) {
                        Value below = arith::CmpFOp::create(
                            bb, wl, arith::CmpFPredicate::OLT, s[1], target);
                        Value more = arith::CmpIOp::create(bb, wl, P::slt, s[2],
                                                           c(bb, C));
                        Value go = arith::AndIOp::create(bb, wl, below, more);
                        scf::ConditionOp::create(bb, wl, go, s);
                      },
                      [&](OpBuilder &bb, Location wl, ValueRange s) {
                        auto [col, v] = argmax(bb, wl, s[0]);
                        Value cum = arith::AddFOp::create(
                            bb, wl, s[1], arith::ExtFOp::create(bb, wl, f64, v));
                        scf::YieldOp::create(
                            bb, wl,
                            ValueRange{mark(bb, wl, s[0], col), cum,
                                       arith::AddIOp::create(bb, wl, s[2],
                                                             c(bb, 1))
                                           .getResult()});
                      });
                  taken = wh.getResult(0);
                }
                // Row pointer, then the selected blocks in ascending order.
                Value rpT = tensor::InsertOp::create(
                    b, l, arith::IndexCastOp::create(b, l, i32, a[2]), a[0],
                    ValueRange{bi, hi, r});
                Value wLo = c(b, 0), wHi = c(b, C), wStep = c(b, 1);
                auto wr = scf::ForOp::create(
                    b, l, wLo, wHi, wStep, ValueRange{a[1], a[2]},
                    [&](OpBuilder &bb, Location wl, Value col, ValueRange s) {
                      Value kept = tensor::ExtractOp::create(bb, wl, sel,
                                                             ValueRange{col});
                      Value chosen = tensor::ExtractOp::create(
                          bb, wl, taken, ValueRange{col});
                      Value either = arith::OrIOp::create(bb, wl, kept, chosen);
                      Value on = isSet(bb, wl, either);
                      auto ifOp = scf::IfOp::create(
                          bb, wl, on,
                          [&](OpBuilder &b3, Location l3) {
                            Value t = tensor::InsertOp::create(
                                b3, l3, arith::IndexCastOp::create(b3, l3, i32, col),
                                s[0], ValueRange{bi, hi, s[1]});
                            scf::YieldOp::create(
                                b3, l3,
                                ValueRange{t, arith::AddIOp::create(b3, l3, s[1],
                                                                    c(b3, 1))
                                                  .getResult()});
                          },
                          [&](OpBuilder &b3, Location l3) {
                            scf::YieldOp::create(b3, l3, ValueRange{s[0], s[1]});
                          });
                      scf::YieldOp::create(bb, wl, ifOp.getResults());
                    });
                scf::YieldOp::create(
                    b, l, ValueRange{rpT, wr.getResult(0), wr.getResult(1)});
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
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};
} // namespace
