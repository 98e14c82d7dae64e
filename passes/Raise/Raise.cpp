//===- Raise.cpp - --attn-raise: attention in linalg / TOSA to attn --------===//
//
// Anchored on each contraction S = A B (the candidate Q K^T), the matcher
// walks forward along the scores: batch reshapes, casts, a scale (multiply
// or divide by a constant), additive bias terms, selects against -inf (or
// the type's lowest), then a softmax over the last dim (linalg.softmax or
// its max / sub / exp / sum / divide-or-reciprocal form), casts and
// reshapes again, up to the contraction P V. Backwards from the operands
// it sees through reshapes, transposes, constant scale multiplies and head
// broadcasts (repeat_kv), which become grouped-query heads. Masks and bias
// terms that are constants are evaluated and classified (RaiseBuild.cpp).
// Everything is decided before the IR changes; a candidate that fails any
// check is left alone (with a remark when asked) and never half-rewritten.
//
//===----------------------------------------------------------------------===//
#include "RaiseMatch.h"

#include "attn/IR/AttnOps.h"
#include "passes/Raise/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Transforms/RegionUtils.h"

#include <cmath>

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNRAISE
#include "passes/Raise/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::raise;

namespace {


/// True when `a` reads `reduced` (a row reduction of a rank-`rank` tensor)
/// broadcast along the last dim, directly or through a keepdim reshape.
bool readsRowBroadcast(const EwArg &a, Value reduced, unsigned rank) {
  if (!a.tensor || !a.map)
    return false;
  Value t = a.tensor;
  if (t != reduced) {
    Operation *def = t.getDefiningOp();
    // An explicit broadcast along the last dim (IREE's input conversion).
    if (auto br = decodeBroadcast(def); br && a.map.isIdentity()) {
      auto &src = br->second;
      unsigned r = src.size();
      bool rowOnly = r == rank && src[r - 1] == -1;
      for (unsigned d = 0; rowOnly && d + 1 < r; ++d)
        rowOnly = src[d] == int64_t(d);
      Value in = br->first;
      if (in != reduced)
        in = anyReshapeInput(in.getDefiningOp());
      return rowOnly && in == reduced;
    }
    Value in = anyReshapeInput(def);
    if (in != reduced)
      return false;
  }
  AffineMap m = a.map;
  if (m.getNumDims() != rank)
    return false;
  unsigned n = m.getNumResults();
  if (n != rank - 1 && n != rank)
    return false;
  for (unsigned d = 0; d + 1 < rank; ++d) {
    auto e = dyn_cast<AffineDimExpr>(m.getResult(d));
    if (!e || e.getPosition() != d)
      return false;
  }
  if (n == rank) {
    auto c = dyn_cast<AffineConstantExpr>(m.getResult(rank - 1));
    if (!c || c.getValue() != 0)
      return false;
  }
  return true;
}

struct Matcher {
  Plan plan;
  Value fixupCheck; // (scores == -inf), when torch's row fix-up follows
  std::string why;
  bool softmaxish = false; // the walk reached something softmax-like
  SmallVector<ScoreTerm> biases, masks;

  bool reject(const Twine &msg) {
    why = msg.str();
    return false;
  }

  /// Applies one element-wise step of the score chain to the state.
  bool scoreStep(const EwStep &s, Value cur) {
    int at = argReading(s, cur);
    if (at < 0)
      return reject("the scores are read through a broadcast or twice by " +
                    s.op->getName().getStringRef());
    auto other = [&](int i) -> const EwArg & { return s.args[i]; };
    Shape shape = shapeOf(s.result);
    auto term = [&](const EwArg &a, double f, bool neg) {
      ScoreTerm t;
      t.arg = a, t.step = s.op, t.shape = shape, t.factor = f, t.negate = neg;
      return t;
    };
    switch (s.kind) {
    case Ew::ExtF:
    case Ew::TruncF:
    case Ew::Copy:
      return true;
    case Ew::Mul:
    case Ew::Div: {
      if (s.kind == Ew::Div && at != 0)
        return reject("the scores divide a value");
      auto c = scalarOf(other(1 - at));
      if (!c || *c == 0.0 || !std::isfinite(*c))
        return reject("the scores are multiplied by a non-constant or "
                      "non-uniform factor");
      double f = s.kind == Ew::Mul ? *c : 1.0 / *c;
      plan.scale *= f;
      for (ScoreTerm &b : biases)
        b.factor *= f;
      return true;
    }
    case Ew::Add:
    case Ew::Sub: {
      if (s.kind == Ew::Sub && at != 0)
        return reject("the scores are subtracted from a value");
      const EwArg &o = other(1 - at);
      if (auto c = scalarOf(o); c && !isMaskFill(*c) && o.scalar) {
        // A uniform shift does not change the softmax.
        return true;
      }
      biases.push_back(term(o, s.kind == Ew::Add ? 1.0 : -1.0, false));
      return true;
    }
    case Ew::Select: {
      if (at == 0)
        return reject("the scores are used as a select condition");
      auto fill = scalarOf(other(at == 1 ? 2 : 1));
      if (!fill || !isMaskFill(*fill))
        return reject("a select replaces scores by a value other than -inf "
                      "or the type's lowest");
      masks.push_back(term(s.args[0], 1.0, /*negate=*/at == 2));
      return true;
    }
    default:
      return reject("the scores go through " +
                    s.op->getName().getStringRef() +
                    " before the softmax, which attention cannot express");
    }
  }

