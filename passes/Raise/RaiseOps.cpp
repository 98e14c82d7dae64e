//===- RaiseOps.cpp - linalg / TOSA / tensor ops as --attn-raise sees them -===//
//
// Decoders from the ops that front ends emit to the few shapes the raise
// matcher reasons about (RaiseMatch.h): element-wise steps, row
// reductions, contractions, reshapes, transposes and broadcasts.
//
//===----------------------------------------------------------------------===//
#include "RaiseMatch.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/IR/LinalgInterfaces.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/BuiltinTypes.h"

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::raise;

namespace {

RankedTensorType staticTensor(Type t) {
  auto rt = dyn_cast<RankedTensorType>(t);
  return rt && rt.hasStaticShape() ? rt : RankedTensorType();
}

/// Map of an implicitly broadcast TOSA / arith operand into the result's
/// iteration space (equal ranks; size-1 dims read index 0).
std::optional<AffineMap> implicitBroadcastMap(Value operand, Value result) {
  auto in = staticTensor(operand.getType());
  auto out = staticTensor(result.getType());
  if (!in || !out || in.getRank() != out.getRank())
    return std::nullopt;
  MLIRContext *ctx = result.getContext();
  SmallVector<AffineExpr> exprs;
  for (int64_t d = 0; d < out.getRank(); ++d) {
    if (in.getDimSize(d) == out.getDimSize(d))
      exprs.push_back(getAffineDimExpr(d, ctx));
    else if (in.getDimSize(d) == 1)
      exprs.push_back(getAffineConstantExpr(0, ctx));
    else
      return std::nullopt;
  }
  return AffineMap::get(out.getRank(), 0, exprs, ctx);
}

/// Scalar constant behind a value used inside a linalg body (captured from
/// outside or defined inside).
std::optional<double> scalarConstant(Value v) {
  Attribute a;
  if (auto c = v.getDefiningOp<arith::ConstantOp>())
    a = c.getValue();
  if (auto f = dyn_cast_or_null<FloatAttr>(a))
    return f.getValueAsDouble();
  if (auto i = dyn_cast_or_null<IntegerAttr>(a))
    return double(i.getValue().getSExtValue());
  return std::nullopt;
}

/// One operand of a one-op linalg.generic body.
std::optional<EwArg> bodyOperand(linalg::GenericOp g, Value v) {
  EwArg arg;
  if (auto ba = dyn_cast<BlockArgument>(v);
      ba && ba.getOwner() == g.getBody()) {
    OpOperand *operand = g.getMatchingOpOperand(ba);
    if (g.isDpsInit(operand))
      return std::nullopt; // reading the output: not element-wise
    arg.tensor = operand->get();
    arg.map = g.getMatchingIndexingMap(operand);
    return arg;
  }
  if (auto c = scalarConstant(v)) {
    arg.scalar = *c;
    return arg;
  }
  // A value computed inside the body (a compare feeding a select, ...):
  // kept as the body value; the constant evaluator can compute it.
  if (v.getDefiningOp() && v.getDefiningOp()->getBlock() == g.getBody()) {
    arg.tensor = v;
    return arg;
  }
  return std::nullopt;
}

std::optional<Ew> kindOf(Operation *op) {
  if (isa<arith::AddFOp>(op)) return Ew::Add;
  if (isa<arith::SubFOp>(op)) return Ew::Sub;
  if (isa<arith::MulFOp>(op)) return Ew::Mul;
  if (isa<arith::DivFOp>(op)) return Ew::Div;
  if (isa<arith::MaximumFOp, arith::MaxNumFOp>(op)) return Ew::Max;
  if (isa<math::ExpOp>(op)) return Ew::Exp;
  if (isa<arith::NegFOp>(op)) return Ew::Neg;
  if (isa<arith::SelectOp>(op)) return Ew::Select;
  if (isa<arith::ExtFOp>(op)) return Ew::ExtF;
  if (isa<arith::TruncFOp>(op)) return Ew::TruncF;
  return std::nullopt;
}

std::optional<EwStep> decodeGeneric(linalg::GenericOp g) {
  if (g.getNumDpsInits() != 1 || g.getNumLoops() != g.getNumParallelLoops())
    return std::nullopt;
  if (!g.getMatchingIndexingMap(g.getDpsInitOperand(0)).isIdentity())
    return std::nullopt;
  auto yield = cast<linalg::YieldOp>(g.getBody()->getTerminator());
  Value y = yield.getOperand(0);
  EwStep step;
  step.op = g;
  step.result = g.getResult(0);
  if (auto ba = dyn_cast<BlockArgument>(y)) { // a copy
    auto arg = bodyOperand(g, y);
    if (!arg)
      return std::nullopt;
    step.kind = Ew::Copy;
    step.args.push_back(*arg);
    return step;
  }
  Operation *core = y.getDefiningOp();
  if (!core || core->getBlock() != g.getBody())
    return std::nullopt;
  auto kind = kindOf(core);
  if (!kind)
    return std::nullopt;
  step.kind = *kind;
  for (Value v : core->getOperands()) {
    auto arg = bodyOperand(g, v);
    if (!arg)
      return std::nullopt;
    // Only a select's condition may be computed inside the body.
    if (arg->tensor && !arg->map && (*kind != Ew::Select || !step.args.empty()))
      return std::nullopt;
    step.args.push_back(*arg);
  }
  return step;
}

/// Element-wise ops whose operands broadcast implicitly (TOSA, arith on
/// tensors, named linalg ops with identity maps).
std::optional<EwStep> decodeImplicit(Operation *op, Ew kind,
                                     ValueRange operands) {
  EwStep step;
  step.op = op;
  step.kind = kind;
  step.result = op->getResult(0);
  for (Value v : operands) {
    EwArg arg;
    if (auto map = implicitBroadcastMap(v, step.result)) {
      arg.tensor = v;
      arg.map = *map;
    } else {
      return std::nullopt;
    }
    step.args.push_back(arg);
  }
  return step;
}

} // namespace

