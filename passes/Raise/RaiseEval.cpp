//===- RaiseEval.cpp - compile-time evaluation of masks and scales --------===//
//
// Masks, scales and reduction inits in front-end IR are computed from
// constants: an iota compared with another (linalg.index in a generic,
// literal aranges in TOSA), a tril buffer compared with 0 and sliced, an
// additive mask filled with -inf. Evaluating them to dense values lets the
// raise classify every spelling the same way. Values are doubles (integers
// up to 2^53 are exact, booleans are 0 / 1). Anything unknown, or a
// function argument, makes the value non-constant.
//
//===----------------------------------------------------------------------===//
#include "RaiseMatch.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/DialectResourceBlobManager.h"
#include "mlir/Dialect/Utils/IndexingUtils.h"

#include <cmath>
#include <cstring>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::raise;

namespace {


int64_t numel(ArrayRef<int64_t> s) {
  int64_t n = 1;
  for (int64_t d : s)
    n *= d;
  return n;
}

/// Scalar semantics of the arith / math ops masks and scales use.
std::optional<double> evalScalar(Operation *op, ArrayRef<double> a) {
  auto width = [&]() {
    Type t = getElementTypeOrSelf(op->getResult(0).getType());
    return t.isIntOrIndex() ? (t.isIndex() ? 64u : t.getIntOrFloatBitWidth())
                            : 0u;
  };
  auto wrap = [&](int64_t v) -> double {
    unsigned w = width();
    if (w == 1)
      return double(v & 1);
    if (w >= 53 || w == 0)
      return double(v);
    int64_t m = int64_t(1) << w;
    int64_t r = ((v % m) + m) % m;
    return double(r >= m / 2 ? r - m : r);
  };
  auto i = [&](unsigned k) { return int64_t(a[k]); };
  if (isa<arith::AddFOp>(op)) return a[0] + a[1];
  if (isa<arith::SubFOp>(op)) return a[0] - a[1];
  if (isa<arith::MulFOp>(op)) return a[0] * a[1];
  if (isa<arith::DivFOp>(op)) return a[0] / a[1];
  if (isa<arith::NegFOp>(op)) return -a[0];
  if (isa<arith::MaximumFOp, arith::MaxNumFOp>(op)) return std::max(a[0], a[1]);
  if (isa<arith::MinimumFOp, arith::MinNumFOp>(op)) return std::min(a[0], a[1]);
  if (isa<math::SqrtOp>(op)) return std::sqrt(a[0]);
  if (isa<math::RsqrtOp>(op)) return 1.0 / std::sqrt(a[0]);
  if (isa<math::ExpOp>(op)) return std::exp(a[0]);
  if (isa<arith::ExtFOp, arith::TruncFOp, arith::SIToFPOp, arith::UIToFPOp,
          arith::IndexCastOp, arith::ExtSIOp, arith::FPToSIOp>(op))
    return isa<arith::FPToSIOp>(op) ? wrap(int64_t(a[0])) : a[0];
  if (isa<arith::ExtUIOp>(op)) {
    Type t = getElementTypeOrSelf(op->getOperand(0).getType());
    unsigned w = t.getIntOrFloatBitWidth();
    return w == 1 ? double(i(0) & 1) : (a[0] < 0 ? a[0] + std::ldexp(1.0, w) : a[0]);
  }
  if (isa<arith::TruncIOp>(op)) return wrap(i(0));
  if (isa<arith::AddIOp>(op)) return wrap(i(0) + i(1));
  if (isa<arith::SubIOp>(op)) return wrap(i(0) - i(1));
  if (isa<arith::MulIOp>(op)) return wrap(i(0) * i(1));
  if (isa<arith::AndIOp>(op)) return wrap(i(0) & i(1));
  if (isa<arith::OrIOp>(op)) return wrap(i(0) | i(1));
  if (isa<arith::XOrIOp>(op)) return wrap(i(0) ^ i(1));
  if (isa<arith::MaxSIOp>(op)) return std::max(a[0], a[1]);
  if (isa<arith::MinSIOp>(op)) return std::min(a[0], a[1]);
  if (isa<arith::SelectOp>(op)) return a[0] != 0 ? a[1] : a[2];
  if (auto c = dyn_cast<arith::CmpIOp>(op)) {
    // Signed view; unsigned predicates on non-negative values agree.
    using P = arith::CmpIPredicate;
    double x = a[0], y = a[1];
    switch (c.getPredicate()) {
    case P::eq: return x == y;
    case P::ne: return x != y;
    case P::slt: case P::ult: return x < y;
    case P::sle: case P::ule: return x <= y;
    case P::sgt: case P::ugt: return x > y;
    case P::sge: case P::uge: return x >= y;
    }
  }
  if (auto c = dyn_cast<arith::CmpFOp>(op)) {
    using P = arith::CmpFPredicate;
    double x = a[0], y = a[1];
    bool unord = std::isnan(x) || std::isnan(y);
    switch (c.getPredicate()) {
    case P::OEQ: return !unord && x == y;
    case P::UEQ: return unord || x == y;
    case P::ONE: return !unord && x != y;
    case P::UNE: return unord || x != y;
    case P::OLT: return !unord && x < y;
    case P::ULT: return unord || x < y;
    case P::OLE: return !unord && x <= y;
    case P::ULE: return unord || x <= y;
    case P::OGT: return !unord && x > y;
    case P::UGT: return unord || x > y;
    case P::OGE: return !unord && x >= y;
    case P::UGE: return unord || x >= y;
    case P::ORD: return !unord;
    case P::UNO: return unord;
    case P::AlwaysTrue: return 1.0;
    case P::AlwaysFalse: return 0.0;
    }
  }
  return std::nullopt;
}

/// Values of a dense or dense_resource attribute.
std::optional<ConstTensor> fromAttr(Attribute attr, Type type) {
  auto rt = dyn_cast<RankedTensorType>(type);
  ConstTensor t;
  if (!rt) {
    if (auto f = dyn_cast<FloatAttr>(attr))
      t.data = {f.getValueAsDouble()};
    else if (auto i = dyn_cast<IntegerAttr>(attr))
      t.data = {i.getType().isInteger(1) ? double(i.getValue().getZExtValue())
                                         : double(i.getValue().getSExtValue())};
    else
      return std::nullopt;
    return t;
  }
  if (!rt.hasStaticShape())
    return std::nullopt;
  t.shape.assign(rt.getShape().begin(), rt.getShape().end());
  Type et = rt.getElementType();
  int64_t n = rt.getNumElements();
  if (auto d = dyn_cast<DenseElementsAttr>(attr)) {
    t.data.reserve(n);
    if (isa<FloatType>(et)) {
      for (APFloat v : d.getValues<APFloat>())
        t.data.push_back(v.convertToDouble());
      // APFloat::convertToDouble needs a double-convertible semantics.
    } else if (et.isInteger(1)) {
      for (bool v : d.getValues<bool>())
        t.data.push_back(v);
    } else if (et.isIntOrIndex()) {
      for (APInt v : d.getValues<APInt>())
        t.data.push_back(double(v.getSExtValue()));
    } else {
      return std::nullopt;
    }
    return t;
  }
  if (auto r = dyn_cast<DenseResourceElementsAttr>(attr)) {
    AsmResourceBlob *blob = r.getRawHandle().getBlob();
    if (!blob)
      return std::nullopt;
    ArrayRef<char> bytes = blob->getData();
    unsigned bits = et.isInteger(1) ? 8 : et.getIntOrFloatBitWidth();
    if (bytes.size() != size_t(n) * bits / 8)
      return std::nullopt;
    t.data.resize(n);
    for (int64_t k = 0; k < n; ++k) {
      const char *p = bytes.data() + k * bits / 8;
      if (et.isF32()) {
        float f;
        std::memcpy(&f, p, 4);
        t.data[k] = f;
      } else if (et.isF64()) {
        std::memcpy(&t.data[k], p, 8);
      } else if (et.isInteger(1) || et.isInteger(8)) {
        t.data[k] = et.isInteger(1) ? double(*p != 0) : double(int8_t(*p));
      } else if (et.isInteger(32)) {
        int32_t v;
        std::memcpy(&v, p, 4);
        t.data[k] = v;
      } else if (et.isInteger(64)) {
        int64_t v;
        std::memcpy(&v, p, 8);
        t.data[k] = double(v);
      } else {
        return std::nullopt;
      }
    }
    return t;
  }
  return std::nullopt;
}

class Evaluator {
public:
  explicit Evaluator(int64_t limit) : limit(limit) {}

