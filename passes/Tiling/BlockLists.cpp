//===- BlockLists.cpp - per query tile lists of non-empty key tiles -------===//
#include "passes/Tiling/BlockLists.h"

#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;
using namespace mlir::attn;

BlockCounts mlir::attn::countBlocks(SparsityAttrInterface pattern, int64_t sq,
                                    int64_t skv, int64_t tq, int64_t tk) {
  BlockCounts c;
  for (int64_t q0 = 0; q0 < sq; q0 += tq)
    for (int64_t k0 = 0; k0 < skv; k0 += tk) {
      switch (pattern.classifyBlock(q0, std::min(q0 + tq, sq), k0,
                                    std::min(k0 + tk, skv), sq, skv)) {
      case BlockClass::Empty: ++c.empty; break;
      case BlockClass::Full: ++c.full; break;
      case BlockClass::Partial: ++c.partial; break;
      }
    }
  return c;
}

static Value i32Table(OpBuilder &b, Location loc, ArrayRef<int32_t> v) {
  auto t = RankedTensorType::get({static_cast<int64_t>(v.size())},
                                 b.getI32Type());
  return arith::ConstantOp::create(b, loc, t, DenseElementsAttr::get(t, v));
}

BlockLists mlir::attn::buildStaticBlockLists(OpBuilder &b, Location loc,
                                             SparsityAttrInterface pattern,
                                             int64_t sq, int64_t skv,
                                             int64_t tq, int64_t tk) {
  return buildStaticBlockLists(
      b, loc,
      [&](int64_t q0, int64_t q1, int64_t k0, int64_t k1) {
        return pattern.classifyBlock(q0, q1, k0, k1, sq, skv);
      },
      sq, skv, tq, tk);
}

BlockLists mlir::attn::buildStaticBlockLists(OpBuilder &b, Location loc,
                                             BlockClassifier classify,
                                             int64_t sq, int64_t skv,
                                             int64_t tq, int64_t tk) {
  BlockLists l;
  SmallVector<int32_t> rowPtr = {0}, fullEnd, cols, partial;
  for (int64_t q0 = 0; q0 < sq; q0 += tq) {
    partial.clear();
    for (int64_t k0 = 0, kt = 0; k0 < skv; k0 += tk, ++kt) {
      int64_t k1 = std::min(k0 + tk, skv);
      BlockClass c = classify(q0, std::min(q0 + tq, sq), k0, k1);
      if (c == BlockClass::Empty) {
        ++l.counts.empty;
        continue;
      }
      (c == BlockClass::Full ? l.counts.full : l.counts.partial)++;
      if (c == BlockClass::Full && k1 - k0 == tk)
        cols.push_back(kt);
      else
        partial.push_back(kt);
    }
    fullEnd.push_back(cols.size());
    cols.append(partial.begin(), partial.end());
    rowPtr.push_back(cols.size());
  }
  if (cols.empty())
    cols.push_back(0); // never read: every range is empty
  l.rowPtr = i32Table(b, loc, rowPtr);
  l.fullEnd = i32Table(b, loc, fullEnd);
  l.cols = i32Table(b, loc, cols);
  return l;
}

