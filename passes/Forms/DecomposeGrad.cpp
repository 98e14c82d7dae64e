//===- DecomposeGrad.cpp - attn.attention_grad -> unfused linalg ----------===//
//
// The unfused baseline of the backward (docs/semantics.md, "Gradients"),
// over the forward decomposition's score space (b, hkv, g, i, j): the same
// scores and modifiers (DecomposeBuilder::scores and ::modify), then
//   P  = exp(S - lse)                 (0 where S = -inf)
//   D  = rowsum(dO * O)
//   dS = P * (dO V^T - D) * s'        (s': scale times the softcap's slope)
//   dQ = dS K,  dK = dS^T Q,  dV = P^T dO
// dK and dV reduce over (g, i), which sums the query heads of a group.
//
//===----------------------------------------------------------------------===//
#include "passes/Forms/DecomposeBuilder.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::decompose;

namespace {

struct GradBuilder {
  DecomposeBuilder &b;
  AttentionGradOp op;
  PatternRewriter &rw;
  Location loc;
  OpFoldResult D;

  GradBuilder(DecomposeBuilder &b)
      : b(b), op(cast<AttentionGradOp>(b.op)), rw(b.rw), loc(b.loc) {}

  AffineExpr d(unsigned i) { return b.d(i); }
  AffineMap map(unsigned n, ArrayRef<AffineExpr> e) { return b.map(n, e); }

  /// A [B, Hq, Sq, X] tensor (Q, O, dO) in the op's layout with its heads
  /// split, and its map from the dims (b, hk, g, i, x) of a generic.
  Value splitRows(Value v) { return b.splitHeads(v, b.bshd ? 2 : 1); }
  AffineMap rowsMap(unsigned numDims, unsigned bD, unsigned hkD, unsigned gD,
                    unsigned iD, unsigned xD) {
    if (b.bshd)
      return map(numDims, {d(bD), d(iD), d(hkD), d(gD), d(xD)});
    return map(numDims, {d(bD), d(hkD), d(gD), d(iD), d(xD)});
  }
  /// K or V ([B, Hkv, Skv, X] in the layout) from (b, hk, j, x).
  AffineMap kvMap(unsigned numDims, unsigned bD, unsigned hkD, unsigned jD,
                  unsigned xD) {
    if (b.bshd)
      return map(numDims, {d(bD), d(jD), d(hkD), d(xD)});
    return map(numDims, {d(bD), d(hkD), d(jD), d(xD)});
  }

