//===- PatternEnv.cpp - run-time values of the sparsity patterns ----------===//
#include "passes/Tiling/PatternEnv.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace mlir::attn;

PatternEnv mlir::attn::buildPatternEnv(OpBuilder &b, Location loc,
                                       const AttentionClauses &op,
                                       Value seqKV) {
  PatternEnv env;
  Value offs = op.docOffsets;
  if (!offs)
    return env;
  env.docOffsets = offs;
  auto c = [&](int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); };
  auto at = [&](OpBuilder &bb, Location l, Value k) -> Value {
    Value v = tensor::ExtractOp::create(bb, l, offs, ValueRange{k});
    return arith::IndexCastOp::create(bb, l, bb.getIndexType(), v);
  };
  Value count = tensor::DimOp::create(b, loc, offs, 0);
  Value n = arith::SubIOp::create(b, loc, count, c(1));
  Value zero = c(0), one = c(1);

  // Validity, so that the document intervals are what the semantics say.
  Value first = at(b, loc, zero), last = at(b, loc, n);
  Value firstOk =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, first, zero);
  Value lastOk =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sle, last, seqKV);
  Value ok = arith::AndIOp::create(b, loc, firstOk, lastOk);
  auto sorted = scf::ForOp::create(
      b, loc, zero, n, one, ValueRange{ok},
      [&](OpBuilder &bb, Location l, Value d, ValueRange args) {
        Value next = arith::AddIOp::create(bb, l, d, c(1));
        Value cur = at(bb, l, d);
        Value nxt = at(bb, l, next);
        Value le = arith::CmpIOp::create(bb, l, arith::CmpIPredicate::sle,
                                         cur, nxt);
        Value all = arith::AndIOp::create(bb, l, args[0], le);
        scf::YieldOp::create(bb, l, ValueRange{all});
      });
  cf::AssertOp::create(
      b, loc, sorted.getResult(0),
      "attn.attention: document offsets must be non-decreasing and within "
      "[0, Skv]");

  // ids[x] = d for o[d] <= x < o[d + 1], -1 elsewhere. Clamped so that even
  // unchecked offsets never index out of bounds.
  Type idx = b.getIndexType();
  SmallVector<OpFoldResult> shape = {getAsOpFoldResult(seqKV)};
  Value ids = tensor::EmptyOp::create(b, loc, shape, idx);
  ids = linalg::FillOp::create(b, loc, ValueRange{c(-1)}, ValueRange{ids})
            .getResult(0);
  auto fill = scf::ForOp::create(
      b, loc, zero, n, one, ValueRange{ids},
      [&](OpBuilder &bb, Location l, Value d, ValueRange args) {
        Value next = arith::AddIOp::create(bb, l, d, c(1));
        Value start = at(bb, l, d);
        Value zero0 = c(0);
        Value startPos = arith::MaxSIOp::create(bb, l, start, zero0);
        Value lo = arith::MinSIOp::create(bb, l, startPos, seqKV);
        Value end = at(bb, l, next);
        Value endPos = arith::MaxSIOp::create(bb, l, end, lo);
        Value hi = arith::MinSIOp::create(bb, l, endPos, seqKV);
        Value step = c(1);
        auto inner = scf::ForOp::create(
            bb, l, lo, hi, step, ValueRange{args[0]},
            [&](OpBuilder &b2, Location l2, Value x, ValueRange a2) {
              Value t = tensor::InsertOp::create(b2, l2, d, a2[0],
                                                 ValueRange{x});
              scf::YieldOp::create(b2, l2, ValueRange{t});
            });
        scf::YieldOp::create(bb, l, inner.getResults());
      });
  env.docIds = fill.getResult(0);
  return env;
}

namespace {
/// Nested scf.for loops over (table, row) of the block table, with
/// iter_args; `body(b, loc, t0, t1, row, lo, hi, args)` yields new args.
using RowBody = function_ref<SmallVector<Value>(
    OpBuilder &, Location, Value, Value, Value, Value, Value, ValueRange)>;
SmallVector<Value> forEachTableRow(OpBuilder &b, Location loc,
                                   const AttentionClauses &op,
                                   ValueRange init, RowBody body) {
  Value rp = op.blockRowPtr;
  auto c = [&](OpBuilder &bb, int64_t v) {
    return arith::ConstantIndexOp::create(bb, loc, v).getResult();
  };
  Value nB = tensor::DimOp::create(b, loc, rp, 0);
  Value nT = tensor::DimOp::create(b, loc, rp, 1);
  Value rows1 = tensor::DimOp::create(b, loc, rp, 2);
  Value nR = arith::SubIOp::create(b, loc, rows1, c(b, 1));
  // Loop bounds in statements: argument evaluation order is unspecified.
  Value lo0 = c(b, 0), step0 = c(b, 1);
  auto l0 = scf::ForOp::create(
      b, loc, lo0, nB, step0, init,
      [&](OpBuilder &b0, Location l, Value bi, ValueRange a0) {
        Value lo1 = c(b0, 0), step1 = c(b0, 1);
        auto l1 = scf::ForOp::create(
            b0, l, lo1, nT, step1, a0,
            [&](OpBuilder &b1, Location l1_, Value ti, ValueRange a1) {
              Value lo2 = c(b1, 0), step2 = c(b1, 1);
              auto l2 = scf::ForOp::create(
                  b1, l1_, lo2, nR, step2, a1,
                  [&](OpBuilder &b2, Location l2_, Value r, ValueRange a2) {
                    auto at = [&](Value k) -> Value {
                      Value v = tensor::ExtractOp::create(
                          b2, l2_, rp, ValueRange{bi, ti, k});
                      return arith::IndexCastOp::create(b2, l2_,
                                                        b2.getIndexType(), v);
                    };
                    Value next = arith::AddIOp::create(b2, l2_, r, c(b2, 1));
                    Value lo = at(r);
                    Value hi = at(next);
                    SmallVector<Value> out =
                        body(b2, l2_, bi, ti, r, lo, hi, a2);
                    scf::YieldOp::create(b2, l2_, out);
                  });
              scf::YieldOp::create(b1, l1_, l2.getResults());
            });
        scf::YieldOp::create(b0, l, l1.getResults());
      });
  return l0.getResults();
}
} // namespace