std::optional<EwStep> raise::decodeElementwise(Operation *op) {
  if (!op || op->getNumResults() != 1 ||
      !staticTensor(op->getResult(0).getType()))
    return std::nullopt;
  if (auto g = dyn_cast<linalg::GenericOp>(op))
    return decodeGeneric(g);
  auto first = [&](unsigned n) { return op->getOperands().take_front(n); };
  if (isa<tosa::AddOp, linalg::AddOp>(op)) return decodeImplicit(op, Ew::Add, first(2));
  if (isa<tosa::SubOp, linalg::SubOp>(op)) return decodeImplicit(op, Ew::Sub, first(2));
  if (auto m = dyn_cast<tosa::MulOp>(op)) {
    // Float multiplies: the shift operand must be 0.
    auto s = constantSplat(m.getShift());
    if (!s || *s != 0.0)
      return std::nullopt;
    return decodeImplicit(op, Ew::Mul, first(2));
  }
  if (isa<linalg::MulOp>(op)) return decodeImplicit(op, Ew::Mul, first(2));
  if (isa<linalg::DivOp>(op)) return decodeImplicit(op, Ew::Div, first(2));
  if (isa<tosa::MaximumOp, linalg::MaxOp>(op)) return decodeImplicit(op, Ew::Max, first(2));
  if (isa<tosa::ExpOp, linalg::ExpOp>(op)) return decodeImplicit(op, Ew::Exp, first(1));
  if (isa<tosa::ReciprocalOp, linalg::ReciprocalOp>(op)) return decodeImplicit(op, Ew::Recip, first(1));
  if (isa<tosa::NegateOp, linalg::NegFOp>(op)) return decodeImplicit(op, Ew::Neg, first(1));
  if (isa<tosa::SelectOp, linalg::SelectOp>(op)) return decodeImplicit(op, Ew::Select, first(3));
  if (auto c = dyn_cast<tosa::CastOp>(op)) {
    Type in = getElementTypeOrSelf(c.getInput().getType());
    Type out = getElementTypeOrSelf(c.getType());
    if (!isa<FloatType>(in) || !isa<FloatType>(out))
      return std::nullopt;
    Ew k = in.getIntOrFloatBitWidth() < out.getIntOrFloatBitWidth() ? Ew::ExtF
           : in == out                                             ? Ew::Copy
                                                                    : Ew::TruncF;
    return decodeImplicit(op, k, first(1));
  }
  if (op->getDialect() && op->getDialect()->getNamespace() == "arith" &&
      isa<RankedTensorType>(op->getResult(0).getType())) {
    if (auto k = kindOf(op))
      return decodeImplicit(op, *k, op->getOperands());
  }
  return std::nullopt;
}

