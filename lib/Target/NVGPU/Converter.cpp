//===- Converter.cpp - fused structure -> kernel body ---------------------===//
//
// Carries the body of the fused structure's parallel loop into a gpu.func,
// op by op, with the tensors replaced by per-lane fragment values
// (Kernel.h). Only what the structure emits for the targets options of
// nvgpuFusedTarget() is understood; anything else is an error at the op.
//
//===----------------------------------------------------------------------===//
#include "Converter.h"
#include "Kernel.h"
#include "attn/GpuRuntime/KernelDesc.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Analysis/TopologicalSortUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/RegionUtils.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::nvgpu;

namespace {

bool isScalar(Type t) { return t.isIntOrIndexOrFloat(); }

bool isScalarOp(Operation *op) {
  return op->getNumRegions() == 0 &&
         llvm::all_of(op->getOperandTypes(), isScalar) &&
         llvm::all_of(op->getResultTypes(), isScalar);
}

/// A constant upper bound of an index value built by the structure
/// (constants and min of a constant: a short last tile).
std::optional<int64_t> upperBound(Value v) {
  if (std::optional<int64_t> c = getConstantIntValue(v))
    return c;
  Operation *def = v.getDefiningOp();
  if (!def || !isa<arith::MinSIOp, arith::MinUIOp>(def))
    return std::nullopt;
  std::optional<int64_t> x = upperBound(def->getOperand(0)),
                         y = upperBound(def->getOperand(1));
  if (x && y)
    return std::min(*x, *y);
  return x ? x : y;
}

/// The value of an index computed from constants (the forall's bounds).
std::optional<int64_t> evalConst(Value v) {
  if (std::optional<int64_t> c = getConstantIntValue(v))
    return c;
  Operation *def = v.getDefiningOp();
  if (!def || def->getNumOperands() != 2)
    return std::nullopt;
  std::optional<int64_t> x = evalConst(def->getOperand(0)),
                         y = evalConst(def->getOperand(1));
  if (!x || !y)
    return std::nullopt;
  if (isa<arith::AddIOp>(def))
    return *x + *y;
  if (isa<arith::SubIOp>(def))
    return *x - *y;
  if (isa<arith::MulIOp>(def))
    return *x * *y;
  if (*y > 0 && isa<arith::CeilDivSIOp>(def))
    return (*x + *y - 1) / *y;
  if (*y > 0 && isa<arith::DivSIOp, arith::DivUIOp>(def))
    return *x / *y;
  if (isa<arith::MinSIOp>(def))
    return std::min(*x, *y);
  if (isa<arith::MaxSIOp>(def))
    return std::max(*x, *y);
  return std::nullopt;
}

/// Static rows of a Q/K/V tile operand of a step, or its bound.
std::optional<int64_t> tileRows(Value t) {
  auto ty = cast<RankedTensorType>(t.getType());
  if (!ty.isDynamicDim(0))
    return ty.getDimSize(0);
  auto slice = t.getDefiningOp<tensor::ExtractSliceOp>();
  if (!slice)
    return std::nullopt;
  llvm::SmallBitVector dropped = slice.getDroppedDims();
  for (auto [i, size] : llvm::enumerate(slice.getMixedSizes()))
    if (!dropped[i]) {
      if (auto v = dyn_cast<Value>(size))
        return upperBound(v);
      return getConstantIntValue(size);
    }
  return std::nullopt;
}

class Converter {
public:
  Converter(OpBuilder &b, Location loc, KernelContext &kc)
      : b(b), fb(b, loc, kc.elem), kc(kc) {}

  OpBuilder &b;
  FragBuilder fb;
  KernelContext &kc;
  IRMapping scalars;
  DenseMap<Value, TileView> views;
  DenseMap<Value, Rows> rows;
  DenseMap<Value, FragTile> frags;
  DenseSet<Value> empties;
  DenseMap<Value, Value> globals; // tensor -> kernel memref argument

  LogicalResult cloneAbove(Value v, Operation *user);
  LogicalResult convertBlock(Block &block);
  LogicalResult convertOp(Operation *op);

private:
  LogicalResult cloneScalar(Operation *op);
  Value materialize(OpFoldResult ofr) {
    if (auto v = dyn_cast<Value>(ofr))
      return scalars.lookupOrNull(v);
    return fb.idx(*getConstantIntValue(ofr));
  }
  LogicalResult convertSlice(tensor::ExtractSliceOp s);
  /// The Q/K/V tile a slice of an input denotes (operands as mapped now).
  FailureOr<TileView> makeView(tensor::ExtractSliceOp s);
  /// Pipelines the K/V copies of a key loop's step one tile ahead:
  /// returns the step whose tiles the loop body copies, if it can.
  OnlineAttentionOp pipelinedStep(scf::ForOp f,
                                  SmallVector<Operation *> &addressOps);
  /// K and V views of `step` in iteration `iv` of its loop (re-clones the
  /// address computation `addressOps`).
  FailureOr<std::pair<TileView, TileView>>
  kvViewsAt(scf::ForOp f, OnlineAttentionOp step,
            ArrayRef<Operation *> addressOps, Value iv);
  /// Buffer of the pipelined steps (copied by their loop).
  DenseMap<Operation *, Value> preloaded;
  LogicalResult convertPad(tensor::PadOp p);
  LogicalResult convertFill(linalg::FillOp f);
  LogicalResult convertGeneric(linalg::GenericOp g);
  LogicalResult convertFor(scf::ForOp f);
  LogicalResult convertStep(OnlineAttentionOp op);
  LogicalResult convertInsert(tensor::ParallelInsertSliceOp ins);
  /// The lane's values of a Rows / FragTile value, in a fixed order.
  SmallVector<Value> flatten(Value v);
  /// Rebinds `v` to the values `flat` (as flatten(like) orders them).
  void unflatten(Value v, Value like, ValueRange flat);
  FailureOr<Value> inlineScore(OnlineAttentionOp op, Value s, Value i,
                               Value j);
};

} // namespace

