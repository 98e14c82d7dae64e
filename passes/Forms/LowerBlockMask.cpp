//===- LowerBlockMask.cpp - attn.block_mask -> scf loops on tensors -------===//
//
// Per (batch, table head, query block, key block): the number of visible
// positions of the mask_mod over the block's heads, rows and keys (the
// region cloned into the innermost loop); the block is listed when the count
// is positive, full when it is the block's size. Rows are built in order,
// so the row pointers are the running count of listed blocks.
//
//===----------------------------------------------------------------------===//
#include "attn/IR/AttnOps.h"
#include "attn/IR/ModRegions.h"
#include "passes/Forms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"

using namespace mlir;
using namespace mlir::attn;

namespace {

struct LowerBlockMask : OpRewritePattern<BlockMaskOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BlockMaskOp op,
                                PatternRewriter &rw) const override {
    Location loc = op.getLoc();
    auto rpT = cast<RankedTensorType>(op.getRowPtr().getType());
    auto colsT = cast<RankedTensorType>(op.getCols().getType());
    auto fullT = cast<RankedTensorType>(op.getFull().getType());
    int64_t bq = op.getBlockSize().getQuery(), bk = op.getBlockSize().getKey();
    int64_t sq = op.getSeqQ(), skv = op.getSeqKv();
    int64_t nqb = (sq + bq - 1) / bq, nkb = (skv + bk - 1) / bk;
    int64_t g = op.getHeadsPerTable();
    auto c = [&](OpBuilder &b, int64_t v) {
      return arith::ConstantIndexOp::create(b, loc, v).getResult();
    };
    auto filled = [&](RankedTensorType t, TypedAttr v) {
      Value e = tensor::EmptyOp::create(rw, loc, t.getShape(),
                                        t.getElementType());
      Value cst = arith::ConstantOp::create(rw, loc, v);
      return linalg::FillOp::create(rw, loc, ValueRange{cst}, ValueRange{e})
          .getResult(0);
    };
    Value rp0 = filled(rpT, rw.getI32IntegerAttr(0));
    Value cols0 = filled(colsT, rw.getI32IntegerAttr(-1));
    Value full0 = filled(fullT, rw.getBoolAttr(false));
    auto i32Of = [&](OpBuilder &b, Value v) {
      return arith::IndexCastOp::create(b, loc, b.getI32Type(), v).getResult();
    };
    // for (lo, hi) with iter_args; `body` returns the next values.
    using Body = function_ref<SmallVector<Value>(OpBuilder &, Value,
                                                 ValueRange)>;
    auto loop = [&](OpBuilder &b, Value lo, Value hi, ValueRange init,
                    Body body) {
      Value one = c(b, 1);
      auto f = scf::ForOp::create(
          b, loc, lo, hi, one, init,
          [&](OpBuilder &bb, Location, Value iv, ValueRange args) {
            SmallVector<Value> next = body(bb, iv, args);
            scf::YieldOp::create(bb, loc, next);
          });
      return SmallVector<Value>(f.getResults());
    };

    // The number of visible (h, i, j) of block (bI, t, r, col).
    auto countVisible = [&](OpBuilder &b, Value bI, Value t, Value r,
                            Value col) {
      Value zero = c(b, 0);
      Value h0 = arith::MulIOp::create(b, loc, t, c(b, g));
      Value h1 = arith::AddIOp::create(b, loc, h0, c(b, g));
      Value i0 = arith::MulIOp::create(b, loc, r, c(b, bq));
      Value iEnd = arith::AddIOp::create(b, loc, i0, c(b, bq));
      Value i1 = arith::MinSIOp::create(b, loc, iEnd, c(b, sq));
      Value j0 = arith::MulIOp::create(b, loc, col, c(b, bk));
      Value jEnd = arith::AddIOp::create(b, loc, j0, c(b, bk));
      Value j1 = arith::MinSIOp::create(b, loc, jEnd, c(b, skv));
      SmallVector<Value> n = loop(
          b, h0, h1, {zero}, [&](OpBuilder &bh, Value h, ValueRange nh) {
            return loop(
                bh, i0, i1, nh, [&](OpBuilder &bi, Value i, ValueRange ni) {
                  return loop(bi, j0, j1, ni,
                              [&](OpBuilder &bj, Value j, ValueRange nj) {
                                Value vis = cloneModRegion(
                                    bj, op.getMaskMod(),
                                    ValueRange{bI, h, i, j});
                                Value inc = arith::IndexCastUIOp::create(
                                    bj, loc, bj.getIndexType(), vis);
                                Value sum =
                                    arith::AddIOp::create(bj, loc, nj[0], inc);
                                return SmallVector<Value>{sum};
                              });
                });
          });
      Value rows = arith::SubIOp::create(b, loc, i1, i0);
      Value keys = arith::SubIOp::create(b, loc, j1, j0);
      Value area = arith::MulIOp::create(b, loc, rows, keys);
      Value total = arith::MulIOp::create(b, loc, area, c(b, g));
      return std::make_pair(n[0], total);
    };

    // Loop bounds, created once before the loops.
    Value zero = c(rw, 0);
    Value nB = c(rw, rpT.getDimSize(0));
    Value nT = c(rw, rpT.getDimSize(1));
    Value nQ = c(rw, nqb);
    Value nK = c(rw, nkb);
    SmallVector<Value> res = loop(
        rw, zero, nB, {rp0, cols0, full0},
        [&](OpBuilder &b1, Value bI, ValueRange s1) {
          return loop(
              b1, zero, nT, s1,
              [&](OpBuilder &b2, Value t, ValueRange s2) {
                SmallVector<Value> rows = loop(
                    b2, zero, nQ, {s2[0], s2[1], s2[2], zero},
                    [&](OpBuilder &b3, Value r, ValueRange s3) {
                      SmallVector<Value> keys = loop(
                          b3, zero, nK, {s3[1], s3[2], s3[3]},
                          [&](OpBuilder &b4, Value col, ValueRange s4) {
                            auto [count, total] =
                                countVisible(b4, bI, t, r, col);
                            Value listed = arith::CmpIOp::create(
                                b4, loc, arith::CmpIPredicate::sgt, count,
                                c(b4, 0));
                            Value whole = arith::CmpIOp::create(
                                b4, loc, arith::CmpIPredicate::eq, count,
                                total);
                            auto ifOp = scf::IfOp::create(
                                b4, loc, listed,
                                [&](OpBuilder &bt, Location) {
                                  Value at[3] = {bI, t, s4[2]};
                                  Value colI = i32Of(bt, col);
                                  Value cols = tensor::InsertOp::create(
                                      bt, loc, colI, s4[0], at);
                                  Value full = tensor::InsertOp::create(
                                      bt, loc, whole, s4[1], at);
                                  Value n = arith::AddIOp::create(
                                      bt, loc, s4[2], c(bt, 1));
                                  scf::YieldOp::create(
                                      bt, loc, ValueRange{cols, full, n});
                                },
                                [&](OpBuilder &be, Location) {
                                  scf::YieldOp::create(be, loc, s4);
                                });
                            return SmallVector<Value>(ifOp.getResults());
                          });
                      Value r1 = arith::AddIOp::create(b3, loc, r, c(b3, 1));
                      Value nI = i32Of(b3, keys[2]);
                      Value rp = tensor::InsertOp::create(
                          b3, loc, nI, s3[0], ValueRange{bI, t, r1});
                      return SmallVector<Value>{rp, keys[0], keys[1],
                                                keys[2]};
                    });
                return SmallVector<Value>{rows[0], rows[1], rows[2]};
              });
        });
    rw.replaceOp(op, res);
    return success();
  }
};

} // namespace

void mlir::attn::populateLowerBlockMaskPatterns(RewritePatternSet &patterns) {
  patterns.add<LowerBlockMask>(patterns.getContext());
}