  const ConstTensor *get(Value v) {
    if (auto it = memo.find(v); it != memo.end())
      return it->second ? &*it->second : nullptr;
    if (depth > 200)
      return nullptr;
    ++depth;
    std::optional<ConstTensor> r = compute(v);
    --depth;
    if (r && int64_t(r->data.size()) != std::max<int64_t>(1, numel(r->shape)))
      r.reset();
    if (r && int64_t(r->data.size()) > limit)
      r.reset();
    auto &slot = memo[v];
    slot = std::move(r);
    return slot ? &*slot : nullptr;
  }

private:
  int64_t limit;
  int depth = 0;
  llvm::DenseMap<Value, std::optional<ConstTensor>> memo;

  static Shape shapeOf(Value v) {
    auto rt = dyn_cast<RankedTensorType>(v.getType());
    return rt ? Shape(rt.getShape()) : Shape();
  }

  std::optional<ConstTensor> compute(Value v) {
    Operation *op = v.getDefiningOp();
    if (!op)
      return std::nullopt; // a function or region argument
    auto rt = dyn_cast<RankedTensorType>(v.getType());
    if (rt && (!rt.hasStaticShape() || rt.getNumElements() > limit))
      return std::nullopt;
    if (auto c = dyn_cast<arith::ConstantOp>(op))
      return fromAttr(c.getValue(), v.getType());
    if (auto c = dyn_cast<tosa::ConstOp>(op))
      return fromAttr(c.getValues(), v.getType());
    if (auto c = dyn_cast<tosa::ConstShapeOp>(op)) {
      auto t = fromAttr(c.getValues(),
                        RankedTensorType::get(
                            {int64_t(c.getValues().getNumElements())},
                            IntegerType::get(op->getContext(), 64)));
      return t;
    }
    if (auto f = dyn_cast<linalg::FillOp>(op)) {
      const ConstTensor *s = get(f.getInputs()[0]);
      if (!s || s->data.size() != 1)
        return std::nullopt;
      ConstTensor t;
      t.shape = shapeOf(v);
      t.data.assign(numel(t.shape), s->data[0]);
      return t;
    }
    if (auto s = dyn_cast<tensor::SplatOp>(op)) {
      const ConstTensor *x = get(s.getInput());
      if (!x)
        return std::nullopt;
      ConstTensor t;
      t.shape = shapeOf(v);
      t.data.assign(numel(t.shape), x->data[0]);
      return t;
    }
    if (Value in = anyReshapeInput(op)) {
      const ConstTensor *x = get(in);
      if (!x)
        return std::nullopt;
      ConstTensor t = *x;
      t.shape = shapeOf(v);
      return t;
    }
    if (auto g = dyn_cast<linalg::GenericOp>(op))
      return evalGeneric(g, v);
    if (auto tr = decodeTranspose(op))
      return gather(v, tr->first, [&](ArrayRef<int64_t> out, Shape &in) {
        for (size_t d = 0; d < out.size(); ++d)
          in[tr->second[d]] = out[d];
      });
    if (auto br = decodeBroadcast(op))
      return gather(v, br->first, [&](ArrayRef<int64_t> out, Shape &in) {
        std::fill(in.begin(), in.end(), 0);
        for (size_t d = 0; d < out.size(); ++d)
          if (br->second[d] >= 0)
            in[br->second[d]] = out[d];
      });
    if (auto s = dyn_cast<tensor::ExtractSliceOp>(op)) {
      if (!s.hasUnitStride() && false)
        return std::nullopt;
      auto offs = s.getStaticOffsets(), strides = s.getStaticStrides();
      if (ShapedType::isDynamicShape(offs) ||
          ShapedType::isDynamicShape(strides) ||
          s.getSourceType().getRank() != s.getResultType().getRank())
        return std::nullopt;
      return gather(v, s.getSource(), [&](ArrayRef<int64_t> out, Shape &in) {
        for (size_t d = 0; d < out.size(); ++d)
          in[d] = offs[d] + out[d] * strides[d];
      });
    }
    if (auto s = dyn_cast<tosa::SliceOp>(op)) {
      const ConstTensor *start = get(s.getStart());
      if (!start)
        return std::nullopt;
      std::vector<double> st = start->data;
      return gather(v, s.getInput1(), [&](ArrayRef<int64_t> out, Shape &in) {
        for (size_t d = 0; d < out.size(); ++d)
          in[d] = int64_t(st[d]) + out[d];
      });
    }
    return evalElementwise(op, v);
  }