LogicalResult Converter::cloneAbove(Value v, Operation *user) {
  if (scalars.contains(v) || globals.count(v))
    return success();
  Operation *def = v.getDefiningOp();
  if (!def || !isScalarOp(def))
    return user->emitOpError("uses a value defined outside the parallel "
                             "loop that the NVGPU kernel cannot take (block "
                             "lists and run-time pattern tensors are not "
                             "supported): ")
           << v;
  for (Value o : def->getOperands())
    if (failed(cloneAbove(o, def)))
      return failure();
  return cloneScalar(def);
}

LogicalResult Converter::cloneScalar(Operation *op) {
  for (Value o : op->getOperands())
    if (!scalars.contains(o))
      return op->emitOpError("uses a value the NVGPU kernel does not have");
  auto in = [&](unsigned i) { return scalars.lookup(op->getOperand(i)); };
  // The SFU versions of the math the structure uses (libdevice would need
  // the CUDA toolkit where attn-opt runs).
  if (isa<math::MathDialect>(op->getDialect())) {
    if (op->getNumResults() != 1 || !op->getResult(0).getType().isF32())
      return op->emitOpError("is not supported in an NVGPU kernel (f32 "
                             "tanh, exp and log only)");
    Value r;
    if (isa<math::TanhOp>(op)) {
      r = fb.tanh(in(0));
    } else if (isa<math::ExpOp>(op)) {
      Value c = fb.f(1.4426950408889634);
      Value x = fb.fmul(in(0), c);
      r = fb.exp2(x);
    } else if (isa<math::LogOp>(op)) {
      Value l2 = fb.log2(in(0));
      Value c = fb.f(std::log(2.0));
      r = fb.fmul(l2, c);
    } else {
      return op->emitOpError("is not supported in an NVGPU kernel (f32 "
                             "tanh, exp and log only)");
    }
    scalars.map(op->getResult(0), r);
    return success();
  }
  if (!isa<arith::ArithDialect>(op->getDialect()))
    return op->emitOpError("is not supported in an NVGPU kernel");
  b.clone(*op, scalars);
  return success();
}

LogicalResult Converter::convertBlock(Block &block) {
  for (Operation &op : block.without_terminator())
    if (failed(convertOp(&op)))
      return failure();
  return success();
}

LogicalResult Converter::convertOp(Operation *op) {
  if (auto s = dyn_cast<tensor::ExtractSliceOp>(op))
    return convertSlice(s);
  if (auto p = dyn_cast<tensor::PadOp>(op))
    return convertPad(p);
  if (auto dim = dyn_cast<tensor::DimOp>(op)) {
    // Rows of a tile (the structure sizes its padding by them).
    auto it = views.find(dim.getSource());
    std::optional<int64_t> i = dim.getConstantIndex();
    if (it == views.end() || !i || *i > 1)
      return dim.emitOpError("cannot be carried into the NVGPU kernel");
    Value size = *i == 1 ? fb.idx(it->second.tile.width)
                 : it->second.tile.validRows ? it->second.tile.validRows
                                             : fb.idx(it->second.rows);
    scalars.map(dim.getResult(), size);
    return success();
  }
  if (auto apply = dyn_cast<affine::AffineApplyOp>(op)) {
    SmallVector<Value> operands;
    for (Value o : apply.getMapOperands())
      operands.push_back(scalars.lookupOrNull(o));
    if (llvm::is_contained(operands, Value()))
      return apply.emitOpError("uses a value the NVGPU kernel does not have");
    std::optional<SmallVector<Value, 8>> r = affine::expandAffineMap(
        b, apply.getLoc(), apply.getAffineMap(), operands);
    if (!r)
      return apply.emitOpError("cannot be expanded in the NVGPU kernel");
    scalars.map(apply.getResult(), r->front());
    return success();
  }
  if (isa<tensor::EmptyOp>(op)) {
    empties.insert(op->getResult(0));
    return success();
  }
  if (auto f = dyn_cast<linalg::FillOp>(op))
    return convertFill(f);
  if (auto g = dyn_cast<linalg::GenericOp>(op))
    return convertGeneric(g);
  if (auto f = dyn_cast<scf::ForOp>(op))
    return convertFor(f);
  if (auto s = dyn_cast<OnlineAttentionOp>(op))
    return convertStep(s);
  if (auto p = dyn_cast<scf::InParallelOp>(op)) {
    for (Operation &y : p.getBody()->getOperations())
      if (auto ins = dyn_cast<tensor::ParallelInsertSliceOp>(&y))
        if (failed(convertInsert(ins)))
          return failure();
    return success();
  }
  if (isScalarOp(op))
    return cloneScalar(op);
  return op->emitOpError("is not supported by the NVGPU kernel (in the "
                         "fused structure's parallel loop)");
}

