//===- FusedStructure.cpp - the target-neutral fused attention structure --===//
//
//   scf.forall (b, h, query tile [, kv part])   {mapping chosen by the target}
//     Q tile (pre-scaled when the target asks)
//     for key tiles before the fully visible range:  attn.online_attention
//                                                       (score region masks)
//     for key tiles fully visible to every row:      attn.online_attention
//     for key tiles after it:                        attn.online_attention
//     O = acc / l, lse = m + log l
//   }
//   [merge of the kv parts, when split]
//
// The key-tile ranges come from the pattern's per-row key bounds, which are
// monotone in the row, so fully masked tiles are never visited and interior
// tiles never test elements; other patterns visit block lists, block tables
// their listed blocks. What a step does with its tiles is each target's
// business (the CPU's decomposition: passes/CPU/LowerStep.cpp).
//
//===----------------------------------------------------------------------===//
#include "passes/Tiling/FusedStructure.h"
#include "passes/Tiling/BlockLists.h"
#include "passes/Tiling/MaskModBlocks.h"
#include "passes/Tiling/PatternEnv.h"
#include "passes/Tiling/SplitKVMerge.h"
#include "passes/Tiling/ScoreChain.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"

#include <limits>

using namespace mlir;
using namespace mlir::attn;

using utils::IteratorType;

std::string mlir::attn::unfusableReason(AttentionOp op) {
  for (int64_t d : {op.getHeadsQ(), op.getHeadsKV(), op.getHeadDim(),
                    op.getHeadDimV()})
    if (ShapedType::isDynamic(d))
      return "head counts and head dims must be static";
  return "";
}

FusedBuilder::FusedBuilder(AttentionOp op, const FusedTargetOptions &opts)
    : op(op), loc(op.getLoc()), ctx(op.getContext()),
      f32(Float32Type::get(op.getContext())), opts(opts) {
  bshd = op.getLayoutOrDefault() == Layout::bshd;
  hq = op.getHeadsQ();
  groups = hq / op.getHeadsKV();
  d = op.getHeadDim();
  dv = op.getHeadDimV();
  elt = cast<RankedTensorType>(op.getQuery().getType()).getElementType();
  pattern = op.getSparsityAttr();
  int64_t sq = op.getSeqQ(), skv = op.getSeqKV();
  tq = opts.queryTile > 0 ? opts.queryTile : 64;
  tk = opts.keyTile > 0 ? opts.keyTile : 64;
  if (auto t = op.getTilingAttr()) {
    tq = t.getQuery();
    tk = t.getKey();
  }
  // A block table fixes the tiles to its blocks.
  if (auto t = op.getBlockSizeAttr()) {
    tq = t.getQuery();
    tk = t.getKey();
  }
  // Never pad a short sequence up to a large tile.
  if (!ShapedType::isDynamic(sq))
    tq = std::min(tq, sq);
  if (!ShapedType::isDynamic(skv))
    tk = std::min(tk, skv);
  bool lowP = opts.lowPrecisionP && (elt.isBF16() || elt.isF16());
  pType = lowP ? elt : f32;
  prescale = opts.prescaleQuery && !lowP;
}

Value FusedBuilder::filled(OpBuilder &b, ArrayRef<int64_t> shape, double v) {
  Value e = tensor::EmptyOp::create(b, loc, shape, f32);
  Value c = fconst(b, v);
  return linalg::FillOp::create(b, loc, ValueRange{c}, ValueRange{e})
      .getResult(0);
}

State FusedBuilder::initialState(OpBuilder &b) {
  Value m = filled(b, {tq}, -std::numeric_limits<double>::infinity());
  Value l = filled(b, {tq}, 0.0);
  Value acc = filled(b, {tq, dv}, 0.0);
  return {m, l, acc};
}

Value FusedBuilder::loadTile(OpBuilder &b, Value src, Value bIdx, Value head,
                             Value row0, OpFoldResult rows, int64_t padRows,
                             int64_t width) {
  // A constant row count is a static size (the slice type must agree).
  if (auto v = dyn_cast<Value>(rows))
    rows = getAsOpFoldResult(v);
  OpFoldResult one = b.getIndexAttr(1), zero = b.getIndexAttr(0);
  SmallVector<OpFoldResult> offsets, sizes;
  if (bshd) {
    offsets = {bIdx, row0, head, zero};
    sizes = {one, rows, one, b.getIndexAttr(width)};
  } else {
    offsets = {bIdx, head, row0, zero};
    sizes = {one, one, rows, b.getIndexAttr(width)};
  }
  SmallVector<OpFoldResult> strides(4, one);
  Type srcElt = cast<RankedTensorType>(src.getType()).getElementType();
  std::optional<int64_t> staticRows = getConstantIntValue(rows);
  auto sliceType = RankedTensorType::get(
      {staticRows ? *staticRows : ShapedType::kDynamic, width}, srcElt);
  Value slice = tensor::ExtractSliceOp::create(b, loc, sliceType, src, offsets,
                                               sizes, strides);
  if (padRows <= 0 || (staticRows && *staticRows == padRows))
    return slice;
  auto padType = RankedTensorType::get({padRows, width}, srcElt);
  Value zeroV = arith::ConstantOp::create(b, loc, srcElt,
                                          b.getZeroAttr(srcElt));
  return tensor::createPadHighOp(padType, slice, zeroV, /*nofold=*/false, loc,
                                 b);
}

