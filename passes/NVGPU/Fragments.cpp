//===- Fragments.cpp - mma.sync fragments and GPU scalar helpers ----------===//
#include "Fragments.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

using namespace mlir;
using namespace mlir::attn::nvgpu;

static arith::FastMathFlagsAttr contract(OpBuilder &b) {
  return arith::FastMathFlagsAttr::get(b.getContext(),
                                       arith::FastMathFlags::contract);
}

Value FragBuilder::fadd(Value x, Value y) {
  return arith::AddFOp::create(b, loc, x, y, contract(b));
}
Value FragBuilder::fsub(Value x, Value y) {
  return arith::SubFOp::create(b, loc, x, y, contract(b));
}
Value FragBuilder::fmul(Value x, Value y) {
  return arith::MulFOp::create(b, loc, x, y, contract(b));
}
// maxnumf, as the CPU step (passes/Tiling/AttentionMath.h): a NaN score
// does not poison the row max; it still reaches the row through exp2.
Value FragBuilder::fmax(Value x, Value y) {
  return arith::MaxNumFOp::create(b, loc, x, y);
}

Value FragBuilder::exp2(Value x) {
  return LLVM::CallIntrinsicOp::create(
             b, loc, f32, b.getStringAttr("llvm.nvvm.ex2.approx.ftz.f"),
             ValueRange{x})
      .getResult(0);
}

Value FragBuilder::log2(Value x) {
  return LLVM::CallIntrinsicOp::create(
             b, loc, f32, b.getStringAttr("llvm.nvvm.lg2.approx.ftz.f"),
             ValueRange{x})
      .getResult(0);
}

/// tanh(x) = sign(x) (1 - e) / (1 + e), e = 2^(-2 log2(e) |x|): math.tanh,
/// absf and copysign become libdevice calls, which ptxas cannot resolve
/// unless the CUDA toolkit path is configured where attn-opt runs.
Value FragBuilder::tanh(Value x) {
  Value neg = arith::NegFOp::create(b, loc, x);
  Value ax = arith::MaximumFOp::create(b, loc, x, neg);
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
  return select(isNeg, negMag, mag);
}

Value FragBuilder::quadReduce(Value x, bool isMax) {
  for (int32_t dist : {1, 2}) {
    Value other =
        gpu::ShuffleOp::create(b, loc, x, dist, 32, gpu::ShuffleMode::XOR)
            .getShuffleResult();
    x = isMax ? fmax(x, other) : fadd(x, other);
  }
  return x;
}

Value FragBuilder::splat(VectorType ty, Attribute value) {
  return arith::ConstantOp::create(b, loc, ty,
                                   DenseElementsAttr::get(ty, value));
}

/// (MLIR 22 lowers 2-D vector.from_elements to LLVM only when it folds
/// away, so rows are built 1-D and inserted.)
Value FragBuilder::pack(VectorType ty, ArrayRef<Value> elems) {
  Type et = ty.getElementType();
  Value acc = splat(ty, b.getZeroAttr(et));
  auto rowTy = VectorType::get({ty.getDimSize(1)}, et);
  for (int64_t i = 0; i < ty.getDimSize(0); ++i) {
    ArrayRef<Value> part = elems.slice(i * ty.getDimSize(1), ty.getDimSize(1));
    Value row = vector::FromElementsOp::create(b, loc, rowTy, part);
    acc = vector::InsertOp::create(b, loc, row, acc, ArrayRef<int64_t>{i});
  }
  return acc;
}

/// (2-D vector.extract_strided_slice has no direct LLVM lowering.)
Value FragBuilder::rowsOf(Value m4, int64_t first) {
  Value acc = splat(fragB, b.getZeroAttr(elem));
  for (int64_t i = 0; i < 2; ++i) {
    Value row =
        vector::ExtractOp::create(b, loc, m4, ArrayRef<int64_t>{first + i});
    acc = vector::InsertOp::create(b, loc, row, acc, ArrayRef<int64_t>{i});
  }
  return acc;
}

Value FragBuilder::ldmatrix(Value smem, ValueRange indices, bool transpose) {
  auto x4 = VectorType::get({4, 2}, elem);
  return ::mlir::nvgpu::LdMatrixOp::create(b, loc, x4, smem, indices,
                                           transpose, 4);
}

/// f16 goes through nvgpu.mma.sync; MLIR 22's nvgpu-to-nvvm cannot type
/// bf16 operands, so bf16 uses nvvm.mma.sync on the packed registers
/// directly (same instruction, same fragments).
Value FragBuilder::mma(Value a, Value bFrag, Value c) {
  if (elem.isF16())
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

SmallVector<Value> mlir::attn::nvgpu::copyTile(FragBuilder &fb,
                                               const GlobalTile &tile,
                                               int64_t rows, Value dst,
                                               Value buf, Value tid,
                                               int64_t threads) {
  OpBuilder &b = fb.b;
  Location loc = fb.loc;
  int64_t perRow = tile.width / 8, total = rows * perRow;
  int64_t seq = cast<MemRefType>(tile.src.getType()).getDimSize(tile.rowDim);
  auto tokenTy = ::mlir::nvgpu::DeviceAsyncTokenType::get(b.getContext());
  SmallVector<Value> tokens;
  Value eight = fb.idx(8), zero = fb.idx(0), last = fb.idx(seq - 1);
  for (int64_t i = 0; i * threads < total; ++i) {
    OpBuilder::InsertionGuard guard(b);
    Value c = fb.addc(tid, i * threads);
    scf::IfOp inside;
    if ((i + 1) * threads > total) {
      // The last round has fewer copies than threads.
      Value totalV = fb.idx(total);
      Value ok = fb.cmp(arith::CmpIPredicate::ult, c, totalV);
      inside = scf::IfOp::create(b, loc, ok, /*withElse=*/false);
      b.setInsertionPoint(inside.thenBlock()->getTerminator());
    }
    Value row = fb.div(c, perRow);
    Value colBlock = fb.rem(c, perRow);
    Value col = fb.mul(colBlock, eight);
    Value s = fb.add(tile.offsets[tile.rowDim], row);
    Value n; // all 16 bytes
    if (tile.validRows) {
      // Rows past the valid ones read nothing (source size 0: zeros) from a
      // clamped address inside the tensor.
      Value valid = fb.cmp(arith::CmpIPredicate::slt, row, tile.validRows);
      s = arith::MinUIOp::create(b, loc, s, last);
      n = fb.select(valid, eight, zero);
    }
    SmallVector<Value> srcIdx(tile.offsets.begin(), tile.offsets.end());
    srcIdx[tile.rowDim] = s;
    srcIdx.back() = fb.add(tile.offsets.back(), col);
    SmallVector<Value> dstIdx;
    if (buf)
      dstIdx.push_back(buf);
    dstIdx.append({row, col});
    Value tok = ::mlir::nvgpu::DeviceAsyncCopyOp::create(
        b, loc, tokenTy, dst, dstIdx, tile.src, srcIdx,
        b.getIndexAttr(8), n, b.getUnitAttr());
    if (!inside)
      tokens.push_back(tok);
  }
  return tokens;
}