LogicalResult Converter::convertSlice(tensor::ExtractSliceOp s) {
  Value src = s.getSource(), res = s.getResult();
  auto bad = [&](const Twine &why) {
    return s.emitOpError("cannot be carried into the NVGPU kernel: ") << why;
  };
  if (!s.hasUnitStride())
    return bad("strided slice");
  SmallVector<Value> offs;
  for (OpFoldResult o : s.getMixedOffsets()) {
    offs.push_back(materialize(o));
    if (!offs.back())
      return bad("unknown offset");
  }
  Value size0;
  llvm::SmallBitVector dropped = s.getDroppedDims();
  SmallVector<unsigned> kept;
  for (unsigned i = 0, e = s.getSourceType().getRank(); i < e; ++i)
    if (!dropped[i])
      kept.push_back(i);
  if (kept.empty())
    return bad("no rows");
  size0 = materialize(s.getMixedSizes()[kept[0]]);
  if (!size0)
    return bad("unknown size");
  // Rows of a fragment value (the real rows of the output tile).
  if (frags.count(src) || rows.count(src)) {
    for (OpFoldResult o : s.getMixedOffsets())
      if (!isConstantIntValue(o, 0))
        return bad("fragment slices must start at 0");
    if (frags.count(src)) {
      FragTile t = frags[src];
      t.valid = size0;
      frags[res] = t;
    } else {
      Rows r = rows[src];
      r.valid = size0;
      rows[res] = r;
    }
    return success();
  }
  FailureOr<TileView> v = makeView(s);
  if (failed(v))
    return failure();
  views[res] = *v;
  for (Operation *user : res.getUsers())
    if (auto step = dyn_cast<OnlineAttentionOp>(user))
      if (step.getQuery() == res && views[res].qFrags.empty())
        loadQuery(fb, kc, views[res]);
  return success();
}

FailureOr<TileView> Converter::makeView(tensor::ExtractSliceOp s) {
  auto bad = [&](const Twine &why) {
    return s.emitOpError("cannot be carried into the NVGPU kernel: ") << why;
  };
  Value g = globals.lookup(s.getSource());
  llvm::SmallBitVector dropped = s.getDroppedDims();
  SmallVector<unsigned> kept;
  for (unsigned i = 0, e = s.getSourceType().getRank(); i < e; ++i)
    if (!dropped[i])
      kept.push_back(i);
  if (!g || !s.hasUnitStride() || s.getSourceType().getRank() != 4 ||
      kept.size() != 2 || kept[1] != 3 ||
      !isConstantIntValue(s.getMixedOffsets()[3], 0) ||
      s.getResultType().getDimSize(1) != s.getSourceType().getDimSize(3))
    return bad("expected rows of one head of a Q, K or V input");
  TileView v;
  v.tile.src = g;
  for (OpFoldResult o : s.getMixedOffsets()) {
    v.tile.offsets.push_back(materialize(o));
    if (!v.tile.offsets.back())
      return bad("unknown offset");
  }
  v.tile.rowDim = kept[0];
  v.tile.width = s.getSourceType().getDimSize(3);
  std::optional<int64_t> r = tileRows(s.getResult());
  if (!r)
    return bad("a tile without a static bound on its rows");
  v.rows = *r;
  if (s.getResultType().isDynamicDim(0)) {
    v.tile.validRows = materialize(s.getMixedSizes()[kept[0]]);
    if (!v.tile.validRows)
      return bad("unknown size");
  }
  return v;
}

LogicalResult Converter::convertPad(tensor::PadOp p) {
  auto bad = [&](const Twine &why) {
    return p.emitOpError("cannot be carried into the NVGPU kernel: ") << why;
  };
  auto it = views.find(p.getSource());
  if (it == views.end())
    return bad("only tiles of the inputs are padded");
  Value pv = p.getConstantPaddingValue();
  if (!pv || !matchPattern(pv, m_AnyZeroFloat()))
    return bad("padding must be zero (loads zero-fill)");
  for (OpFoldResult lo : p.getMixedLowPad())
    if (!isConstantIntValue(lo, 0))
      return bad("low padding");
  RankedTensorType ty = p.getResultType();
  if (ty.isDynamicDim(0) || ty.getDimSize(1) != it->second.tile.width)
    return bad("only rows are padded, to a static count");
  TileView v = it->second;
  // The padded rows are zero-filled by the copy: predicated, not padded.
  if (!v.tile.validRows && v.rows < ty.getDimSize(0))
    v.tile.validRows = fb.idx(v.rows);
  v.rows = ty.getDimSize(0);
  Value res = p.getResult();
  views[res] = v;
  for (Operation *user : res.getUsers())
    if (auto step = dyn_cast<OnlineAttentionOp>(user))
      if (step.getQuery() == res && views[res].qFrags.empty())
        loadQuery(fb, kc, views[res]);
  return success();
}