Value FusedBuilder::loadQueryTile(OpBuilder &b, Value bIdx, Value h, Value q0,
                                  OpFoldResult rows) {
  // Query tiles are always static [Tq, D]: the running state is [Tq].
  Value qTile = loadTile(b, op.getQuery(), bIdx, h, q0, rows, tq, d);
  return prescaleQuery(b, qTile);
}

int64_t FusedBuilder::foldedHeads() {
  int64_t sq = op.getSeqQ();
  if (groups <= 1 || opts.foldHeadsRows <= 0 || ShapedType::isDynamic(sq) ||
      groups * sq > opts.foldHeadsRows || pattern || op.getMask() ||
      op.hasModRegions() ||
      op.getBias() || op.getAlibiSlopes() || op.getBlockRowPtr())
    return 1;
  // bshd rows come out (s, head)-ordered: the LSE [B, H, Sq] would need a
  // transpose, so fold there only for a single query row.
  if (bshd && sq != 1)
    return 1;
  return groups;
}

Value FusedBuilder::loadFoldedQueryTile(OpBuilder &b, Value bIdx, Value h0) {
  int64_t sq = op.getSeqQ();
  OpFoldResult one = b.getIndexAttr(1), zero = b.getIndexAttr(0);
  OpFoldResult g = b.getIndexAttr(fold), s = b.getIndexAttr(sq),
               w = b.getIndexAttr(d);
  SmallVector<OpFoldResult> offsets =
      bshd ? SmallVector<OpFoldResult>{bIdx, zero, h0, zero}
           : SmallVector<OpFoldResult>{bIdx, h0, zero, zero};
  SmallVector<OpFoldResult> sizes = bshd
                                        ? SmallVector<OpFoldResult>{one, s, g, w}
                                        : SmallVector<OpFoldResult>{one, g, s, w};
  SmallVector<OpFoldResult> strides(4, one);
  SmallVector<int64_t> block = bshd ? SmallVector<int64_t>{sq, fold, d}
                                    : SmallVector<int64_t>{fold, sq, d};
  auto blockT = RankedTensorType::get(block, elt);
  Value slice = tensor::ExtractSliceOp::create(b, loc, blockT, op.getQuery(),
                                               offsets, sizes, strides);
  auto tileT = RankedTensorType::get({fold * sq, d}, elt);
  Value tile = tensor::CollapseShapeOp::create(
      b, loc, tileT, slice, ArrayRef<ReassociationIndices>{{0, 1}, {2}});
  return prescaleQuery(b, tile);
}

Value FusedBuilder::unfold(OpBuilder &b, Value tile, bool headsFirst) {
  auto t = cast<RankedTensorType>(tile.getType());
  int64_t sq = op.getSeqQ();
  SmallVector<int64_t> shape = bshd && !headsFirst
                                   ? SmallVector<int64_t>{sq, fold}
                                   : SmallVector<int64_t>{fold, sq};
  SmallVector<ReassociationIndices> assoc = {{0, 1}};
  if (t.getRank() == 2) {
    shape.push_back(t.getDimSize(1));
    assoc.push_back({2});
  }
  auto outT = RankedTensorType::get(shape, t.getElementType());
  return tensor::ExpandShapeOp::create(b, loc, outT, tile, assoc);
}

Value FusedBuilder::prescaleQuery(OpBuilder &b, Value qTile) {
  if (!prescale)
    return qTile;
  // Pre-scale Q once per tile, in f32, instead of every score.
  Value scaleV = fconst(b, *op.getEffectiveScale());
  AffineMap id2 = AffineMap::getMultiDimIdentityMap(2, ctx);
  Value init = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{tq, d}, f32);
  auto scaled = linalg::GenericOp::create(
      b, loc, init.getType(), ValueRange{qTile}, ValueRange{init},
      ArrayRef<AffineMap>{id2, id2}, ArrayRef<IteratorType>{kPar, kPar},
      [&](OpBuilder &bb, Location l, ValueRange a) {
        Value x = a[0];
        if (x.getType() != f32)
          x = arith::ExtFOp::create(bb, l, f32, x);
        Value y = arith::MulFOp::create(bb, l, x, scaleV);
        linalg::YieldOp::create(bb, l, ValueRange{y});
      });
  return scaled.getResult(0);
}

