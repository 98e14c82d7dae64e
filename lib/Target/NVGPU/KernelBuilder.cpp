//===- KernelBuilder.cpp - tensor-core attention kernel body --------------===//
//
// FlashAttention-2 forward for one (batch, head, query tile) per block.
// Fragment layout of mma.sync m16n8k16 (PTX ISA, "Matrix fragments for
// mma.m16n8k16"), with g = lane / 4 and c2 = 2 * (lane % 4):
//   A (16x16, vector<4x2>):  [0] = (g, c2..c2+1)   [1] = (g+8, c2..)
//                             [2] = (g, c2+8..)     [3] = (g+8, c2+8..)
//   B (16x8,  vector<2x2>):  [0] = (k = c2.., n = g) [1] = (k = c2+8.., n = g)
//   C (16x8,  vector<2x2>):  [0] = (g, c2..c2+1)   [1] = (g+8, c2..)
// so the C fragments of two adjacent 8-key score blocks are exactly the A
// fragment of the 16 keys they cover: P never leaves the registers.
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::attn::nvgpu;

int64_t mlir::attn::nvgpu::kernelSharedBytes(const KernelProblem &p,
                                             const TargetDesc &t) {
  int64_t rowQ = p.headDim + t.smemPad, rowV = p.headDimV + t.smemPad;
  return 2 * (t.tileQ * rowQ + t.stages * t.tileK * rowQ +
              t.stages * t.tileK * rowV);
}

