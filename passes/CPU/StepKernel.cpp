//===- StepKernel.cpp - register micro-kernel of the CPU step -------------===//
//
// attn.online_attention as explicit vector loops whose accumulators stay in
// registers (the shape of an SGEMM micro-kernel), on tensors so that the
// usual bufferization applies:
//
//   Q^T  [D, Tq]  f32, scale folded in: built before the key loops, once
//                 per query tile.
//   S^T  [Tk, Tq] = K Q^T: lanes run over queries. For each block of rk
//                 keys and qc query vectors, rk * qc accumulators; every d
//                 broadcasts rk key elements (row-major K, no transpose)
//                 against qc query vectors. Softmax statistics are then
//                 per-lane: the row max and sum are element-wise vector ops,
//                 never horizontal reductions.
//   P^T           overwrites S^T in place (one L1-resident buffer).
//   acc [Tq, Dv]  += P V: lanes run over value columns; each key broadcasts
//                 ri probabilities against cv vectors of its value row.
//
// The score region (masks of partial tiles, ALiBi, softcap) is cloned with
// vector types when it is element-wise arithmetic; anything else (a mask or
// bias operand read per element) makes the caller use the linalg form.
//
//===----------------------------------------------------------------------===//
#include "StepKernel.h"

#include "passes/Tiling/OnlineSoftmax.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"

#include <limits>

using namespace mlir;
using namespace mlir::attn;

namespace {

class RegisterStep {
public:
  RegisterStep(OnlineAttentionOp op, OpBuilder &b, StepKernelShape shape)
      : op(op), b(b), loc(op.getLoc()), shape(shape), f32(b.getF32Type()) {}
  bool applicable();
  SmallVector<Value> build();

private:
  using Body = function_ref<SmallVector<Value>(Value iv, ValueRange args)>;

  OnlineAttentionOp op;
  OpBuilder &b;
  Location loc;
  StepKernelShape shape;
  Type f32;
  VectorType vf;
  int64_t tq = 0, tk = 0, d = 0, dv = 0, lanes = 0;
  /// K and V tiles in f32: 16-bit tiles are converted once per step (a few
  /// thousand elements against Tq x Tk x (D + Dv) multiply-adds) rather
  /// than at every broadcast and load.
  Value keyF32, valueF32;
  Value toF32Tile(Value t);