LogicalResult Converter::convertFill(linalg::FillOp f) {
  Value x = scalars.lookupOrNull(f.getInputs()[0]);
  auto ty = cast<RankedTensorType>(f.getResult(0).getType());
  if (!x || !x.getType().isF32() || ty.getRank() > 2 ||
      (ty.getRank() == 2 && ty.getDimSize(1) % 8 != 0))
    return f.emitOpError("cannot be carried into the NVGPU kernel: f32 "
                         "[Tq] or [Tq, N] state expected");
  if (ty.getRank() == 1) {
    rows[f.getResult(0)] = {{x, x}, Value()};
    return success();
  }
  Value splat = vector::BroadcastOp::create(b, fb.loc, fb.frag, x);
  FragTile t;
  t.blocks.assign(ty.getDimSize(1) / 8, splat);
  frags[f.getResult(0)] = t;
  return success();
}

LogicalResult Converter::convertGeneric(linalg::GenericOp g) {
  auto bad = [&](const Twine &why) {
    return g.emitOpError("cannot be carried into the NVGPU kernel: ") << why;
  };
  unsigned rank = g.getNumLoops();
  if (g.getNumResults() != 1 || rank < 1 || rank > 2 ||
      g.getNumReductionLoops() != 0)
    return bad("elementwise [Tq] or [Tq, N] expected");
  Block *body = g.getBody();
  Value init = g.getDpsInits()[0];
  int64_t blocks = 1;
  Value valid;
  for (OpOperand &o : g->getOpOperands()) {
    AffineMap map = g.getMatchingIndexingMap(&o);
    bool used = !body->getArgument(o.getOperandNumber()).use_empty();
    Value v = o.get();
    if (frags.count(v)) {
      if (!map.isIdentity() || rank != 2)
        return bad("a [Tq, N] operand must be read elementwise");
      blocks = frags[v].blocks.size();
      valid = valid ? valid : frags[v].valid;
    } else if (rows.count(v)) {
      if (map.getNumResults() != 1 || !map.getResult(0).isFunctionOfDim(0) ||
          map.getResult(0) != getAffineDimExpr(0, g.getContext()))
        return bad("a [Tq] operand must be indexed by the row");
      valid = valid ? valid : rows[v].valid;
    } else if (used || !empties.count(v)) {
      return bad("operands must be the state or results made from it");
    }
  }
  Type yTy = body->getTerminator()->getOperand(0).getType();
  // One clone of the body per element the lane owns.
  auto element = [&](int64_t nb, int64_t r, int64_t c) -> FailureOr<Value> {
    for (OpOperand &o : g->getOpOperands()) {
      Value arg = body->getArgument(o.getOperandNumber());
      if (frags.count(o.get()))
        scalars.map(arg, fb.at(frags[o.get()].blocks[nb], r, c));
      else if (rows.count(o.get()))
        scalars.map(arg, rows[o.get()].r[r]);
    }
    for (Operation &op : body->without_terminator()) {
      if (!isScalarOp(&op))
        return op.emitOpError("is not supported by the NVGPU kernel (in an "
                              "elementwise body)");
      if (failed(cloneScalar(&op)))
        return failure();
    }
    return scalars.lookup(body->getTerminator()->getOperand(0));
  };
  if (rank == 1) {
    Rows out;
    out.valid = valid;
    for (int64_t r = 0; r < 2; ++r) {
      FailureOr<Value> e = element(0, r, 0);
      if (failed(e))
        return failure();
      out.r[r] = *e;
    }
    rows[g.getResult(0)] = out;
    return success();
  }
  FragTile out;
  out.valid = valid;
  auto ty = VectorType::get({2, 2}, yTy);
  for (int64_t nb = 0; nb < blocks; ++nb) {
    SmallVector<Value> elems;
    for (int64_t r = 0; r < 2; ++r)
      for (int64_t c = 0; c < 2; ++c) {
        FailureOr<Value> e = element(nb, r, c);
        if (failed(e))
          return failure();
        elems.push_back(*e);
      }
    out.blocks.push_back(fb.pack(ty, elems));
  }
  (void)init;
  frags[g.getResult(0)] = out;
  return success();
}

SmallVector<Value> Converter::flatten(Value v) {
  if (rows.count(v))
    return {rows[v].r[0], rows[v].r[1]};
  return frags[v].blocks;
}

void Converter::unflatten(Value v, Value like, ValueRange flat) {
  if (rows.count(like)) {
    rows[v] = {{flat[0], flat[1]}, Value()};
    return;
  }
  FragTile t;
  t.blocks.assign(flat.begin(), flat.end());
  frags[v] = t;
}

OnlineAttentionOp
Converter::pipelinedStep(scf::ForOp f, SmallVector<Operation *> &addressOps) {
  OnlineAttentionOp step;
  for (Operation &op : f.getBody()->without_terminator()) {
    if (auto s = dyn_cast<OnlineAttentionOp>(op)) {
      if (step)
        return {};
      step = s;
    } else if (op.getNumRegions() != 0) {
      return {};
    }
  }
  if (!step)
    return {};
  llvm::SetVector<Operation *> slice;
  BackwardSliceOptions opts;
  opts.filter = [&](Operation *o) { return o->getBlock() == f.getBody(); };
  for (Value t : {step.getKey(), step.getValue()}) {
    auto s = t.getDefiningOp<tensor::ExtractSliceOp>();
    if (!s || s->getBlock() != f.getBody() || !globals.count(s.getSource()))
      return {};
    for (Value o : s->getOperands()) {
      Operation *def = o.getDefiningOp();
      if (!def || def->getBlock() != f.getBody() || slice.contains(def))
        continue;
      if (failed(getBackwardSlice(def, &slice, opts)))
        return {};
      slice.insert(def);
    }
  }
  if (!llvm::all_of(slice, isScalarOp))
    return {};
  addressOps = llvm::to_vector(topologicalSort(slice));
  return step;
}