namespace {

/// Running softmax state of one warp's 16 rows, as seen by one lane: the
/// max and (lane-partial) sum of rows g and g + 8, and the accumulator
/// fragments of the Dv / 8 output column blocks.
struct State {
  Value m[2], l[2];
  SmallVector<Value> acc;
  SmallVector<Value> flat() const {
    SmallVector<Value> v = {m[0], m[1], l[0], l[1]};
    v.append(acc.begin(), acc.end());
    return v;
  }
  static State unflat(ValueRange v) {
    State s;
    s.m[0] = v[0], s.m[1] = v[1], s.l[0] = v[2], s.l[1] = v[3];
    s.acc.assign(v.begin() + 4, v.end());
    return s;
  }
};

class Emitter {
public:
  Emitter(OpBuilder &b, gpu::GPUFuncOp func, const KernelProblem &p,
          const TargetDesc &t)
      : b(b), loc(func.getLoc()), p(p), t(t) {
    f32 = b.getF32Type();
    frag = VectorType::get({2, 2}, f32);
    fragA = VectorType::get({4, 2}, p.elem);
    fragB = VectorType::get({2, 2}, p.elem);
    q = func.getArgument(0), k = func.getArgument(1), v = func.getArgument(2);
    o = func.getArgument(3);
    if (p.lse)
      lse = func.getArgument(4);
  }
  void build();

private:
  // Scalars.
  Value idx(int64_t x) { return arith::ConstantIndexOp::create(b, loc, x); }
  Value f(double x) {
    return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(float(x)));
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value sub(Value x, Value y) { return arith::SubIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value div(Value x, int64_t y) {
    Value c = idx(y);
    return arith::DivUIOp::create(b, loc, x, c);
  }
  Value rem(Value x, int64_t y) {
    Value c = idx(y);
    return arith::RemUIOp::create(b, loc, x, c);
  }
  Value addc(Value x, int64_t y) {
    Value c = idx(y);
    return add(x, c);
  }
  Value mulc(Value x, int64_t y) {
    Value c = idx(y);
    return mul(x, c);
  }
  /// Absolute query row of fragment row r (g or g + 8) of this warp.
  Value queryRow(int64_t r) {
    Value w = mulc(warp, 16);
    Value wg = add(w, g);
    Value rowInTile = addc(wg, 8 * r);
    return add(q0, rowInTile);
  }
  Value cmp(arith::CmpIPredicate pr, Value x, Value y) {
    return arith::CmpIOp::create(b, loc, pr, x, y);
  }
  Value andi(Value x, Value y) { return arith::AndIOp::create(b, loc, x, y); }
  Value fmax(Value x, Value y) {
    return arith::MaximumFOp::create(b, loc, x, y);
  }
  arith::FastMathFlagsAttr contract() {
    return arith::FastMathFlagsAttr::get(b.getContext(),
                                         arith::FastMathFlags::contract);
  }
  // `contract` lets the backend fuse scale * s - m and l * alpha + sum into
  // FMAs, as FlashAttention does; the reference tolerance covers it.
  Value fadd(Value x, Value y) {
    return arith::AddFOp::create(b, loc, x, y, contract());
  }
  Value fsub(Value x, Value y) {
    return arith::SubFOp::create(b, loc, x, y, contract());
  }
  Value fmul(Value x, Value y) {
    return arith::MulFOp::create(b, loc, x, y, contract());
  }
  /// 2^x and log2(x) with the SFU instructions (ex2.approx.ftz,
  /// lg2.approx.ftz): the libdevice versions are exact but several times
  /// slower, and the softmax tolerates the approximation.
  Value exp2(Value x) {
    return LLVM::CallIntrinsicOp::create(
               b, loc, f32, b.getStringAttr("llvm.nvvm.ex2.approx.ftz.f"),
               ValueRange{x})
        .getResult(0);
  }
  Value log2(Value x) {
    return LLVM::CallIntrinsicOp::create(
               b, loc, f32, b.getStringAttr("llvm.nvvm.lg2.approx.ftz.f"),
               ValueRange{x})
        .getResult(0);
  }
  /// tanh(x) = sign(x) (1 - e) / (1 + e), e = 2^(-2 log2(e) |x|), from
  /// ex2 and plain arithmetic: math.tanh/absf/copysign become libdevice
  /// calls, which ptxas cannot resolve unless the CUDA toolkit path is
  /// configured where attn-opt runs.
  Value tanh(Value x) {
    Value neg = arith::NegFOp::create(b, loc, x);
    Value ax = fmax(x, neg);
    Value k = f(-2.0 * 1.4426950408889634);
    Value arg = fmul(ax, k);
    Value e = exp2(arg);
    Value one = f(1.0);
    Value num = fsub(one, e);
    Value den = fadd(one, e);
    Value mag = arith::DivFOp::create(b, loc, num, den);
    Value negMag = arith::NegFOp::create(b, loc, mag);
    Value zero = f(0.0);
    Value isNeg =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, zero);
    return arith::SelectOp::create(b, loc, isNeg, negMag, mag);
  }
  Value shuffleXor(Value x, int32_t offset) {
    return gpu::ShuffleOp::create(b, loc, x, offset, 32, gpu::ShuffleMode::XOR)
        .getShuffleResult();
  }
  Value at(Value vec, int64_t i, int64_t j) {
    return vector::ExtractOp::create(b, loc, vec, ArrayRef<int64_t>{i, j});
  }
  /// A [rows x 2] vector from its elements in row-major order. (MLIR 22
  /// lowers 2-D vector.from_elements to LLVM only when it folds away, so
  /// rows are built 1-D and inserted.)
  Value pack(VectorType ty, ArrayRef<Value> elems) {
    Type et = ty.getElementType();
    Value acc = arith::ConstantOp::create(
        b, loc, ty, DenseElementsAttr::get(ty, b.getZeroAttr(et)));
    auto rowTy = VectorType::get({ty.getDimSize(1)}, et);
    for (int64_t i = 0; i < ty.getDimSize(0); ++i) {
      ArrayRef<Value> part = elems.slice(i * ty.getDimSize(1), ty.getDimSize(1));
      Value row = vector::FromElementsOp::create(b, loc, rowTy, part);
      acc = vector::InsertOp::create(b, loc, row, acc, ArrayRef<int64_t>{i});
    }
    return acc;
  }
  /// Rows [first, first + 2) of an ldmatrix x4 result: one B fragment.
  /// (2-D vector.extract_strided_slice has no direct LLVM lowering.)
  Value rowsOf(Value m4, int64_t first) {
    Value acc = arith::ConstantOp::create(
        b, loc, fragB, DenseElementsAttr::get(fragB, b.getZeroAttr(p.elem)));
    for (int64_t i = 0; i < 2; ++i) {
      Value row =
          vector::ExtractOp::create(b, loc, m4, ArrayRef<int64_t>{first + i});
      acc = vector::InsertOp::create(b, loc, row, acc, ArrayRef<int64_t>{i});
    }
    return acc;
  }
  /// Global indices of (row s, column d) of head h in the storage layout.
  SmallVector<Value> global(Value h, Value s, Value d) {
    if (p.bshd)
      return {batch, s, h, d};
    return {batch, h, s, d};
  }