  Value idx(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value splat(double v) {
    auto attr = DenseElementsAttr::get(vf, b.getF32FloatAttr(v));
    return arith::ConstantOp::create(b, loc, vf, attr);
  }
  Value add(Value x, int64_t c);
  Value read(Value t, ValueRange at);
  Value write(Value v, Value t, ValueRange at);
  Value scalar(Value t, ValueRange at);
  Value bcast(Value s) { return vector::BroadcastOp::create(b, loc, vf, s); }
  /// One step of a register block: acc[r * cols + c] += scalarAt(r) *
  /// vectorAt(c), the vectors loaded once and each scalar broadcast once.
  SmallVector<Value> fmaBlock(int64_t rows, int64_t cols,
                              function_ref<Value(int64_t)> vectorAt,
                              function_ref<Value(int64_t)> scalarAt,
                              ValueRange acc);
  /// An scf.for over [0, n) with step `step` whose body `body` returns the
  /// values to yield.
  SmallVector<Value> loop(int64_t n, int64_t step, ValueRange init, Body body);
  /// `body(offset, size, args)` over [0, n) in blocks of `blk`: a loop over
  /// the whole blocks and the remainder block inline.
  SmallVector<Value>
  blocks(int64_t n, int64_t blk, ValueRange init,
         function_ref<SmallVector<Value>(Value off, int64_t size, ValueRange)>
             body);

  /// Fewer query rows than lanes (decode, folded GQA heads): S [Tq, Tk]
  /// with lanes over D for Q K^T and over keys for the softmax.
  bool small = false;
  /// Vectors along a block's lane dim: with 32 registers up to 6 (so that
  /// the other dim still gets >= 4 rows), with 16 registers 2.
  int64_t vectorsPerBlock(int64_t n) const {
    if (shape.registers < 32)
      return 2;
    return n <= 6 ? n : 4;
  }
  Value transposedQuery();
  Value smallScores();
  Value smallScoreBlock(Value sBuf, Value j0, int64_t kb);
  SmallVector<Value> buildSmall();
  bool regionVectorizable();
  Value applyRegion(Value s, Value i, Value j);
  /// S^T and the per-lane tile max (nq vectors).
  std::pair<Value, SmallVector<Value>> scores(Value qT);
  Value scoreBlock(Value qT, Value sT, Value j0, int64_t rk, int64_t q0,
                   int64_t qc, SmallVector<Value> &mx);
  Value accumulate(Value pT, Value alpha, Value acc);
  Value accBlock(Value pT, Value alpha, Value acc, Value i0, int64_t ri,
                 int64_t c0, int64_t cv);
};

Value RegisterStep::add(Value x, int64_t c) {
  if (c == 0)
    return x;
  Value cv = idx(c);
  return arith::AddIOp::create(b, loc, x, cv);
}

SmallVector<Value> RegisterStep::fmaBlock(int64_t rows, int64_t cols,
                                          function_ref<Value(int64_t)> vectorAt,
                                          function_ref<Value(int64_t)> scalarAt,
                                          ValueRange acc) {
  SmallVector<Value> vecs;
  for (int64_t c = 0; c < cols; ++c)
    vecs.push_back(vectorAt(c));
  SmallVector<Value> next;
  for (int64_t r = 0; r < rows; ++r) {
    Value s = scalarAt(r);
    Value sb = bcast(s);
    for (int64_t c = 0; c < cols; ++c)
      next.push_back(buildFma(b, loc, sb, vecs[c], acc[r * cols + c]));
  }
  return next;
}

Value RegisterStep::read(Value t, ValueRange at) {
  Type elt = cast<RankedTensorType>(t.getType()).getElementType();
  auto vt = VectorType::get({lanes}, elt);
  Value pad = arith::ConstantOp::create(b, loc, elt, b.getZeroAttr(elt));
  Value v = vector::TransferReadOp::create(b, loc, vt, t, at, pad,
                                           ArrayRef<bool>{true});
  if (elt.isF32())
    return v;
  return arith::ExtFOp::create(b, loc, vf, v);
}

Value RegisterStep::write(Value v, Value t, ValueRange at) {
  return vector::TransferWriteOp::create(b, loc, v, t, at, ArrayRef<bool>{true})
      .getResult();
}

Value RegisterStep::scalar(Value t, ValueRange at) {
  Value s = tensor::ExtractOp::create(b, loc, t, at);
  return toF32(b, loc, s);
}

SmallVector<Value> RegisterStep::loop(int64_t n, int64_t step, ValueRange init,
                                      Body body) {
  Value lb = idx(0), ub = idx(n), st = idx(step);
  auto forOp = scf::ForOp::create(b, loc, lb, ub, st, init);
  OpBuilder::InsertionGuard g(b);
  Block *blk = forOp.getBody();
  if (!blk->empty())
    blk->getTerminator()->erase();
  b.setInsertionPointToEnd(blk);
  SmallVector<Value> next = body(forOp.getInductionVar(), forOp.getRegionIterArgs());
  scf::YieldOp::create(b, loc, next);
  return forOp.getResults();
}

SmallVector<Value> RegisterStep::blocks(
    int64_t n, int64_t blk, ValueRange init,
    function_ref<SmallVector<Value>(Value, int64_t, ValueRange)> body) {
  int64_t whole = n / blk * blk;
  SmallVector<Value> cur(init);
  if (whole == blk) {
    Value zero = idx(0);
    cur = body(zero, blk, cur);
  } else if (whole > 0) {
    cur = loop(whole, blk, cur, [&](Value iv, ValueRange args) {
      return body(iv, blk, args);
    });
  }
  if (n > whole) {
    Value off = idx(whole);
    cur = body(off, n - whole, cur);
  }
  return cur;
}

bool RegisterStep::applicable() {
  auto q = cast<RankedTensorType>(op.getQuery().getType());
  auto k = cast<RankedTensorType>(op.getKey().getType());
  auto v = cast<RankedTensorType>(op.getValue().getType());
  auto acc = cast<RankedTensorType>(op.getAcc().getType());
  if (!q.hasStaticShape() || !k.hasStaticShape() || !v.hasStaticShape() ||
      !acc.hasStaticShape() || !op.getPTypeOrF32().isF32() ||
      !acc.getElementType().isF32())
    return false;
  lanes = shape.lanes;
  vf = VectorType::get({lanes}, f32);
  tq = q.getDimSize(0);
  d = q.getDimSize(1);
  tk = v.getDimSize(0);
  dv = v.getDimSize(1);
  for (Type t : {q.getElementType(), k.getElementType(), v.getElementType()})
    if (!t.isF32() && !t.isBF16() && !t.isF16())
      return false;
  if (dv % lanes != 0 || d == 0 || tk == 0)
    return false;
  // Short query tiles: whole vectors along D and along the keys instead;
  // any score region (it is cloned as scalar code).
  if (tq < lanes && tq <= 16) {
    small = true;
    return d % lanes == 0 && tk % lanes == 0;
  }
  // Queries and value columns fill whole vectors.
  if (tq % lanes != 0)
    return false;
  return !op.hasScoreRegion() || regionVectorizable();
}

Value RegisterStep::transposedQuery() {
  // qT[d, i] = f32(q[i, d]) * scale.
  double scale = op.getScale().convertToDouble();
  Value scaleV;
  if (scale != 1.0)
    scaleV = arith::ConstantOp::create(b, loc, f32, b.getF32FloatAttr(scale));
  MLIRContext *ctx = b.getContext();
  AffineExpr d0 = getAffineDimExpr(0, ctx), d1 = getAffineDimExpr(1, ctx);
  AffineMap in = AffineMap::get(2, 0, {d1, d0}, ctx);
  AffineMap out = AffineMap::get(2, 0, {d0, d1}, ctx);
  // Built before the outermost enclosing scf.for that Q does not depend
  // on (the key loops), once per query tile; CSE merges the copies of the
  // tile's several key loops.
  OpBuilder::InsertionGuard guard(b);
  Operation *outer = nullptr;
  Region *qRegion = op.getQuery().getParentRegion();
  for (Operation *p = op->getParentOp(); isa_and_nonnull<scf::ForOp>(p);
       p = p->getParentOp()) {
    if (!qRegion->isProperAncestor(&cast<scf::ForOp>(p).getRegion()))
      break;
    outer = p;
  }
  if (outer)
    b.setInsertionPoint(outer);
  Value init = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{d, tq}, f32);
  auto g = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{op.getQuery()}, ValueRange{init},
      ArrayRef<AffineMap>{in, out}, ArrayRef<utils::IteratorType>{kPar, kPar},
      [&](OpBuilder &bb, Location l, ValueRange a) {
        Value x = toF32(bb, l, a[0]);
        if (scaleV)
          x = arith::MulFOp::create(bb, l, x, scaleV);
        yield(bb, l, x);
      });
  return g.getResult(0);
}

