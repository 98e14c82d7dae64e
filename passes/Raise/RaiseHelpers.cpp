//===- RaiseHelpers.cpp - shared checks of --attn-raise -------------------===//
//
// Small pieces of the matcher (Raise.cpp): shapes, constants of element-wise
// operands, torch's fully-masked-row fix-up, seeing Q/K/V back through
// layout ops (Peeled), and the compile-time values of score terms.
//
//===----------------------------------------------------------------------===//
#include "RaiseMatch.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"
#include "mlir/IR/BuiltinTypes.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::raise;

namespace mlir {
namespace attn {
namespace raise {

Shape shapeOf(Value v) {
  return Shape(cast<RankedTensorType>(v.getType()).getShape());
}

int64_t product(ArrayRef<int64_t> s) {
  int64_t n = 1;
  for (int64_t d : s)
    n *= d;
  return n;
}

/// -inf, the type's lowest, or a large negative fill such as JAX's
/// 0.7 * lowest: exp(fill - rowmax) is 0 in f32 whenever a row has any
/// visible key. (Rows with every key masked differ: attn gives 0.)
bool isMaskFill(double x) { return x == -INFINITY || x <= -1.0e30; }

/// The single op using `v` (all uses in one op), or null.
Operation *singleUser(Value v) {
  Operation *user = nullptr;
  for (Operation *u : v.getUsers()) {
    if (user && u != user)
      return nullptr;
    user = u;
  }
  return user;
}

/// Index of the argument of `step` that reads `v` element for element (an
/// identity map), or -1.
int argReading(const EwStep &step, Value v) {
  int found = -1;
  for (auto [i, a] : llvm::enumerate(step.args)) {
    if (a.tensor != v)
      continue;
    if (found >= 0 || !a.map || !a.map.isIdentity())
      return -1;
    found = int(i);
  }
  return found;
}

/// Scalar value of an element-wise operand that is a constant splat.
std::optional<double> scalarOf(const EwArg &a) {
  if (a.scalar)
    return a.scalar;
  if (a.tensor && a.map)
    return constantSplat(a.tensor);
  return std::nullopt;
}


/// `op` computes (x == -inf) element for element (possibly after an
/// upcast): the start of torch's fix-up of fully masked rows. Its result.
Value negInfCheck(Operation *op, Value x) {
  if (auto g = dyn_cast<linalg::GenericOp>(op)) {
    if (g.getNumDpsInputs() != 1 || g.getNumDpsInits() != 1 ||
        g.getNumLoops() != g.getNumParallelLoops() ||
        g.getDpsInputOperand(0)->get() != x ||
        !g.getMatchingIndexingMap(g.getDpsInputOperand(0)).isIdentity() ||
        !g.getMatchingIndexingMap(g.getDpsInitOperand(0)).isIdentity())
      return Value();
    Value y = cast<linalg::YieldOp>(g.getBody()->getTerminator()).getOperand(0);
    auto cmp = y.getDefiningOp<arith::CmpFOp>();
    if (!cmp || (cmp.getPredicate() != arith::CmpFPredicate::OEQ &&
                 cmp.getPredicate() != arith::CmpFPredicate::UEQ))
      return Value();
    Value a = cmp.getLhs();
    if (auto e = a.getDefiningOp<arith::ExtFOp>())
      a = e.getIn();
    auto c = constantSplat(cmp.getRhs());
    if (a != g.getBody()->getArgument(0) || !c || *c != -INFINITY)
      return Value();
    return g.getResult(0);
  }
  Value in = x;
  if (auto c = dyn_cast<tosa::CastOp>(op)) {
    if (!isa<FloatType>(getElementTypeOrSelf(c.getType())))
      return Value();
    op = singleUser(c.getResult());
    in = c.getResult();
  }
  auto eq = dyn_cast_or_null<tosa::EqualOp>(op);
  if (!eq)
    return Value();
  Value other = eq.getInput1() == in ? eq.getInput2() : eq.getInput1();
  auto c = constantSplat(other);
  if ((eq.getInput1() != in && eq.getInput2() != in) || !c || *c != -INFINITY ||
      shapeOf(eq.getResult()) != shapeOf(x))
    return Value();
  return eq.getResult();
}

/// `v` is "all of `chk` along the last dim" (keepdim or not).
bool isRowAll(Value v, Value chk) {
  Operation *op = v.getDefiningOp();
  if (Value in = anyReshapeInput(op))
    op = in.getDefiningOp();
  if (auto r = dyn_cast_or_null<tosa::ReduceAllOp>(op))
    return r.getInput() == chk &&
           int64_t(r.getAxis()) == int64_t(shapeOf(chk).size()) - 1;
  auto g = dyn_cast_or_null<linalg::GenericOp>(op);
  if (!g || g.getNumDpsInputs() != 1 || g.getNumDpsInits() != 1 ||
      g.getNumReductionLoops() != 1 ||
      g.getIteratorTypesArray().back() != utils::IteratorType::reduction ||
      g.getDpsInputOperand(0)->get() != chk ||
      !g.getMatchingIndexingMap(g.getDpsInputOperand(0)).isIdentity())
    return false;
  Block *b = g.getBody();
  Value y = cast<linalg::YieldOp>(b->getTerminator()).getOperand(0);
  auto andOp = y.getDefiningOp<arith::AndIOp>();
  auto init = constantSplat(g.getDpsInitOperand(0)->get());
  return andOp && init && *init == 1.0 &&
         ((andOp.getLhs() == b->getArgument(0) &&
           andOp.getRhs() == b->getArgument(1)) ||
          (andOp.getLhs() == b->getArgument(1) &&
           andOp.getRhs() == b->getArgument(0)));
}


SmallVector<int64_t> batchOf(Value v) {
  Shape s = shapeOf(v);
  return Shape(s.begin(), s.end() - 2);
}

/// Sees `v` back through batch reshapes, transposes (swapping the last two
/// dims and/or permuting batch dims), broadcasts of batch dims and, with
/// `scales`, constant scale multiplies.
Peeled peel(Value v, bool scales, bool broadcasts) {
  Peeled p;
  p.base = v;
  int64_t n = product(batchOf(v));
  for (int64_t t = 0; t < n; ++t)
    p.map.push_back(t);
  for (int guard = 0; guard < 32; ++guard) {
    Operation *op = p.base.getDefiningOp();
    if (!op)
      break;
    Shape outB = batchOf(p.base);
    if (Value in = batchReshapeInput(op)) {
      p.base = in;
      continue;
    }
    if (auto tr = decodeTranspose(op)) {
      auto &perm = tr->second;
      unsigned r = perm.size();
      bool lastFixed = perm[r - 2] == r - 2 && perm[r - 1] == r - 1;
      bool lastSwapped = perm[r - 2] == r - 1 && perm[r - 1] == r - 2;
      bool batchOnly = llvm::all_of(llvm::seq<unsigned>(0, r - 2),
                                    [&](unsigned d) { return perm[d] < r - 2; });
      if ((!lastFixed && !lastSwapped) || !batchOnly)
        break;
      Shape inB = batchOf(tr->first);
      auto outStr = computeStrides(outB), inStr = computeStrides(inB);
      for (int64_t &m : p.map) {
        Shape o = outB.empty() ? Shape() : delinearize(m, outStr);
        Shape i(inB.size());
        for (unsigned d = 0; d < o.size(); ++d)
          i[perm[d]] = o[d];
        m = inB.empty() ? 0 : linearize(i, inStr);
      }
      p.transposed ^= lastSwapped;
      p.base = tr->first;
      continue;
    }
    if (broadcasts) {
      if (auto br = decodeBroadcast(op)) {
        auto &src = br->second;
        unsigned r = src.size();
        Shape in = shapeOf(br->first);
        unsigned ir = in.size();
        if (ir < 2 || src[r - 2] != int64_t(ir) - 2 ||
            src[r - 1] != int64_t(ir) - 1)
          break;
        Shape inB(in.begin(), in.end() - 2);
        auto outStr = computeStrides(outB), inStr = computeStrides(inB);
        for (int64_t &m : p.map) {
          Shape o = outB.empty() ? Shape() : delinearize(m, outStr);
          Shape i(inB.size(), 0);
          for (unsigned d = 0; d + 2 < r; ++d)
            if (src[d] >= 0)
              i[src[d]] = o[d];
          m = inB.empty() ? 0 : linearize(i, inStr);
        }
        p.base = br->first;
        continue;
      }
    }
    if (scales) {
      if (auto s = decodeElementwise(op);
          s && (s->kind == Ew::Mul || s->kind == Ew::Div) &&
          s->args.size() == 2) {
        int at = -1;
        for (int i = 0; i < 2; ++i)
          if (s->args[i].tensor && s->args[i].map &&
              s->args[i].map.isIdentity() &&
              shapeOf(s->args[i].tensor) == shapeOf(s->result))
            at = i;
        std::optional<double> c;
        if (at >= 0)
          c = scalarOf(s->args[1 - at]);
        if (at >= 0 && c && *c != 0.0 && std::isfinite(*c) &&
            (s->kind == Ew::Mul || at == 0)) {
          p.factor *= s->kind == Ew::Mul ? *c : 1.0 / *c;
          p.base = s->args[at].tensor;
          continue;
        }
      }
    }
    break;
  }
  return p;
}

bool isIdentity(ArrayRef<int64_t> m) {
  for (auto [i, x] : llvm::enumerate(m))
    if (x != int64_t(i))
      return false;
  return true;
}

/// Whether `m` reads kv head (t / hq) * hkv + (t % hq) / rep.
bool isGroupMap(ArrayRef<int64_t> m, int64_t hq, int64_t rep) {
  int64_t hkv = hq / rep;
  for (auto [t, x] : llvm::enumerate(m))
    if (x != (int64_t(t) / hq) * hkv + (int64_t(t) % hq) / rep)
      return false;
  return true;
}


/// Whether the values computed from `v` (up to a few ops on, not past
/// another contraction) include something softmax-like: only such
/// candidates get a remark when they are refused.
bool leadsToSoftmax(Value v) {
  SmallVector<std::pair<Value, int>> work = {{v, 0}};
  while (!work.empty()) {
    auto [x, depth] = work.pop_back_val();
    for (Operation *u : x.getUsers()) {
      if (decodeContraction(u))
        continue;
      StringRef name = u->getName().getStringRef();
      bool exp = false;
      u->walk([&](math::ExpOp) { exp = true; });
      if (exp || isa<linalg::SoftmaxOp, linalg::ReduceOp, tosa::ExpOp>(u) ||
          name.starts_with("tosa.reduce"))
        return true;
      if (auto g = dyn_cast<linalg::GenericOp>(u); g && g.getNumReductionLoops())
        return true;
      if (depth < 6)
        for (Value r : u->getResults())
          work.push_back({r, depth + 1});
    }
  }
  return false;
}


/// Values of a score-chain term over the flat [P * Sq * Skv] scores, or
/// nullopt when it is not a compile-time constant.
std::optional<std::vector<double>> termValues(const ScoreTerm &t) {
  int64_t n = product(t.shape);
  if (t.arg.scalar)
    return std::vector<double>(n, *t.arg.scalar);
  auto x = evaluateConstant(t.arg.tensor);
  if (!x)
    return std::nullopt;
  if (!t.arg.map) // a value of a linalg body: the step's shape already
    return int64_t(x->data.size()) == n ? std::optional(x->data) : std::nullopt;
  std::vector<double> out(n);
  auto strides = computeStrides(t.shape);
  for (int64_t k = 0; k < n; ++k) {
    Shape at = t.arg.map.compose(delinearize(k, strides));
    int64_t off = 0;
    for (size_t d = 0; d < at.size(); ++d)
      off = off * x->shape[d] + at[d];
    out[k] = x->data[off];
  }
  return out;
}


} // namespace raise
} // namespace attn
} // namespace mlir