  Value mma(Value a, Value bFrag, Value c);
  SmallVector<Value> loadTile(Value src, Value head, Value s0, int64_t seq,
                              int64_t width, Value dst, Value buf);
  SmallVector<Value> scores(Value buf);
  State step(SmallVector<Value> s, const State &in, bool masked, Value k0,
             Value buf);
  Value isFullTile(Value k0);
  void createSharedViews();
  std::pair<Value, Value> keyTileRange();
  void epilogue(const State &st);

  OpBuilder &b;
  Location loc;
  const KernelProblem &p;
  const TargetDesc &t;
  Type f32;
  VectorType frag, fragA, fragB;
  Value q, k, v, o, lse;
  Value tid, lane, warp, g, c2, batch, head, headKV, q0, qLast;
  Value sQ, sK, sV;
  SmallVector<Value> qFrags;
  // Per-lane ldmatrix row/column offsets (see build()).
  Value qRow, qCol, kRow, kCol, vRow, vCol;
};

} // namespace

/// D += A B on the tensor cores. f16 goes through nvgpu.mma.sync; MLIR 22's
/// nvgpu-to-nvvm cannot type bf16 operands, so bf16 uses nvvm.mma.sync on
/// the packed registers directly (same instruction, same fragments).
Value Emitter::mma(Value a, Value bFrag, Value c) {
  if (p.elem.isF16())
    return ::mlir::nvgpu::MmaSyncOp::create(b, loc, a, bFrag, c,
                                            ArrayRef<int64_t>{16, 8, 16});
  auto packReg = [&](Value vec, int64_t i) {
    Value pair = vector::ExtractOp::create(b, loc, vec, ArrayRef<int64_t>{i});
    auto i32x1 = VectorType::get({1}, b.getI32Type());
    Value cast = vector::BitCastOp::create(b, loc, i32x1, pair);
    return Value(vector::ExtractOp::create(b, loc, cast, ArrayRef<int64_t>{0}));
  };
  SmallVector<Value> opA, opB, opC;
  for (int64_t i = 0; i < 4; ++i)
    opA.push_back(packReg(a, i));
  for (int64_t i = 0; i < 2; ++i)
    opB.push_back(packReg(bFrag, i));
  for (int64_t i = 0; i < 4; ++i)
    opC.push_back(at(c, i / 2, i % 2));
  auto resTy = LLVM::LLVMStructType::getLiteral(b.getContext(),
                                                {f32, f32, f32, f32});
  Value d = NVVM::MmaOp::create(
      b, loc, resTy, opA, opB, opC, ArrayRef<int64_t>{16, 8, 16}, std::nullopt,
      std::nullopt,
      std::array<NVVM::MMATypes, 2>{NVVM::MMATypes::bf16, NVVM::MMATypes::bf16},
      std::array<NVVM::MMALayout, 2>{NVVM::MMALayout::row,
                                     NVVM::MMALayout::col});
  SmallVector<Value> elems;
  for (int64_t i = 0; i < 4; ++i)
    elems.push_back(LLVM::ExtractValueOp::create(b, loc, d, i));
  return pack(frag, elems);
}

/// Issues cp.async copies of rows [s0, s0 + rows) of one head into `dst`
/// (16 bytes per copy, spread over the block's threads). Rows at or past
/// `seq` are zero-filled (source size 0) from a clamped, valid address.
SmallVector<Value> Emitter::loadTile(Value src, Value headIdx, Value s0,
                                     int64_t seq, int64_t width, Value dst,
                                     Value buf) {
  int64_t threads = 32 * t.warps;
  int64_t rows = cast<MemRefType>(dst.getType()).getShape().end()[-2];
  int64_t perRow = width / 8, copies = rows * perRow / threads;
  auto tokenTy = ::mlir::nvgpu::DeviceAsyncTokenType::get(b.getContext());
  SmallVector<Value> tokens;
  Value eight = idx(8), zero = idx(0), last = idx(seq - 1), seqV = idx(seq);
  for (int64_t i = 0; i < copies; ++i) {
    Value c = addc(tid, i * threads);
    Value row = div(c, perRow);
    Value colBlock = rem(c, perRow);
    Value col = mul(colBlock, eight);
    Value s = add(s0, row);
    Value valid = cmp(arith::CmpIPredicate::ult, s, seqV);
    Value sClamped = arith::MinUIOp::create(b, loc, s, last);
    Value n = arith::SelectOp::create(b, loc, valid, eight, zero);
    SmallVector<Value> dstIdx;
    if (buf)
      dstIdx.push_back(buf);
    dstIdx.append({row, col});
    SmallVector<Value> srcIdx = global(headIdx, sClamped, col);
    Value tok = ::mlir::nvgpu::DeviceAsyncCopyOp::create(
        b, loc, tokenTy, dst, dstIdx, src, srcIdx, b.getIndexAttr(8), n,
        b.getUnitAttr());
    tokens.push_back(tok);
  }
  return tokens;
}

