//===- LowerStep.cpp - attn.online_attention on the tensor cores ----------===//
//
// The GPU decomposition of one online-softmax step for the 16 query rows
// of each warp:
//   K, V tile  -> shared memory (cp.async, invalid rows zero-filled); V
//                 keeps loading while Q K^T runs
//   S = Q K^T  -> ldmatrix (K as stored: the "col" B operand) + mma.sync
//   scores     -> log2 units: scale * log2(e) folded into one multiply, or
//                 the score region inlined per fragment element, then
//                 log2(e); key positions past the tile's rows -> -inf
//   softmax    -> row max over the quad (2 shuffles), ex2, one rescale of
//                 the accumulator, row sum over the quad
//   acc += P V -> P rounded to p_type is the A fragment as it is (the C
//                 fragments of two 8-key blocks), V by ldmatrix.trans
// The state crosses steps in the op's units (natural-log max, full row
// sums), so the structure's other ops (normalize, LSE) see the op's values.
//
//===----------------------------------------------------------------------===//
#include "Kernel.h"
#include "passes/Tiling/OnlineSoftmax.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::nvgpu;

static constexpr double kLog2e = 1.4426950408889634;

/// Commits `tokens` as one cp.async group.
Value mlir::attn::nvgpu::commitGroup(FragBuilder &fb, ArrayRef<Value> tokens) {
  auto tokenTy = ::mlir::nvgpu::DeviceAsyncTokenType::get(fb.b.getContext());
  return ::mlir::nvgpu::DeviceAsyncCreateGroupOp::create(fb.b, fb.loc, tokenTy,
                                                         tokens);
}

/// Waits until at most `pending` groups are in flight.
void mlir::attn::nvgpu::waitGroups(FragBuilder &fb, Value group,
                                   int32_t pending) {
  ::mlir::nvgpu::DeviceAsyncWaitOp::create(fb.b, fb.loc, group,
                                           fb.b.getI32IntegerAttr(pending));
}

/// Copies `view` into `dst` ([smemRows, ...]): rows past the view's are
/// zero-filled, so that padded keys contribute P = 0 times V = 0.
static SmallVector<Value> copyView(FragBuilder &fb, const KernelContext &kc,
                                   const TileView &view, int64_t smemRows,
                                   Value dst, Value buf) {
  GlobalTile t = view.tile;
  if (!t.validRows && view.rows < smemRows)
    t.validRows = fb.idx(view.rows);
  return copyTile(fb, t, smemRows, dst, buf, kc.tid, kc.threads());
}

SmallVector<Value> mlir::attn::nvgpu::copyKV(FragBuilder &fb,
                                             const KernelContext &kc,
                                             const TileView &k,
                                             const TileView &v, Value buf) {
  SmallVector<Value> toks = copyView(fb, kc, k, kc.tk, kc.sK, buf);
  toks.append(copyView(fb, kc, v, kc.tk, kc.sV, buf));
  return toks;
}

void mlir::attn::nvgpu::loadQuery(FragBuilder &fb, const KernelContext &kc,
                                  TileView &q) {
  SmallVector<Value> toks = copyView(fb, kc, q, kc.tq, kc.sQ, Value());
  Value group = commitGroup(fb, toks);
  waitGroups(fb, group, 0);
  gpu::BarrierOp::create(fb.b, fb.loc);
  for (int64_t kk = 0; kk < kc.d / 16; ++kk) {
    Value col = fb.addc(kc.qCol, kk * 16);
    q.qFrags.push_back(
        fb.ldmatrix(kc.sQ, {kc.qRow, col}, /*transpose=*/false));
  }
}