BlockLists mlir::attn::buildRuntimeBlockLists(
    OpBuilder &b, Location loc, SparsityAttrInterface pattern,
    const PatternEnv &env, Value seqQ, Value seqKV, const QueryRows &rows,
    int64_t tq, int64_t tk) {
  auto c = [&](OpBuilder &bb, int64_t v) {
    return arith::ConstantIndexOp::create(bb, loc, v).getResult();
  };
  Value nQT = arith::CeilDivSIOp::create(b, loc, seqQ, c(b, tq));
  Value nKT = arith::CeilDivSIOp::create(b, loc, seqKV, c(b, tk));
  Value total = arith::MulIOp::create(b, loc, nQT, nKT);
  Type i32 = b.getI32Type(), idx = b.getIndexType();
  Value cols = tensor::EmptyOp::create(b, loc, ArrayRef<OpFoldResult>{total}, i32);
  Value nFull = tensor::EmptyOp::create(b, loc, ArrayRef<OpFoldResult>{nQT}, idx);
  Value nPart = tensor::EmptyOp::create(b, loc, ArrayRef<OpFoldResult>{nQT}, idx);
  Value zero = c(b, 0), one = c(b, 1);
  auto outer = scf::ForOp::create(
      b, loc, zero, nQT, one, ValueRange{cols, nFull, nPart},
      [&](OpBuilder &bb, Location l, Value qt, ValueRange a) {
        Value q0 = arith::MulIOp::create(bb, l, qt, c(bb, tq));
        Value q1 = arith::MinSIOp::create(
            bb, l, arith::AddIOp::create(bb, l, q0, c(bb, tq)), seqQ);
        Value base = arith::MulIOp::create(bb, l, qt, nKT);
        Value rowEnd = arith::AddIOp::create(bb, l, base, nKT);
        // In statements: argument evaluation order is unspecified.
        Value lo = c(bb, 0), step = c(bb, 1);
        Value full0 = c(bb, 0), part0 = c(bb, 0);
        auto inner = scf::ForOp::create(
            bb, l, lo, nKT, step, ValueRange{a[0], full0, part0},
            [&](OpBuilder &b2, Location l2, Value kt, ValueRange s) {
              Value k0 = arith::MulIOp::create(b2, l2, kt, c(b2, tk));
              Value kEnd = arith::AddIOp::create(b2, l2, k0, c(b2, tk));
              Value k1 = arith::MinSIOp::create(b2, l2, kEnd, seqKV);
              Value r0 = rows.absolute(b2, l2, q0);
              Value r1 = rows.absolute(b2, l2, q1);
              auto [any, all] = pattern.buildBlockClass(b2, l2, r0, r1, k0, k1,
                                                        rows.offset, env);
              // The ragged last tile is masked (partial) for the bounds.
              Value whole = arith::CmpIOp::create(
                  b2, l2, arith::CmpIPredicate::eq, k1, kEnd);
              Value full = arith::AndIOp::create(b2, l2, all, whole);
              Value ktI = arith::IndexCastOp::create(b2, l2, i32, kt);
              Value fullPos = arith::AddIOp::create(b2, l2, base, s[1]);
              Value partPos = arith::SubIOp::create(
                  b2, l2, arith::SubIOp::create(b2, l2, rowEnd, c(b2, 1)), s[2]);
              Value pos = arith::SelectOp::create(b2, l2, full, fullPos, partPos);
              auto ifOp = scf::IfOp::create(
                  b2, l2, any,
                  [&](OpBuilder &b3, Location l3) {
                    Value t = tensor::InsertOp::create(b3, l3, ktI, s[0],
                                                       ValueRange{pos});
                    scf::YieldOp::create(b3, l3, ValueRange{t});
                  },
                  [&](OpBuilder &b3, Location l3) {
                    scf::YieldOp::create(b3, l3, ValueRange{s[0]});
                  });
              Value addF = arith::AndIOp::create(b2, l2, any, full);
              Value notFull = arith::XOrIOp::create(
                  b2, l2, full,
                  arith::ConstantIntOp::create(b2, l2, b2.getI1Type(), 1));
              Value addP = arith::AndIOp::create(b2, l2, any, notFull);
              auto inc = [&](Value n, Value cond) -> Value {
                Value ext = arith::IndexCastOp::create(
                    b2, l2, idx,
                    arith::ExtUIOp::create(b2, l2, b2.getI64Type(), cond));
                return arith::AddIOp::create(b2, l2, n, ext);
              };
              scf::YieldOp::create(b2, l2,
                                   ValueRange{ifOp.getResult(0),
                                              inc(s[1], addF), inc(s[2], addP)});
            });
        Value nf = tensor::InsertOp::create(bb, l, inner.getResult(1), a[1],
                                            ValueRange{qt});
        Value np = tensor::InsertOp::create(bb, l, inner.getResult(2), a[2],
                                            ValueRange{qt});
        scf::YieldOp::create(bb, l, ValueRange{inner.getResult(0), nf, np});
      });
  BlockLists lists;
  lists.isStatic = false;
  lists.cols = outer.getResult(0);
  lists.nFull = outer.getResult(1);
  lists.nPart = outer.getResult(2);
  lists.nKT = nKT;
  return lists;
}

