//===- Fuse.cpp - attn.attention -> fused online-softmax loops ------------===//
//
// --attn-fuse: the FlashAttention-2 forward on tensors.
//
//   scf.forall (b, h, query tile [, kv part]) {
//     Q tile, pre-scaled, padded to a static [Tq, D]
//     for key tiles before the fully visible range:  step(partial)
//     for key tiles fully visible to every row:      step(full)
//     for key tiles after it:                        step(partial)
//     O = acc / l, lse = m + log l
//   }
//   [merge of the kv parts, when split]
//
// The key-tile ranges come from the pattern's per-row key bounds, which are
// monotone in the row, so fully masked tiles are never visited and interior
// tiles never test elements. Every tile has a static shape so the CPU
// codegen can vectorize it; boundary tiles are zero-padded and masked.
//
//===----------------------------------------------------------------------===//
#include "attn/AttnOps.h"
#include "attn/Passes.h"
#include "AttentionMath.h"
#include "BlockLists.h"
#include "PatternEnv.h"
#include "SplitKVMerge.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Utils/Utils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

#include "llvm/Support/Threading.h"

#include <limits>

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNFUSE
#include "attn/passes/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;
using namespace mlir::attn;

namespace {

using utils::IteratorType;

/// Default tiles for the CPU: a 64 x 64 f32 score tile (16 KiB) plus the
/// K/V tiles stay within L1/L2 for D <= 128.
constexpr int64_t kDefaultQueryTile = 64;
constexpr int64_t kDefaultKeyTile = 64;

enum class SplitMode { Auto, Always, Never };
enum class ListMode { Auto, Static, Runtime };

/// Row reductions may be reassociated (vectorized); products may contract
/// into FMAs. Both stay in f32.
constexpr arith::FastMathFlags kContract = arith::FastMathFlags::contract;
constexpr arith::FastMathFlags kReassoc =
    arith::FastMathFlags::reassoc | arith::FastMathFlags::contract;

struct FuseOptions {
  int64_t queryTile = 0, keyTile = 0;
  SplitMode split = SplitMode::Auto;
  int64_t kvSplits = 0, numThreads = 0;
  bool bf16Dot = false;
  ListMode lists = ListMode::Auto;
};

/// Why `op` is left alone, or empty when it can be fused.
std::string unfusableReason(AttentionOp op) {
  for (int64_t d : {op.getHeadsQ(), op.getHeadsKV(), op.getHeadDim(),
                    op.getHeadDimV()})
    if (ShapedType::isDynamic(d))
      return "head counts and head dims must be static";
  return "";
}

/// Running state of the online softmax for one query tile.
struct State {
  Value m, l, acc; // [Tq], [Tq], [Tq, Dv] f32
};

class FusedBuilder {
public:
  FusedBuilder(AttentionOp op, PatternRewriter &rw, const FuseOptions &opts)
      : op(op), rw(rw), loc(op.getLoc()), ctx(op.getContext()),
        f32(rw.getF32Type()) {
    bshd = op.getLayoutOrDefault() == Layout::bshd;
    hq = op.getHeadsQ();
    groups = hq / op.getHeadsKV();
    d = op.getHeadDim();
    dv = op.getHeadDimV();
    elt = cast<RankedTensorType>(op.getQuery().getType()).getElementType();
    pattern = op.getSparsityAttr();
    int64_t sq = op.getSeqQ(), skv = op.getSeqKV();
    tq = opts.queryTile > 0 ? opts.queryTile : kDefaultQueryTile;
    tk = opts.keyTile > 0 ? opts.keyTile : kDefaultKeyTile;
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
    this->opts = opts;
    // Pairs of the reduction dims (D for Q K^T, keys for P V) side by side,
    // the operand layout of the bf16 dot-product instructions.
    vnni = opts.bf16Dot && elt.isBF16() && d % 2 == 0 && tk % 2 == 0;
  }

  LogicalResult build();

private:
  AttentionOp op;
  PatternRewriter &rw;
  Location loc;
  MLIRContext *ctx;
  Type f32, elt;
  bool bshd, vnni = false;
  int64_t hq, groups, d, dv, tq, tk;
  SparsityAttrInterface pattern;
  FuseOptions opts;
  // Index values computed once, outside the parallel loop.
  Value seqQ, seqKV, offset, batch;
  // Run-time pattern values and, for non-monotone patterns, the per query
  // tile lists of key tiles (also built outside the parallel loop).
  PatternEnv env;
  std::optional<BlockLists> lists;

  AffineExpr dim(unsigned i) { return getAffineDimExpr(i, ctx); }
  AffineMap map(unsigned n, ArrayRef<AffineExpr> e) {
    return AffineMap::get(n, 0, e, ctx);
  }
  Value idx(OpBuilder &b, int64_t v) {
    return arith::ConstantIndexOp::create(b, loc, v);
  }
  Value fconst(OpBuilder &b, double v) {
    return arith::ConstantOp::create(b, loc, f32, b.getF32FloatAttr(v));
  }
  Value negInf(OpBuilder &b) {
    return fconst(b, -std::numeric_limits<double>::infinity());
  }
  Value minI(OpBuilder &b, Value x, Value y) {
    return arith::MinSIOp::create(b, loc, x, y);
  }
  Value maxI(OpBuilder &b, Value x, Value y) {
    return arith::MaxSIOp::create(b, loc, x, y);
  }
  Value clamp(OpBuilder &b, Value x, Value lo, Value hi) {
    return minI(b, maxI(b, x, lo), hi);
  }
  Value filled(OpBuilder &b, ArrayRef<int64_t> shape, Value v) {
    Value e = tensor::EmptyOp::create(b, loc, shape, f32);
    return linalg::FillOp::create(b, loc, ValueRange{v}, ValueRange{e})
        .getResult(0);
  }
  Value toF32(OpBuilder &b, Location l, Value v) {
    return v.getType() == f32 ? v : arith::ExtFOp::create(b, l, f32, v);
  }
  static void yield(OpBuilder &b, Location l, Value v) {
    linalg::YieldOp::create(b, l, ValueRange{v});
  }
  /// acc + x * y, allowed to become one FMA instruction.
  static Value fma(OpBuilder &b, Location l, Value x, Value y, Value acc) {
    Value p = arith::MulFOp::create(b, l, x, y, kContract);
    return arith::AddFOp::create(b, l, acc, p, kContract);
  }