/// S = Q K^T for this warp's 16 rows and the 64 keys of K buffer `buf`:
/// tileK / 8 accumulator fragments. K is row-major [key, d] in shared
/// memory, which is the "col" B operand of mma.sync: ldmatrix without
/// transpose, four 8x8 matrices (two key blocks x two d halves) at once.
SmallVector<Value> Emitter::scores(Value buf) {
  Value zeroFrag = arith::ConstantOp::create(
      b, loc, frag, DenseElementsAttr::get(frag, b.getF32FloatAttr(0.0f)));
  SmallVector<Value> s(t.tileK / 8, zeroFrag);
  auto x4 = VectorType::get({4, 2}, p.elem);
  for (int64_t nb = 0; nb < t.tileK / 16; ++nb) {
    Value row = addc(kRow, nb * 16);
    for (int64_t kk = 0; kk < p.headDim / 16; ++kk) {
      Value col = addc(kCol, kk * 16);
      Value m4 = ::mlir::nvgpu::LdMatrixOp::create(
          b, loc, x4, sK, ValueRange{buf, row, col}, false, 4);
      for (int64_t half = 0; half < 2; ++half) {
        Value bFrag = rowsOf(m4, 2 * half);
        s[2 * nb + half] = mma(qFrags[kk], bFrag, s[2 * nb + half]);
      }
    }
  }
  return s;
}

/// Whether every query row of the block sees every key of the tile at k0
/// (then the step runs without an element mask); null when always true.
Value Emitter::isFullTile(Value k0) {
  Value cond;
  auto conj = [&](Value c) { cond = cond ? andi(cond, c) : c; };
  int64_t off = p.seqKV - p.seqQ; // bottom-right alignment
  Value kEnd = addc(k0, t.tileK - 1);
  if (p.seqKV % t.tileK != 0) {
    Value skv = idx(p.seqKV);
    conj(cmp(arith::CmpIPredicate::slt, kEnd, skv));
  }
  if (p.pattern != KernelProblem::Pattern::None) {
    // The first row sees the fewest keys on the right.
    int64_t right = p.pattern == KernelProblem::Pattern::Window ? p.right : 0;
    Value hi = addc(q0, off + right);
    conj(cmp(arith::CmpIPredicate::sle, kEnd, hi));
  }
  if (p.pattern == KernelProblem::Pattern::Window) {
    // The last row sees the fewest keys on the left.
    Value lo = addc(qLast, off - p.left);
    conj(cmp(arith::CmpIPredicate::sge, k0, lo));
  }
  return cond;
}

