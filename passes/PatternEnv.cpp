//===- PatternEnv.cpp - run-time values of the sparsity patterns ----------===//
#include "PatternEnv.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace mlir::attn;

PatternEnv mlir::attn::buildPatternEnv(OpBuilder &b, Location loc,
                                       AttentionOp op, Value seqKV) {
  PatternEnv env;
  Value offs = op.getDocOffsets();
  if (!offs)
    return env;
  env.docOffsets = offs;
  auto c = [&](int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); };
  auto at = [&](OpBuilder &bb, Location l, Value k) -> Value {
    Value v = tensor::ExtractOp::create(bb, l, offs, ValueRange{k});
    return arith::IndexCastOp::create(bb, l, bb.getIndexType(), v);
  };
  Value n = arith::SubIOp::create(b, loc,
                                  tensor::DimOp::create(b, loc, offs, 0), c(1));
  Value zero = c(0), one = c(1);

  // Validity, so that the document intervals are what the semantics say.
  Value first = at(b, loc, zero), last = at(b, loc, n);
  Value ok = arith::AndIOp::create(
      b, loc,
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, first, zero),
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sle, last, seqKV));
  auto sorted = scf::ForOp::create(
      b, loc, zero, n, one, ValueRange{ok},
      [&](OpBuilder &bb, Location l, Value d, ValueRange args) {
        Value next = arith::AddIOp::create(bb, l, d, c(1));
        Value le = arith::CmpIOp::create(bb, l, arith::CmpIPredicate::sle,
                                         at(bb, l, d), at(bb, l, next));
        scf::YieldOp::create(bb, l,
                             ValueRange{arith::AndIOp::create(bb, l, args[0], le)
                                            .getResult()});
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
        Value lo = arith::MinSIOp::create(
            bb, l, arith::MaxSIOp::create(bb, l, at(bb, l, d), c(0)), seqKV);
        Value hi = arith::MinSIOp::create(
            bb, l, arith::MaxSIOp::create(bb, l, at(bb, l, next), lo), seqKV);
        auto inner = scf::ForOp::create(
            bb, l, lo, hi, c(1), ValueRange{args[0]},
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