  /// Slice [rows, width] of Q/K/V at (b, head, row0) in the op's layout,
  /// zero-padded to `padRows` rows when `rows` is not static.
  Value loadTile(OpBuilder &b, Value src, Value bIdx, Value head, Value row0,
                 OpFoldResult rows, int64_t padRows, int64_t width);
  /// One online-softmax step over the key tile starting at `k0`. A
  /// `partial` tile may cross the pattern's boundary or the end of the keys:
  /// it is padded and tests bounds and pattern per element. A mask operand
  /// is applied in every tile.
  /// `whole` (i1, partial steps of block tables only): the block is
  /// listed as full, so the pattern is not applied (bounds still are).
  State step(OpBuilder &b, Value qTile, Value bIdx, Value h, Value hk,
             Value q0, Value k0, const State &s, bool partial, Value slope,
             Value whole = nullptr);
  /// The key blocks of query tile `qt` listed by the op's block table.
  State tableLoops(OpBuilder &b, Value qTile, Value bIdx, Value h, Value hk,
                   Value q0, Value qt, Value slope);
  /// Runs the masked/full/masked key loops over tiles [t0, t1).
  State keyLoops(OpBuilder &b, Value qTile, Value bIdx, Value h, Value hk,
                 Value q0, Value qRows, Value t0, Value t1, Value slope);
  /// The same over the block lists of query tile `qt`: its entries are
  /// divided into `parts` contiguous slices, of which `part` runs here.
  State listLoops(OpBuilder &b, Value qTile, Value bIdx, Value h, Value hk,
                  Value q0, Value qt, Value part, int64_t parts, Value slope);
  /// Visible key-tile ranges of the query rows [q0, q0 + qRows).
  void tileRanges(OpBuilder &b, Value q0, Value qRows, Value &tStart,
                  Value &fullStart, Value &fullEnd, Value &tEnd);
  /// `src` [rows, 2n] (pairs of the reduction dim `src` is contiguous in)
  /// re-laid as [n, width, 2]: element (p, c, v) = src[2p + v, c] when
  /// `pairRows`, else src[c, 2p + v] (K^T packed from K rows).
  Value packPairs(OpBuilder &b, Value src, int64_t pairs, int64_t width,
                  bool pairRows);
  /// acc[i, c] += sum_(p, v) lhs[i, p, v] * rhs[p, c, v], in f32.
  Value pairContraction(OpBuilder &b, Value lhs, Value rhs, Value acc);
  /// O = acc / l (f32) and lse = m + log l, with the fully-masked guard.
  std::pair<Value, Value> finish(OpBuilder &b, const State &s);
  /// Extracts mask/bias element (b, h, i, j) with broadcast and clamping.
  Value extractScoreOperand(OpBuilder &b, Location l, Value operand,
                            Value bIdx, Value h, Value i, Value j);
};

Value FusedBuilder::loadTile(OpBuilder &b, Value src, Value bIdx, Value head,
                             Value row0, OpFoldResult rows, int64_t padRows,
                             int64_t width) {
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
  if (staticRows && *staticRows == padRows)
    return slice;
  auto padType = RankedTensorType::get({padRows, width}, srcElt);
  Value zeroV = arith::ConstantOp::create(b, loc, srcElt,
                                          b.getZeroAttr(srcElt));
  return tensor::createPadHighOp(padType, slice, zeroV, /*nofold=*/false, loc,
                                 b);
}

Value FusedBuilder::extractScoreOperand(OpBuilder &b, Location l, Value operand,
                                        Value bIdx, Value h, Value i, Value j) {
  auto t = cast<RankedTensorType>(operand.getType());
  unsigned lead = 4 - t.getRank();
  // Padded rows/columns of boundary tiles are masked or discarded; clamp
  // their indices so they never read out of bounds.
  Value one = arith::ConstantIndexOp::create(b, l, 1);
  Value full[4] = {bIdx, h,
                   arith::MinSIOp::create(
                       b, l, i, arith::SubIOp::create(b, l, seqQ, one)),
                   arith::MinSIOp::create(
                       b, l, j, arith::SubIOp::create(b, l, seqKV, one))};
  Value zero = arith::ConstantIndexOp::create(b, l, 0);
  SmallVector<Value> indices;
  for (unsigned k = 0, e = t.getRank(); k < e; ++k)
    indices.push_back(t.getDimSize(k) == 1 ? zero : full[lead + k]);
  return tensor::ExtractOp::create(b, l, operand, indices);
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
  Value qLast = arith::SubIOp::create(
      b, loc, arith::AddIOp::create(b, loc, q0, qRows), one);
  auto [loFirst, hiFirst] = pattern.buildKeyRange(b, loc, q0, offset, env);
  auto [loLast, hiLast] = pattern.buildKeyRange(b, loc, qLast, offset, env);
  // Union of the rows' ranges: [lo(first), hi(last)); intersection:
  // [lo(last), hi(first)). Bounds are monotone in the row.
  Value kLo = clamp(b, loFirst, zero, seqKV);
  Value kHi = clamp(b, hiLast, zero, seqKV);
  Value fLo = clamp(b, loLast, zero, seqKV);
  Value fHi = clamp(b, hiFirst, zero, seqKV);
  tStart = arith::DivSIOp::create(b, loc, kLo, tkV);
  tEnd = maxI(b, arith::CeilDivSIOp::create(b, loc, kHi, tkV), tStart);
  fullStart = clamp(b, arith::CeilDivSIOp::create(b, loc, fLo, tkV), tStart,
                    tEnd);
  fullEnd = clamp(b, arith::DivSIOp::create(b, loc, fHi, tkV), fullStart, tEnd);
}

State FusedBuilder::step(OpBuilder &b, Value qTile, Value bIdx, Value h,
                         Value hk, Value q0, Value k0, const State &s,
                         bool partial, Value slope, Value whole) {
  // Full tiles are always whole; only partial ones can cross the end of K.
  OpFoldResult rows = b.getIndexAttr(tk);
  // When tiles divide a static Skv, no tile crosses the end of the keys:
  // partial steps of a pattern then only mask the pattern, with static,
  // unpadded tiles. (Without a pattern, partial steps only exist for a
  // ragged end of the keys.)
  int64_t skvS = op.getSeqKV();
  bool keysDivide =
      pattern && !ShapedType::isDynamic(skvS) && skvS % tk == 0;
  if (partial && !keysDivide)
    rows = minI(b, idx(b, tk), arith::SubIOp::create(b, loc, seqKV, k0));
  Value kTile = loadTile(b, op.getKey(), bIdx, hk, k0, rows, tk, d);
  Value vTile = loadTile(b, op.getValue(), bIdx, hk, k0, rows, tk, dv);

  Value scores = filled(b, {tq, tk}, fconst(b, 0.0));
  if (vnni) {
    // bf16 pairs of D: S = Q K^T with f32 accumulation, then the scale in
    // f32 (Q stays exact in bf16).
    scores = pairContraction(b, qTile, packPairs(b, kTile, d / 2, tk, false),
                             scores);
    Value scaleV = fconst(b, *op.getEffectiveScale());
    AffineMap id2 = map(2, {dim(0), dim(1)});
    scores = linalg::GenericOp::create(
                 b, loc, scores.getType(), ValueRange{}, ValueRange{scores},
                 ArrayRef<AffineMap>{id2}, ArrayRef<IteratorType>{kPar, kPar},
                 [&](OpBuilder &bb, Location l, ValueRange a) {
                   yield(bb, l, arith::MulFOp::create(bb, l, a[0], scaleV));
                 })
                 .getResult(0);
  } else {
    // K^T in f32, once per key tile, so that the contraction's innermost
    // loop runs over contiguous keys (the CPU codegen vectorizes along j).
    Value kT = linalg::GenericOp::create(
                   b, loc, RankedTensorType::get({d, tk}, f32), ValueRange{kTile},
                   ValueRange{tensor::EmptyOp::create(
                       b, loc, ArrayRef<int64_t>{d, tk}, f32)},
                   ArrayRef<AffineMap>{map(2, {dim(1), dim(0)}),
                                       map(2, {dim(0), dim(1)})},
                   ArrayRef<IteratorType>{kPar, kPar},
                   [&](OpBuilder &bb, Location l, ValueRange a) {
                     yield(bb, l, toF32(bb, l, a[0]));
                   })
                   .getResult(0);
    // S[i, j] = sum_d q[i, d] * kT[d, j]   (q already scaled, f32);
    // dims (i, d, j): the reduction sits between the parallel dims.
    scores = linalg::GenericOp::create(
                 b, loc, scores.getType(), ValueRange{qTile, kT},
                 ValueRange{scores},
                 ArrayRef<AffineMap>{map(3, {dim(0), dim(1)}),
                                     map(3, {dim(1), dim(2)}),
                                     map(3, {dim(0), dim(2)})},
                 ArrayRef<IteratorType>{kPar, kRed, kPar},
                 [&](OpBuilder &bb, Location l, ValueRange a) {
                   yield(bb, l, fma(bb, l, a[0], a[1], a[2]));
                 })
                 .getResult(0);
  }

  // Score modifiers and, in masked tiles, the element mask.
  std::optional<double> softcap;
  if (auto c = op.getSoftcapAttr())
    softcap = c.getValueAsDouble();
  Value mask = op.getMask(), bias = op.getBias();
  bool needIndex = partial || mask || bias || slope;
  if (softcap || needIndex) {
    AffineMap id2 = map(2, {dim(0), dim(1)});
    Value ninf = negInf(b);
    scores =
        linalg::GenericOp::create(
            b, loc, scores.getType(), ValueRange{}, ValueRange{scores},
            ArrayRef<AffineMap>{id2}, ArrayRef<IteratorType>{kPar, kPar},
            [&](OpBuilder &bb, Location l, ValueRange a) {
              Value sv = a[0];
              if (softcap)
                sv = buildSoftcap(bb, l, sv, *softcap);
              if (!needIndex) {
                yield(bb, l, sv);
                return;
              }
              Value i = arith::AddIOp::create(
                  bb, l, q0, linalg::IndexOp::create(bb, l, 0));
              Value j = arith::AddIOp::create(
                  bb, l, k0, linalg::IndexOp::create(bb, l, 1));
              if (bias)
                sv = arith::AddFOp::create(
                    bb, l, sv,
                    toF32(bb, l,
                          extractScoreOperand(bb, l, bias, bIdx, h, i, j)));
              if (slope)
                sv = buildAlibi(bb, l, sv, slope, i, j, offset);
              Value visible;
              if (partial) {
                if (!keysDivide)
                  visible = arith::CmpIOp::create(
                      bb, l, arith::CmpIPredicate::slt, j, seqKV);
                if (pattern) {
                  Value pv = pattern.buildVisible(bb, l, i, j, offset, env);
                  if (whole)
                    pv = arith::OrIOp::create(bb, l, pv, whole);
                  visible = visible
                                ? arith::AndIOp::create(bb, l, visible, pv)
                                      .getResult()
                                : pv;
                }
              }
              if (mask) {
                Value mv = extractScoreOperand(bb, l, mask, bIdx, h, i, j);
                visible = visible ? arith::AndIOp::create(bb, l, visible, mv)
                                        .getResult()
                                  : mv;
              }
              if (visible)
                sv = arith::SelectOp::create(bb, l, visible, sv, ninf);
              yield(bb, l, sv);
            })
            .getResult(0);
  }

  AffineMap id2 = map(2, {dim(0), dim(1)}), row2 = map(2, {dim(0)});
  AffineMap id1 = map(1, {dim(0)});
  // m_new = max(m_old, rowmax(S))
  Value mNew =
      linalg::GenericOp::create(
          b, loc, s.m.getType(), ValueRange{scores}, ValueRange{s.m},
          ArrayRef<AffineMap>{id2, row2}, ArrayRef<IteratorType>{kPar, kRed},
          [&](OpBuilder &bb, Location l, ValueRange a) {
            // maxnumf: reduces to a vector max tree (maximumf's NaN
            // propagation scalarizes on x86); NaN scores still reach P.
            yield(bb, l, arith::MaxNumFOp::create(bb, l, a[0], a[1], kReassoc));
          })
          .getResult(0);
  Value ninf = negInf(b), zero = fconst(b, 0.0), one = fconst(b, 1.0);
  // P = exp(S - m_new); rows still fully masked (m_new = -inf) give 0.
  Value probs =
      linalg::GenericOp::create(
          b, loc, scores.getType(), ValueRange{mNew}, ValueRange{scores},
          ArrayRef<AffineMap>{row2, id2}, ArrayRef<IteratorType>{kPar, kPar},
          [&](OpBuilder &bb, Location l, ValueRange a) {
            yield(bb, l, buildGuardedExp(bb, l, a[1], a[0], a[0], ninf, zero));
          })
          .getResult(0);
  // alpha = exp(m_old - m_new), 1 while the row is fully masked.
  Value alpha =
      linalg::GenericOp::create(
          b, loc, s.m.getType(), ValueRange{s.m}, ValueRange{mNew},
          ArrayRef<AffineMap>{id1, id1}, ArrayRef<IteratorType>{kPar},
          [&](OpBuilder &bb, Location l, ValueRange a) {
            yield(bb, l, buildGuardedExp(bb, l, a[0], a[1], a[1], ninf, one));
          })
          .getResult(0);
  // l = alpha * l + rowsum(P)
  Value lNew =
      linalg::GenericOp::create(
          b, loc, s.l.getType(), ValueRange{alpha}, ValueRange{s.l},
          ArrayRef<AffineMap>{id1, id1}, ArrayRef<IteratorType>{kPar},
          [&](OpBuilder &bb, Location l, ValueRange a) {
            yield(bb, l, arith::MulFOp::create(bb, l, a[0], a[1]));
          })
          .getResult(0);
  lNew = linalg::GenericOp::create(
             b, loc, s.l.getType(), ValueRange{probs}, ValueRange{lNew},
             ArrayRef<AffineMap>{id2, row2}, ArrayRef<IteratorType>{kPar, kRed},
             [&](OpBuilder &bb, Location l, ValueRange a) {
               yield(bb, l, arith::AddFOp::create(bb, l, a[0], a[1], kReassoc));
             })
             .getResult(0);
  // acc = alpha * acc + P V
  Value acc =
      linalg::GenericOp::create(
          b, loc, s.acc.getType(), ValueRange{alpha}, ValueRange{s.acc},
          ArrayRef<AffineMap>{row2, id2}, ArrayRef<IteratorType>{kPar, kPar},
          [&](OpBuilder &bb, Location l, ValueRange a) {
            yield(bb, l, arith::MulFOp::create(bb, l, a[0], a[1]));
          })
          .getResult(0);
  if (vnni) {
    // P rounded to bf16 (as FlashAttention does on tensor cores), pairs of
    // keys contiguous; V rows interleaved in pairs.
    Type bf16 = elt;
    AffineMap id2 = map(2, {dim(0), dim(1)});
    Value pB = linalg::GenericOp::create(
                   b, loc, RankedTensorType::get({tq, tk}, bf16),
                   ValueRange{probs},
                   ValueRange{tensor::EmptyOp::create(
                       b, loc, ArrayRef<int64_t>{tq, tk}, bf16)},
                   ArrayRef<AffineMap>{id2, id2},
                   ArrayRef<IteratorType>{kPar, kPar},
                   [&](OpBuilder &bb, Location l, ValueRange a) {
                     yield(bb, l, arith::TruncFOp::create(bb, l, bf16, a[0]));
                   })
                   .getResult(0);
    acc = pairContraction(b, pB, packPairs(b, vTile, tk / 2, dv, true), acc);
    return {mNew, lNew, acc};
  }
  // dims (i, j, e): contiguous value rows innermost.
  acc = linalg::GenericOp::create(
            b, loc, acc.getType(), ValueRange{probs, vTile}, ValueRange{acc},
            ArrayRef<AffineMap>{map(3, {dim(0), dim(1)}),
                                map(3, {dim(1), dim(2)}),
                                map(3, {dim(0), dim(2)})},
            ArrayRef<IteratorType>{kPar, kRed, kPar},
            [&](OpBuilder &bb, Location l, ValueRange a) {
              yield(bb, l, fma(bb, l, a[0], toF32(bb, l, a[1]), a[2]));
            })
            .getResult(0);
  return {mNew, lNew, acc};
}

State FusedBuilder::keyLoops(OpBuilder &b, Value qTile, Value bIdx, Value h,
                             Value hk, Value q0, Value qRows, Value t0,
                             Value t1, Value slope) {
  Value tStart, fullStart, fullEnd, tEnd;
  tileRanges(b, q0, qRows, tStart, fullStart, fullEnd, tEnd);
  // Restrict to this kv part's tiles [t0, t1).
  tStart = clamp(b, tStart, t0, t1);
  tEnd = clamp(b, tEnd, tStart, t1);
  fullStart = clamp(b, fullStart, tStart, tEnd);
  fullEnd = clamp(b, fullEnd, fullStart, tEnd);

  State s{filled(b, {tq}, negInf(b)), filled(b, {tq}, fconst(b, 0.0)),
          filled(b, {tq, dv}, fconst(b, 0.0))};
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

Value FusedBuilder::packPairs(OpBuilder &b, Value src, int64_t pairs,
                              int64_t width, bool pairRows) {
  // View the pairs as their own dim (free), then one permutation:
  // rows: [n, 2, width] -> [n, width, 2]; columns: [width, n, 2] ->
  // [n, width, 2].
  auto srcT = cast<RankedTensorType>(src.getType());
  SmallVector<int64_t> viewShape =
      pairRows ? SmallVector<int64_t>{pairs, 2, width}
               : SmallVector<int64_t>{width, pairs, 2};
  SmallVector<ReassociationIndices> assoc =
      pairRows ? SmallVector<ReassociationIndices>{{0, 1}, {2}}
               : SmallVector<ReassociationIndices>{{0}, {1, 2}};
  Value view = tensor::ExpandShapeOp::create(
      b, loc, RankedTensorType::get(viewShape, srcT.getElementType()), src,
      assoc);
  AffineMap in = pairRows ? map(3, {dim(0), dim(2), dim(1)})
                          : map(3, {dim(1), dim(0), dim(2)});
  auto t = RankedTensorType::get({pairs, width, 2}, elt);
  return linalg::GenericOp::create(
             b, loc, t, ValueRange{view},
             ValueRange{tensor::EmptyOp::create(b, loc, t.getShape(), elt)},
             ArrayRef<AffineMap>{in, map(3, {dim(0), dim(1), dim(2)})},
             ArrayRef<IteratorType>{kPar, kPar, kPar},
             [&](OpBuilder &bb, Location l, ValueRange a) {
               yield(bb, l, a[0]);
             })
      .getResult(0);
}

Value FusedBuilder::pairContraction(OpBuilder &b, Value lhs, Value rhs,
                                    Value acc) {
  // lhs [rows, 2n] viewed as [rows, n, 2]: pairs are already contiguous.
  auto lt = cast<RankedTensorType>(lhs.getType());
  int64_t n = lt.getDimSize(1) / 2;
  auto pairsT = RankedTensorType::get({lt.getDimSize(0), n, 2}, elt);
  Value lhsP = tensor::ExpandShapeOp::create(
      b, loc, pairsT, lhs, ArrayRef<ReassociationIndices>{{0}, {1, 2}});
  // dims (i, p, c, v): the pair dim innermost, where the instruction
  // reduces it.
  return linalg::GenericOp::create(
             b, loc, acc.getType(), ValueRange{lhsP, rhs}, ValueRange{acc},
             ArrayRef<AffineMap>{map(4, {dim(0), dim(1), dim(3)}),
                                 map(4, {dim(1), dim(2), dim(3)}),
                                 map(4, {dim(0), dim(2)})},
             ArrayRef<IteratorType>{kPar, kRed, kPar, kRed},
             [&](OpBuilder &bb, Location l, ValueRange a) {
               yield(bb, l,
                     fma(bb, l, toF32(bb, l, a[0]), toF32(bb, l, a[1]), a[2]));
             })
      .getResult(0);
}

State FusedBuilder::listLoops(OpBuilder &b, Value qTile, Value bIdx, Value h,
                              Value hk, Value q0, Value qt, Value part,
                              int64_t parts, Value slope) {
  State s{filled(b, {tq}, negInf(b)), filled(b, {tq}, fconst(b, 0.0)),
          filled(b, {tq, dv}, fconst(b, 0.0))};
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
  State s{filled(b, {tq}, negInf(b)), filled(b, {tq}, fconst(b, 0.0)),
          filled(b, {tq, dv}, fconst(b, 0.0))};
  SmallVector<Value> r = buildTableLoops(
      b, loc, op, bIdx, h, hq, qt, seqKV, tk, static_cast<bool>(pattern),
      {s.m, s.l, s.acc},
      [&](OpBuilder &bb, Location, Value k0, ValueRange st, bool partial,
          Value whole) -> SmallVector<Value> {
        State n = step(bb, qTile, bIdx, h, hk, q0, k0, {st[0], st[1], st[2]},
                       partial, slope, whole);
        return {n.m, n.l, n.acc};
      });
  return {r[0], r[1], r[2]};
}

std::pair<Value, Value> FusedBuilder::finish(OpBuilder &b, const State &s) {
  AffineMap id2 = map(2, {dim(0), dim(1)}), row2 = map(2, {dim(0)});
  AffineMap id1 = map(1, {dim(0)});
  Value zero = fconst(b, 0.0), ninf = negInf(b);
  Value out =
      linalg::GenericOp::create(
          b, loc, s.acc.getType(), ValueRange{s.l}, ValueRange{s.acc},
          ArrayRef<AffineMap>{row2, id2}, ArrayRef<IteratorType>{kPar, kPar},
          [&](OpBuilder &bb, Location l, ValueRange a) {
            Value pos = arith::CmpFOp::create(bb, l, arith::CmpFPredicate::OGT,
                                              a[0], zero);
            Value o = arith::DivFOp::create(bb, l, a[1], a[0]);
            yield(bb, l, arith::SelectOp::create(bb, l, pos, o, zero));
          })
          .getResult(0);
  Value lse =
      linalg::GenericOp::create(
          b, loc, s.l.getType(), ValueRange{s.m}, ValueRange{s.l},
          ArrayRef<AffineMap>{id1, id1}, ArrayRef<IteratorType>{kPar},
          [&](OpBuilder &bb, Location l, ValueRange a) {
            Value pos = arith::CmpFOp::create(bb, l, arith::CmpFPredicate::OGT,
                                              a[1], zero);
            Value r = arith::AddFOp::create(bb, l, a[0],
                                            math::LogOp::create(bb, l, a[1]));
            yield(bb, l, arith::SelectOp::create(bb, l, pos, r, ninf));
          })
          .getResult(0);
  return {out, lse};
}

} // namespace

//===----------------------------------------------------------------------===//
// Top-level structure: the parallel loop, the optional kv split and merge.
//===----------------------------------------------------------------------===//

/// Number of kv parts to split each query tile's key range into (1: none).
static int64_t pickSplits(AttentionOp op, int64_t tq, int64_t tk,
                          const FuseOptions &opts) {
  if (opts.split == SplitMode::Never || op.getBlockRowPtr())
    return 1;
  int64_t threads = opts.numThreads > 0
                        ? opts.numThreads
                        : llvm::hardware_concurrency().compute_thread_count();
  threads = std::max<int64_t>(threads, 1);
  int64_t skv = op.getSeqKV();
  int64_t keyTiles =
      ShapedType::isDynamic(skv) ? std::numeric_limits<int64_t>::max()
                                 : (skv + tk - 1) / tk;
  if (opts.split == SplitMode::Always)
    return std::max<int64_t>(
        1, std::min(keyTiles, opts.kvSplits > 0 ? opts.kvSplits
                                                : std::max<int64_t>(2, threads)));
  // Auto: split only when the parallel (b, h, query tile) work cannot keep
  // every thread busy and there are enough key tiles to share.
  int64_t b = op.getBatch(), sq = op.getSeqQ();
  if (ShapedType::isDynamic(b) || ShapedType::isDynamic(sq))
    return 1;
  int64_t work = b * op.getHeadsQ() * ((sq + tq - 1) / tq);
  if (work >= threads)
    return 1;
  int64_t parts = opts.kvSplits > 0 ? opts.kvSplits
                                    : (2 * threads + work - 1) / work;
  parts = std::min(parts, keyTiles / 2);
  return std::max<int64_t>(parts, 1);
}

LogicalResult FusedBuilder::build() {
  Value q = op.getQuery();
  unsigned seqIdx = bshd ? 1 : 2;
  auto sizeOf = [&](Value v, unsigned i) -> Value {
    int64_t s = cast<RankedTensorType>(v.getType()).getDimSize(i);
    if (!ShapedType::isDynamic(s))
      return idx(rw, s);
    return tensor::DimOp::create(rw, loc, v, i);
  };
  batch = sizeOf(q, 0);
  seqQ = sizeOf(q, seqIdx);
  seqKV = sizeOf(op.getKey(), seqIdx);
  offset = arith::SubIOp::create(rw, loc, seqKV, seqQ);
  env = buildPatternEnv(rw, loc, op, seqKV);
  int64_t sqS = op.getSeqQ(), skvS = op.getSeqKV();
  bool staticSizes = !ShapedType::isDynamic(sqS) && !ShapedType::isDynamic(skvS);
  bool staticPattern = pattern && pattern.isStatic() && staticSizes;
  // Compile-time lists up to 2^24 blocks (64 MiB of i32 at worst).
  bool fitsStatic = staticSizes && ((sqS + tq - 1) / tq) * ((skvS + tk - 1) / tk) <=
                                       (int64_t(1) << 24);
  std::optional<BlockCounts> counts;
  bool table = static_cast<bool>(op.getBlockRowPtr());
  if (table)
    buildBlockTableCheck(rw, loc, op,
                         arith::CeilDivSIOp::create(rw, loc, seqKV, idx(rw, tk)));
  bool wantLists = !table && pattern &&
                   (!pattern.isMonotone() || opts.lists != ListMode::Auto);
  if (wantLists) {
    if (staticPattern && fitsStatic && opts.lists != ListMode::Runtime) {
      lists = buildStaticBlockLists(rw, loc, pattern, sqS, skvS, tq, tk);
      counts = lists->counts;
    } else {
      lists = buildRuntimeBlockLists(rw, loc, pattern, env, seqQ, seqKV,
                                     offset, tq, tk);
    }
  } else if (staticPattern && fitsStatic && !table) {
    counts = countBlocks(pattern, sqS, skvS, tq, tk);
  }
  double scale = *op.getEffectiveScale();
  Value nQT = arith::CeilDivSIOp::create(rw, loc, seqQ, idx(rw, tq));
  Value nKT = arith::CeilDivSIOp::create(rw, loc, seqKV, idx(rw, tk));
  int64_t parts = pickSplits(op, tq, tk, opts);
  bool split = parts > 1;
  bool wantLse = static_cast<bool>(op.getLse());

  // Shared outputs of the parallel loop.
  auto outT = cast<RankedTensorType>(op.getOutput().getType());
  SmallVector<Value> outDyn, lseDyn;
  // Output dims: B, S (from Q) and H (from Q) are the only dynamic ones.
  for (int64_t i = 0; i < 4; ++i)
    if (outT.isDynamicDim(i))
      outDyn.push_back(tensor::DimOp::create(rw, loc, q, i));
  SmallVector<Value> shared;
  SmallVector<OpFoldResult> partsShape;
  if (split) {
    partsShape = {getAsOpFoldResult(batch), rw.getIndexAttr(hq),
                  rw.getIndexAttr(parts), getAsOpFoldResult(seqQ)};
    shared.push_back(tensor::EmptyOp::create(rw, loc, partsShape, f32));
    SmallVector<OpFoldResult> oShape(partsShape);
    oShape.push_back(rw.getIndexAttr(dv));
    shared.insert(shared.begin(),
                  tensor::EmptyOp::create(rw, loc, oShape, f32));
  } else {
    shared.push_back(tensor::EmptyOp::create(rw, loc, outT, outDyn));
    if (wantLse)
      shared.push_back(tensor::EmptyOp::create(
          rw, loc,
          ArrayRef<OpFoldResult>{getAsOpFoldResult(batch), rw.getIndexAttr(hq),
                                 getAsOpFoldResult(seqQ)},
          f32));
  }

  SmallVector<OpFoldResult> ubs = {getAsOpFoldResult(batch),
                                   rw.getIndexAttr(hq), getAsOpFoldResult(nQT)};
  if (split)
    ubs.push_back(rw.getIndexAttr(parts));
  auto forall = scf::ForallOp::create(rw, loc, ubs, shared, std::nullopt);
  // The pattern's block classes for these tiles, for tests and tools.
  if (counts)
    forall->setAttr("attn.block_counts",
                    rw.getDictionaryAttr(
                        {rw.getNamedAttr("empty", rw.getI64IntegerAttr(counts->empty)),
                         rw.getNamedAttr("full", rw.getI64IntegerAttr(counts->full)),
                         rw.getNamedAttr("partial",
                                         rw.getI64IntegerAttr(counts->partial))}));
  {
    OpBuilder::InsertionGuard g(rw);
    rw.setInsertionPoint(forall.getTerminator());
    SmallVector<Value> ivs = forall.getInductionVars();
    Value bI = ivs[0], h = ivs[1], t = ivs[2];
    Value q0 = arith::MulIOp::create(rw, loc, t, idx(rw, tq));
    Value qRows =
        minI(rw, idx(rw, tq), arith::SubIOp::create(rw, loc, seqQ, q0));
    Value hk = arith::DivUIOp::create(rw, loc, h, idx(rw, groups));
    // Static, unpadded query tiles when they divide a static Sq (only for
    // patterns, whose many short key loops make the copy visible).
    bool queriesDivide = pattern && !ShapedType::isDynamic(op.getSeqQ()) &&
                         op.getSeqQ() % tq == 0;
    Value qTile = loadTile(rw, q, bI, h, q0,
                           queriesDivide ? OpFoldResult(rw.getIndexAttr(tq))
                                         : OpFoldResult(qRows),
                           tq, d);
    // Pre-scale Q once per tile instead of every score (the bf16 dot path
    // scales its f32 scores instead).
    Value scaleV = fconst(rw, scale);
    AffineMap id2 = map(2, {dim(0), dim(1)});
    if (!vnni) {
      qTile = linalg::GenericOp::create(
                  rw, loc, RankedTensorType::get({tq, d}, f32), ValueRange{qTile},
                  ValueRange{tensor::EmptyOp::create(
                      rw, loc, ArrayRef<int64_t>{tq, d}, f32)},
                  ArrayRef<AffineMap>{id2, id2},
                  ArrayRef<IteratorType>{kPar, kPar},
                  [&](OpBuilder &bb, Location l, ValueRange a) {
                    yield(bb, l,
                          arith::MulFOp::create(bb, l, toF32(bb, l, a[0]),
                                                scaleV));
                  })
                  .getResult(0);
    }
    Value slope;
    if (Value slopes = op.getAlibiSlopes())
      slope = tensor::ExtractOp::create(rw, loc, slopes, ValueRange{h});
    Value t0 = idx(rw, 0), t1 = nKT;
    Value part;
    if (split) {
      part = ivs[3];
      Value chunk = arith::CeilDivSIOp::create(rw, loc, nKT, idx(rw, parts));
      t0 = minI(rw, arith::MulIOp::create(rw, loc, part, chunk), nKT);
      t1 = minI(rw, arith::AddIOp::create(rw, loc, t0, chunk), nKT);
    }
    State s = table ? tableLoops(rw, qTile, bI, h, hk, q0, t, slope)
            : lists ? listLoops(rw, qTile, bI, h, hk, q0, t, part, parts, slope)
                    : keyLoops(rw, qTile, bI, h, hk, q0, qRows, t0, t1, slope);
    auto [o, lse] = finish(rw, s);
    if (!split && elt != f32)
      o = linalg::GenericOp::create(
              rw, loc, RankedTensorType::get({tq, dv}, elt), ValueRange{o},
              ValueRange{tensor::EmptyOp::create(
                  rw, loc, ArrayRef<int64_t>{tq, dv}, elt)},
              ArrayRef<AffineMap>{id2, id2}, ArrayRef<IteratorType>{kPar, kPar},
              [&](OpBuilder &bb, Location l, ValueRange a) {
                yield(bb, l, arith::TruncFOp::create(bb, l, elt, a[0]));
              })
              .getResult(0);
    // Keep only the query tile's real rows.
    OpFoldResult zeroA = rw.getIndexAttr(0), oneA = rw.getIndexAttr(1);
    Type oElt = cast<RankedTensorType>(o.getType()).getElementType();
    Value oRows = tensor::ExtractSliceOp::create(
        rw, loc, RankedTensorType::get({ShapedType::kDynamic, dv}, oElt), o,
        ArrayRef<OpFoldResult>{zeroA, zeroA},
        ArrayRef<OpFoldResult>{qRows, rw.getIndexAttr(dv)},
        ArrayRef<OpFoldResult>{oneA, oneA});
    Value lseRows = tensor::ExtractSliceOp::create(
        rw, loc, RankedTensorType::get({ShapedType::kDynamic}, f32), lse,
        ArrayRef<OpFoldResult>{zeroA}, ArrayRef<OpFoldResult>{qRows},
        ArrayRef<OpFoldResult>{oneA});

    SmallVector<Value> dests(forall.getRegionIterArgs());
    rw.setInsertionPointToStart(forall.getTerminator().getBody());
    auto insert = [&](Value src, Value dest, ArrayRef<OpFoldResult> offs,
                      ArrayRef<OpFoldResult> sizes) {
      SmallVector<OpFoldResult> strides(offs.size(), oneA);
      tensor::ParallelInsertSliceOp::create(rw, loc, src, dest, offs, sizes,
                                            strides);
    };
    OpFoldResult dvA = rw.getIndexAttr(dv);
    if (split) {
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

  SmallVector<Value> results;
  if (!split) {
    results.push_back(forall.getResult(0));
    if (wantLse) {
      Value lse = forall.getResult(1);
      if (lse.getType() != op.getLse().getType())
        lse = tensor::CastOp::create(rw, loc, op.getLse().getType(), lse);
      results.push_back(lse);
    }
    rw.replaceOp(op, results);
    return success();
  }

  auto [out, lseT] = buildSplitKVMerge(
      rw, loc, forall.getResult(0), forall.getResult(1), outT, outDyn, bshd,
      {getAsOpFoldResult(batch), rw.getIndexAttr(hq), getAsOpFoldResult(seqQ)},
      dv);
  results.push_back(out);
  if (wantLse) {
    Value lse = lseT;
    if (lse.getType() != op.getLse().getType())
      lse = tensor::CastOp::create(rw, loc, op.getLse().getType(), lse);
    results.push_back(lse);
  }
  rw.replaceOp(op, results);
  return success();
}

namespace {
struct FuseAttention : OpRewritePattern<AttentionOp> {
  FuseAttention(MLIRContext *ctx, FuseOptions opts)
      : OpRewritePattern(ctx), opts(opts) {}
  LogicalResult matchAndRewrite(AttentionOp op,
                                PatternRewriter &rewriter) const override {
    std::string reason = unfusableReason(op);
    if (!reason.empty())
      return rewriter.notifyMatchFailure(op, reason);
    return FusedBuilder(op, rewriter, opts).build();
  }
  FuseOptions opts;
};

struct AttnFusePass : public attn::impl::AttnFuseBase<AttnFusePass> {
  using AttnFuseBase::AttnFuseBase;
  void runOnOperation() override {
    FuseOptions o;
    o.queryTile = queryTile;
    o.keyTile = keyTile;
    o.kvSplits = kvSplits;
    o.numThreads = numThreads;
    o.bf16Dot = bf16Dot;
    if (splitKV == "auto")
      o.split = SplitMode::Auto;
    else if (splitKV == "always")
      o.split = SplitMode::Always;
    else if (splitKV == "never")
      o.split = SplitMode::Never;
    else {
      getOperation()->emitError()
          << "attn-fuse: split-kv must be auto, always or never, got '"
          << splitKV << "'";
      return signalPassFailure();
    }
    if (queryTile < 0 || keyTile < 0 || kvSplits < 0) {
      getOperation()->emitError()
          << "attn-fuse: tile sizes and kv-splits must be non-negative";
      return signalPassFailure();
    }
    if (blockLists != "auto" && blockLists != "static" &&
        blockLists != "runtime") {
      getOperation()->emitError()
          << "attn-fuse: block-lists must be auto, static or runtime, got '"
          << blockLists << "'";
      return signalPassFailure();
    }
    RewritePatternSet patterns(&getContext());
    populateAttnFusePatterns(patterns, o.queryTile, o.keyTile,
                             splitKV.getValue(), o.kvSplits, o.numThreads,
                             o.bf16Dot, blockLists.getValue());
    walkAndApplyPatterns(getOperation(), std::move(patterns));
  }
};
} // namespace

void mlir::attn::populateAttnFusePatterns(RewritePatternSet &patterns,
                                          int64_t queryTile, int64_t keyTile,
                                          StringRef splitKV, int64_t kvSplits,
                                          int64_t numThreads,
                                          bool bf16Dot,
                                          StringRef blockLists) {
  FuseOptions o;
  o.bf16Dot = bf16Dot;
  o.queryTile = queryTile;
  o.keyTile = keyTile;
  o.kvSplits = kvSplits;
  o.numThreads = numThreads;
  o.split = splitKV == "always"  ? SplitMode::Always
            : splitKV == "never" ? SplitMode::Never
                                 : SplitMode::Auto;
  o.lists = blockLists == "static"    ? ListMode::Static
            : blockLists == "runtime" ? ListMode::Runtime
                                      : ListMode::Auto;
  patterns.add<FuseAttention>(patterns.getContext(), o);
}