  /// out[idx] = in[f(idx)], both static.
  template <typename F>
  std::optional<ConstTensor> gather(Value out, Value in, F f) {
    const ConstTensor *x = get(in);
    if (!x)
      return std::nullopt;
    ConstTensor t;
    t.shape = shapeOf(out);
    int64_t n = numel(t.shape);
    t.data.resize(n);
    Shape inShape = x->shape;
    SmallVector<int64_t> inStrides = computeStrides(inShape);
    Shape inIdx(inShape.size());
    for (int64_t k = 0; k < n; ++k) {
      SmallVector<int64_t> idx = delinearize(k, computeStrides(t.shape));
      f(idx, inIdx);
      int64_t off = 0;
      for (size_t d = 0; d < inIdx.size(); ++d) {
        if (inIdx[d] < 0 || inIdx[d] >= inShape[d])
          return std::nullopt;
        off += inIdx[d] * inStrides[d];
      }
      t.data[k] = x->data[off];
    }
    return t;
  }

  /// TOSA / arith element-wise ops with implicit broadcasting.
  std::optional<ConstTensor> evalElementwise(Operation *op, Value v) {
    if (op->getNumResults() != 1 || op->getNumOperands() == 0)
      return std::nullopt;
    Shape shape = shapeOf(v);
    std::function<std::optional<double>(ArrayRef<double>)> fn;
    StringRef name = op->getName().getStringRef();
    auto isOp = [&](StringRef s) { return name == s; };
    unsigned nIn = op->getNumOperands();
    if (op->getDialect()->getNamespace() == "arith") {
      fn = [op](ArrayRef<double> a) { return evalScalar(op, a); };
    } else if (isOp("tosa.add")) {
      fn = [](ArrayRef<double> a) -> std::optional<double> { return a[0] + a[1]; };
    } else if (isOp("tosa.sub")) {
      fn = [](ArrayRef<double> a) -> std::optional<double> { return a[0] - a[1]; };
    } else if (isOp("tosa.mul")) {
      nIn = 2;
      fn = [](ArrayRef<double> a) -> std::optional<double> { return a[0] * a[1]; };
    } else if (isOp("tosa.equal")) {
      fn = [](ArrayRef<double> a) -> std::optional<double> { return a[0] == a[1]; };
    } else if (isOp("tosa.greater")) {
      fn = [](ArrayRef<double> a) -> std::optional<double> { return a[0] > a[1]; };
    } else if (isOp("tosa.greater_equal")) {
      fn = [](ArrayRef<double> a) -> std::optional<double> { return a[0] >= a[1]; };
    } else if (isOp("tosa.logical_and")) {
      fn = [](ArrayRef<double> a) -> std::optional<double> { return a[0] != 0 && a[1] != 0; };
    } else if (isOp("tosa.logical_or")) {
      fn = [](ArrayRef<double> a) -> std::optional<double> { return a[0] != 0 || a[1] != 0; };
    } else if (isOp("tosa.logical_not")) {
      fn = [](ArrayRef<double> a) -> std::optional<double> { return a[0] == 0; };
    } else if (isOp("tosa.select")) {
      fn = [](ArrayRef<double> a) -> std::optional<double> { return a[0] != 0 ? a[1] : a[2]; };
    } else if (isOp("tosa.reciprocal")) {
      fn = [](ArrayRef<double> a) -> std::optional<double> { return 1.0 / a[0]; };
    } else if (isOp("tosa.cast")) {
      bool toBool = getElementTypeOrSelf(v.getType()).isInteger(1);
      fn = [toBool](ArrayRef<double> a) -> std::optional<double> {
        return toBool ? double(a[0] != 0) : a[0];
      };
    } else if (isOp("tosa.negate")) {
      nIn = 1;
      fn = [](ArrayRef<double> a) -> std::optional<double> { return -a[0]; };
    } else {
      return std::nullopt;
    }
    SmallVector<const ConstTensor *> ins;
    for (unsigned i = 0; i < nIn; ++i) {
      const ConstTensor *x = get(op->getOperand(i));
      if (!x || (x->shape.size() != shape.size() && !x->shape.empty()))
        return std::nullopt;
      ins.push_back(x);
    }
    ConstTensor t;
    t.shape = shape;
    int64_t n = std::max<int64_t>(1, numel(shape));
    t.data.resize(n);
    SmallVector<int64_t> strides = computeStrides(shape);
    SmallVector<double> a(nIn);
    for (int64_t k = 0; k < n; ++k) {
      SmallVector<int64_t> idx =
          shape.empty() ? SmallVector<int64_t>() : delinearize(k, strides);
      for (unsigned i = 0; i < nIn; ++i) {
        const ConstTensor *x = ins[i];
        int64_t off = 0;
        for (size_t d = 0; d < x->shape.size(); ++d)
          off = off * x->shape[d] + (x->shape[d] == 1 ? 0 : idx[d]);
        a[i] = x->data[off];
      }
      auto r = fn(a);
      if (!r)
        return std::nullopt;
      t.data[k] = *r;
    }
    return t;
  }