Value FusedBuilder::extractScoreOperand(OpBuilder &b, Location l, Value operand,
                                        Value bIdx, Value h, Value i, Value j) {
  auto t = cast<RankedTensorType>(operand.getType());
  unsigned lead = 4 - t.getRank();
  // Padded rows/columns of boundary tiles are masked or discarded; clamp
  // their indices so they never read out of bounds.
  Value one = arith::ConstantIndexOp::create(b, l, 1);
  Value lastQ = arith::SubIOp::create(b, l, seqQ, one);
  Value iC = arith::MinSIOp::create(b, l, i, lastQ);
  Value lastK = arith::SubIOp::create(b, l, seqKV, one);
  Value jC = arith::MinSIOp::create(b, l, j, lastK);
  Value full[4] = {bIdx, h, iC, jC};
  Value zero = arith::ConstantIndexOp::create(b, l, 0);
  SmallVector<Value> indices;
  for (unsigned k = 0, e = t.getRank(); k < e; ++k)
    indices.push_back(t.getDimSize(k) == 1 ? zero : full[lead + k]);
  return tensor::ExtractOp::create(b, l, operand, indices);
}

void FusedBuilder::setModRegions(OpBuilder &b, Location l,
                                 ScoreModifiers &mods, Value bIdx, Value h,
                                 Value i, Value j, bool maskMod) {
  if (op.hasScoreMod())
    mods.scoreMod = &op.getScoreMod();
  if (maskMod)
    mods.maskMod = &op.getMaskMod();
  mods.batch = bIdx;
  mods.head = h;
  // Rows and keys of a padded tile lie past the sequences: the regions
  // see the last position instead (their result there is discarded or
  // masked), so that a captured table is never read out of bounds.
  auto clampTo = [&](Value pos, int64_t n, int64_t tile, Value len) {
    if (!ShapedType::isDynamic(n) && n % tile == 0)
      return pos;
    Value one = arith::ConstantIndexOp::create(b, l, 1);
    Value last = arith::SubIOp::create(b, l, len, one);
    return arith::MinSIOp::create(b, l, pos, last).getResult();
  };
  mods.modI = clampTo(i, op.getSeqQ(), tq, seqQ);
  mods.modJ = clampTo(j, op.getSeqKV(), tk, seqKV);
}

void FusedBuilder::buildScoreRegion(OpBuilder &b, OnlineAttentionOp step,
                                    Value bIdx, Value h, bool partial,
                                    bool boundsTest, Value slope, Value whole) {
  std::optional<double> softcap;
  if (auto c = op.getSoftcapAttr())
    softcap = c.getValueAsDouble();
  Value mask = op.getMask(), bias = op.getBias();
  // Full tiles of lists classified with the mask_mod need no region test.
  bool maskMod = op.hasMaskMod() && (partial || !maskModTiles);
  bool visibility =
      (partial && (boundsTest || pattern)) || mask || maskMod;
  if (!softcap && !bias && !slope && !visibility && !op.hasScoreMod())
    return;
  OpBuilder::InsertionGuard g(b);
  Block *body = step.addScoreBlock(b);
  Location l = step.getLoc();
  Value sv = body->getArgument(0), i = body->getArgument(1),
        j = body->getArgument(2);
  ScoreModifiers mods;
  mods.softcap = softcap;
  auto biasAt = [&]() {
    return extractScoreOperand(b, l, bias, bIdx, h, i, j);
  };
  if (bias)
    mods.biasAt = biasAt;
  mods.slope = slope;
  // Mask and bias are indexed by the op's own row i; the pattern and ALiBi
  // by the absolute row (query_rows).
  Value row = (slope || (partial && pattern)) ? rowPos.absolute(b, l, i) : i;
  mods.i = row;
  mods.j = j;
  mods.offset = rowPos.offset;
  if (op.hasScoreMod() || maskMod) {
    // The regions see the absolute row, as the pattern does.
    Value absRow = row == i ? rowPos.absolute(b, l, i) : row;
    setModRegions(b, l, mods, bIdx, h, absRow, j, maskMod);
  }
  auto visibleAt = [&]() -> Value {
    Value visible;
    auto conj = [&](Value c) {
      visible =
          visible ? arith::AndIOp::create(b, l, visible, c).getResult() : c;
    };
    if (partial && boundsTest)
      conj(arith::CmpIOp::create(b, l, arith::CmpIPredicate::slt, j, seqKV));
    if (partial && pattern) {
      Value pv = pattern.buildVisible(b, l, row, j, rowPos.offset, env);
      if (whole)
        pv = arith::OrIOp::create(b, l, pv, whole);
      conj(pv);
    }
    if (mask)
      conj(extractScoreOperand(b, l, mask, bIdx, h, i, j));
    return visible;
  };
  mods.visible = visibleAt;
  sv = buildScoreChain(b, l, sv, mods);
  YieldOp::create(b, l, sv);
}