/// S = Q K^T for the warp's 16 rows and the tile's tk keys: tk / 8
/// accumulator fragments, four 8x8 matrices (two key blocks x two d
/// halves) per ldmatrix.
static SmallVector<Value> scores(FragBuilder &fb, const KernelContext &kc,
                                 ArrayRef<Value> qFrags, Value buf) {
  Value zeroFrag = fb.splat(fb.frag, fb.b.getF32FloatAttr(0.0f));
  SmallVector<Value> s(kc.tk / 8, zeroFrag);
  for (int64_t nb = 0; nb < kc.tk / 16; ++nb) {
    Value row = fb.addc(kc.kRow, nb * 16);
    for (int64_t kk = 0; kk < kc.d / 16; ++kk) {
      Value col = fb.addc(kc.kCol, kk * 16);
      Value m4 = fb.ldmatrix(kc.sK, {buf, row, col}, /*transpose=*/false);
      for (int64_t half = 0; half < 2; ++half) {
        Value bFrag = fb.rowsOf(m4, 2 * half);
        s[2 * nb + half] = fb.mma(qFrags[kk], bFrag, s[2 * nb + half]);
      }
    }
  }
  return s;
}

/// acc += P V over the tile's keys; `p[nb]` holds the 4 probabilities of
/// score block nb (rows g, g + 8 x columns c2, c2 + 1) in p_type.
static void accumulatePV(FragBuilder &fb, const KernelContext &kc,
                         ArrayRef<SmallVector<Value>> p, Value buf,
                         SmallVector<Value> &acc) {
  for (int64_t kc16 = 0; kc16 < kc.tk / 16; ++kc16) {
    SmallVector<Value> elems;
    for (int64_t half = 0; half < 2; ++half)
      elems.append(p[2 * kc16 + half].begin(), p[2 * kc16 + half].end());
    Value pa = fb.pack(fb.fragA, elems);
    Value row = fb.addc(kc.vRow, kc16 * 16);
    // V is row-major [key, dv]: the B operand needs ldmatrix.trans.
    for (int64_t dp = 0; dp < kc.dv / 16; ++dp) {
      Value col = fb.addc(kc.vCol, dp * 16);
      Value m4 = fb.ldmatrix(kc.sV, {buf, row, col}, /*transpose=*/true);
      for (int64_t half = 0; half < 2; ++half) {
        Value bFrag = fb.rowsOf(m4, 2 * half);
        acc[2 * dp + half] = fb.mma(pa, bFrag, acc[2 * dp + half]);
      }
    }
  }
}