bool RegisterStep::regionVectorizable() {
  auto scalarType = [](Type t) { return t.isIntOrIndexOrFloat(); };
  for (Operation &inner : op.getScore().front().without_terminator()) {
    Dialect *dia = inner.getDialect();
    if (!dia || !isa<arith::ArithDialect, math::MathDialect>(dia) ||
        inner.getNumRegions() != 0)
      return false;
    if (!llvm::all_of(inner.getOperandTypes(), scalarType) ||
        !llvm::all_of(inner.getResultTypes(), scalarType))
      return false;
  }
  return true;
}

Value RegisterStep::applyRegion(Value s, Value i, Value j) {
  Block &body = op.getScore().front();
  IRMapping m;
  m.map(body.getArgument(0), s);
  m.map(body.getArgument(1), i);
  Value jv = vector::BroadcastOp::create(
      b, loc, VectorType::get({lanes}, j.getType()), j);
  m.map(body.getArgument(2), jv);
  auto vec = [&](Type t) { return VectorType::get({lanes}, t); };
  for (Operation &inner : body.without_terminator()) {
    // Scalars from outside the region (sequence lengths, offsets, slopes)
    // and constants are broadcast; everything else is already a vector.
    for (Value operand : inner.getOperands()) {
      if (m.contains(operand))
        continue;
      Value bc = vector::BroadcastOp::create(b, loc, vec(operand.getType()),
                                             operand);
      m.map(operand, bc);
    }
    if (auto c = dyn_cast<arith::ConstantOp>(inner)) {
      Value sc = b.clone(inner)->getResult(0);
      Value bc = vector::BroadcastOp::create(b, loc, vec(sc.getType()), sc);
      m.map(c.getResult(), bc);
      continue;
    }
    Operation *clone = b.clone(inner, m);
    for (OpResult r : clone->getResults())
      r.setType(vec(r.getType()));
  }
  auto y = cast<YieldOp>(body.getTerminator());
  return m.lookup(y.getValue());
}