State FusedBuilder::step(OpBuilder &b, Value qTile, Value bIdx, Value h,
                         Value hk, Value q0, Value k0, const State &s,
                         bool partial, Value slope, Value whole) {
  // Full tiles are always whole; only partial ones can cross the end of K.
  OpFoldResult rows = b.getIndexAttr(tk);
  // When tiles divide a static Skv, no tile crosses the end of the keys:
  // partial steps of a pattern (or of lists classified with mask_mod) then
  // only mask the pattern, with static, unpadded tiles. (Otherwise partial
  // steps only exist for a ragged end of the keys.)
  int64_t skvS = op.getSeqKV();
  bool keysDivide = !ShapedType::isDynamic(skvS) && skvS % tk == 0 &&
                    (pattern || maskModTiles || !partial);
  if (partial && !keysDivide) {
    Value left = arith::SubIOp::create(b, loc, seqKV, k0);
    rows = minI(b, idx(b, tk), left);
  }
  int64_t pad = opts.padTiles ? tk : 0;
  Value kTile = loadTile(b, op.getKey(), bIdx, hk, k0, rows, pad, d);
  Value vTile = loadTile(b, op.getValue(), bIdx, hk, k0, rows, pad, dv);
  bool transposed = opts.keyLayout == KeyLayout::Transposed;
  if (transposed) {
    auto kt = cast<RankedTensorType>(kTile.getType());
    SmallVector<OpFoldResult> tShape = {b.getIndexAttr(d),
                                        tensor::getMixedSize(b, loc, kTile, 0)};
    Value init = tensor::EmptyOp::create(b, loc, tShape, kt.getElementType());
    kTile = linalg::TransposeOp::create(b, loc, kTile, init,
                                        ArrayRef<int64_t>{1, 0})
                .getResult()[0];
  }
  double scale = prescale ? 1.0 : *op.getEffectiveScale();
  auto stepOp = OnlineAttentionOp::create(b, loc, qTile, kTile, vTile, s.m,
                                          s.l, s.acc, q0, k0, scale,
                                          transposed, pType);
  // Padded tiles hold rows past the end of the keys: mask them.
  bool boundsTest = partial && !keysDivide && opts.padTiles;
  buildScoreRegion(b, stepOp, bIdx, h, partial, boundsTest, slope, whole);
  return {stepOp.getNewMax(), stepOp.getNewSum(), stepOp.getNewAcc()};
}

void FusedBuilder::tileRanges(OpBuilder &b, Value q0, Value qRows,
                              Value &tStart, Value &fullStart, Value &fullEnd,
                              Value &tEnd) {
  Value zero = idx(b, 0), one = idx(b, 1), tkV = idx(b, tk);
  Value ntiles = arith::CeilDivSIOp::create(b, loc, seqKV, tkV);
  if (!pattern) {
    // Only the last tile can be partial (past the end of the keys).
    tStart = zero;
    tEnd = ntiles;
    fullStart = zero;
    fullEnd = arith::DivSIOp::create(b, loc, seqKV, tkV);
    return;
  }
  Value qEnd = arith::AddIOp::create(b, loc, q0, qRows);
  Value qLast = arith::SubIOp::create(b, loc, qEnd, one);
  Value rowFirst = rowPos.absolute(b, loc, q0);
  Value rowLast = rowPos.absolute(b, loc, qLast);
  auto [loFirst, hiFirst] =
      pattern.buildKeyRange(b, loc, rowFirst, rowPos.offset, env);
  auto [loLast, hiLast] =
      pattern.buildKeyRange(b, loc, rowLast, rowPos.offset, env);
  // Union of the rows' ranges: [lo(first), hi(last)); intersection:
  // [lo(last), hi(first)). Bounds are monotone in the row.
  Value kLo = clamp(b, loFirst, zero, seqKV);
  Value kHi = clamp(b, hiLast, zero, seqKV);
  Value fLo = clamp(b, loLast, zero, seqKV);
  Value fHi = clamp(b, hiFirst, zero, seqKV);
  tStart = arith::DivSIOp::create(b, loc, kLo, tkV);
  Value hiTile = arith::CeilDivSIOp::create(b, loc, kHi, tkV);
  tEnd = maxI(b, hiTile, tStart);
  Value fLoTile = arith::CeilDivSIOp::create(b, loc, fLo, tkV);
  fullStart = clamp(b, fLoTile, tStart, tEnd);
  Value fHiTile = arith::DivSIOp::create(b, loc, fHi, tkV);
  fullEnd = clamp(b, fHiTile, fullStart, tEnd);
}