namespace {
/// True when `v` is the init of a max (-inf / lowest) or sum (0) reduction.
bool goodInit(Value init, bool isMax) {
  auto s = constantSplat(init);
  if (!s)
    return false;
  return isMax ? (*s == -INFINITY || *s <= -3.0e38) : *s == 0.0;
}

/// Body of a linalg reduction: max or sum of the input into the output.
std::optional<bool> reductionBodyIsMax(Block *body, Value in, Value acc,
                                       Value yielded) {
  Operation *op = yielded.getDefiningOp();
  if (!op)
    return std::nullopt;
  auto isPair = [&](Value a, Value b) {
    return (a == in && b == acc) || (a == acc && b == in);
  };
  if (isa<arith::MaximumFOp, arith::MaxNumFOp>(op) &&
      isPair(op->getOperand(0), op->getOperand(1)))
    return true;
  if (isa<arith::AddFOp>(op) && isPair(op->getOperand(0), op->getOperand(1)))
    return false;
  // select(in > acc, in, acc), as torch-mlir writes max-with-argmax.
  if (auto sel = dyn_cast<arith::SelectOp>(op)) {
    auto cmp = sel.getCondition().getDefiningOp<arith::CmpFOp>();
    if (!cmp || sel.getTrueValue() != in || sel.getFalseValue() != acc)
      return std::nullopt;
    auto p = cmp.getPredicate();
    bool gt = p == arith::CmpFPredicate::OGT || p == arith::CmpFPredicate::OGE ||
              p == arith::CmpFPredicate::UGT || p == arith::CmpFPredicate::UGE;
    if (gt && cmp.getLhs() == in && cmp.getRhs() == acc)
      return true;
  }
  return std::nullopt;
}
} // namespace

std::optional<RowReduce> raise::decodeRowReduce(Operation *op) {
  RowReduce r;
  r.op = op;
  if (auto t = dyn_cast<tosa::ReduceMaxOp>(op)) {
    r.isMax = true, r.input = t.getInput(), r.result = t.getResult();
    auto rt = staticTensor(r.input.getType());
    if (!rt || int64_t(t.getAxis()) != rt.getRank() - 1)
      return std::nullopt;
    return r;
  }
  if (auto t = dyn_cast<tosa::ReduceSumOp>(op)) {
    r.isMax = false, r.input = t.getInput(), r.result = t.getResult();
    auto rt = staticTensor(r.input.getType());
    if (!rt || int64_t(t.getAxis()) != rt.getRank() - 1)
      return std::nullopt;
    return r;
  }
  if (auto red = dyn_cast<linalg::ReduceOp>(op)) {
    if (red.getInputs().size() != 1 || red.getDimensions().size() != 1)
      return std::nullopt;
    auto rt = staticTensor(red.getInputs()[0].getType());
    if (!rt || red.getDimensions()[0] != rt.getRank() - 1)
      return std::nullopt;
    Block *b = &red.getCombiner().front();
    auto y = cast<linalg::YieldOp>(b->getTerminator());
    auto isMax = reductionBodyIsMax(b, b->getArgument(0), b->getArgument(1),
                                    y.getOperand(0));
    if (!isMax || !goodInit(red.getInits()[0], *isMax))
      return std::nullopt;
    r.isMax = *isMax, r.input = red.getInputs()[0], r.result = red.getResult(0);
    return r;
  }
  auto g = dyn_cast<linalg::GenericOp>(op);
  if (!g || g.getNumDpsInputs() != 1 || g.getNumReductionLoops() != 1)
    return std::nullopt;
  auto iters = g.getIteratorTypesArray();
  unsigned n = g.getNumLoops();
  if (iters[n - 1] != utils::IteratorType::reduction)
    return std::nullopt;
  OpOperand *in = g.getDpsInputOperand(0);
  if (!g.getMatchingIndexingMap(in).isIdentity())
    return std::nullopt;
  // Every init (the max's value, and an unused argmax index) drops the last
  // dim, or keeps it as size 1.
  MLIRContext *ctx = op->getContext();
  SmallVector<AffineExpr> dropped, kept;
  for (unsigned d = 0; d + 1 < n; ++d) {
    dropped.push_back(getAffineDimExpr(d, ctx));
    kept.push_back(getAffineDimExpr(d, ctx));
  }
  kept.push_back(getAffineConstantExpr(0, ctx));
  for (OpOperand &init : g.getDpsInitsMutable()) {
    AffineMap m = g.getMatchingIndexingMap(&init);
    if (m != AffineMap::get(n, 0, dropped, ctx) &&
        m != AffineMap::get(n, 0, kept, ctx))
      return std::nullopt;
  }
  for (unsigned i = 1; i < g.getNumResults(); ++i)
    if (!g.getResult(i).use_empty())
      return std::nullopt;
  Block *b = g.getBody();
  auto y = cast<linalg::YieldOp>(b->getTerminator());
  auto isMax = reductionBodyIsMax(b, b->getArgument(0), b->getArgument(1),
                                  y.getOperand(0));
  if (!isMax || !goodInit(g.getDpsInitOperand(0)->get(), *isMax))
    return std::nullopt;
  r.isMax = *isMax, r.input = in->get(), r.result = g.getResult(0);
  return r;
}