void mlir::attn::listRanges(OpBuilder &b, Location loc, const BlockLists &l,
                            Value qt, Value &fullLo, Value &fullHi,
                            Value &partLo, Value &partHi) {
  auto at = [&](Value t, Value i) -> Value {
    Value v = tensor::ExtractOp::create(b, loc, t, ValueRange{i});
    if (v.getType().isIndex())
      return v;
    return arith::IndexCastOp::create(b, loc, b.getIndexType(), v);
  };
  if (l.isStatic) {
    Value next = arith::AddIOp::create(
        b, loc, qt, arith::ConstantIndexOp::create(b, loc, 1));
    fullLo = at(l.rowPtr, qt);
    fullHi = partLo = at(l.fullEnd, qt);
    partHi = at(l.rowPtr, next);
    return;
  }
  fullLo = arith::MulIOp::create(b, loc, qt, l.nKT);
  fullHi = arith::AddIOp::create(b, loc, fullLo, at(l.nFull, qt));
  partHi = arith::AddIOp::create(b, loc, fullLo, l.nKT);
  partLo = arith::SubIOp::create(b, loc, partHi, at(l.nPart, qt));
}

Value mlir::attn::listTile(OpBuilder &b, Location loc, const BlockLists &l,
                           Value n) {
  Value v = tensor::ExtractOp::create(b, loc, l.cols, ValueRange{n});
  return arith::IndexCastOp::create(b, loc, b.getIndexType(), v);
}

SmallVector<Value> mlir::attn::buildListLoops(OpBuilder &b, Location loc,
                                              const BlockLists &lists,
                                              Value qt, Value part,
                                              int64_t parts, int64_t tk,
                                              ValueRange init, KeyStep step) {
  auto c = [&](int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v).getResult();
  };
  Value fullLo, fullHi, partLo, partHi;
  listRanges(b, loc, lists, qt, fullLo, fullHi, partLo, partHi);
  if (parts > 1) {
    // Slice [e0, e1) of the concatenation full ++ partial.
    Value nf = arith::SubIOp::create(b, loc, fullHi, fullLo);
    Value np = arith::SubIOp::create(b, loc, partHi, partLo);
    Value n = arith::AddIOp::create(b, loc, nf, np);
    Value chunk = arith::CeilDivSIOp::create(b, loc, n, c(parts));
    Value e0 = arith::MinSIOp::create(
        b, loc, arith::MulIOp::create(b, loc, part, chunk), n);
    Value e1 = arith::MinSIOp::create(
        b, loc, arith::AddIOp::create(b, loc, e0, chunk), n);
    auto sub = [&](Value lo, Value len, Value x) {
      Value cl = arith::MinSIOp::create(
          b, loc, arith::MaxSIOp::create(b, loc, x, c(0)), len);
      return arith::AddIOp::create(b, loc, lo, cl).getResult();
    };
    Value pe0 = arith::SubIOp::create(b, loc, e0, nf);
    Value pe1 = arith::SubIOp::create(b, loc, e1, nf);
    Value fl = sub(fullLo, nf, e0), fh = sub(fullLo, nf, e1);
    Value pl = sub(partLo, np, pe0), ph = sub(partLo, np, pe1);
    fullLo = fl, fullHi = fh, partLo = pl, partHi = ph;
  }
  SmallVector<Value> state(init.begin(), init.end());
  Value tkV = c(tk), one = c(1);
  auto loop = [&](Value lo, Value hi, bool partial) {
    auto forOp = scf::ForOp::create(
        b, loc, lo, hi, one, state,
        [&](OpBuilder &bb, Location l, Value n, ValueRange args) {
          Value k0 =
              arith::MulIOp::create(bb, l, listTile(bb, l, lists, n), tkV);
          scf::YieldOp::create(bb, l, step(bb, l, k0, args, partial, Value()));
        });
    forOp->setAttr("attn.key_tiles",
                   b.getStringAttr(partial ? "partial" : "full"));
    forOp->setAttr("attn.block_list",
                   b.getStringAttr(lists.isStatic ? "static" : "runtime"));
    state.assign(forOp.getResults().begin(), forOp.getResults().end());
  };
  loop(fullLo, fullHi, /*partial=*/false);
  loop(partLo, partHi, /*partial=*/true);
  return state;
}