State FusedBuilder::keyLoops(OpBuilder &b, Value qTile, Value bIdx, Value h,
                             Value hk, Value q0, Value qRows, Value t0,
                             Value t1, Value slope, bool allPartial) {
  Value tStart, fullStart, fullEnd, tEnd;
  if (allPartial) {
    // No monotone bounds: every tile of [t0, t1), each masked.
    tStart = t0;
    tEnd = t1;
    fullStart = t1;
    fullEnd = t1;
  } else {
    tileRanges(b, q0, qRows, tStart, fullStart, fullEnd, tEnd);
    // Restrict to this kv part's tiles [t0, t1).
    tStart = clamp(b, tStart, t0, t1);
    tEnd = clamp(b, tEnd, tStart, t1);
    fullStart = clamp(b, fullStart, tStart, tEnd);
    fullEnd = clamp(b, fullEnd, fullStart, tEnd);
  }

  State s = initialState(b);
  Value tkV = idx(b, tk), one = idx(b, 1);
  auto loop = [&](Value lo, Value hi, bool partial) {
    auto forOp = scf::ForOp::create(
        b, loc, lo, hi, one, ValueRange{s.m, s.l, s.acc},
        [&](OpBuilder &bb, Location l, Value t, ValueRange args) {
          Value k0 = arith::MulIOp::create(bb, l, t, tkV);
          State next = step(bb, qTile, bIdx, h, hk, q0, k0,
                            {args[0], args[1], args[2]}, partial, slope);
          scf::YieldOp::create(bb, l, ValueRange{next.m, next.l, next.acc});
        });
    // Tag the loops so tests and later passes can tell them apart:
    // "partial" tiles test bounds and pattern per element, "full" ones
    // do not (an explicit mask operand is still applied in both).
    forOp->setAttr("attn.key_tiles",
                   b.getStringAttr(partial ? "partial" : "full"));
    s = {forOp.getResult(0), forOp.getResult(1), forOp.getResult(2)};
  };
  loop(tStart, fullStart, /*partial=*/true);
  loop(fullStart, fullEnd, /*partial=*/false);
  loop(fullEnd, tEnd, /*partial=*/true);
  return s;
}

State FusedBuilder::listLoops(OpBuilder &b, Value qTile, Value bIdx, Value h,
                              Value hk, Value q0, Value qt, Value part,
                              int64_t parts, Value slope) {
  State s = initialState(b);
  SmallVector<Value> r = buildListLoops(
      b, loc, *lists, qt, part, parts, tk, {s.m, s.l, s.acc},
      [&](OpBuilder &bb, Location, Value k0, ValueRange st, bool partial,
          Value) -> SmallVector<Value> {
        State n = step(bb, qTile, bIdx, h, hk, q0, k0, {st[0], st[1], st[2]},
                       partial, slope);
        return {n.m, n.l, n.acc};
      });
  return {r[0], r[1], r[2]};
}

State FusedBuilder::tableLoops(OpBuilder &b, Value qTile, Value bIdx, Value h,
                               Value hk, Value q0, Value qt, Value slope) {
  State s = initialState(b);
  Value qEnd = arith::AddIOp::create(b, loc, q0, idx(b, tq));
  Value q1 = minI(b, qEnd, seqQ);
  SmallVector<Value> r = buildTableLoops(
      b, loc, op, bIdx, h, hq, qt, seqKV, tk,
      {pattern, q0, q1, rowPos.offset, env},
      {s.m, s.l, s.acc},
      [&](OpBuilder &bb, Location, Value k0, ValueRange st, bool partial,
          Value whole) -> SmallVector<Value> {
        State n = step(bb, qTile, bIdx, h, hk, q0, k0, {st[0], st[1], st[2]},
                       partial, slope, whole);
        return {n.m, n.l, n.acc};
      });
  return {r[0], r[1], r[2]};
}

TileResult FusedBuilder::finish(OpBuilder &b, const State &s) {
  AffineMap id2 = AffineMap::getMultiDimIdentityMap(2, ctx);
  AffineMap row2 = AffineMap::get(2, 0, {getAffineDimExpr(0, ctx)}, ctx);
  AffineMap id1 = AffineMap::getMultiDimIdentityMap(1, ctx);
  auto out = linalg::GenericOp::create(
      b, loc, s.acc.getType(), ValueRange{s.l}, ValueRange{s.acc},
      ArrayRef<AffineMap>{row2, id2}, ArrayRef<IteratorType>{kPar, kPar},
      [&](OpBuilder &bb, Location l, ValueRange a) {
        Value o = buildNormalize(bb, l, a[1], a[0]);
        linalg::YieldOp::create(bb, l, ValueRange{o});
      });
  auto lse = linalg::GenericOp::create(
      b, loc, s.l.getType(), ValueRange{s.m}, ValueRange{s.l},
      ArrayRef<AffineMap>{id1, id1}, ArrayRef<IteratorType>{kPar},
      [&](OpBuilder &bb, Location l, ValueRange a) {
        Value r = buildLogSumExp(bb, l, a[0], a[1]);
        linalg::YieldOp::create(bb, l, ValueRange{r});
      });
  return {out.getResult(0), lse.getResult(0)};
}

int64_t FusedBuilder::pickSplits() {
  if (opts.split == SplitKVMode::Never || op.getBlockRowPtr())
    return 1;
  int64_t threads = std::max<int64_t>(opts.parallelUnits, 1);
  int64_t skv = op.getSeqKV();
  int64_t keyTiles =
      ShapedType::isDynamic(skv) ? std::numeric_limits<int64_t>::max()
                                 : (skv + tk - 1) / tk;
  if (opts.split == SplitKVMode::Always) {
    int64_t want =
        opts.kvSplits > 0 ? opts.kvSplits : std::max<int64_t>(2, threads);
    return std::max<int64_t>(1, std::min(keyTiles, want));
  }
  // Auto: split only when the parallel (b, h, query tile) work cannot keep
  // every unit busy and there are enough key tiles to share.
  int64_t b = op.getBatch(), sq = op.getSeqQ();
  if (ShapedType::isDynamic(b) || ShapedType::isDynamic(sq))
    return 1;
  int64_t qTiles = fold > 1 ? 1 : (sq + tq - 1) / tq;
  int64_t work = b * (op.getHeadsQ() / fold) * qTiles;
  if (work >= threads)
    return 1;
  int64_t parts =
      opts.kvSplits > 0 ? opts.kvSplits : (2 * threads + work - 1) / work;
  parts = std::min(parts, keyTiles / 2);
  return std::max<int64_t>(parts, 1);
}