FailureOr<StepOut> mlir::attn::nvgpu::lowerStep(FragBuilder &fb,
                                                const KernelContext &kc,
                                                OnlineAttentionOp op,
                                                const StepIn &in,
                                                ScoreFn score) {
  OpBuilder &b = fb.b;
  if (in.q->qFrags.empty())
    return op.emitOpError("cannot be lowered by --attn-nvgpu-kernels: the "
                          "query tile must be a slice of the query input");
  Value vGroup;
  if (!in.preloaded) {
    // Not pipelined by a loop: K and V in two cp.async groups, wait for K
    // only, V arrives while the scores and the softmax run.
    SmallVector<Value> kToks =
        copyView(fb, kc, *in.k, kc.tk, kc.sK, in.buf);
    Value kGroup = commitGroup(fb, kToks);
    SmallVector<Value> vToks =
        copyView(fb, kc, *in.v, kc.tk, kc.sV, in.buf);
    vGroup = commitGroup(fb, vToks);
    waitGroups(fb, kGroup, 1);
    gpu::BarrierOp::create(b, fb.loc);
  }
  SmallVector<Value> s = scores(fb, kc, in.q->qFrags, in.buf);

  bool region = !op.getScore().empty();
  double scale = op.getScale().convertToDouble();
  Value scaleV = fb.f(region ? scale : scale * kLog2e);
  Value log2e = fb.f(kLog2e), ln2 = fb.f(std::log(2.0));
  SoftmaxConsts consts = SoftmaxConsts::get(b, fb.loc, fb.f32);
  Value negInf = consts.negInf, zero = consts.zero;
  auto sfuExp2 = [&](OpBuilder &, Location, Value v) { return fb.exp2(v); };
  SoftmaxExp ex2{ExpBase::Two, sfuExp2, arith::FastMathFlags::contract};
  // Keys of the tile past its rows (a short last tile) are not keys.
  Value keyRows = in.k->tile.validRows;
  if (!keyRows && in.k->rows < kc.tk)
    keyRows = fb.idx(in.k->rows);

  StepOut out;
  out.acc.blocks = in.acc.blocks;
  SmallVector<SmallVector<Value>> p(s.size()); // [block][r * 2 + c]
  for (int64_t r = 0; r < 2; ++r) {
    Value qi;
    if (region) {
      Value row = tileRow(fb, kc, r);
      qi = fb.add(in.q0, row);
    }
    SmallVector<Value> x;
    Value mx = negInf;
    for (size_t nb = 0; nb < s.size(); ++nb)
      for (int64_t c = 0; c < 2; ++c) {
        Value raw = fb.at(s[nb], r, c);
        Value v = fb.fmul(raw, scaleV);
        Value keyInTile = fb.addc(kc.c2, int64_t(nb) * 8 + c);
        if (region) {
          Value kj = fb.add(in.k0, keyInTile);
          FailureOr<Value> sv = score(v, qi, kj);
          if (failed(sv))
            return failure();
          v = fb.fmul(*sv, log2e);
        }
        if (keyRows) {
          Value inTile =
              fb.cmp(arith::CmpIPredicate::slt, keyInTile, keyRows);
          v = fb.select(inTile, v, negInf);
        }
        x.push_back(v);
        mx = fb.fmax(mx, v);
      }
    mx = fb.quadReduce(mx, /*isMax=*/true);
    Value mIn = fb.fmul(in.m.r[r], log2e);
    Value mNew = buildOnlineMax(b, fb.loc, mIn, mx);
    // The update of passes/Tiling/OnlineSoftmax.h in log2 units: the shift
    // once per row, one subtraction and one ex2 per score.
    Value shift = buildOnlineShift(b, fb.loc, mNew, consts);
    Value alpha = buildOnlineAlpha(b, fb.loc, ex2, mIn, mNew, consts);
    Value sum = zero;
    for (size_t nb = 0; nb < s.size(); ++nb)
      for (int64_t c = 0; c < 2; ++c) {
        Value pv = buildOnlineProb(b, fb.loc, ex2, x[nb * 2 + c], shift);
        sum = fb.fadd(sum, pv);
        p[nb].push_back(arith::TruncFOp::create(b, fb.loc, kc.elem, pv));
      }
    sum = fb.quadReduce(sum, /*isMax=*/false);
    out.m.r[r] = fb.fmul(mNew, ln2);
    Value kept = buildOnlineRescale(b, fb.loc, alpha, in.l.r[r],
                                    arith::FastMathFlags::contract);
    out.l.r[r] = fb.fadd(kept, sum);
    // Row r of every accumulator fragment is scaled by alpha: once per tile.
    Value a2 =
        vector::BroadcastOp::create(b, fb.loc, VectorType::get({2}, fb.f32),
                                    alpha);
    for (Value &blk : out.acc.blocks) {
      Value row = vector::ExtractOp::create(b, fb.loc, blk,
                                            ArrayRef<int64_t>{r});
      Value scaled = fb.fmul(row, a2);
      blk = vector::InsertOp::create(b, fb.loc, scaled, blk,
                                     ArrayRef<int64_t>{r});
    }
  }
  if (vGroup) {
    waitGroups(fb, vGroup, 0);
    gpu::BarrierOp::create(b, fb.loc);
  }
  accumulatePV(fb, kc, p, in.buf, out.acc.blocks);
  // The next step's copies overwrite these tiles.
  gpu::BarrierOp::create(b, fb.loc);
  return out;
}