  /// From the row max user of `x`: sub, exp, sum, divide; returns P.
  Value matchDecomposedSoftmax(Value x) {
    SmallVector<Operation *> users(x.getUsers().begin(), x.getUsers().end());
    llvm::sort(users);
    users.erase(std::unique(users.begin(), users.end()), users.end());
    std::optional<RowReduce> mx;
    std::optional<EwStep> sub;
    unsigned expected = 2;
    for (Operation *u : users) {
      if (auto r = decodeRowReduce(u); r && r->isMax && r->input == x)
        mx = r;
      else if (auto s = decodeElementwise(u); s && s->kind == Ew::Sub)
        sub = s;
      else if (Value chk = negInfCheck(u, x); chk && !fixupCheck)
        fixupCheck = chk, expected = 3;
    }
    for (Operation *u : users)
      if (u->getNumRegions() || isa<linalg::LinalgOp>(u) ||
          u->getName().getStringRef().starts_with("tosa.reduce"))
        softmaxish = true;
    if (!mx || !sub || users.size() != expected) {
      reject(mx ? "the scores have users other than the softmax"
                : "no max reduction over the last dim of the scores (softmax "
                  "over another dim, or other users)");
      return Value();
    }
    softmaxish = true;
    unsigned rank = shapeOf(x).size();
    if (argReading(*sub, x) != 0 ||
        !readsRowBroadcast(sub->args[1], mx->result, rank) ||
        !llvm::all_of(mx->result.getUsers(), [&](Operation *u) {
          if (u == sub->op || anyReshapeInput(u) == mx->result)
            return true;
          // An explicit broadcast used only by the subtraction.
          return decodeBroadcast(u) && singleUser(u->getResult(0)) == sub->op;
        })) {
      reject("the max is not subtracted from the scores row by row");
      return Value();
    }
    Operation *expOp = singleUser(sub->result);
    auto ex = decodeElementwise(expOp);
    if (!ex || ex->kind != Ew::Exp || argReading(*ex, sub->result) != 0) {
      reject("the shifted scores are not exponentiated (or have other users)");
      return Value();
    }
    Value e = ex->result;
    SmallVector<Operation *> eu(e.getUsers().begin(), e.getUsers().end());
    llvm::sort(eu);
    eu.erase(std::unique(eu.begin(), eu.end()), eu.end());
    std::optional<RowReduce> sum;
    std::optional<EwStep> norm;
    for (Operation *u : eu) {
      if (auto r = decodeRowReduce(u); r && !r->isMax && r->input == e)
        sum = r;
      else if (auto s = decodeElementwise(u);
               s && (s->kind == Ew::Div || s->kind == Ew::Mul))
        norm = s;
    }
    if (!sum || !norm || eu.size() != 2 || argReading(*norm, e) != 0) {
      reject("exp(scores - max) is not normalized by its row sum (or has "
             "other users)");
      return Value();
    }
    Value denom = sum->result;
    if (norm->kind == Ew::Mul) {
      // x * reciprocal(sum), with the reciprocal possibly behind a reshape.
      Value r = norm->args[1].tensor;
      Operation *rop = r ? r.getDefiningOp() : nullptr;
      if (Value in = anyReshapeInput(rop))
        rop = in.getDefiningOp();
      auto rec = decodeElementwise(rop);
      bool ok = rec && (rec->kind == Ew::Recip ||
                        (rec->kind == Ew::Div && rec->args[0].scalar &&
                         *rec->args[0].scalar == 1.0));
      Value src = rec ? rec->args.back().tensor : Value();
      if (!ok || !src || (src != denom && anyReshapeInput(src.getDefiningOp()) != denom)) {
        reject("exp(scores - max) is multiplied by something other than the "
               "reciprocal of its row sum");
        return Value();
      }
      // Compare against the reciprocal's own result from here on.
      if (!readsRowBroadcast(norm->args[1], rec->result, rank) &&
          !readsRowBroadcast(norm->args[1], norm->args[1].tensor, rank)) {
        reject("the reciprocal of the row sum is not broadcast along rows");
        return Value();
      }
      return norm->result;
    }
    if (!readsRowBroadcast(norm->args[1], denom, rank)) {
      reject("exp(scores - max) is not divided by its row sum");
      return Value();
    }
    return norm->result;
  }