std::optional<ArrayAttr> FusedBuilder::mappingAttr(int64_t rank) {
  if (opts.mapping == ParallelMapping::None)
    return std::nullopt;
  // Innermost loop dim (query tile, or kv part) on x, then y, z, beyond.
  SmallVector<Attribute> dims;
  for (int64_t i = 0; i < rank; ++i)
    dims.push_back(gpu::GPUBlockMappingAttr::get(
        ctx, static_cast<gpu::MappingId>(rank - 1 - i)));
  return ArrayAttr::get(ctx, dims);
}

void FusedBuilder::buildSizes(OpBuilder &b) {
  Value q = op.getQuery();
  unsigned seqIdx = bshd ? 1 : 2;
  auto sizeOf = [&](Value v, unsigned i) -> Value {
    int64_t s = cast<RankedTensorType>(v.getType()).getDimSize(i);
    if (!ShapedType::isDynamic(s))
      return idx(b, s);
    return tensor::DimOp::create(b, loc, v, i);
  };
  batch = sizeOf(q, 0);
  seqQ = sizeOf(q, seqIdx);
  seqKV = sizeOf(op.getKey(), seqIdx);
  rowPos = buildQueryRows(b, loc, op, seqQ, seqKV);
  env = buildPatternEnv(b, loc, op, seqKV);
}

FailureOr<SmallVector<Value>> FusedBuilder::build(OpBuilder &b) {
  Value q = op.getQuery();
  buildSizes(b);
  std::optional<BlockCounts> counts = planKeyBlocks(b);
  // Decode-like GQA: the group's heads share one query tile.
  fold = foldedHeads();
  if (fold > 1)
    tq = fold * op.getSeqQ();
  Value tqC = idx(b, tq);
  Value nQT = fold > 1 ? idx(b, 1)
                       : arith::CeilDivSIOp::create(b, loc, seqQ, tqC).getResult();
  nKT = arith::CeilDivSIOp::create(b, loc, seqKV, idx(b, tk));
  parts = pickSplits();
  split = parts > 1;
  wantLse = static_cast<bool>(op.getLse());

  // Shared outputs of the parallel loop.
  auto outT = cast<RankedTensorType>(op.getOutput().getType());
  SmallVector<Value> outDyn;
  // Output dims: B, S (from Q) and H (from Q) are the only dynamic ones.
  for (int64_t i = 0; i < 4; ++i)
    if (outT.isDynamicDim(i))
      outDyn.push_back(tensor::DimOp::create(b, loc, q, i));
  SmallVector<Value> shared = sharedOutputs(b, outT, outDyn);
  SmallVector<OpFoldResult> ubs = {getAsOpFoldResult(batch),
                                   b.getIndexAttr(hq / fold),
                                   getAsOpFoldResult(nQT)};
  if (split)
    ubs.push_back(b.getIndexAttr(parts));
  auto forall = scf::ForallOp::create(b, loc, ubs, shared,
                                      mappingAttr(ubs.size()));
  // The pattern's block classes for these tiles, for tests and tools.
  if (counts)
    forall->setAttr("attn.block_counts",
                    b.getDictionaryAttr(
                        {b.getNamedAttr("empty", b.getI64IntegerAttr(counts->empty)),
                         b.getNamedAttr("full", b.getI64IntegerAttr(counts->full)),
                         b.getNamedAttr("partial",
                                         b.getI64IntegerAttr(counts->partial))}));
  {
    OpBuilder::InsertionGuard g(b);
    b.setInsertionPoint(forall.getTerminator());
    buildTile(b, forall);
  }
  return results(b, forall, outT, outDyn);
}