FailureOr<std::pair<TileView, TileView>>
Converter::kvViewsAt(scf::ForOp f, OnlineAttentionOp step,
                     ArrayRef<Operation *> addressOps, Value iv) {
  scalars.map(f.getInductionVar(), iv);
  for (Operation *o : addressOps)
    if (failed(cloneScalar(o)))
      return failure();
  FailureOr<TileView> k =
      makeView(step.getKey().getDefiningOp<tensor::ExtractSliceOp>());
  FailureOr<TileView> v =
      makeView(step.getValue().getDefiningOp<tensor::ExtractSliceOp>());
  if (failed(k) || failed(v))
    return failure();
  return std::make_pair(*k, *v);
}

LogicalResult Converter::convertFor(scf::ForOp f) {
  for (Value init : f.getInitArgs())
    if (!rows.count(init) && !frags.count(init))
      return f.emitOpError("cannot be carried into the NVGPU kernel: loop "
                           "values must be the softmax state");
  // A loop the structure's bounds leave empty for every block (e.g. the
  // partial tiles of a pattern-free op whose keys divide into tiles) is
  // not emitted: its results are its inits.
  std::optional<int64_t> lbC = evalConst(f.getLowerBound()),
                         ubC = evalConst(f.getUpperBound());
  if (lbC && ubC && *lbC >= *ubC) {
    for (auto [res, init] : llvm::zip(f.getResults(), f.getInitArgs()))
      unflatten(res, init, flatten(init));
    return success();
  }
  SmallVector<Value> inits;
  SmallVector<size_t> sizes;
  for (Value init : f.getInitArgs()) {
    SmallVector<Value> part = flatten(init);
    sizes.push_back(part.size());
    inits.append(part);
  }
  Value lb = scalars.lookupOrNull(f.getLowerBound()),
        ub = scalars.lookupOrNull(f.getUpperBound()),
        st = scalars.lookupOrNull(f.getStep());
  if (!lb || !ub || !st)
    return f.emitOpError("has bounds the NVGPU kernel does not have");
  // The step's K/V tiles are copied one iteration ahead into the other
  // buffer (cp.async double buffering); the first by a prologue.
  SmallVector<Operation *> addressOps;
  OnlineAttentionOp pipe = pipelinedStep(f, addressOps);
  if (pipe) {
    Value has = fb.cmp(arith::CmpIPredicate::slt, lb, ub);
    auto ifOp = scf::IfOp::create(b, f.getLoc(), has, /*withElse=*/false);
    {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
      auto kv = kvViewsAt(f, pipe, addressOps, lb);
      if (failed(kv))
        return failure();
      Value buf0 = fb.idx(0);
      copyKV(fb, kc, kv->first, kv->second, buf0);
    }
    commitGroup(fb, {});
  }
  auto loop = scf::ForOp::create(b, f.getLoc(), lb, ub, st, inits);
  // Keep the structure's tags (attn.key_tiles = "full" | "partial").
  loop->setDiscardableAttrs(f->getDiscardableAttrDictionary());
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    Value iv = loop.getInductionVar();
    if (pipe) {
      Value dist = fb.sub(iv, lb);
      Value iter = arith::DivUIOp::create(b, f.getLoc(), dist, st);
      Value buf = fb.rem(iter, 2);
      Value one = fb.idx(1);
      Value nextBuf = fb.sub(one, buf);
      Value next = fb.add(iv, st);
      Value has = fb.cmp(arith::CmpIPredicate::slt, next, ub);
      auto ifOp = scf::IfOp::create(b, f.getLoc(), has, /*withElse=*/false);
      {
        OpBuilder::InsertionGuard g2(b);
        b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
        auto kv = kvViewsAt(f, pipe, addressOps, next);
        if (failed(kv))
          return failure();
        copyKV(fb, kc, kv->first, kv->second, nextBuf);
      }
      // Everything but the newest group (the next tile) has arrived: this
      // tile's copies, made one iteration ago or by the prologue.
      Value group = commitGroup(fb, {});
      waitGroups(fb, group, 1);
      gpu::BarrierOp::create(b, f.getLoc());
      preloaded[pipe] = buf;
    }
    scalars.map(f.getInductionVar(), iv);
    size_t pos = 0;
    for (auto [i, arg] : llvm::enumerate(f.getRegionIterArgs())) {
      unflatten(arg, f.getInitArgs()[i],
                loop.getRegionIterArgs().slice(pos, sizes[i]));
      pos += sizes[i];
    }
    if (failed(convertBlock(*f.getBody())))
      return failure();
    SmallVector<Value> yields;
    for (Value y : f.getBody()->getTerminator()->getOperands()) {
      if (!rows.count(y) && !frags.count(y))
        return f.emitOpError("yields a value the NVGPU kernel does not have");
      yields.append(flatten(y));
    }
    scf::YieldOp::create(b, f.getLoc(), yields);
  }
  size_t pos = 0;
  for (auto [i, res] : llvm::enumerate(f.getResults())) {
    unflatten(res, f.getInitArgs()[i], loop.getResults().slice(pos, sizes[i]));
    pos += sizes[i];
  }
  return success();
}