  /// A parallel linalg.generic, body op by op at each point; `v` is the
  /// result to compute (or a value of the body: a select's condition).
  std::optional<ConstTensor> evalGeneric(linalg::GenericOp g, Value v) {
    if (g.getNumLoops() != g.getNumParallelLoops())
      return std::nullopt;
    unsigned resultNo = 0;
    Value target;
    if (auto r = dyn_cast<OpResult>(v); r && r.getOwner() == g) {
      resultNo = r.getResultNumber();
      target = cast<linalg::YieldOp>(g.getBody()->getTerminator())
                   .getOperand(resultNo);
    } else {
      target = v;
    }
    return evalBodyValue(g, target);
  }

public:
  std::optional<ConstTensor> evalBodyValue(linalg::GenericOp g, Value target) {
    Shape loops;
    for (int64_t s : g.getStaticLoopRanges()) {
      if (ShapedType::isDynamic(s))
        return std::nullopt;
      loops.push_back(s);
    }
    if (numel(loops) > limit)
      return std::nullopt;
    Block *body = g.getBody();
    SmallVector<const ConstTensor *> args;
    SmallVector<AffineMap> maps = g.getIndexingMapsArray();
    for (OpOperand &o : g->getOpOperands()) {
      BlockArgument ba = g.getMatchingBlockArgument(&o);
      if (ba.use_empty()) {
        args.push_back(nullptr);
        continue;
      }
      const ConstTensor *x = get(o.get());
      if (!x)
        return std::nullopt;
      args.push_back(x);
    }
    ConstTensor t;
    t.shape = loops;
    int64_t n = numel(loops);
    t.data.resize(n);
    SmallVector<int64_t> strides = computeStrides(loops);
    llvm::DenseMap<Value, double> vals;
    for (int64_t k = 0; k < n; ++k) {
      SmallVector<int64_t> idx = delinearize(k, strides);
      vals.clear();
      for (auto [i, x] : llvm::enumerate(args)) {
        if (!x)
          continue;
        SmallVector<int64_t> at = maps[i].compose(idx);
        int64_t off = 0;
        for (size_t d = 0; d < at.size(); ++d)
          off = off * x->shape[d] + at[d];
        vals[body->getArgument(i)] = x->data[off];
      }
      for (Operation &op : body->without_terminator()) {
        if (auto ix = dyn_cast<linalg::IndexOp>(op)) {
          vals[ix.getResult()] = double(idx[ix.getDim()]);
          continue;
        }
        SmallVector<double> a;
        for (Value o : op.getOperands()) {
          auto it = vals.find(o);
          if (it != vals.end()) {
            a.push_back(it->second);
            continue;
          }
          const ConstTensor *c = o.getParentBlock() == body ? nullptr : get(o);
          if (!c || c->data.size() != 1 || !c->shape.empty())
            return std::nullopt;
          a.push_back(c->data[0]);
        }
        if (op.getNumResults() != 1)
          return std::nullopt;
        std::optional<double> r;
        if (auto c = dyn_cast<arith::ConstantOp>(op)) {
          auto ct = fromAttr(c.getValue(), c.getType());
          if (ct && ct->data.size() == 1)
            r = ct->data[0];
        } else {
          r = evalScalar(&op, a);
        }
        if (!r)
          return std::nullopt;
        vals[op.getResult(0)] = *r;
      }
      auto it = vals.find(target);
      if (it == vals.end()) {
        const ConstTensor *c = get(target);
        if (!c || c->data.size() != 1)
          return std::nullopt;
        t.data[k] = c->data[0];
      } else {
        t.data[k] = it->second;
      }
    }
    // A body value has the loop shape; a result has the output's (equal
    // for the identity-mapped outputs this is used with).
    return t;
  }
};

} // namespace