std::optional<BlockCounts> FusedBuilder::planKeyBlocks(OpBuilder &b) {
  int64_t sqS = op.getSeqQ(), skvS = op.getSeqKV();
  bool staticSizes = !ShapedType::isDynamic(sqS) && !ShapedType::isDynamic(skvS);
  bool staticPattern = pattern && pattern.isStatic() && staticSizes;
  // Compile-time lists up to 2^24 blocks (64 MiB of i32 at worst).
  bool fitsStatic = staticSizes && ((sqS + tq - 1) / tq) * ((skvS + tk - 1) / tk) <=
                                       (int64_t(1) << 24);
  std::optional<BlockCounts> counts;
  table = static_cast<bool>(op.getBlockRowPtr());
  if (table) {
    Value tkC = idx(b, tk);
    Value nKTiles = arith::CeilDivSIOp::create(b, loc, seqKV, tkC);
    buildBlockTableCheck(b, loc, op, nKTiles);
  }
  bool wantLists = !table && pattern &&
                   (!pattern.isMonotone() || opts.blockLists != BlockListMode::Auto);
  // A mask_mod the interval analysis bounds gives its own static lists
  // (with the pattern's classes, when it has a static one): empty tiles
  // are skipped, full ones run without the region. Compile-time classes
  // assume rows [0, Sq): ops with query_rows build their lists at run time.
  bool modLists = !table && op.hasMaskMod() && fitsStatic && !rowPos.start &&
                  (!pattern || staticPattern) &&
                  opts.blockLists != BlockListMode::Runtime &&
                  maskModIsBounded(op);
  if (modLists) {
    lists = buildMaskModBlockLists(b, loc, op, tq, tk);
    counts = lists->counts;
    maskModTiles = true;
  } else if (wantLists) {
    if (staticPattern && fitsStatic && !rowPos.start &&
        opts.blockLists != BlockListMode::Runtime) {
      lists = buildStaticBlockLists(b, loc, pattern, sqS, skvS, tq, tk);
      counts = lists->counts;
    } else {
      lists = buildRuntimeBlockLists(b, loc, pattern, env, seqQ, seqKV, rowPos,
                                     tq, tk);
    }
  } else if (staticPattern && fitsStatic && !table && !rowPos.start) {
    counts = countBlocks(pattern, sqS, skvS, tq, tk);
  }
  return counts;
}

SmallVector<Value> FusedBuilder::sharedOutputs(OpBuilder &b,
                                               RankedTensorType outT,
                                               ValueRange outDyn) {
  SmallVector<Value> shared;
  if (split) {
    SmallVector<OpFoldResult> partsShape = {
        getAsOpFoldResult(batch), b.getIndexAttr(hq), b.getIndexAttr(parts),
        getAsOpFoldResult(seqQ)};
    SmallVector<OpFoldResult> oShape(partsShape);
    oShape.push_back(b.getIndexAttr(dv));
    Value partsL = tensor::EmptyOp::create(b, loc, partsShape, f32);
    Value partsO = tensor::EmptyOp::create(b, loc, oShape, f32);
    shared = {partsO, partsL};
  } else {
    shared.push_back(tensor::EmptyOp::create(b, loc, outT, outDyn));
    if (wantLse)
      shared.push_back(tensor::EmptyOp::create(
          b, loc,
          ArrayRef<OpFoldResult>{getAsOpFoldResult(batch), b.getIndexAttr(hq),
                                 getAsOpFoldResult(seqQ)},
          f32));
  }
  return shared;
}

void FusedBuilder::buildTile(OpBuilder &b, scf::ForallOp forall) {
  SmallVector<Value> ivs = forall.getInductionVars();
  Value bI = ivs[0], h = ivs[1], t = ivs[2];
  // Folded heads: the loop runs over kv heads; h is the group's first
  // query head.
  Value hk;
  if (fold > 1) {
    hk = h;
    h = arith::MulIOp::create(b, loc, hk, idx(b, fold));
  }
  Value q0 = arith::MulIOp::create(b, loc, t, idx(b, tq));
  // Static, unpadded query tiles (and static output tiles) when they
  // divide a static Sq: no pad copy, and the result tile is stored with
  // a plain copy of known size.
  bool queriesDivide = fold > 1 || (!ShapedType::isDynamic(op.getSeqQ()) &&
                                    op.getSeqQ() % tq == 0);
  Value qRows;
  if (queriesDivide) {
    qRows = idx(b, tq);
  } else {
    Value qLeft = arith::SubIOp::create(b, loc, seqQ, q0);
    qRows = minI(b, idx(b, tq), qLeft);
  }
  Value qTile;
  if (fold > 1) {
    qTile = loadFoldedQueryTile(b, bI, h);
  } else {
    hk = arith::DivUIOp::create(b, loc, h, idx(b, groups));
    qTile = loadQueryTile(b, bI, h, q0,
                          queriesDivide ? OpFoldResult(b.getIndexAttr(tq))
                                        : OpFoldResult(qRows));
  }
  Value slope;
  if (Value slopes = op.getAlibiSlopes())
    slope = tensor::ExtractOp::create(b, loc, slopes, ValueRange{h});
  Value t0 = idx(b, 0), t1 = nKT;
  Value part;
  if (split) {
    part = ivs[3];
    Value chunk = arith::CeilDivSIOp::create(b, loc, nKT, idx(b, parts));
    Value start = arith::MulIOp::create(b, loc, part, chunk);
    t0 = minI(b, start, nKT);
    Value end = arith::AddIOp::create(b, loc, t0, chunk);
    t1 = minI(b, end, nKT);
  }
  State s = table ? tableLoops(b, qTile, bI, h, hk, q0, t, slope)
          : lists ? listLoops(b, qTile, bI, h, hk, q0, t, part, parts, slope)
                  : keyLoops(b, qTile, bI, h, hk, q0, qRows, t0, t1, slope);
  TileResult r = finish(b, s);
  storeTile(b, forall, r, bI, h, part, q0, qRows);
}