  /// Walks from the scores to the softmax; returns its result P.
  Value walkScores(Value cur) {
    for (int guard = 0; guard < 64; ++guard) {
      Operation *u = singleUser(cur);
      if (!u)
        return matchDecomposedSoftmax(cur);
      // Any reshape keeps the flat order the mask terms are read in; the
      // softmax checks that its rows are the key rows.
      if (Value in = anyReshapeInput(u); in == cur) {
        cur = u->getResult(0);
        continue;
      }
      if (auto sm = dyn_cast<linalg::SoftmaxOp>(u)) {
        softmaxish = true;
        if (int64_t(sm.getDimension()) != int64_t(shapeOf(cur).size()) - 1) {
          reject("linalg.softmax is not over the last (key) dim");
          return Value();
        }
        return sm.getResult()[0];
      }
      auto s = decodeElementwise(u);
      if (!s) {
        if (u->getName().getStringRef().starts_with("tosa.reduce") ||
            isa<linalg::ReduceOp>(u) ||
            (isa<linalg::GenericOp>(u) &&
             cast<linalg::GenericOp>(u).getNumReductionLoops() > 0)) {
          softmaxish = true;
          reject("the scores are reduced but not by a softmax over the last dim");
        } else {
          reject("the scores are used by " + u->getName().getStringRef());
        }
        return Value();
      }
      if (s->kind == Ew::Exp)
        softmaxish = true;
      if (!scoreStep(*s, cur))
        return Value();
      cur = s->result;
    }
    reject("the score chain is too long");
    return Value();
  }

