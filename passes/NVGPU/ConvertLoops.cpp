//===- ConvertLoops.cpp - key loops, steps and stores in the kernel -------===//
//
// The parts of the converter (ConverterImpl.h) that carry the structure's
// key loops (with their K/V copies pipelined one tile ahead), its
// attn.online_attention steps (LowerStep.cpp) and the stores of the output
// tile and LSE into the kernel.
//
//===----------------------------------------------------------------------===//
#include "ConverterImpl.h"

#include "mlir/Analysis/SliceAnalysis.h"
#include "mlir/Analysis/TopologicalSortUtils.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::nvgpu;
using namespace mlir::attn::nvgpu::detail;

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
  if (!llvm::all_of(slice, [&](Operation *o) { return isKernelScalarOp(o); }))
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
    for (auto [i, y] :
         llvm::enumerate(f.getBody()->getTerminator()->getOperands())) {
      if (!rows.count(y) && !frags.count(y))
        return f.emitOpError("yields a value the NVGPU kernel does not have");
      // The state must keep the layout the loop carries it in (a [Tq, N]
      // tile built with other registers would not fit).
      SmallVector<Value> part = flatten(y);
      ValueRange carried =
          loop.getRegionIterArgs().slice(yields.size(), sizes[i]);
      if (part.size() != sizes[i] ||
          !llvm::equal(ValueRange(part).getTypes(), carried.getTypes()))
        return f.emitOpError("yields state the NVGPU kernel carries in "
                             "another layout (operand ")
               << i << ")";
      yields.append(part);
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

LogicalResult Converter::convertIf(scf::IfOp f) {
  Value cond = scalars.lookupOrNull(f.getCondition());
  if (!cond)
    return f.emitOpError("has a condition the NVGPU kernel does not have");
  // Results are softmax state (as the branches yield it) or scalars.
  auto flatTypes = [&](Block &blk, SmallVector<Type> &types,
                       SmallVector<Value> &likes) -> LogicalResult {
    for (Value y : blk.getTerminator()->getOperands()) {
      Value like = y;
      if (rows.count(y) || frags.count(y)) {
        for (Value x : flatten(y))
          types.push_back(x.getType());
      } else if (scalars.contains(y)) {
        types.push_back(scalars.lookup(y).getType());
      } else {
        return failure();
      }
      likes.push_back(like);
    }
    return success();
  };
  // The then block decides the result types once converted: convert it
  // into a fresh scf.if, then the else block against the same types.
  auto ifOp = scf::IfOp::create(b, f.getLoc(), TypeRange{}, cond,
                                /*withElse=*/f.elseBlock() != nullptr);
  SmallVector<Type> types;
  SmallVector<Value> likes;
  SmallVector<SmallVector<Value>> yielded(2);
  for (unsigned br = 0; br < (f.elseBlock() ? 2u : 1u); ++br) {
    Block &src = br == 0 ? *f.thenBlock() : *f.elseBlock();
    Block &dst = br == 0 ? *ifOp.thenBlock() : *ifOp.elseBlock();
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPoint(dst.getTerminator());
    if (failed(convertBlock(src)))
      return failure();
    SmallVector<Type> brTypes;
    SmallVector<Value> brLikes;
    if (failed(flatTypes(src, brTypes, brLikes)))
      return f.emitOpError("yields a value the NVGPU kernel does not have");
    if (br == 0)
      types = brTypes, likes = brLikes;
    else if (brTypes != types)
      return f.emitOpError("has branches the NVGPU kernel carries "
                           "differently");
    for (Value y : src.getTerminator()->getOperands())
      if (rows.count(y) || frags.count(y))
        yielded[br].append(flatten(y));
      else
        yielded[br].push_back(scalars.lookup(y));
  }
  if (f.getNumResults() == 0)
    return success();
  if (!f.elseBlock())
    return f.emitOpError("has results but no else branch");
  // Rebuild with the result types now known, moving the branch bodies.
  auto typed = scf::IfOp::create(b, f.getLoc(), types, cond,
                                 /*withElse=*/true);
  for (unsigned br = 0; br < 2; ++br) {
    Block &from = br == 0 ? *ifOp.thenBlock() : *ifOp.elseBlock();
    Block &to = br == 0 ? *typed.thenBlock() : *typed.elseBlock();
    from.getTerminator()->erase();
    to.getOperations().splice(to.begin(), from.getOperations());
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToEnd(&to);
    scf::YieldOp::create(b, f.getLoc(), yielded[br]);
  }
  ifOp.erase();
  size_t pos = 0;
  for (auto [res, like] : llvm::zip(f.getResults(), likes)) {
    if (rows.count(like) || frags.count(like)) {
      size_t n = flatten(like).size();
      unflatten(res, like, typed.getResults().slice(pos, n));
      pos += n;
    } else {
      scalars.map(res, typed.getResult(pos++));
    }
  }
  return success();
}

FailureOr<Value> Converter::inlineScore(OnlineAttentionOp op, Value s,
                                        Value i, Value j) {
  Block &body = op.getScore().front();
  if (body.getNumArguments() != 3 ||
      body.getTerminator()->getNumOperands() != 1)
    return op.emitOpError("cannot be lowered by --attn-nvgpu-kernels: its "
                          "score region must take (s, i, j) and yield s");
  scalars.map(body.getArgument(0), s);
  scalars.map(body.getArgument(1), i);
  scalars.map(body.getArgument(2), j);
  for (Operation &o : body.without_terminator()) {
    // Constant tables of the pattern (a block layout's bits) live in the
    // kernel's module.
    auto c = dyn_cast<arith::ConstantOp>(&o);
    if (c && isa<RankedTensorType>(c.getType())) {
      if (failed(constantTable(c)))
        return failure();
      continue;
    }
    if (!isKernelScalarOp(&o) || failed(cloneScalar(&o)))
      return o.emitOpError("cannot be inlined into the NVGPU step (scalar "
                           "arith, f32 tanh/exp/log and table reads only)");
  }
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
  // Widths as scanSteps sized the kernel, the accumulator's registers as
  // Dv / 8 fragments (lowerStep indexes them by those).
  if (in.q->tile.width != kc.d || in.k->tile.width != kc.d ||
      in.v->tile.width != kc.dv ||
      int64_t(frags[op.getAcc()].blocks.size()) != kc.dv / 8)
    return op.emitOpError("cannot be lowered by --attn-nvgpu-kernels: its "
                          "tiles and state must be [Tq, D], [Tk, D], "
                          "[Tk, Dv] and [Tq, Dv] with the kernel's D = ")
           << kc.d << ", Dv = " << kc.dv;
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
  if (rows.count(src) && (kept.size() != 1 || memTy.getElementType() != fb.f32))
    return bad("the LSE is an f32 [B, H, S] tensor");
  if (frags.count(src) &&
      (kept.size() != 2 || kept[1] != 3 || memTy.getRank() != 4))
    return bad("the output tile is [rows, Dv] of one head");
  if (frags.count(src) &&
      ins.getSourceType().getDimSize(ins.getSourceType().getRank() - 1) !=
          int64_t(frags[src].blocks.size()) * 8)
    return bad("the stored tile's columns are not the registers it is in");
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
      Value quadPos = fb.rem(kc.lane, 4);
      Value zero = fb.idx(0);
      Value first = fb.cmp(arith::CmpIPredicate::eq, quadPos, zero);
      auto ifOp = scf::IfOp::create(b, fb.loc, first, /*withElse=*/false);
      b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
      memref::StoreOp::create(b, fb.loc, rows[src].r[r], dst, idx);
      continue;
    }
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