void FusedBuilder::storeTile(OpBuilder &b, scf::ForallOp forall,
                             const TileResult &r, Value bI, Value h,
                             Value part, Value q0, Value qRows) {
  Value o = r.out;
  AffineMap id2 = AffineMap::getMultiDimIdentityMap(2, ctx);
  if (!split && elt != f32) {
    Value init =
        tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{tq, dv}, elt);
    o = linalg::GenericOp::create(
            b, loc, init.getType(), ValueRange{o}, ValueRange{init},
            ArrayRef<AffineMap>{id2, id2}, ArrayRef<IteratorType>{kPar, kPar},
            [&](OpBuilder &bb, Location l, ValueRange a) {
              Value tr = arith::TruncFOp::create(bb, l, elt, a[0]);
              linalg::YieldOp::create(bb, l, ValueRange{tr});
            })
            .getResult(0);
  }
  // Keep only the query tile's real rows.
  OpFoldResult zeroA = b.getIndexAttr(0), oneA = b.getIndexAttr(1);
  Type oElt = cast<RankedTensorType>(o.getType()).getElementType();
  Value oRows = tensor::ExtractSliceOp::create(
      b, loc, RankedTensorType::get({ShapedType::kDynamic, dv}, oElt), o,
      ArrayRef<OpFoldResult>{zeroA, zeroA},
      ArrayRef<OpFoldResult>{qRows, b.getIndexAttr(dv)},
      ArrayRef<OpFoldResult>{oneA, oneA});
  Value lseRows = tensor::ExtractSliceOp::create(
      b, loc, RankedTensorType::get({ShapedType::kDynamic}, f32), r.lse,
      ArrayRef<OpFoldResult>{zeroA}, ArrayRef<OpFoldResult>{qRows},
      ArrayRef<OpFoldResult>{oneA});
  // Folded heads: the group's rows back into their heads.
  Value oBlock, lBlock;
  if (fold > 1) {
    oBlock = unfold(b, o, /*headsFirst=*/false);
    lBlock = unfold(b, r.lse, /*headsFirst=*/true);
  }

  SmallVector<Value> dests(forall.getRegionIterArgs());
  b.setInsertionPointToStart(forall.getTerminator().getBody());
  auto insert = [&](Value src, Value dest, ArrayRef<OpFoldResult> offs,
                    ArrayRef<OpFoldResult> sizes) {
    SmallVector<OpFoldResult> strides(offs.size(), oneA);
    tensor::ParallelInsertSliceOp::create(b, loc, src, dest, offs, sizes,
                                          strides);
  };
  OpFoldResult dvA = b.getIndexAttr(dv);
  if (fold > 1) {
    OpFoldResult g = b.getIndexAttr(fold),
                 sqA = b.getIndexAttr(op.getSeqQ());
    if (split) {
      insert(oBlock, dests[0], {bI, h, part, zeroA, zeroA},
             {oneA, g, oneA, sqA, dvA});
      insert(lBlock, dests[1], {bI, h, part, zeroA}, {oneA, g, oneA, sqA});
    } else {
      if (bshd)
        insert(oBlock, dests[0], {bI, zeroA, h, zeroA}, {oneA, sqA, g, dvA});
      else
        insert(oBlock, dests[0], {bI, h, zeroA, zeroA}, {oneA, g, sqA, dvA});
      if (wantLse)
        insert(lBlock, dests[1], {bI, h, zeroA}, {oneA, g, sqA});
    }
  } else if (split) {
    insert(oRows, dests[0], {bI, h, part, q0, zeroA},
           {oneA, oneA, oneA, qRows, dvA});
    insert(lseRows, dests[1], {bI, h, part, q0}, {oneA, oneA, oneA, qRows});
  } else {
    if (bshd)
      insert(oRows, dests[0], {bI, q0, h, zeroA}, {oneA, qRows, oneA, dvA});
    else
      insert(oRows, dests[0], {bI, h, q0, zeroA}, {oneA, oneA, qRows, dvA});
    if (wantLse)
      insert(lseRows, dests[1], {bI, h, q0}, {oneA, oneA, qRows});
  }
}

SmallVector<Value> FusedBuilder::results(OpBuilder &b, scf::ForallOp forall,
                                         RankedTensorType outT,
                                         ValueRange outDyn) {
  Value out = forall.getResult(0), lse;
  if (split) {
    auto merged = buildSplitKVMerge(
        b, loc, forall.getResult(0), forall.getResult(1), outT, outDyn, bshd,
        {getAsOpFoldResult(batch), b.getIndexAttr(hq), getAsOpFoldResult(seqQ)},
        dv);
    out = merged.first;
    lse = merged.second;
  } else if (wantLse) {
    lse = forall.getResult(1);
  }
  SmallVector<Value> results = {out};
  if (wantLse) {
    if (lse.getType() != op.getLse().getType())
      lse = tensor::CastOp::create(b, loc, op.getLse().getType(), lse);
    results.push_back(lse);
  }
  return results;
}