std::optional<ConstTensor> raise::evaluateConstant(Value v, int64_t limit) {
  Evaluator e(limit);
  if (Operation *def = v.getDefiningOp();
      def && !isa<linalg::GenericOp, arith::ConstantOp>(def) &&
      isa<linalg::GenericOp>(def->getParentOp())) {
    auto g = cast<linalg::GenericOp>(def->getParentOp());
    return e.evalBodyValue(g, v);
  }
  const ConstTensor *t = e.get(v);
  if (!t)
    return std::nullopt;
  return *t;
}

std::optional<double> raise::constantSplat(Value v) {
  // Fills and splat constants without materializing them (inits of large
  // contractions and reductions).
  Operation *def = v.getDefiningOp();
  if (auto f = dyn_cast_or_null<linalg::FillOp>(def))
    return constantSplat(f.getInputs()[0]);
  Attribute attr;
  if (auto c = dyn_cast_or_null<arith::ConstantOp>(def))
    attr = c.getValue();
  else if (auto c = dyn_cast_or_null<tosa::ConstOp>(def))
    attr = c.getValues();
  if (auto sp = dyn_cast_or_null<SplatElementsAttr>(attr)) {
    Type et = sp.getElementType();
    if (isa<FloatType>(et))
      return sp.getSplatValue<APFloat>().convertToDouble();
    if (et.isInteger(1))
      return double(sp.getSplatValue<bool>());
    if (et.isIntOrIndex())
      return double(sp.getSplatValue<APInt>().getSExtValue());
  }
  auto t = evaluateConstant(v, 1 << 20);
  if (!t || t->data.empty())
    return std::nullopt;
  for (double x : t->data)
    if (!(x == t->data[0]) && !(std::isnan(x) && std::isnan(t->data[0])))
      return std::nullopt;
  return t->data[0];
}
