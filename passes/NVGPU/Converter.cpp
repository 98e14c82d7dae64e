//===- Converter.cpp - fused structure -> kernel body ---------------------===//
//
// Carries the body of the fused structure's parallel loop into a gpu.func,
// op by op, with the tensors replaced by per-lane fragment values
// (Kernel.h). Only what the structure emits for the target options of
// nvgpuFusedTarget() is understood; anything else is an error at the op.
// This file: scalar and tensor ops, the kernel around the body; the key
// loops, steps and stores are in ConvertLoops.cpp.
//
//===----------------------------------------------------------------------===//
#include "ConverterImpl.h"
#include "attn/GpuRuntime/KernelDesc.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Affine/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/RegionUtils.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::nvgpu;
using namespace mlir::attn::nvgpu::detail;

bool mlir::attn::nvgpu::detail::isScalarOp(Operation *op) {
  return op->getNumRegions() == 0 &&
         llvm::all_of(op->getOperandTypes(), isScalar) &&
         llvm::all_of(op->getResultTypes(), isScalar);
}

/// A constant upper bound of an index value built by the structure
/// (constants and min of a constant: a short last tile).
std::optional<int64_t> mlir::attn::nvgpu::detail::upperBound(Value v) {
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
std::optional<int64_t> mlir::attn::nvgpu::detail::evalConst(Value v) {
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
std::optional<int64_t> mlir::attn::nvgpu::detail::tileRows(Value t) {
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

bool Converter::isKernelScalarOp(Operation *op) {
  if (auto ex = dyn_cast<tensor::ExtractOp>(op))
    return globals.count(ex.getTensor()) != 0;
  return isScalarOp(op);
}

LogicalResult Converter::constantTable(arith::ConstantOp c) {
  auto ty = cast<RankedTensorType>(c.getType());
  auto dense = dyn_cast<DenseIntElementsAttr>(c.getValue());
  if (!dense || !gpuModule || !kernelEntry)
    return c.emitOpError("is a constant tensor the NVGPU kernel cannot take "
                         "(integer tables only)");
  // One global per distinct table (score regions are inlined once per
  // fragment element: they share it), read-only, i1 stored as i8.
  auto it = tables.find(dense);
  if (it == tables.end()) {
    Type elem = ty.getElementType();
    DenseElementsAttr init = dense;
    if (elem.isInteger(1)) {
      elem = b.getI8Type();
      SmallVector<int8_t> bytes;
      for (bool bit : dense.getValues<bool>())
        bytes.push_back(bit ? 1 : 0);
      init = DenseElementsAttr::get(RankedTensorType::get(ty.getShape(), elem),
                                    ArrayRef<int8_t>(bytes));
    }
    auto memTy = MemRefType::get(ty.getShape(), elem);
    std::string name = "attn_table_" + std::to_string(tables.size());
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&gpuModule->getRegion(0).front());
    memref::GlobalOp::create(b, c.getLoc(), name, b.getStringAttr("private"),
                             memTy, init, /*constant=*/true,
                             /*alignment=*/IntegerAttr());
    b.setInsertionPointToStart(kernelEntry);
    Value g = memref::GetGlobalOp::create(b, c.getLoc(), memTy, name);
    it = tables.insert({dense, g}).first;
  }
  globals[c.getResult()] = it->second;
  return success();
}

LogicalResult Converter::cloneAbove(Value v, Operation *user) {
  if (scalars.contains(v) || globals.count(v))
    return success();
  Operation *def = v.getDefiningOp();
  if (auto c = dyn_cast_or_null<arith::ConstantOp>(def))
    if (isa<RankedTensorType>(c.getType()))
      return constantTable(c);
  if (!def || !isKernelScalarOp(def))
    return user->emitOpError("uses a value defined outside the parallel "
                             "loop that the NVGPU kernel cannot take: ")
           << v;
  for (Value o : def->getOperands())
    if (failed(cloneAbove(o, def)))
      return failure();
  return cloneScalar(def);
}

LogicalResult Converter::cloneScalar(Operation *op) {
  if (auto ex = dyn_cast<tensor::ExtractOp>(op)) {
    // One element of a table in global memory.
    Value mem = globals.lookup(ex.getTensor());
    SmallVector<Value> idx;
    for (Value i : ex.getIndices())
      idx.push_back(scalars.lookupOrNull(i));
    if (!mem || llvm::is_contained(idx, Value()))
      return op->emitOpError("reads a tensor the NVGPU kernel does not have");
    Value r = memref::LoadOp::create(b, ex.getLoc(), mem, idx);
    if (ex.getType().isInteger(1) && !r.getType().isInteger(1)) {
      // A boolean table stored as bytes.
      Value zero = arith::ConstantOp::create(
          b, ex.getLoc(), b.getIntegerAttr(r.getType(), 0));
      r = arith::CmpIOp::create(b, ex.getLoc(), arith::CmpIPredicate::ne, r,
                                zero);
    }
    scalars.map(ex.getResult(), r);
    return success();
  }
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
    std::optional<int64_t> i = dim.getConstantIndex();
    // A static dim of a tensor the kernel has in memory (block table sizes).
    if (Value mem = globals.lookup(dim.getSource())) {
      auto ty = cast<MemRefType>(mem.getType());
      if (!i || *i >= ty.getRank() || ty.isDynamicDim(*i))
        return dim.emitOpError("cannot be carried into the NVGPU kernel");
      scalars.map(dim.getResult(), fb.idx(ty.getDimSize(*i)));
      return success();
    }
    // Rows of a tile (the structure sizes its padding by them).
    auto it = views.find(dim.getSource());
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
  // Integer tables the structure builds in the loop body (a static
  // pattern's block classes under a block table).
  if (auto c = dyn_cast<arith::ConstantOp>(op))
    if (isa<RankedTensorType>(c.getType()))
      return constantTable(c);
  if (auto f = dyn_cast<linalg::FillOp>(op))
    return convertFill(f);
  if (auto g = dyn_cast<linalg::GenericOp>(op))
    return convertGeneric(g);
  if (auto f = dyn_cast<scf::ForOp>(op))
    return convertFor(f);
  if (auto f = dyn_cast<scf::IfOp>(op))
    return convertIf(f);
  if (auto s = dyn_cast<OnlineAttentionOp>(op))
    return convertStep(s);
  if (auto p = dyn_cast<scf::InParallelOp>(op)) {
    for (Operation &y : p.getBody()->getOperations())
      if (auto ins = dyn_cast<tensor::ParallelInsertSliceOp>(&y))
        if (failed(convertInsert(ins)))
          return failure();
    return success();
  }
  if (isKernelScalarOp(op))
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
  auto ty = f->getNumResults() == 1
                ? dyn_cast<RankedTensorType>(f.getResult(0).getType())
                : RankedTensorType();
  if (!x || !ty || !x.getType().isF32() || ty.getRank() > 2 ||
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
  auto resTy = dyn_cast<RankedTensorType>(g.getResult(0).getType());
  if (!resTy || resTy.getRank() != rank ||
      (rank == 2 && resTy.getDimSize(1) % 8 != 0))
    return bad("a [Tq] or [Tq, 8k] tensor result expected");
  // The lane's registers of a [Tq, N] result: N / 8 fragments, as each
  // [Tq, N] operand must have.
  int64_t blocks = rank == 2 ? resTy.getDimSize(1) / 8 : 1;
  Value valid;
  for (OpOperand &o : g->getOpOperands()) {
    AffineMap map = g.getMatchingIndexingMap(&o);
    bool used = !body->getArgument(o.getOperandNumber()).use_empty();
    Value v = o.get();
    if (frags.count(v)) {
      if (!map.isIdentity() || rank != 2)
        return bad("a [Tq, N] operand must be read elementwise");
      if (int64_t(frags[v].blocks.size()) != blocks)
        return bad("a [Tq, N] operand must have the result's N");
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
  frags[g.getResult(0)] = out;
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
  // The description says what the runner passes: the entry's inputs in
  // order, then O (and the LSE): the kernel's parameters must be those.
  if (fn.getNumArguments() != desc.inputs.size())
    return fn.emitOpError("takes ")
           << fn.getNumArguments() << " arguments but its kernel description "
           << "names " << desc.inputs.size() << " inputs";
  if (forall.getNumResults() != (desc.lse ? 2u : 1u))
    return forall.emitOpError("must compute the output")
           << (desc.lse ? " and the LSE" : "")
           << " as its kernel description says, found "
           << forall.getNumResults() << " results";
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
  cv.gpuModule = gm;
  cv.kernelEntry = &kernel.getBody().front();
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