  /// From the softmax result to the P V contraction.
  std::optional<Contraction> walkProbs(Value p) {
    // pmap[k]: the flat index of P that flat index k of `p` holds (empty:
    // the identity), so that transposes of P are followed exactly.
    std::vector<int64_t> pmap;
    int64_t n = product(shapeOf(p));
    auto isIdentityMap = [&]() {
      for (int64_t k = 0; k < int64_t(pmap.size()); ++k)
        if (pmap[k] != k)
          return false;
      return true;
    };
    for (int guard = 0; guard < 64; ++guard) {
      Operation *u = singleUser(p);
      if (!u) {
        reject("the probabilities have other users");
        return std::nullopt;
      }
      if (auto c = decodeContraction(u)) {
        Shape ps = shapeOf(p);
        int64_t sq = plan.Sq, skv = plan.Skv, planes = n / (sq * skv);
        if (c->lhs == p && isIdentityMap() && ps.size() >= 2 &&
            ps[ps.size() - 2] == sq && ps.back() == skv)
          return c;
        // (P V)^T = V^T P^T: P^T as the right operand, [b.., Skv, Sq]
        // stored (or P itself when the contraction transposes it).
        if (c->rhs == p && ps.size() >= 2) {
          bool ok = true;
          if (c->rhsTransposed) {
            ok = ps[ps.size() - 2] == sq && ps.back() == skv && isIdentityMap();
          } else {
            ok = ps[ps.size() - 2] == skv && ps.back() == sq;
            for (int64_t t = 0; ok && t < planes; ++t)
              for (int64_t j = 0; ok && j < skv; ++j)
                for (int64_t i = 0; ok && i < sq; ++i) {
                  int64_t k = (t * skv + j) * sq + i;
                  int64_t want = (t * sq + i) * skv + j;
                  ok = (pmap.empty() ? k : pmap[k]) == want;
                }
          }
          if (ok) {
            plan.probsRight = true;
            return c;
          }
        }
        reject("the probabilities are not the left operand of P V (nor P^T "
               "the right one)");
        return std::nullopt;
      }
      if (Value in = anyReshapeInput(u); in == p) {
        p = u->getResult(0);
        continue;
      }
      if (auto tr = decodeTranspose(u); tr && tr->first == p) {
        if (n > (int64_t(1) << 24)) {
          reject("the probabilities are transposed and too large to follow");
          return std::nullopt;
        }
        if (pmap.empty())
          for (int64_t k = 0; k < n; ++k)
            pmap.push_back(k);
        Shape in = shapeOf(p), out = shapeOf(u->getResult(0));
        auto inStr = computeStrides(in), outStr = computeStrides(out);
        std::vector<int64_t> next(n);
        Shape idx(in.size());
        for (int64_t k = 0; k < n; ++k) {
          Shape o = delinearize(k, outStr);
          for (size_t d = 0; d < o.size(); ++d)
            idx[tr->second[d]] = o[d];
          next[k] = pmap[linearize(idx, inStr)];
        }
        pmap = std::move(next);
        p = u->getResult(0);
        continue;
      }
      auto s = decodeElementwise(u);
      if (s && argReading(*s, p) >= 0 &&
          (s->kind == Ew::ExtF || s->kind == Ew::TruncF || s->kind == Ew::Copy)) {
        p = s->result;
        continue;
      }
      // torch's fix-up: rows whose scores are all -inf become 0, which is
      // attn.attention's rule for fully masked rows.
      if (s && s->kind == Ew::Select && fixupCheck && argReading(*s, p) == 2 &&
          scalarOf(s->args[1]) == 0.0 && s->args[0].tensor &&
          isRowAll(s->args[0].tensor, fixupCheck) &&
          readsRowBroadcast(s->args[0], s->args[0].tensor,
                            shapeOf(p).size())) {
        Operation *all = s->args[0].tensor.getDefiningOp();
        if (llvm::all_of(fixupCheck.getUsers(),
                         [&](Operation *x) { return x == all ||
                           anyReshapeInput(x) == fixupCheck; })) {
          fixupCheck = Value();
          p = s->result;
          continue;
        }
      }
      reject("the probabilities go through " + u->getName().getStringRef() +
             " before P V (dropout or another op attention cannot express)");
      return std::nullopt;
    }
    reject("the probability chain is too long");
    return std::nullopt;
  }