std::optional<Contraction> raise::decodeContraction(Operation *op) {
  Contraction c;
  c.op = op;
  if (auto m = dyn_cast<tosa::MatMulOp>(op)) {
    auto az = constantSplat(m.getAZp()), bz = constantSplat(m.getBZp());
    if (!az || !bz || *az != 0 || *bz != 0)
      return std::nullopt;
    c.lhs = m.getA(), c.rhs = m.getB(), c.result = m.getResult();
    return c;
  }
  auto l = dyn_cast<linalg::LinalgOp>(op);
  if (!l || l.getNumDpsInputs() != 2 || l.getNumDpsInits() != 1 ||
      !l.hasPureTensorSemantics() || !linalg::isaContractionOpInterface(l))
    return std::nullopt;
  auto dims = linalg::inferContractionDims(l);
  if (failed(dims) || dims->m.size() != 1 || dims->n.size() != 1 ||
      dims->k.size() != 1)
    return std::nullopt;
  MLIRContext *ctx = op->getContext();
  unsigned nl = l.getNumLoops();
  auto mapOf = [&](ArrayRef<unsigned> ds) {
    SmallVector<AffineExpr> e;
    for (unsigned d : ds)
      e.push_back(getAffineDimExpr(d, ctx));
    return AffineMap::get(nl, 0, e, ctx);
  };
  SmallVector<unsigned> batch(dims->batch.begin(), dims->batch.end());
  auto with = [&](unsigned a, unsigned b) {
    SmallVector<unsigned> v = batch;
    v.push_back(a), v.push_back(b);
    return mapOf(v);
  };
  unsigned m = dims->m[0], n = dims->n[0], k = dims->k[0];
  auto maps = l.getIndexingMapsArray();
  if (maps[2] != with(m, n) || maps[0] != with(m, k))
    return std::nullopt;
  if (maps[1] == with(k, n))
    c.rhsTransposed = false;
  else if (maps[1] == with(n, k))
    c.rhsTransposed = true;
  else
    return std::nullopt;
  auto zero = constantSplat(l.getDpsInitOperand(0)->get());
  if (!zero || *zero != 0.0)
    return std::nullopt;
  c.lhs = l.getDpsInputOperand(0)->get();
  c.rhs = l.getDpsInputOperand(1)->get();
  c.result = op->getResult(0);
  return c;
}

Value raise::anyReshapeInput(Operation *op) {
  if (!op || op->getNumResults() != 1)
    return Value();
  Value in;
  if (auto e = dyn_cast<tensor::ExpandShapeOp>(op))
    in = e.getSrc();
  else if (auto c = dyn_cast<tensor::CollapseShapeOp>(op))
    in = c.getSrc();
  else if (auto r = dyn_cast<tosa::ReshapeOp>(op))
    in = r.getInput1();
  else if (auto r = dyn_cast<tensor::ReshapeOp>(op))
    in = r.getSource();
  else
    return Value();
  auto a = staticTensor(in.getType()), b = staticTensor(op->getResult(0).getType());
  if (!a || !b || a.getNumElements() != b.getNumElements())
    return Value();
  return in;
}