FailureOr<Value> Converter::inlineScore(OnlineAttentionOp op, Value s,
                                        Value i, Value j) {
  Block &body = op.getScore().front();
  scalars.map(body.getArgument(0), s);
  scalars.map(body.getArgument(1), i);
  scalars.map(body.getArgument(2), j);
  for (Operation &o : body.without_terminator())
    if (!isScalarOp(&o) || failed(cloneScalar(&o)))
      return o.emitOpError("cannot be inlined into the NVGPU step (scalar "
                           "arith and f32 tanh/exp/log only)");
  return scalars.lookup(body.getTerminator()->getOperand(0));
}

LogicalResult Converter::convertStep(OnlineAttentionOp op) {
  auto view = [&](Value v) -> const TileView * {
    auto it = views.find(v);
    return it == views.end() ? nullptr : &it->second;
  };
  StepIn in;
  in.q = view(op.getQuery());
  in.k = view(op.getKey());
  in.v = view(op.getValue());
  in.q0 = scalars.lookupOrNull(op.getQueryStart());
  in.k0 = scalars.lookupOrNull(op.getKeyStart());
  if (!in.q || !in.k || !in.v || !rows.count(op.getMax()) ||
      !rows.count(op.getSum()) || !frags.count(op.getAcc()) || !in.q0 ||
      !in.k0)
    return op.emitOpError("cannot be lowered by --attn-nvgpu-kernels: its "
                          "tiles must be slices of the inputs and its state "
                          "the loop's");
  if (in.k->rows > kc.tk || in.q->rows > kc.tq)
    return op.emitOpError("has tiles larger than the kernel's shared memory");
  auto pre = preloaded.find(op);
  if (pre != preloaded.end()) {
    in.buf = pre->second;
    in.preloaded = true;
  } else {
    in.buf = fb.idx(0);
  }
  in.m = rows[op.getMax()];
  in.l = rows[op.getSum()];
  in.acc = frags[op.getAcc()];
  FailureOr<StepOut> out =
      lowerStep(fb, kc, op, in, [&](Value s, Value i, Value j) {
        return inlineScore(op, s, i, j);
      });
  if (failed(out))
    return failure();
  rows[op.getNewMax()] = out->m;
  rows[op.getNewSum()] = out->l;
  frags[op.getNewAcc()] = out->acc;
  return success();
}

LogicalResult Converter::convertInsert(tensor::ParallelInsertSliceOp ins) {
  Value src = ins.getSource();
  Value dst = globals.lookup(ins.getDest());
  auto bad = [&](const Twine &why) {
    return ins.emitOpError("cannot be carried into the NVGPU kernel: ")
           << why;
  };
  if (!dst || (!frags.count(src) && !rows.count(src)))
    return bad("only the output tile and its LSE are stored");
  SmallVector<Value> offs;
  for (OpFoldResult o : ins.getMixedOffsets())
    offs.push_back(materialize(o));
  if (llvm::any_of(offs, [](Value v) { return !v; }))
    return bad("unknown offset");
  llvm::SmallBitVector dropped = ins.getDroppedDims();
  SmallVector<unsigned> kept;
  for (unsigned i = 0; i < dropped.size(); ++i)
    if (!dropped[i])
      kept.push_back(i);
  auto memTy = cast<MemRefType>(dst.getType());
  OpBuilder::InsertionGuard guard(b);
  for (int64_t r = 0; r < 2; ++r) {
    OpBuilder::InsertionGuard rowGuard(b);
    Value row = tileRow(fb, kc, r);
    Value valid = frags.count(src) ? frags[src].valid : rows[src].valid;
    if (valid) {
      Value inside = fb.cmp(arith::CmpIPredicate::slt, row, valid);
      auto ifOp = scf::IfOp::create(b, fb.loc, inside, /*withElse=*/false);
      b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
    }
    SmallVector<Value> idx(offs);
    idx[kept[0]] = fb.add(offs[kept[0]], row);
    if (rows.count(src)) {
      // Every lane of the quad holds the row: lane 0 of it stores.
      if (kept.size() != 1 || memTy.getElementType() != fb.f32)
        return bad("the LSE is an f32 [B, H, S] tensor");
      Value quadPos = fb.rem(kc.lane, 4);
      Value zero = fb.idx(0);
      Value first = fb.cmp(arith::CmpIPredicate::eq, quadPos, zero);
      auto ifOp = scf::IfOp::create(b, fb.loc, first, /*withElse=*/false);
      b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
      memref::StoreOp::create(b, fb.loc, rows[src].r[r], dst, idx);
      continue;
    }
    if (kept.size() != 2 || kept[1] != 3)
      return bad("the output tile is [rows, Dv] of one head");
    for (auto [nb, blk] : llvm::enumerate(frags[src].blocks)) {
      if (cast<VectorType>(blk.getType()).getElementType() !=
          memTy.getElementType())
        return bad("the output tile must be in the output's type");
      Value pair = vector::ExtractOp::create(b, fb.loc, blk,
                                             ArrayRef<int64_t>{r});
      SmallVector<Value> at(idx);
      Value col = fb.addc(kc.c2, int64_t(nb) * 8);
      at[3] = fb.add(offs[3], col);
      // Columns are even and rows hold Dv elements: the pair is 4-byte
      // aligned, one 32-bit store instead of two 16-bit ones.
      vector::StoreOp::create(b, fb.loc, pair, dst, at,
                              /*nontemporal=*/false, llvm::MaybeAlign(4));
    }
  }
  return success();
}

