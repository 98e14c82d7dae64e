//===- RaiseBuild.cpp - build the raised attn.attention --------------------===//
//
// The second half of --attn-raise: classify constant visibility matrices
// as structured patterns (causal, sliding window, block layout) and emit
// the attn.attention of a Plan, with the reshapes that bring Q, K, V into
// [B, H, S, D] and the output back into the shape the P V contraction had.
//
//===----------------------------------------------------------------------===//
#include "RaiseMatch.h"

#include "attn/IR/AttnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::raise;

namespace {


bool matchesEverywhere(ArrayRef<double> vis, int64_t sq, int64_t skv,
                       llvm::function_ref<bool(int64_t, int64_t)> f) {
  for (int64_t i = 0; i < sq; ++i)
    for (int64_t j = 0; j < skv; ++j)
      if ((vis[i * skv + j] != 0) != f(i, j))
        return false;
  return true;
}

/// The largest blocks (bq x bk, each >= 2 and dividing the sizes) over which
/// `vis` is constant, as a block layout, or null.
Attribute blockLayout(MLIRContext *ctx, ArrayRef<double> vis, int64_t sq,
                      int64_t skv) {
  int64_t bestQ = 0, bestK = 0;
  for (int64_t bq = sq; bq >= 2; --bq) {
    if (sq % bq)
      continue;
    for (int64_t bk = skv; bk >= 2; --bk) {
      if (skv % bk || bq * bk <= bestQ * bestK)
        continue;
      bool ok = true;
      for (int64_t i = 0; i < sq && ok; ++i)
        for (int64_t j = 0; j < skv && ok; ++j)
          ok = (vis[i * skv + j] != 0) ==
               (vis[(i / bq * bq) * skv + j / bk * bk] != 0);
      if (ok)
        bestQ = bq, bestK = bk;
    }
  }
  if (!bestQ)
    return Attribute();
  int64_t rows = sq / bestQ, cols = skv / bestK;
  if (rows * cols > 65536)
    return Attribute();
  SmallVector<int64_t> layout;
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      layout.push_back(vis[r * bestQ * skv + c * bestK] != 0);
  return BlockLayoutAttr::get(ctx, bestQ, bestK, rows, cols, layout);
}

/// [x.., A, C] -> [batch.., A, C] (the flat batch order is unchanged).
Value reshapeBatch(OpBuilder &b, Location loc, Value x, ArrayRef<int64_t> batch) {
  auto t = cast<RankedTensorType>(x.getType());
  Shape s(t.getShape());
  int64_t r = s.size();
  Shape want(batch);
  want.push_back(s[r - 2]), want.push_back(s[r - 1]);
  if (want == s)
    return x;
  // To [P, A, C].
  Value y = x;
  int64_t p = 1;
  for (int64_t d = 0; d + 2 < r; ++d)
    p *= s[d];
  auto rank3 = RankedTensorType::get({p, s[r - 2], s[r - 1]}, t.getElementType());
  if (r == 2) {
    SmallVector<ReassociationIndices> re = {{0, 1}, {2}};
    y = tensor::ExpandShapeOp::create(b, loc, rank3, y, re);
  } else if (r > 3) {
    ReassociationIndices lead;
    for (int64_t d = 0; d + 2 < r; ++d)
      lead.push_back(d);
    SmallVector<ReassociationIndices> re = {lead, {r - 2}, {r - 1}};
    y = tensor::CollapseShapeOp::create(b, loc, rank3, y, re);
  }
  auto out = RankedTensorType::get(want, t.getElementType());
  int64_t k = batch.size();
  if (k == 1)
    return y;
  if (k == 0) {
    SmallVector<ReassociationIndices> re = {{0, 1}, {2}};
    return tensor::CollapseShapeOp::create(b, loc, out, y, re);
  }
  ReassociationIndices lead;
  for (int64_t d = 0; d < k; ++d)
    lead.push_back(d);
  SmallVector<ReassociationIndices> re = {lead, {k}, {k + 1}};
  return tensor::ExpandShapeOp::create(b, loc, out, y, re);
}

Value transposeLast(OpBuilder &b, Location loc, Value x) {
  auto t = cast<RankedTensorType>(x.getType());
  Shape s(t.getShape());
  int64_t r = s.size();
  std::swap(s[r - 2], s[r - 1]);
  SmallVector<int64_t> perm;
  for (int64_t d = 0; d < r; ++d)
    perm.push_back(d);
  std::swap(perm[r - 2], perm[r - 1]);
  Value init = tensor::EmptyOp::create(b, loc, s, t.getElementType());
  auto tr = linalg::TransposeOp::create(b, loc, x, init, perm);
  return tr->getResult(0);
}

/// Q, K or V as [B, H, S, D].
Value toBHSD(OpBuilder &b, Location loc, Value base, bool transposed,
             int64_t batch, int64_t heads) {
  Value x = base;
  if (transposed)
    x = transposeLast(b, loc, x);
  return reshapeBatch(b, loc, x, {batch, heads});
}

/// Element-wise cast of a float tensor.
Value castTensor(OpBuilder &b, Location loc, Value x, Type to) {
  auto t = cast<RankedTensorType>(x.getType());
  if (t.getElementType() == to)
    return x;
  Value init = tensor::EmptyOp::create(b, loc, t.getShape(), to);
  auto id = b.getMultiDimIdentityMap(t.getRank());
  SmallVector<utils::IteratorType> iters(t.getRank(),
                                         utils::IteratorType::parallel);
  bool ext = t.getElementType().getIntOrFloatBitWidth() <
             to.getIntOrFloatBitWidth();
  auto g = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, ValueRange{x}, ValueRange{init},
      ArrayRef<AffineMap>{id, id}, iters,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value r;
        if (ext)
          r = arith::ExtFOp::create(nb, nl, to, args[0]);
        else
          r = arith::TruncFOp::create(nb, nl, to, args[0]);
        linalg::YieldOp::create(nb, nl, r);
      });
  return g.getResult(0);
}