Value raise::batchReshapeInput(Operation *op) {
  Value in = anyReshapeInput(op);
  if (!in)
    return Value();
  auto a = staticTensor(in.getType()), b = staticTensor(op->getResult(0).getType());
  if (a.getRank() < 2 || b.getRank() < 2 ||
      a.getShape().take_back(2) != b.getShape().take_back(2))
    return Value();
  return in;
}

std::optional<std::pair<Value, SmallVector<int64_t>>>
raise::decodeTranspose(Operation *op) {
  if (auto t = dyn_cast_or_null<linalg::TransposeOp>(op))
    return std::make_pair(t.getInput(),
                          SmallVector<int64_t>(t.getPermutation()));
  if (auto t = dyn_cast_or_null<tosa::TransposeOp>(op)) {
    SmallVector<int64_t> p;
    for (int32_t x : t.getPerms())
      p.push_back(x);
    return std::make_pair(t.getInput1(), p);
  }
  auto g = dyn_cast_or_null<linalg::GenericOp>(op);
  if (!g)
    return std::nullopt;
  auto step = decodeGeneric(g);
  if (!step || step->kind != Ew::Copy || !step->args[0].map.isPermutation())
    return std::nullopt;
  // Result dim d reads input dim perm[d]: invert the input map.
  AffineMap inv = inversePermutation(step->args[0].map);
  SmallVector<int64_t> p;
  for (AffineExpr e : inv.getResults())
    p.push_back(cast<AffineDimExpr>(e).getPosition());
  return std::make_pair(step->args[0].tensor, p);
}

std::optional<std::pair<Value, SmallVector<int64_t>>>
raise::decodeBroadcast(Operation *op) {
  auto out = op && op->getNumResults() == 1
                 ? staticTensor(op->getResult(0).getType())
                 : RankedTensorType();
  if (!out)
    return std::nullopt;
  SmallVector<int64_t> src(out.getRank(), -1);
  if (auto b = dyn_cast<linalg::BroadcastOp>(op)) {
    int64_t next = 0;
    for (int64_t d = 0; d < out.getRank(); ++d)
      if (!llvm::is_contained(b.getDimensions(), d))
        src[d] = next++;
    return std::make_pair(b.getInput(), src);
  }
  if (auto t = dyn_cast<tosa::TileOp>(op)) {
    auto in = staticTensor(t.getInput1().getType());
    if (!in || in.getRank() != out.getRank())
      return std::nullopt;
    for (int64_t d = 0; d < out.getRank(); ++d) {
      if (in.getDimSize(d) == out.getDimSize(d))
        src[d] = d;
      else if (in.getDimSize(d) != 1)
        return std::nullopt;
    }
    return std::make_pair(t.getInput1(), src);
  }
  auto g = dyn_cast<linalg::GenericOp>(op);
  if (!g)
    return std::nullopt;
  auto step = decodeGeneric(g);
  if (!step || step->kind != Ew::Copy || !step->args[0].tensor)
    return std::nullopt;
  AffineMap m = step->args[0].map;
  auto in = staticTensor(step->args[0].tensor.getType());
  if (!in)
    return std::nullopt;
  for (auto [i, e] : llvm::enumerate(m.getResults())) {
    if (auto d = dyn_cast<AffineDimExpr>(e)) {
      if (src[d.getPosition()] != -1)
        return std::nullopt;
      src[d.getPosition()] = i;
    } else if (auto c = dyn_cast<AffineConstantExpr>(e)) {
      if (c.getValue() != 0 || in.getDimSize(i) != 1)
        return std::nullopt;
    } else {
      return std::nullopt;
    }
  }
  // Input dims must appear in order (a broadcast, not a transpose).
  int64_t last = -1;
  for (int64_t s : src)
    if (s >= 0) {
      if (s < last)
        return std::nullopt;
      last = s;
    }
  return std::make_pair(step->args[0].tensor, src);
}