Value RegisterStep::scoreBlock(Value qT, Value sT, Value j0, int64_t rk,
                               int64_t q0, int64_t qc,
                               SmallVector<Value> &mx) {
  Value key = keyF32;
  bool kT = op.getKeyTransposed();
  Value zero = splat(0.0);
  SmallVector<Value> init(rk * qc, zero);
  SmallVector<Value> accs = loop(d, 1, init, [&](Value dd, ValueRange a) {
    return fmaBlock(
        rk, qc,
        [&](int64_t c) {
          Value col = idx((q0 + c) * lanes);
          return read(qT, ValueRange{dd, col});
        },
        [&](int64_t r) {
          Value j = add(j0, r);
          return kT ? scalar(key, ValueRange{dd, j})
                    : scalar(key, ValueRange{j, dd});
        },
        a);
  });
  Value iota;
  if (op.hasScoreRegion())
    iota = vector::StepOp::create(b, loc,
                                  VectorType::get({lanes}, b.getIndexType()));
  for (int64_t r = 0; r < rk; ++r) {
    Value j = add(j0, r);
    for (int64_t c = 0; c < qc; ++c) {
      Value s = accs[r * qc + c];
      int64_t col = (q0 + c) * lanes;
      if (op.hasScoreRegion()) {
        Value iBase = add(op.getQueryStart(), col);
        Value iB = vector::BroadcastOp::create(
            b, loc, VectorType::get({lanes}, b.getIndexType()), iBase);
        Value iv = arith::AddIOp::create(b, loc, iB, iota);
        Value jAbs = arith::AddIOp::create(b, loc, op.getKeyStart(), j);
        s = applyRegion(s, iv, jAbs);
      }
      mx[q0 + c] = buildOnlineMax(b, loc, mx[q0 + c], s);
      Value colV = idx(col);
      sT = write(s, sT, ValueRange{j, colV});
    }
  }
  return sT;
}

std::pair<Value, SmallVector<Value>> RegisterStep::scores(Value qT) {
  int64_t nq = tq / lanes;
  // Query vectors per block, then as many keys as the remaining registers
  // hold accumulators for (qc loads and one broadcast live besides).
  int64_t qc = std::min(nq, vectorsPerBlock(nq));
  int64_t rk = std::max<int64_t>(1, (shape.registers - qc - 2) / qc);
  rk = std::min(rk, tk);
  Value sT = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{tk, tq}, f32);
  Value ninf = splat(-std::numeric_limits<double>::infinity());
  SmallVector<Value> mx(nq, ninf);
  for (int64_t q0 = 0; q0 < nq; q0 += qc) {
    int64_t n = std::min(qc, nq - q0);
    SmallVector<Value> init{sT};
    init.append(mx.begin(), mx.end());
    SmallVector<Value> out = blocks(
        tk, rk, init, [&](Value j0, int64_t size, ValueRange a) {
          SmallVector<Value> cur(a.drop_front());
          Value s = scoreBlock(qT, a[0], j0, size, q0, n, cur);
          SmallVector<Value> res{s};
          res.append(cur.begin(), cur.end());
          return res;
        });
    sT = out[0];
    mx.assign(out.begin() + 1, out.end());
  }
  return {sT, mx};
}