  bool match(const Contraction &qk);
  bool peelOperands();
  bool decideMasks();
};

bool Matcher::peelOperands() {
  Contraction &qk = plan.qk, &pv = plan.pv;
  Shape batch = batchOf(qk.result);
  int64_t n = product(batch);
  if (batchOf(pv.result) != batch && product(batchOf(pv.result)) != n)
    return reject("Q K^T and P V have different batch sizes");
  Peeled q = peel(qk.lhs, true, false);
  if (!isIdentity(q.map))
    q = peel(qk.lhs, true, false), q.base = qk.lhs, q.transposed = false,
    q.factor = 1.0;
  Peeled k = peel(qk.rhs, true, true);
  // With P^T on the right, the left operand is V^T.
  Value vOperand = plan.probsRight ? pv.lhs : pv.rhs;
  bool vFlip = plan.probsRight ? true : pv.rhsTransposed;
  Peeled v = peel(vOperand, false, true);
  // K is read as [.., D, Skv] unless the contraction transposes it.
  k.transposed ^= !qk.rhsTransposed;
  v.transposed ^= vFlip;
  // Heads: prefer the innermost batch dim of the scores, then any divisor.
  SmallVector<int64_t> candidates;
  if (!batch.empty())
    candidates.push_back(batch.back());
  for (int64_t h = n; h >= 1; --h)
    if (n % h == 0)
      candidates.push_back(h);
  int64_t pk = product(batchOf(k.base)), pvb = product(batchOf(v.base));
  auto fits = [&](const Peeled &x, int64_t pb, int64_t hq) {
    if (pb == 0 || n % pb != 0)
      return false;
    int64_t rep = n / pb;
    return hq % rep == 0 && isGroupMap(x.map, hq, rep);
  };
  int64_t hq = -1;
  for (int64_t h : candidates)
    if (fits(k, pk, h) && fits(v, pvb, h) && n / pk == n / pvb) {
      hq = h;
      break;
    }
  if (hq < 0) {
    // Not a head broadcast the op can express: keep the copies.
    k = peel(qk.rhs, true, false);
    v = peel(vOperand, false, false);
    k.transposed ^= !qk.rhsTransposed;
    v.transposed ^= vFlip;
    pk = product(batchOf(k.base)), pvb = product(batchOf(v.base));
    if (!isIdentity(k.map) || !isIdentity(v.map)) {
      k = Peeled{qk.rhs, !qk.rhsTransposed, {}, 1.0};
      v = Peeled{vOperand, vFlip, {}, 1.0};
    }
    hq = batch.empty() ? 1 : batch.back();
    pk = pvb = n;
  }
  plan.q = q.base, plan.qT = q.transposed;
  plan.k = k.base, plan.kT = k.transposed;
  plan.v = v.base, plan.vT = v.transposed;
  plan.scale *= q.factor * k.factor;
  plan.Hq = hq;
  plan.B = n / hq;
  plan.Hkv = hq / (n / pk);
  Shape qs = shapeOf(plan.q), ks = shapeOf(plan.k), vs = shapeOf(plan.v);
  auto last = [](const Shape &s, bool t, int i) {
    return t ? s[s.size() - 1 - i] : s[s.size() - 2 + i];
  };
  plan.Sq = last(qs, plan.qT, 0), plan.D = last(qs, plan.qT, 1);
  plan.Skv = last(ks, plan.kT, 0);
  plan.Dv = last(vs, plan.vT, 1);
  if (last(ks, plan.kT, 1) != plan.D || last(vs, plan.vT, 0) != plan.Skv)
    return reject("Q, K and V shapes do not agree");
  Type et = getElementTypeOrSelf(plan.q.getType());
  if (getElementTypeOrSelf(plan.k.getType()) != et ||
      getElementTypeOrSelf(plan.v.getType()) != et)
    return reject("Q, K and V have different element types");
  if (!et.isF32() && !et.isF16() && !et.isBF16())
    return reject("element type is not f32, f16 or bf16");
  return true;
}

bool Matcher::match(const Contraction &qk) {
  plan.qk = qk;
  softmaxish = leadsToSoftmax(qk.result);
  for (Value x : {qk.lhs, qk.rhs, qk.result}) {
    auto t = dyn_cast<RankedTensorType>(x.getType());
    if (!t || !t.hasStaticShape() || t.getRank() < 2)
      return reject("dynamic shapes are not raised");
  }
  Value p = walkScores(qk.result);
  if (!p)
    return false;
  {
    Shape ss = shapeOf(qk.result);
    plan.Sq = ss[ss.size() - 2], plan.Skv = ss.back();
    if (shapeOf(p).back() != plan.Skv)
      return reject("the softmax rows are not the key rows of the scores");
  }
  auto pv = walkProbs(p);
  if (!pv)
    return false;
  if (fixupCheck)
    return reject("the scores are compared with -inf outside a fully-masked "
                  "row fix-up");
  plan.pv = *pv;
  plan.result = pv->result;
  for (Value x : {pv->lhs, pv->rhs, pv->result}) {
    auto rt = dyn_cast<RankedTensorType>(x.getType());
    if (!rt || !rt.hasStaticShape())
      return reject("dynamic shapes are not raised");
  }
  if (!peelOperands())
    return false;
  return decideMasks();
}

bool Matcher::decideMasks() {
  int64_t n = plan.B * plan.Hq, plane = plan.Sq * plan.Skv;
  Type qType = getElementTypeOrSelf(plan.q.getType());
  std::vector<double> vis(n * plane, 1.0), bias;
  for (const ScoreTerm &m : masks) {
    if (product(m.shape) != n * plane)
      return reject("a mask does not cover the scores");
    if (auto vals = termValues(m)) {
      for (int64_t k = 0; k < n * plane; ++k)
        if (((*vals)[k] != 0) == m.negate)
          vis[k] = 0;
      continue;
    }
    if (!m.arg.map)
      return reject("a run-time mask condition is computed inside the select");
    if (plan.runtimeMask)
      return reject("more than one run-time mask");
    if (!getElementTypeOrSelf(m.arg.tensor.getType()).isInteger(1))
      return reject("a run-time mask condition is not i1");
    plan.runtimeMask = m;
  }
  for (const ScoreTerm &b : biases) {
    if (product(b.shape) != n * plane)
      return reject("a bias does not cover the scores");
    if (auto vals = termValues(b)) {
      bool onlyMask = llvm::all_of(
          *vals, [](double x) { return x == 0.0 || isMaskFill(x); });
      if (onlyMask) {
        for (int64_t k = 0; k < n * plane; ++k)
          if (isMaskFill((*vals)[k]))
            vis[k] = 0;
        continue;
      }
      if (bias.empty())
        bias.assign(n * plane, 0.0);
      for (int64_t k = 0; k < n * plane; ++k)
        bias[k] += isMaskFill((*vals)[k]) ? -INFINITY : b.factor * (*vals)[k];
      continue;
    }
    if (plan.runtimeBias)
      return reject("more than one run-time bias term");
    Type bt = getElementTypeOrSelf(b.arg.tensor.getType());
    if (!isa<FloatType>(bt))
      return reject("a bias term is not a float tensor");
    plan.runtimeBias = b;
  }
  if (!bias.empty() && plan.runtimeBias)
    return reject("a run-time bias together with a constant bias");
  (void)qType;
  // Does a constant depend on the (batch, head) index?
  auto perHead = [&](const std::vector<double> &x) {
    for (int64_t t = 1; t < n; ++t)
      if (!std::equal(x.begin(), x.begin() + plane, x.begin() + t * plane))
        return true;
    return false;
  };
  SmallVector<int64_t> planeShape = {1, 1, plan.Sq, plan.Skv};
  SmallVector<int64_t> fullShape = {plan.B, plan.Hq, plan.Sq, plan.Skv};
  if (!bias.empty()) {
    bool ph = perHead(bias);
    ConstTensor c;
    c.shape = ph ? fullShape : planeShape;
    c.data.assign(bias.begin(), ph ? bias.end() : bias.begin() + plane);
    plan.constBias = std::move(c);
  }
  if (llvm::all_of(vis, [](double x) { return x != 0; }))
    return true;
  bool ph = perHead(vis);
  if (!ph) {
    plan.sparsity = classifyMask(plan.qk.op->getContext(),
                                 ArrayRef<double>(vis).take_front(plane),
                                 plan.Sq, plan.Skv);
    if (plan.sparsity)
      return true;
  }
  if (plan.runtimeMask)
    return reject("a run-time mask together with a constant mask that is not "
                  "a pattern");
  ConstTensor c;
  c.shape = ph ? fullShape : planeShape;
  c.data.assign(vis.begin(), ph ? vis.end() : vis.begin() + plane);
  plan.constMask = std::move(c);
  return true;
}

struct AttnRaisePass : public mlir::attn::impl::AttnRaiseBase<AttnRaisePass> {
  using AttnRaiseBase::AttnRaiseBase;