/// A run-time mask or bias term as a tensor broadcastable to
/// [B, H, Sq, Skv]: the operand itself when only its last two dims vary,
/// else a copy over the step's full shape. Negation (mask) and the factor
/// and element type (bias) are applied in that copy.
Value materializeTerm(OpBuilder &b, Location loc, const ScoreTerm &t,
                      const Plan &plan, Type elemType) {
  Value x = t.arg.tensor;
  auto xt = cast<RankedTensorType>(x.getType());
  AffineMap m = t.arg.map;
  unsigned r = t.shape.size();
  bool planeOnly = xt.getRank() >= 2 && m.getNumResults() == unsigned(xt.getRank());
  for (unsigned d = 0; planeOnly && d < m.getNumResults(); ++d) {
    AffineExpr e = m.getResult(d);
    if (d + 2 < m.getNumResults()) {
      // A leading dim of size 1, read at index 0 (or by a dim of size 1).
      auto c = dyn_cast<AffineConstantExpr>(e);
      planeOnly = xt.getDimSize(d) == 1 &&
                  ((c && c.getValue() == 0) || isa<AffineDimExpr>(e));
    } else {
      auto de = dyn_cast<AffineDimExpr>(e);
      unsigned want = r - (m.getNumResults() - d);
      planeOnly = de && de.getPosition() == want &&
                  xt.getDimSize(d) == t.shape[want];
    }
  }
  bool simple = !t.negate && t.factor == 1.0 && xt.getElementType() == elemType;
  Shape shape = t.shape;
  AffineMap map = m;
  if (planeOnly) {
    // Read only the [Sq, Skv] plane.
    int64_t rk = xt.getRank();
    Shape one(rk - 2, 0);
    x = reshapeBatch(b, loc, x, {});
    shape = {t.shape[r - 2], t.shape[r - 1]};
    map = b.getMultiDimIdentityMap(2);
    (void)one;
    if (simple)
      return reshapeBatch(b, loc, x, {1, 1});
  }
  Value init = tensor::EmptyOp::create(b, loc, shape, elemType);
  SmallVector<utils::IteratorType> iters(shape.size(),
                                         utils::IteratorType::parallel);
  auto id = b.getMultiDimIdentityMap(shape.size());
  auto g = linalg::GenericOp::create(
      b, loc, TypeRange{init.getType()}, ValueRange{x}, ValueRange{init},
      ArrayRef<AffineMap>{map, id}, iters,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        Value v = args[0];
        if (t.negate) {
          Value one = arith::ConstantOp::create(nb, nl, nb.getBoolAttr(true));
          v = arith::XOrIOp::create(nb, nl, v, one);
        }
        Type vt = v.getType();
        if (vt != elemType && isa<FloatType>(vt)) {
          if (vt.getIntOrFloatBitWidth() < elemType.getIntOrFloatBitWidth())
            v = arith::ExtFOp::create(nb, nl, elemType, v);
          else
            v = arith::TruncFOp::create(nb, nl, elemType, v);
        }
        if (t.factor != 1.0) {
          Value f = arith::ConstantOp::create(
              nb, nl, nb.getFloatAttr(elemType, t.factor));
          v = arith::MulFOp::create(nb, nl, v, f);
        }
        linalg::YieldOp::create(nb, nl, v);
      });
  Value full = g.getResult(0);
  if (planeOnly)
    return reshapeBatch(b, loc, full, {1, 1});
  return reshapeBatch(b, loc, full, {plan.B, plan.Hq});
}