//===----------------------------------------------------------------------===//
// The kernel around the body
//===----------------------------------------------------------------------===//

/// Tile sizes of the steps: [Tq, D] Q, [<= Tk, D] K, [<= Tk, Dv] V.
static LogicalResult scanSteps(scf::ForallOp forall, KernelContext &kc) {
  SmallVector<OnlineAttentionOp> steps;
  forall.walk([&](OnlineAttentionOp s) { steps.push_back(s); });
  if (steps.empty())
    return forall.emitOpError("has no attn.online_attention step");
  int64_t tq = 0, tk = 0;
  for (OnlineAttentionOp s : steps) {
    auto bad = [&](const Twine &why) {
      return s.emitOpError("cannot be lowered by --attn-nvgpu-kernels: ")
             << why;
    };
    auto qTy = cast<RankedTensorType>(s.getQuery().getType());
    auto kTy = cast<RankedTensorType>(s.getKey().getType());
    auto vTy = cast<RankedTensorType>(s.getValue().getType());
    Type e = qTy.getElementType();
    if ((!e.isF16() && !e.isBF16()) || kTy.getElementType() != e ||
        vTy.getElementType() != e)
      return bad("Q, K and V tiles must be f16 or bf16 (prescale-query=false)");
    if (s.getKeyTransposed())
      return bad("the key tile must be row-major (key-layout=row-major)");
    if (s.getPType() != e)
      return bad("P must be rounded to the operands' type (p_type = ")
             << e << ", bf16-dot=true)";
    std::optional<int64_t> kr = tileRows(s.getKey());
    if (qTy.isDynamicDim(0) || !kr)
      return bad("tiles need a static bound on their rows");
    int64_t d = qTy.getDimSize(1), dv = vTy.getDimSize(1);
    if (d % 16 || dv % 16 || d > 128 || dv > 128)
      return bad("head dims must be multiples of 16 up to 128");
    if ((kc.elem && kc.elem != e) || (kc.d && (kc.d != d || kc.dv != dv)))
      return bad("steps of one kernel must share types and head dims");
    kc.elem = e, kc.d = d, kc.dv = dv;
    tq = std::max(tq, qTy.getDimSize(0));
    tk = std::max(tk, *kr);
  }
  auto up16 = [](int64_t x) { return (x + 15) / 16 * 16; };
  kc.tq = up16(tq), kc.tk = up16(tk);
  if (kc.tq > 128 || kc.tk > 128)
    return steps.front().emitOpError(
               "cannot be lowered by --attn-nvgpu-kernels: tiles above 128 "
               "rows (a `tiling` attribute) exceed the kernel's registers, "
               "got ")
           << tq << " x " << tk;
  kc.warps = kc.tq / 16;
  return success();
}

/// Lane values, ldmatrix offsets and the shared-memory views.
static void buildLaneValues(FragBuilder &fb, KernelContext &kc) {
  OpBuilder &b = fb.b;
  kc.tid = gpu::ThreadIdOp::create(b, fb.loc, gpu::Dimension::x);
  kc.lane = fb.rem(kc.tid, 32);
  kc.warp = fb.div(kc.tid, 32);
  kc.g = fb.div(kc.lane, 4);
  Value quadPos = fb.rem(kc.lane, 4);
  kc.c2 = fb.mulc(quadPos, 2);
  // ldmatrix addresses: lanes 8i..8i+7 give the rows of 8x8 matrix i.
  Value l8 = fb.rem(kc.lane, 8), l16 = fb.rem(kc.lane, 16);
  Value lane16 = fb.div(kc.lane, 16), lane8 = fb.div(kc.lane, 8);
  Value hiHalf = fb.mulc(lane16, 8); // 0 or 8
  Value lane8odd = fb.rem(lane8, 2);
  Value midHalf = fb.mulc(lane8odd, 8); // 0 or 8
  Value warpRow = fb.mulc(kc.warp, 16);
  kc.qRow = fb.add(warpRow, l16), kc.qCol = hiHalf;
  kc.kRow = fb.add(hiHalf, l8), kc.kCol = midHalf;
  kc.vRow = fb.add(midHalf, l8), kc.vCol = hiHalf;
  // Shared memory: Q, K and V tiles; rows padded by smemPad elements so
  // the 8 rows of an ldmatrix hit different banks.
  MLIRContext *ctx = b.getContext();
  auto wg = gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup);
  auto bytesTy = MemRefType::get({ShapedType::kDynamic}, b.getI8Type(),
                                 MemRefLayoutAttrInterface(), wg);
  Value smem = gpu::DynamicSharedMemoryOp::create(b, fb.loc, bytesTy);
  int64_t rowQ = kc.d + kc.smemPad, rowV = kc.dv + kc.smemPad;
  auto view = [&](ArrayRef<int64_t> shape, int64_t offset) -> Value {
    auto ty = MemRefType::get(shape, kc.elem, MemRefLayoutAttrInterface(), wg);
    Value off = fb.idx(offset);
    return memref::ViewOp::create(b, fb.loc, ty, smem, off, ValueRange{});
  };
  kc.sQ = view({kc.tq, rowQ}, 0);
  kc.sK = view({2, kc.tk, rowQ}, 2 * kc.tq * rowQ);
  kc.sV = view({2, kc.tk, rowV}, 2 * (kc.tq + 2 * kc.tk) * rowQ);
}