/// One online-softmax step on the scores `s` of key tile k0 (buffer `buf`
/// holds its V): optional mask, row max across the quad of lanes sharing a
/// row, rescale, exp2, P V on the tensor cores.
State Emitter::step(SmallVector<Value> s, const State &in, bool masked,
                    Value k0, Value buf) {
  double log2e = 1.4426950408889634;
  // Scores in log2 units: scale * log2(e) * s, or with a softcap c,
  // c * log2(e) * tanh(scale / c * s) (softcap before masking, as defined).
  Value scale = p.softcap > 0 ? f(p.scale / p.softcap) : f(p.scale * log2e);
  Value capScale = p.softcap > 0 ? f(p.softcap * log2e) : Value();
  Value negInf = f(-std::numeric_limits<double>::infinity());
  Value zero = f(0.0);
  int64_t off = p.seqKV - p.seqQ;
  State out;
  SmallVector<SmallVector<Value>> sc(s.size()); // [block][r * 2 + c]
  for (int64_t r = 0; r < 2; ++r) {
    Value qi;
    if (masked)
      qi = queryRow(r);
    Value mx = negInf;
    for (size_t nb = 0; nb < s.size(); ++nb)
      for (int64_t c = 0; c < 2; ++c) {
        Value raw = at(s[nb], r, c);
        Value x = fmul(raw, scale);
        if (capScale) {
          Value th = tanh(x);
          x = fmul(th, capScale);
        }
        if (masked) {
          Value keyInTile = addc(c2, int64_t(nb) * 8 + c);
          Value key = add(k0, keyInTile);
          Value skv = idx(p.seqKV);
          Value vis = cmp(arith::CmpIPredicate::slt, key, skv);
          if (p.pattern != KernelProblem::Pattern::None) {
            int64_t right =
                p.pattern == KernelProblem::Pattern::Window ? p.right : 0;
            Value hi = addc(qi, off + right);
            Value below = cmp(arith::CmpIPredicate::sle, key, hi);
            vis = andi(vis, below);
          }
          if (p.pattern == KernelProblem::Pattern::Window) {
            Value lo = addc(qi, off - p.left);
            Value above = cmp(arith::CmpIPredicate::sge, key, lo);
            vis = andi(vis, above);
          }
          x = arith::SelectOp::create(b, loc, vis, x, negInf);
        }
        sc[nb].push_back(x);
        mx = fmax(mx, x);
      }
    // The four lanes of a quad hold the row's 64 scores.
    for (int32_t dist : {1, 2}) {
      Value other = shuffleXor(mx, dist);
      mx = fmax(mx, other);
    }
    Value mNew = fmax(in.m[r], mx);
    // A row with no visible key so far keeps m = -inf; subtract 0 then,
    // so that exp2(-inf - m) is 0 and not NaN.
    Value dead = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, mNew,
                                       negInf);
    Value base = arith::SelectOp::create(b, loc, dead, zero, mNew);
    Value mDiff = fsub(in.m[r], base);
    Value alpha = exp2(mDiff);
    Value sum = zero;
    for (size_t nb = 0; nb < s.size(); ++nb)
      for (int64_t c = 0; c < 2; ++c) {
        Value shifted = fsub(sc[nb][2 * r + c], base);
        Value pv = exp2(shifted);
        sc[nb][2 * r + c] = pv;
        sum = fadd(sum, pv);
      }
    out.m[r] = mNew;
    Value kept = fmul(in.l[r], alpha);
    out.l[r] = fadd(kept, sum);
    out.acc.resize(in.acc.size());
    // Row r of every accumulator fragment is scaled by alpha.
    for (size_t d = 0; d < in.acc.size(); ++d) {
      Value src = r == 0 ? in.acc[d] : out.acc[d];
      Value row = vector::ExtractOp::create(b, loc, src, ArrayRef<int64_t>{r});
      Value a2 = vector::BroadcastOp::create(
          b, loc, VectorType::get({2}, f32), alpha);
      Value scaled = fmul(row, a2);
      out.acc[d] =
          vector::InsertOp::create(b, loc, scaled, src, ArrayRef<int64_t>{r});
    }
  }
  // P V: the A fragment of keys [16 kc, 16 kc + 16) is the probability of
  // score blocks 2 kc and 2 kc + 1, rounded to the operand type.
  auto x4 = VectorType::get({4, 2}, p.elem);
  for (int64_t kc = 0; kc < t.tileK / 16; ++kc) {
    SmallVector<Value> elems;
    for (int64_t half = 0; half < 2; ++half)
      for (int64_t e = 0; e < 4; ++e)
        elems.push_back(
            arith::TruncFOp::create(b, loc, p.elem, sc[2 * kc + half][e]));
    Value pa = pack(fragA, elems);
    Value row = addc(vRow, kc * 16);
    // V is row-major [key, dv]: the B operand needs ldmatrix.trans.
    for (int64_t dp = 0; dp < p.headDimV / 16; ++dp) {
      Value col = addc(vCol, dp * 16);
      Value m4 = ::mlir::nvgpu::LdMatrixOp::create(
          b, loc, x4, sV, ValueRange{buf, row, col}, true, 4);
      for (int64_t half = 0; half < 2; ++half) {
        Value bFrag = rowsOf(m4, 2 * half);
        out.acc[2 * dp + half] = mma(pa, bFrag, out.acc[2 * dp + half]);
      }
    }
  }
  return out;
}