void mlir::attn::buildBlockTableCheck(OpBuilder &b, Location loc,
                                      const AttentionClauses &op, Value nKB) {
  Value cols = op.blockCols;
  Value nnz = tensor::DimOp::create(b, loc, cols, 2);
  Value ok0 = arith::ConstantIntOp::create(b, loc, b.getI1Type(), 1);
  using P = arith::CmpIPredicate;
  SmallVector<Value> res = forEachTableRow(
      b, loc, op, ValueRange{ok0},
      [&](OpBuilder &bb, Location l, Value bi, Value ti, Value, Value lo,
          Value hi, ValueRange a) -> SmallVector<Value> {
        auto cmp = [&](P p, Value x, Value y) {
          return arith::CmpIOp::create(bb, l, p, x, y).getResult();
        };
        auto land = [&](Value x, Value y) {
          return arith::AndIOp::create(bb, l, x, y).getResult();
        };
        Value zero = arith::ConstantIndexOp::create(bb, l, 0);
        Value one = arith::ConstantIndexOp::create(bb, l, 1);
        Value loOk = cmp(P::sge, lo, zero);
        Value ordered = cmp(P::sle, lo, hi);
        Value loRowOk = land(loOk, ordered);
        Value hiOk = cmp(P::sle, hi, nnz);
        Value rowOk = land(loRowOk, hiOk);
        // Only read the row's entries when its pointers are valid.
        Value loC = arith::MinSIOp::create(bb, l, arith::MaxSIOp::create(bb, l, lo, zero), nnz);
        Value hiC = arith::SelectOp::create(bb, l, rowOk, hi, loC);
        auto inner = scf::ForOp::create(
            bb, l, loC, hiC, one, ValueRange{rowOk, arith::ConstantIndexOp::create(bb, l, -1)},
            [&](OpBuilder &b2, Location l2, Value n, ValueRange s) {
              Value k = arith::IndexCastOp::create(
                  b2, l2, b2.getIndexType(),
                  tensor::ExtractOp::create(b2, l2, cols, ValueRange{bi, ti, n}));
              Value after = arith::CmpIOp::create(b2, l2, P::sgt, k, s[1]);
              Value inside = arith::CmpIOp::create(b2, l2, P::slt, k, nKB);
              Value good = arith::AndIOp::create(b2, l2, after, inside);
              scf::YieldOp::create(
                  b2, l2,
                  ValueRange{arith::AndIOp::create(b2, l2, s[0], good).getResult(), k});
            });
        return {land(a[0], inner.getResult(0))};
      });
  cf::AssertOp::create(
      b, loc, res[0],
      "attn.attention: invalid block table (row pointers must satisfy 0 <= "
      "row_ptr[r] <= row_ptr[r+1] <= NNZ, and each row's key blocks must be "
      "strictly increasing and within [0, ceil(Skv / block_size.key)))");
}

Value mlir::attn::buildBlockTableDense(OpBuilder &b, Location loc,
                                       const AttentionClauses &op, Value nKB) {
  Value rp = op.blockRowPtr, cols = op.blockCols,
        full = op.blockFull;
  Type i8 = b.getI8Type();
  OpFoldResult s0 = tensor::getMixedSize(b, loc, rp, 0);
  OpFoldResult s1 = tensor::getMixedSize(b, loc, rp, 1);
  Value rowsPlus1 = tensor::DimOp::create(b, loc, rp, 2);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value rows = arith::SubIOp::create(b, loc, rowsPlus1, one);
  SmallVector<OpFoldResult> shape = {s0, s1, getAsOpFoldResult(rows),
                                     getAsOpFoldResult(nKB)};
  Value dense = tensor::EmptyOp::create(b, loc, shape, i8);
  Value zero8 = arith::ConstantIntOp::create(b, loc, i8, 0);
  dense = linalg::FillOp::create(b, loc, ValueRange{zero8}, ValueRange{dense})
              .getResult(0);
  SmallVector<Value> res = forEachTableRow(
      b, loc, op, ValueRange{dense},
      [&](OpBuilder &bb, Location l, Value bi, Value ti, Value r, Value lo,
          Value hi, ValueRange a) -> SmallVector<Value> {
        Value one = arith::ConstantIndexOp::create(bb, l, 1);
        auto inner = scf::ForOp::create(
            bb, l, lo, hi, one, ValueRange{a[0]},
            [&](OpBuilder &b2, Location l2, Value n, ValueRange s) {
              Value k = arith::IndexCastOp::create(
                  b2, l2, b2.getIndexType(),
                  tensor::ExtractOp::create(b2, l2, cols, ValueRange{bi, ti, n}));
              Value v = arith::ConstantIntOp::create(b2, l2, i8, 1);
              if (full) {
                Value f = tensor::ExtractOp::create(b2, l2, full,
                                                    ValueRange{bi, ti, n});
                v = arith::AddIOp::create(
                    b2, l2, v, arith::ExtUIOp::create(b2, l2, i8, f));
              }
              Value t = tensor::InsertOp::create(b2, l2, v, s[0],
                                                 ValueRange{bi, ti, r, k});
              scf::YieldOp::create(b2, l2, ValueRange{t});
            });
        return {inner.getResult(0)};
      });
  return res[0];
}