Value RegisterStep::accBlock(Value pT, Value alpha, Value acc, Value i0,
                             int64_t ri, int64_t c0, int64_t cv) {
  // a[r][c] = alpha[i] * acc[i, cols], then += P[i, j] V[j, cols] over j.
  SmallVector<Value> init;
  for (int64_t r = 0; r < ri; ++r) {
    Value i = add(i0, r);
    Value al = tensor::ExtractOp::create(b, loc, alpha, ValueRange{i});
    Value ab = bcast(al);
    for (int64_t c = 0; c < cv; ++c) {
      Value col = idx((c0 + c) * lanes);
      Value a = read(acc, ValueRange{i, col});
      Value scaled = buildOnlineRescale(b, loc, ab, a);
      init.push_back(scaled);
    }
  }
  Value v = valueF32;
  SmallVector<Value> res = loop(tk, 1, init, [&](Value j, ValueRange a) {
    return fmaBlock(
        ri, cv,
        [&](int64_t c) {
          Value col = idx((c0 + c) * lanes);
          return read(v, ValueRange{j, col});
        },
        [&](int64_t r) {
          Value i = add(i0, r);
          return small ? scalar(pT, ValueRange{i, j})
                       : scalar(pT, ValueRange{j, i});
        },
        a);
  });
  for (int64_t r = 0; r < ri; ++r) {
    Value i = add(i0, r);
    for (int64_t c = 0; c < cv; ++c) {
      Value col = idx((c0 + c) * lanes);
      acc = write(res[r * cv + c], acc, ValueRange{i, col});
    }
  }
  return acc;
}

Value RegisterStep::accumulate(Value pT, Value alpha, Value acc) {
  int64_t nve = dv / lanes;
  int64_t cv = std::min(nve, vectorsPerBlock(nve));
  for (int64_t c0 = 0; c0 < nve; c0 += cv) {
    int64_t n = std::min(cv, nve - c0);
    int64_t ri = std::max<int64_t>(1, (shape.registers - n - 2) / n);
    ri = std::min(ri, tq);
    acc = blocks(tq, ri, ValueRange{acc},
                 [&](Value i0, int64_t size, ValueRange a) {
                   Value r = accBlock(pT, alpha, a[0], i0, size, c0, n);
                   return SmallVector<Value>{r};
                 })[0];
  }
  return acc;
}

Value RegisterStep::toF32Tile(Value t) {
  auto tt = cast<RankedTensorType>(t.getType());
  if (tt.getElementType().isF32())
    return t;
  MLIRContext *ctx = b.getContext();
  AffineMap id = AffineMap::getMultiDimIdentityMap(2, ctx);
  Value init = tensor::EmptyOp::create(b, loc, tt.getShape(), f32);
  auto g = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{t}, ValueRange{init},
      ArrayRef<AffineMap>{id, id}, ArrayRef<utils::IteratorType>{kPar, kPar},
      [&](OpBuilder &bb, Location l, ValueRange a) {
        yield(bb, l, toF32(bb, l, a[0]));
      });
  return g.getResult(0);
}