/// Normalizes by the row sum (reduced across the quad here, once) and
/// stores the rows of this warp that exist; the LSE comes from lane 0 of
/// each quad. Rows with no visible key give 0 and lse = -inf.
void Emitter::epilogue(const State &st) {
  Value zero = f(0.0), one = f(1.0);
  Value negInf = f(-std::numeric_limits<double>::infinity());
  Value seqQ = idx(p.seqQ);
  auto pairTy = VectorType::get({2}, p.elem);
  for (int64_t r = 0; r < 2; ++r) {
    Value l = st.l[r];
    for (int32_t dist : {1, 2}) {
      Value other = shuffleXor(l, dist);
      l = fadd(l, other);
    }
    Value empty =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLE, l, zero);
    Value recip = arith::DivFOp::create(b, loc, one, l);
    Value inv = arith::SelectOp::create(b, loc, empty, zero, recip);
    Value row = queryRow(r);
    OpBuilder::InsertionGuard guard(b);
    if (p.seqQ % t.tileQ != 0) {
      Value inside = cmp(arith::CmpIPredicate::ult, row, seqQ);
      auto ifOp = scf::IfOp::create(b, loc, inside, /*withElse=*/false);
      b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
    }
    Value invPair = vector::BroadcastOp::create(
        b, loc, VectorType::get({2}, f32), inv);
    for (size_t d = 0; d < st.acc.size(); ++d) {
      Value accRow =
          vector::ExtractOp::create(b, loc, st.acc[d], ArrayRef<int64_t>{r});
      Value scaled = fmul(accRow, invPair);
      Value narrow = arith::TruncFOp::create(b, loc, pairTy, scaled);
      Value col = addc(c2, int64_t(d) * 8);
      // Columns are even and rows hold D elements: the pair is 4-byte
      // aligned, one 32-bit store instead of two 16-bit ones.
      vector::StoreOp::create(b, loc, narrow, o, global(head, row, col),
                              /*nontemporal=*/false, llvm::MaybeAlign(4));
    }
    if (p.lse) {
      Value quadPos = rem(lane, 4);
      Value zeroIdx = idx(0);
      Value lane0 = cmp(arith::CmpIPredicate::eq, quadPos, zeroIdx);
      auto ifOp = scf::IfOp::create(b, loc, lane0, /*withElse=*/false);
      b.setInsertionPoint(ifOp.thenBlock()->getTerminator());
      // m is in log2 units (log2(e) is folded into the scale).
      Value lg = log2(l);
      Value lse2 = fadd(st.m[r], lg);
      Value ln2 = f(std::log(2.0));
      Value lnv = fmul(lse2, ln2);
      Value val = arith::SelectOp::create(b, loc, empty, negInf, lnv);
      memref::StoreOp::create(b, loc, val, lse, ValueRange{batch, head, row});
    }
  }
}

/// Views of the dynamic shared memory: the Q tile, then two K and two V
/// buffers.
void Emitter::createSharedViews() {
  MLIRContext *ctx = b.getContext();
  // Shared memory: Q tile, then two K and two V buffers; rows padded by
  // smemPad elements so the 8 rows of an ldmatrix hit different banks.
  auto wg = gpu::AddressSpaceAttr::get(ctx, gpu::AddressSpace::Workgroup);
  auto bytesTy = MemRefType::get({ShapedType::kDynamic}, b.getI8Type(),
                                 MemRefLayoutAttrInterface(), wg);
  Value smem = gpu::DynamicSharedMemoryOp::create(b, loc, bytesTy);
  int64_t rowQ = p.headDim + t.smemPad, rowV = p.headDimV + t.smemPad;
  auto qTy = MemRefType::get({t.tileQ, rowQ}, p.elem,
                             MemRefLayoutAttrInterface(), wg);
  auto kTy = MemRefType::get({t.stages, t.tileK, rowQ}, p.elem,
                             MemRefLayoutAttrInterface(), wg);
  auto vTy = MemRefType::get({t.stages, t.tileK, rowV}, p.elem,
                             MemRefLayoutAttrInterface(), wg);
  int64_t qBytes = 2 * t.tileQ * rowQ, kBytes = 2 * t.stages * t.tileK * rowQ;
  Value offQ = idx(0), offK = idx(qBytes), offV = idx(qBytes + kBytes);
  sQ = memref::ViewOp::create(b, loc, qTy, smem, offQ, ValueRange{});
  sK = memref::ViewOp::create(b, loc, kTy, smem, offK, ValueRange{});
  sV = memref::ViewOp::create(b, loc, vTy, smem, offV, ValueRange{});
}