  // The input has no attn op yet: the dialect must be loaded to create one.
  void getDependentDialects(DialectRegistry &registry) const override {
    AttnRaiseBase::getDependentDialects(registry);
    registry.insert<AttnDialect>();
  }

  void runOnOperation() override {
    SmallVector<Contraction> candidates;
    getOperation()->walk([&](Operation *op) {
      if (auto c = decodeContraction(op))
        candidates.push_back(*c);
    });
    llvm::DenseSet<Operation *> replaced;
    for (Contraction &c : candidates) {
      if (replaced.contains(c.op))
        continue;
      Matcher m;
      if (!m.match(c)) {
        if (remarks && m.softmaxish)
          c.op->emitRemark() << "attn-raise: not raised: " << m.why;
        continue;
      }
      replaced.insert(m.plan.pv.op);
      emitPlan(m.plan);
    }
    // The replaced chains are dead now: erase them, and only them.
    SmallVector<Operation *> work(replaced.begin(), replaced.end());
    while (!work.empty()) {
      Operation *op = work.pop_back_val();
      if (!isOpTriviallyDead(op))
        continue;
      SmallVector<Operation *> defs;
      for (Value o : op->getOperands())
        if (Operation *d = o.getDefiningOp())
          defs.push_back(d);
      op->erase();
      for (Operation *d : defs)
        if (!llvm::is_contained(work, d))
          work.push_back(d);
    }
  }
};

} // namespace