Value constantTensor(OpBuilder &b, Location loc, const ConstTensor &c,
                     Type elemType) {
  auto type = RankedTensorType::get(c.shape, elemType);
  DenseElementsAttr attr;
  if (elemType.isInteger(1)) {
    SmallVector<bool> bits;
    for (double x : c.data)
      bits.push_back(x != 0);
    attr = DenseElementsAttr::get(type, bits);
  } else {
    SmallVector<float> vals(c.data.begin(), c.data.end());
    attr = DenseElementsAttr::get(type, ArrayRef<float>(vals));
  }
  return arith::ConstantOp::create(b, loc, attr);
}

} // namespace

Attribute raise::classifyMask(MLIRContext *ctx, ArrayRef<double> vis,
                              int64_t sq, int64_t skv) {
  int64_t o = skv - sq;
  if (matchesEverywhere(vis, sq, skv,
                        [&](int64_t i, int64_t j) { return j <= i + o; }))
    return CausalAttr::get(ctx);
  // A band around the bottom-right aligned diagonal: the widest distances
  // seen, then an exact check.
  int64_t left = -1, right = -1;
  for (int64_t i = 0; i < sq; ++i)
    for (int64_t j = 0; j < skv; ++j)
      if (vis[i * skv + j] != 0) {
        left = std::max(left, i + o - j);
        right = std::max(right, j - i - o);
      }
  if (left >= 0 && right >= 0 &&
      matchesEverywhere(vis, sq, skv, [&](int64_t i, int64_t j) {
        return i + o - left <= j && j <= i + o + right;
      }))
    return SlidingWindowAttr::get(ctx, left, right);
  return blockLayout(ctx, vis, sq, skv);
}

void raise::emitPlan(Plan &plan) {
  Operation *at = plan.pv.op;
  OpBuilder b(at);
  Location loc = at->getLoc();
  Value q = toBHSD(b, loc, plan.q, plan.qT, plan.B, plan.Hq);
  Value k = toBHSD(b, loc, plan.k, plan.kT, plan.B, plan.Hkv);
  Value v = toBHSD(b, loc, plan.v, plan.vT, plan.B, plan.Hkv);
  Type et = getElementTypeOrSelf(q.getType());
  Value mask, bias;
  if (plan.constMask)
    mask = constantTensor(b, loc, *plan.constMask, b.getI1Type());
  else if (plan.runtimeMask)
    mask = materializeTerm(b, loc, *plan.runtimeMask, plan, b.getI1Type());
  if (plan.constBias)
    bias = constantTensor(b, loc, *plan.constBias, b.getF32Type());
  else if (plan.runtimeBias)
    bias = materializeTerm(b, loc, *plan.runtimeBias, plan, b.getF32Type());
  auto outType =
      RankedTensorType::get({plan.B, plan.Hq, plan.Sq, plan.Dv}, et);
  auto sparsity = dyn_cast_or_null<SparsityAttrInterface>(plan.sparsity);
  auto op = AttentionOp::create(
      b, loc, TypeRange{outType}, q, k, v, mask, bias, Value(), Value(),
      Value(), Value(), Value(), /*queryRowStart=*/Value(),
      /*queryRowTotal=*/Value(), b.getF64FloatAttr(plan.scale), sparsity,
      FloatAttr(), LayoutAttr(), TilingAttr(), TilingAttr());
  auto resultType = cast<RankedTensorType>(plan.result.getType());
  Shape batch(resultType.getShape().drop_back(2));
  Value out = op->getResult(0);
  if (plan.probsRight)
    out = transposeLast(b, loc, out);
  out = reshapeBatch(b, loc, out, batch);
  out = castTensor(b, loc, out, resultType.getElementType());
  plan.result.replaceAllUsesWith(out);
}