  Value rowDot(Value os, Value dos);
  Value gradScores(Value dos);
  void probsAndDS(Value raw, Value modified, Value lse, Value dp, Value rowD,
                  Value &probs, Value &ds);
  Value gradQuery(Value ds);
  Value gradKV(Value ds, Value rows, OpFoldResult x);
  Value finishQuery(Value acc);
  Value finishKV(Value acc, OpFoldResult x, Type type);
  LogicalResult build();
};

LogicalResult GradBuilder::build() {
  Value qs = b.prepare();
  D = b.sizeOf(op.getQuery(), 3);
  Value raw = b.scores(qs);
  Value modified = b.modify(raw);
  Value os = splitRows(op.getOutput());
  Value dos = splitRows(op.getGradOutput());
  Value lse = b.splitHeads(op.getLse(), 1);
  Value rowD = rowDot(os, dos);
  Value dp = gradScores(dos);
  Value probs, ds;
  probsAndDS(raw, modified, lse, dp, rowD, probs, ds);
  Value dq = finishQuery(gradQuery(ds));
  Value dk = finishKV(gradKV(ds, qs, D), D, op.getGradKey().getType());
  Value dv =
      finishKV(gradKV(probs, dos, b.Dv), b.Dv, op.getGradValue().getType());
  rw.replaceOp(op, ValueRange{dq, dk, dv});
  return success();
}

Value GradBuilder::rowDot(Value os, Value dos) {
  // dims: 0 b, 1 hk, 2 g, 3 i, 4 e
  Value init = b.filled({b.B, b.Hkv, b.G, b.Sq}, b.f32, b.zero);
  AffineMap m = rowsMap(5, 0, 1, 2, 3, 4);
  return linalg::GenericOp::create(
             rw, loc, init.getType(), ValueRange{dos, os}, ValueRange{init},
             ArrayRef<AffineMap>{m, m, b.rowMap}, b.rowIters,
             [&](OpBuilder &bb, Location l, ValueRange args) {
               Value x = toF32(bb, l, args[0]);
               Value y = toF32(bb, l, args[1]);
               yield(bb, l, buildFma(bb, l, x, y, args[2]));
             })
      .getResult(0);
}

Value GradBuilder::gradScores(Value dos) {
  // dP[b,hk,g,i,j] = sum_e dO * V.  dims: 0 b, 1 hk, 2 g, 3 i, 4 j, 5 e
  Value init = b.filled({b.B, b.Hkv, b.G, b.Sq, b.Skv}, b.f32, b.zero);
  return linalg::GenericOp::create(
             rw, loc, init.getType(), ValueRange{dos, op.getValue()},
             ValueRange{init},
             ArrayRef<AffineMap>{rowsMap(6, 0, 1, 2, 3, 5),
                                 kvMap(6, 0, 1, 4, 5),
                                 map(6, {d(0), d(1), d(2), d(3), d(4)})},
             ArrayRef<IteratorType>{kPar, kPar, kPar, kPar, kPar, kRed},
             [&](OpBuilder &bb, Location l, ValueRange args) {
               Value x = toF32(bb, l, args[0]);
               Value y = toF32(bb, l, args[1]);
               yield(bb, l, buildFma(bb, l, x, y, args[2]));
             })
      .getResult(0);
}

void GradBuilder::probsAndDS(Value raw, Value modified, Value lse, Value dp,
                             Value rowD, Value &probs, Value &ds) {
  double scale = *b.shape.getEffectiveScale();
  std::optional<double> softcap;
  if (FloatAttr c = b.clauses.softcap)
    softcap = c.getValueAsDouble();
  Value scaleV = b.f32Const(scale);
  Value one = b.f32Const(1.0);
  Value capInv = softcap ? b.f32Const(1.0 / *softcap) : Value();
  Value pInit = tensor::EmptyOp::create(
      rw, loc, ArrayRef<OpFoldResult>{b.B, b.Hkv, b.G, b.Sq, b.Skv}, b.f32);
  Value dsInit = tensor::EmptyOp::create(
      rw, loc, ArrayRef<OpFoldResult>{b.B, b.Hkv, b.G, b.Sq, b.Skv}, b.f32);
  auto generic = linalg::GenericOp::create(
      rw, loc, TypeRange{pInit.getType(), dsInit.getType()},
      ValueRange{raw, modified, lse, dp, rowD}, ValueRange{pInit, dsInit},
      ArrayRef<AffineMap>{b.id5, b.id5, b.rowMap, b.id5, b.rowMap, b.id5,
                          b.id5},
      ArrayRef<IteratorType>{kPar, kPar, kPar, kPar, kPar},
      [&](OpBuilder &bb, Location l, ValueRange args) {
        Value s = args[1];
        // P = exp(S - lse), 0 where S = -inf (also on fully masked rows,
        // whose lse is -inf).
        Value p = buildGuardedExp(bb, l, s, args[2], s, b.ninf, b.zero);
        Value diff = arith::SubFOp::create(bb, l, args[3], args[4]);
        Value g = arith::MulFOp::create(bb, l, p, diff);
        // d S / d (q.k): scale, times 1 - tanh^2 under a softcap.
        Value slope = scaleV;
        if (softcap) {
          Value x = arith::MulFOp::create(bb, l, args[0], scaleV);
          Value capped = buildSoftcap(bb, l, x, *softcap);
          Value t = arith::MulFOp::create(bb, l, capped, capInv);
          Value t2 = arith::MulFOp::create(bb, l, t, t);
          Value dt = arith::SubFOp::create(bb, l, one, t2);
          slope = arith::MulFOp::create(bb, l, dt, scaleV);
        }
        g = arith::MulFOp::create(bb, l, g, slope);
        // A key that takes no part contributes nothing, whatever its V.
        Value out =
            arith::CmpFOp::create(bb, l, arith::CmpFPredicate::OEQ, s, b.ninf);
        g = arith::SelectOp::create(bb, l, out, b.zero, g);
        linalg::YieldOp::create(bb, l, ValueRange{p, g});
      });
  probs = generic.getResult(0);
  ds = generic.getResult(1);
}

Value GradBuilder::gradQuery(Value ds) {
  // dQ[b,hk,g,i,x] = sum_j dS * K.  dims: 0 b, 1 hk, 2 g, 3 i, 4 x, 5 j
  Value init = b.filled({b.B, b.Hkv, b.G, b.Sq, D}, b.f32, b.zero);
  return linalg::GenericOp::create(
             rw, loc, init.getType(), ValueRange{ds, op.getKey()},
             ValueRange{init},
             ArrayRef<AffineMap>{map(6, {d(0), d(1), d(2), d(3), d(5)}),
                                 kvMap(6, 0, 1, 5, 4),
                                 map(6, {d(0), d(1), d(2), d(3), d(4)})},
             ArrayRef<IteratorType>{kPar, kPar, kPar, kPar, kPar, kRed},
             [&](OpBuilder &bb, Location l, ValueRange args) {
               Value k = toF32(bb, l, args[1]);
               yield(bb, l, buildFma(bb, l, args[0], k, args[2]));
             })
      .getResult(0);
}

Value GradBuilder::gradKV(Value weights, Value rows, OpFoldResult x) {
  // acc[b,hk,j,x] = sum_{g,i} weights[b,hk,g,i,j] * rows[b,hk,g,i,x]
  // (dK: dS and Q; dV: P and dO).  dims: 0 b, 1 hk, 2 j, 3 x, 4 g, 5 i
  Value init = b.filled({b.B, b.Hkv, b.Skv, x}, b.f32, b.zero);
  return linalg::GenericOp::create(
             rw, loc, init.getType(), ValueRange{weights, rows},
             ValueRange{init},
             ArrayRef<AffineMap>{map(6, {d(0), d(1), d(4), d(5), d(2)}),
                                 rowsMap(6, 0, 1, 4, 5, 3),
                                 map(6, {d(0), d(1), d(2), d(3)})},
             ArrayRef<IteratorType>{kPar, kPar, kPar, kPar, kRed, kRed},
             [&](OpBuilder &bb, Location l, ValueRange args) {
               Value r = toF32(bb, l, args[1]);
               yield(bb, l, buildFma(bb, l, args[0], r, args[2]));
             })
      .getResult(0);
}

Value GradBuilder::finishQuery(Value acc) {
  // Rounded once to Q's type, in its layout, heads merged again (f32 bhsd:
  // the accumulator is already in place).
  SmallVector<ReassociationIndices> reassoc =
      b.bshd ? SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}, {4}}
             : SmallVector<ReassociationIndices>{{0}, {1, 2}, {3}, {4}};
  auto type = cast<RankedTensorType>(op.getGradQuery().getType());
  if (!b.bshd && b.elt.isF32())
    return b.collapseTo(acc, type, reassoc);
  SmallVector<OpFoldResult> sizes =
      b.bshd ? SmallVector<OpFoldResult>{b.B, b.Sq, b.Hkv, b.G, D}
             : SmallVector<OpFoldResult>{b.B, b.Hkv, b.G, b.Sq, D};
  Value out = tensor::EmptyOp::create(rw, loc, sizes, b.elt);
  Type elt = b.elt;
  out = linalg::GenericOp::create(
            rw, loc, out.getType(), ValueRange{acc}, ValueRange{out},
            ArrayRef<AffineMap>{b.id5, rowsMap(5, 0, 1, 2, 3, 4)},
            ArrayRef<IteratorType>{kPar, kPar, kPar, kPar, kPar},
            [&](OpBuilder &bb, Location l, ValueRange args) {
              Value v = args[0];
              if (!elt.isF32())
                v = arith::TruncFOp::create(bb, l, elt, v);
              yield(bb, l, v);
            })
            .getResult(0);
  return b.collapseTo(out, type, reassoc);
}