LogicalResult mlir::attn::nvgpu::buildKernel(OpBuilder &b, func::FuncOp fn,
                                             scf::ForallOp forall,
                                             ::attn::gpu::KernelDesc &desc,
                                             Chip chip) {
  KernelContext kc;
  if (failed(scanSteps(forall, kc)))
    return failure();
  Location loc = forall.getLoc();
  // Kernel parameters: the entry's inputs, then the loop's outputs.
  SmallVector<Type> args;
  for (Type t : fn.getArgumentTypes()) {
    auto ty = dyn_cast<RankedTensorType>(t);
    if (!ty || !ty.hasStaticShape())
      return fn.emitOpError("arguments must be tensors of static shape");
    args.push_back(MemRefType::get(ty.getShape(), ty.getElementType()));
  }
  for (Type t : forall.getResultTypes()) {
    auto ty = cast<RankedTensorType>(t);
    if (!ty.hasStaticShape())
      return forall.emitOpError("results must have static shapes");
    args.push_back(MemRefType::get(ty.getShape(), ty.getElementType()));
  }
  // Grid: the loop's trip counts on the block dims of its mapping.
  std::array<int64_t, 3> grid = {1, 1, 1};
  SmallVector<gpu::Dimension> dims;
  for (auto [ub, m] : llvm::zip(forall.getMixedUpperBound(),
                                *forall.getMapping())) {
    auto id = cast<gpu::GPUBlockMappingAttr>(m).getBlock();
    std::optional<int64_t> n = isa<Attribute>(ub) ? getConstantIntValue(ub)
                                                  : evalConst(cast<Value>(ub));
    if (!n || unsigned(id) > 2 ||
        llvm::is_contained(dims, static_cast<gpu::Dimension>(unsigned(id))))
      return forall.emitOpError("needs constant trip counts on distinct "
                                "block dims x, y, z");
    grid[unsigned(id)] = *n;
    dims.push_back(static_cast<gpu::Dimension>(unsigned(id)));
  }
  for (auto [lb, st] :
       llvm::zip(forall.getMixedLowerBound(), forall.getMixedStep()))
    if (!isConstantIntValue(lb, 0) || !isConstantIntValue(st, 1))
      return forall.emitOpError("needs zero lower bounds and unit steps");

  b.setInsertionPoint(fn);
  auto gm = gpu::GPUModuleOp::create(b, loc, fn.getSymName());
  b.setInsertionPointToStart(gm.getBody());
  auto kernel = gpu::GPUFuncOp::create(b, loc, fn.getSymName(),
                                       b.getFunctionType(args, {}));
  kernel->setAttr(gpu::GPUDialect::getKernelFuncAttrName(), b.getUnitAttr());
  kernel.setKnownBlockSizeAttr(
      b.getDenseI32ArrayAttr({int32_t(kc.threads()), 1, 1}));
  b.setInsertionPointToStart(&kernel.getBody().front());
  Converter cv(b, loc, kc);
  buildLaneValues(cv.fb, kc);
  unsigned nIn = fn.getNumArguments();
  for (unsigned i = 0; i < nIn; ++i)
    cv.globals[fn.getArgument(i)] = kernel.getArgument(i);
  for (auto [i, out] : llvm::enumerate(forall.getRegionIterArgs()))
    cv.globals[out] = kernel.getArgument(nIn + i);
  for (auto [iv, dim] : llvm::zip(forall.getInductionVars(), dims))
    cv.scalars.map(iv, gpu::BlockIdOp::create(b, loc, dim));
  llvm::SetVector<Value> above;
  getUsedValuesDefinedAbove(forall.getRegion(), above);
  for (Value v : above)
    if (failed(cv.cloneAbove(v, forall)))
      return failure();
  // The body, then its terminator: the stores of the output tile and LSE.
  if (failed(cv.convertBlock(*forall.getBody())) ||
      failed(cv.convertOp(forall.getTerminator())))
    return failure();
  gpu::ReturnOp::create(b, loc);

  desc.kernel = fn.getSymName().str();
  desc.chip = chipName(chip).str();
  desc.grid = grid;
  desc.block = {kc.threads(), 1, 1};
  desc.sharedBytes = kc.sharedBytes();
  desc.args = desc.inputs;
  desc.args.push_back("o");
  if (forall.getNumResults() > 1)
    desc.args.push_back("lse");
  return success();
}