SmallVector<Value> RegisterStep::build() {
  keyF32 = toF32Tile(op.getKey());
  valueF32 = toF32Tile(op.getValue());
  if (small)
    return buildSmall();
  Value qT = transposedQuery();
  auto [sT, mx] = scores(qT);
  int64_t nq = tq / lanes;
  SoftmaxConsts k = SoftmaxConsts::get(b, loc, vf);
  SoftmaxExp e; // exp, per lane
  Value m = op.getMax(), l = op.getSum();
  Value alpha = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{tq}, f32);
  SmallVector<Value> mNew, shift, lInit;
  for (int64_t c = 0; c < nq; ++c) {
    Value col = idx(c * lanes);
    Value mOld = read(m, ValueRange{col});
    Value mn = buildOnlineMax(b, loc, mOld, mx[c]);
    Value al = buildOnlineAlpha(b, loc, e, mOld, mn, k);
    alpha = write(al, alpha, ValueRange{col});
    Value lOld = read(l, ValueRange{col});
    Value ls = buildOnlineRescale(b, loc, al, lOld);
    mNew.push_back(mn);
    shift.push_back(buildOnlineShift(b, loc, mn, k));
    lInit.push_back(ls);
  }
  // P = exp(S - shift) in place of S; l' = alpha l + sum P.
  SmallVector<Value> init{sT};
  init.append(lInit.begin(), lInit.end());
  SmallVector<Value> res = loop(tk, 1, init, [&](Value j, ValueRange a) {
    Value s = a[0];
    SmallVector<Value> next{Value()};
    for (int64_t c = 0; c < nq; ++c) {
      Value col = idx(c * lanes);
      Value sv = read(s, ValueRange{j, col});
      Value p = buildOnlineProb(b, loc, e, sv, shift[c]);
      Value ls = buildOnlineSum(b, loc, a[1 + c], p, kReassoc);
      next.push_back(ls);
      s = write(p, s, ValueRange{j, col});
    }
    next[0] = s;
    return next;
  });
  Value pT = res[0];
  for (int64_t c = 0; c < nq; ++c) {
    Value col = idx(c * lanes);
    m = write(mNew[c], m, ValueRange{col});
    l = write(res[1 + c], l, ValueRange{col});
  }
  Value acc = accumulate(pT, alpha, op.getAcc());
  return {m, l, acc};
}

Value RegisterStep::smallScoreBlock(Value sBuf, Value j0, int64_t kb) {
  // acc[r][k] over D in vectors, then one horizontal sum per score.
  Value q = op.getQuery(), key = keyF32;
  bool kT = op.getKeyTransposed();
  Value zero = splat(0.0);
  SmallVector<Value> init(tq * kb, zero);
  SmallVector<Value> accs =
      loop(d, lanes, init, [&](Value dd, ValueRange a) {
        SmallVector<Value> kv;
        for (int64_t k = 0; k < kb; ++k) {
          Value j = add(j0, k);
          // A transposed key tile [D, Tk] is read one element at a time.
          if (kT) {
            SmallVector<Value> elems;
            for (int64_t l = 0; l < lanes; ++l) {
              Value dl = add(dd, l);
              elems.push_back(scalar(key, ValueRange{dl, j}));
            }
            kv.push_back(vector::FromElementsOp::create(b, loc, vf, elems));
          } else {
            kv.push_back(read(key, ValueRange{j, dd}));
          }
        }
        SmallVector<Value> next;
        for (int64_t r = 0; r < tq; ++r) {
          Value rr = idx(r);
          Value qv = read(q, ValueRange{rr, dd});
          for (int64_t k = 0; k < kb; ++k)
            next.push_back(buildFma(b, loc, qv, kv[k], a[r * kb + k]));
        }
        return next;
      });
  double scale = op.getScale().convertToDouble();
  Value scaleV;
  if (scale != 1.0)
    scaleV = arith::ConstantOp::create(b, loc, f32, b.getF32FloatAttr(scale));
  Value zeroF = arith::ConstantOp::create(b, loc, f32, b.getF32FloatAttr(0.0));
  for (int64_t r = 0; r < tq; ++r) {
    Value rr = idx(r);
    for (int64_t k = 0; k < kb; ++k) {
      Value sv = vector::ReductionOp::create(b, loc, vector::CombiningKind::ADD,
                                             accs[r * kb + k], zeroF, kReassoc);
      if (scaleV)
        sv = arith::MulFOp::create(b, loc, sv, scaleV);
      Value j = add(j0, k);
      if (op.hasScoreRegion()) {
        Value iAbs = add(op.getQueryStart(), r);
        Value jAbs = arith::AddIOp::create(b, loc, op.getKeyStart(), j);
        sv = op.buildScore(b, sv, iAbs, jAbs);
      }
      sBuf = tensor::InsertOp::create(b, loc, sv, sBuf, ValueRange{rr, j});
    }
  }
  return sBuf;
}