/// Key tiles some row of the block can see: [tStart, tEnd).
std::pair<Value, Value> Emitter::keyTileRange() {
  int64_t off = p.seqKV - p.seqQ;
  Value kHi = idx(p.seqKV);
  if (p.pattern != KernelProblem::Pattern::None) {
    int64_t right = p.pattern == KernelProblem::Pattern::Window ? p.right : 0;
    Value last = addc(qLast, off + right + 1);
    kHi = arith::MinSIOp::create(b, loc, last, kHi);
  }
  Value kLo = idx(0);
  if (p.pattern == KernelProblem::Pattern::Window) {
    Value first = addc(q0, off - p.left);
    kLo = arith::MaxSIOp::create(b, loc, first, kLo);
  }
  Value zeroKey = idx(0);
  kHi = arith::MaxSIOp::create(b, loc, kHi, zeroKey);
  Value tStart = div(kLo, t.tileK);
  Value kHiUp = addc(kHi, t.tileK - 1);
  Value tEnd = div(kHiUp, t.tileK);
  return {tStart, tEnd};
}

void Emitter::build() {
  MLIRContext *ctx = b.getContext();
  tid = gpu::ThreadIdOp::create(b, loc, gpu::Dimension::x);
  lane = rem(tid, 32);
  warp = div(tid, 32);
  g = div(lane, 4);
  Value quadPos = rem(lane, 4);
  c2 = mulc(quadPos, 2);
  Value qTile = gpu::BlockIdOp::create(b, loc, gpu::Dimension::x);
  head = gpu::BlockIdOp::create(b, loc, gpu::Dimension::y);
  batch = gpu::BlockIdOp::create(b, loc, gpu::Dimension::z);
  // Grouped-query heads read K/V head h / (Hq / Hkv): no copies.
  headKV = div(head, p.headsQ / p.headsKV);
  q0 = mulc(qTile, t.tileQ);
  Value qTileEnd = addc(q0, t.tileQ);
  Value seqQ = idx(p.seqQ);
  Value qEnd = arith::MinUIOp::create(b, loc, qTileEnd, seqQ);
  qLast = addc(qEnd, -1);
  // ldmatrix addresses: lanes 8i..8i+7 give the rows of 8x8 matrix i.
  Value l8 = rem(lane, 8), l16 = rem(lane, 16);
  Value lane16 = div(lane, 16), lane8 = div(lane, 8);
  Value hiHalf = mulc(lane16, 8); // 0 or 8
  Value lane8odd = rem(lane8, 2);
  Value midHalf = mulc(lane8odd, 8); // 0 or 8
  Value warpRow = mulc(warp, 16);
  qRow = add(warpRow, l16), qCol = hiHalf;
  kRow = add(hiHalf, l8), kCol = midHalf;
  vRow = add(midHalf, l8), vCol = hiHalf;

  createSharedViews();
  auto [tStart, tEnd] = keyTileRange();

  // Prologue: Q and the first K/V tile in one cp.async group.
  Value buf0 = idx(0);
  SmallVector<Value> toks = loadTile(q, head, q0, p.seqQ, p.headDim, sQ, {});
  Value kv0 = mulc(tStart, t.tileK);
  toks.append(loadTile(k, headKV, kv0, p.seqKV, p.headDim, sK, buf0));
  toks.append(loadTile(v, headKV, kv0, p.seqKV, p.headDimV, sV, buf0));
  auto tokenTy = ::mlir::nvgpu::DeviceAsyncTokenType::get(ctx);
  Value group =
      ::mlir::nvgpu::DeviceAsyncCreateGroupOp::create(b, loc, tokenTy, toks);
  ::mlir::nvgpu::DeviceAsyncWaitOp::create(b, loc, group,
                                           b.getI32IntegerAttr(0));
  gpu::BarrierOp::create(b, loc);
  for (int64_t kk = 0; kk < p.headDim / 16; ++kk) {
    Value col = addc(qCol, kk * 16);
    qFrags.push_back(::mlir::nvgpu::LdMatrixOp::create(
        b, loc, fragA, sQ, ValueRange{qRow, col}, false, 4));
  }

  State init;
  init.m[0] = init.m[1] = f(-std::numeric_limits<double>::infinity());
  init.l[0] = init.l[1] = f(0.0);
  Value zeroFrag = arith::ConstantOp::create(
      b, loc, frag, DenseElementsAttr::get(frag, b.getF32FloatAttr(0.0f)));
  init.acc.assign(p.headDimV / 8, zeroFrag);
  SmallVector<Value> iters = init.flat();
  iters.push_back(group);
  Value stepOne = idx(1);
  auto loop = scf::ForOp::create(b, loc, tStart, tEnd, stepOne, iters);
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(loop.getBody());
    Value tk = loop.getInductionVar();
    ValueRange args = loop.getRegionIterArgs();
    State st = State::unflat(args.drop_back());
    Value tokIn = args.back();
    Value iter = sub(tk, tStart);
    Value buf = rem(iter, t.stages);
    Value next = addc(tk, 1);
    // Prefetch tile t + 1 into the other buffer, then wait for tile t only.
    Value hasNext = cmp(arith::CmpIPredicate::slt, next, tEnd);
    auto pre = scf::IfOp::create(b, loc, TypeRange{tokenTy}, hasNext,
                                 /*withElse=*/true);
    {
      OpBuilder::InsertionGuard g2(b);
      b.setInsertionPointToStart(pre.thenBlock());
      Value oneIdx = idx(1);
      Value nbuf = sub(oneIdx, buf);
      Value kvN = mulc(next, t.tileK);
      SmallVector<Value> nt =
          loadTile(k, headKV, kvN, p.seqKV, p.headDim, sK, nbuf);
      nt.append(loadTile(v, headKV, kvN, p.seqKV, p.headDimV, sV, nbuf));
      Value ng =
          ::mlir::nvgpu::DeviceAsyncCreateGroupOp::create(b, loc, tokenTy, nt);
      ::mlir::nvgpu::DeviceAsyncWaitOp::create(b, loc, ng,
                                               b.getI32IntegerAttr(1));
      scf::YieldOp::create(b, loc, ng);
      b.setInsertionPointToStart(pre.elseBlock());
      ::mlir::nvgpu::DeviceAsyncWaitOp::create(b, loc, tokIn,
                                               b.getI32IntegerAttr(0));
      scf::YieldOp::create(b, loc, tokIn);
    }
    gpu::BarrierOp::create(b, loc);
    SmallVector<Value> s = scores(buf);
    Value k0 = mulc(tk, t.tileK);
    Value full = isFullTile(k0);
    State outSt;
    if (!full) {
      // Every visited tile is full (no pattern, Skv a multiple of tileK).
      outSt = step(s, st, /*masked=*/false, k0, buf);
    } else {
      SmallVector<Value> flatIn = st.flat();
      auto branch = scf::IfOp::create(b, loc, ValueRange(flatIn).getTypes(),
                                      full, /*withElse=*/true);
      OpBuilder::InsertionGuard g3(b);
      b.setInsertionPointToStart(branch.thenBlock());
      State a = step(s, st, /*masked=*/false, k0, buf);
      scf::YieldOp::create(b, loc, a.flat());
      b.setInsertionPointToStart(branch.elseBlock());
      State mskd = step(s, st, /*masked=*/true, k0, buf);
      scf::YieldOp::create(b, loc, mskd.flat());
      outSt = State::unflat(branch.getResults());
    }
    // The next iteration's prefetch overwrites this tile's buffer.
    gpu::BarrierOp::create(b, loc);
    SmallVector<Value> yields = outSt.flat();
    yields.push_back(pre.getResult(0));
    scf::YieldOp::create(b, loc, yields);
  }
  State fin = State::unflat(loop.getResults().drop_back());
  epilogue(fin);
  gpu::ReturnOp::create(b, loc);
}

void mlir::attn::nvgpu::buildAttentionKernel(OpBuilder &b,
                                             gpu::GPUFuncOp func,
                                             const KernelProblem &p,
                                             const TargetDesc &t) {
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(&func.getBody().front());
  Emitter(b, func, p, t).build();
}