SmallVector<Value> mlir::attn::buildTableLoops(
    OpBuilder &b, Location loc, AttentionOp op, Value bIdx, Value h,
    int64_t hq, Value qt, Value seqKV, int64_t tk, const TableRows &rows,
    ValueRange init, KeyStep step) {
  Value rp = op.getBlockRowPtr(), cols = op.getBlockCols(),
        full = op.getBlockFull();
  SparsityAttrInterface pattern = rows.pattern;
  auto c = [&](OpBuilder &bb, int64_t v) {
    return arith::ConstantIndexOp::create(bb, loc, v).getResult();
  };
  Value heads = c(b, hq);
  Value tables = tensor::DimOp::create(b, loc, rp, 1);
  Value perTable = arith::DivSIOp::create(b, loc, heads, tables);
  Value t = arith::DivSIOp::create(b, loc, h, perTable);
  auto at = [&](OpBuilder &bb, Location l, Value tensor, Value k) -> Value {
    Value v = tensor::ExtractOp::create(bb, l, tensor, ValueRange{bIdx, t, k});
    return arith::IndexCastOp::create(bb, l, bb.getIndexType(), v);
  };
  Value lo = at(b, loc, rp, qt);
  Value hi = at(b, loc, rp, arith::AddIOp::create(b, loc, qt, c(b, 1)));
  Value tkV = c(b, tk);
  auto forOp = scf::ForOp::create(
      b, loc, lo, hi, c(b, 1), init,
      [&](OpBuilder &bb, Location l, Value n, ValueRange args) {
        Value k0 = arith::MulIOp::create(bb, l, at(bb, l, cols, n), tkV);
        Value kEnd = arith::AddIOp::create(bb, l, k0, tkV);
        Value inside =
            arith::CmpIOp::create(bb, l, arith::CmpIPredicate::sle, kEnd, seqKV);
        Value yes = arith::ConstantIntOp::create(bb, l, bb.getI1Type(), 1);
        // A block flagged full (every block when there is no pattern) is
        // visible whole; others are what the pattern makes of them there.
        Value whole = yes;
        if (pattern && full)
          whole = tensor::ExtractOp::create(bb, l, full, ValueRange{bIdx, t, n});
        else if (pattern)
          whole = arith::ConstantIntOp::create(bb, l, bb.getI1Type(), 0);
        Value any = yes, all = yes;
        if (pattern) {
          Value k1 = arith::MinSIOp::create(bb, l, kEnd, seqKV);
          auto [a, f] = pattern.buildBlockClass(bb, l, rows.q0, rows.q1, k0,
                                                k1, rows.offset, rows.env);
          any = arith::OrIOp::create(bb, l, whole, a);
          all = arith::OrIOp::create(bb, l, whole, f);
        }
        // Unmasked only when every element is visible and inside the keys.
        Value fast = arith::AndIOp::create(bb, l, all, inside);
        auto visit = [&](OpBuilder &b2, Location l2) {
          auto ifOp = scf::IfOp::create(
              b2, l2, fast,
              [&](OpBuilder &b3, Location l3) {
                scf::YieldOp::create(b3, l3,
                                     step(b3, l3, k0, args, false, Value()));
              },
              [&](OpBuilder &b3, Location l3) {
                scf::YieldOp::create(
                    b3, l3, step(b3, l3, k0, args, true, pattern ? whole : Value()));
              });
          return ifOp.getResults();
        };
        if (!pattern) {
          scf::YieldOp::create(bb, l, visit(bb, l));
          return;
        }
        // Listed blocks the pattern leaves empty are skipped.
        auto ifAny = scf::IfOp::create(
            bb, l, any,
            [&](OpBuilder &b2, Location l2) {
              scf::YieldOp::create(b2, l2, visit(b2, l2));
            },
            [&](OpBuilder &b2, Location l2) {
              scf::YieldOp::create(b2, l2, args);
            });
        scf::YieldOp::create(bb, l, ifAny.getResults());
      });
  forOp->setAttr("attn.key_tiles", b.getStringAttr("table"));
  return SmallVector<Value>(forOp.getResults().begin(),
                            forOp.getResults().end());
}