Value RegisterStep::smallScores() {
  Value sBuf = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{tq, tk}, f32);
  // Keys per block: tq x kb accumulators, plus tq + kb loaded vectors.
  int64_t kb = std::max<int64_t>(1, (shape.registers - 2 - tq) / (2 * tq));
  kb = std::min(kb, tk);
  return blocks(tk, kb, ValueRange{sBuf},
                [&](Value j0, int64_t size, ValueRange a) {
                  Value r = smallScoreBlock(a[0], j0, size);
                  return SmallVector<Value>{r};
                })[0];
}

SmallVector<Value> RegisterStep::buildSmall() {
  Value sBuf = smallScores();
  SoftmaxConsts ks = SoftmaxConsts::get(b, loc, f32);
  Value ninf = splat(-std::numeric_limits<double>::infinity());
  Value zero = splat(0.0);
  Value zeroS = ks.zero;
  SoftmaxExp e; // exp, on the row's scalars and its key vectors
  Value m = op.getMax(), l = op.getSum();
  Value alpha = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{tq}, f32);
  int64_t nk = tk / lanes;
  for (int64_t r = 0; r < tq; ++r) {
    Value rr = idx(r);
    // Row max: element-wise over the row's key vectors, then across lanes.
    Value mx = ninf;
    for (int64_t c = 0; c < nk; ++c) {
      Value col = idx(c * lanes);
      Value sv = read(sBuf, ValueRange{rr, col});
      mx = buildOnlineMax(b, loc, mx, sv);
    }
    Value rowMax = vector::ReductionOp::create(
        b, loc, vector::CombiningKind::MAXNUMF, mx, ks.negInf, kReassoc);
    Value mOld = tensor::ExtractOp::create(b, loc, m, ValueRange{rr});
    Value mNew = buildOnlineMax(b, loc, mOld, rowMax);
    Value al = buildOnlineAlpha(b, loc, e, mOld, mNew, ks);
    Value shiftS = buildOnlineShift(b, loc, mNew, ks);
    Value shift = bcast(shiftS);
    Value sum = zero;
    for (int64_t c = 0; c < nk; ++c) {
      Value col = idx(c * lanes);
      Value sv = read(sBuf, ValueRange{rr, col});
      Value p = buildOnlineProb(b, loc, e, sv, shift);
      sum = buildOnlineSum(b, loc, sum, p, kReassoc);
      sBuf = write(p, sBuf, ValueRange{rr, col});
    }
    Value rowSum = vector::ReductionOp::create(
        b, loc, vector::CombiningKind::ADD, sum, zeroS, kReassoc);
    Value lOld = tensor::ExtractOp::create(b, loc, l, ValueRange{rr});
    Value lScaled = buildOnlineRescale(b, loc, al, lOld);
    Value lNew = buildOnlineSum(b, loc, lScaled, rowSum);
    m = tensor::InsertOp::create(b, loc, mNew, m, ValueRange{rr});
    l = tensor::InsertOp::create(b, loc, lNew, l, ValueRange{rr});
    alpha = tensor::InsertOp::create(b, loc, al, alpha, ValueRange{rr});
  }
  Value acc = accumulate(sBuf, alpha, op.getAcc());
  return {m, l, acc};
}

} // namespace

FailureOr<SmallVector<Value>>
mlir::attn::buildRegisterStep(OnlineAttentionOp op, OpBuilder &b,
                              StepKernelShape shape) {
  RegisterStep k(op, b, shape);
  if (!k.applicable())
    return failure();
  return k.build();
}