Value GradBuilder::finishKV(Value acc, OpFoldResult x, Type type) {
  auto toType = [&](Value v) {
    return v.getType() == type
               ? v
               : tensor::CastOp::create(rw, loc, type, v).getResult();
  };
  if (!b.bshd && b.elt.isF32())
    return toType(acc);
  SmallVector<OpFoldResult> sizes =
      b.bshd ? SmallVector<OpFoldResult>{b.B, b.Skv, b.Hkv, x}
             : SmallVector<OpFoldResult>{b.B, b.Hkv, b.Skv, x};
  Value out = tensor::EmptyOp::create(rw, loc, sizes, b.elt);
  Type elt = b.elt;
  AffineMap id4 = map(4, {d(0), d(1), d(2), d(3)});
  out = linalg::GenericOp::create(
            rw, loc, out.getType(), ValueRange{acc}, ValueRange{out},
            ArrayRef<AffineMap>{id4, kvMap(4, 0, 1, 2, 3)},
            ArrayRef<IteratorType>{kPar, kPar, kPar, kPar},
            [&](OpBuilder &bb, Location l, ValueRange args) {
              Value v = args[0];
              if (!elt.isF32())
                v = arith::TruncFOp::create(bb, l, elt, v);
              yield(bb, l, v);
            })
            .getResult(0);
  return toType(out);
}

} // namespace

LogicalResult mlir::attn::decompose::buildGrad(DecomposeBuilder &b) {
  return GradBuilder(b).build();
}
