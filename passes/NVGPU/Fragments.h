//===- Fragments.h - mma.sync fragments and GPU scalar helpers --*- C++ -*-===//
//
// The pieces every NVGPU kernel body is made of: index and f32 arithmetic,
// the SFU exp2/log2 (and tanh from them), quad shuffles, mma.sync
// m16n8k16 on f16/bf16 fragments, ldmatrix B fragments and cp.async row
// copies. Fragment layout (PTX ISA, "Matrix fragments for mma.m16n8k16"),
// with g = lane / 4 and c2 = 2 * (lane % 4):
//   A (16x16, vector<4x2>):  [0] = (g, c2..c2+1)   [1] = (g+8, c2..)
//                             [2] = (g, c2+8..)     [3] = (g+8, c2+8..)
//   B (16x8,  vector<2x2>):  [0] = (k = c2.., n = g) [1] = (k = c2+8.., n = g)
//   C (16x8,  vector<2x2>):  [0] = (g, c2..c2+1)   [1] = (g+8, c2..)
// so the C fragments of two adjacent 8-key score blocks are exactly the A
// fragment of the 16 keys they cover: P never leaves the registers.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_TARGET_NVGPU_FRAGMENTS_H
#define ATTN_TARGET_NVGPU_FRAGMENTS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/Builders.h"

namespace mlir {
namespace attn {
namespace nvgpu {

/// Builds scalar and fragment code at `b`'s insertion point. `elem` is the
/// 16-bit operand type (f16 or bf16).
class FragBuilder {
public:
  FragBuilder(OpBuilder &b, Location loc, Type elem)
      : b(b), loc(loc), elem(elem), f32(b.getF32Type()),
        frag(VectorType::get({2, 2}, b.getF32Type())),
        fragA(VectorType::get({4, 2}, elem)),
        fragB(VectorType::get({2, 2}, elem)) {}

  OpBuilder &b;
  Location loc;
  Type elem, f32;
  VectorType frag, fragA, fragB; // C (f32), A and B fragments

  // Index arithmetic.
  Value idx(int64_t x) { return arith::ConstantIndexOp::create(b, loc, x); }
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
  Value cmp(arith::CmpIPredicate p, Value x, Value y) {
    return arith::CmpIOp::create(b, loc, p, x, y);
  }
  Value select(Value c, Value x, Value y) {
    return arith::SelectOp::create(b, loc, c, x, y);
  }

  // f32 arithmetic. `contract` lets the backend fuse scale * s - m and
  // l * alpha + sum into FMAs, as FlashAttention does.
  Value f(double x) {
    return arith::ConstantOp::create(b, loc, b.getF32FloatAttr(float(x)));
  }
  Value fadd(Value x, Value y);
  Value fsub(Value x, Value y);
  Value fmul(Value x, Value y);
  Value fmax(Value x, Value y);
  /// 2^x and log2(x) with the SFU instructions (ex2.approx.ftz,
  /// lg2.approx.ftz): the libdevice versions are exact but several times
  /// slower, and the softmax tolerates the approximation.
  Value exp2(Value x);
  Value log2(Value x);
  /// tanh from ex2 and plain arithmetic (math.tanh would need libdevice).
  Value tanh(Value x);
  /// x combined with the other lanes of its quad (xor 1, 2) by `combine`.
  Value quadReduce(Value x, bool isMax);

  // Fragments.
  Value at(Value vec, int64_t i, int64_t j) {
    return vector::ExtractOp::create(b, loc, vec, ArrayRef<int64_t>{i, j});
  }
  /// A [rows x 2] vector from its elements in row-major order.
  Value pack(VectorType ty, ArrayRef<Value> elems);
  /// A splat fragment of `ty`.
  Value splat(VectorType ty, Attribute value);
  /// Rows [first, first + 2) of an ldmatrix x4 result: one B fragment.
  Value rowsOf(Value m4, int64_t first);
  /// ldmatrix x4 of `elem` from shared memory at `indices`.
  Value ldmatrix(Value smem, ValueRange indices, bool transpose);
  /// D += A B on the tensor cores (mma.sync m16n8k16, f32 accumulate).
  Value mma(Value a, Value bFrag, Value c);
};

/// A rows x width tile of one head of a [B, H, S, D] or [B, S, H, D]
/// global tensor, copied into shared memory by cp.async.
struct GlobalTile {
  Value src;                    // the global memref
  SmallVector<Value, 4> offsets; // of the tile's first element
  unsigned rowDim;              // the sequence dim of src
  int64_t width;                // elements per row (a multiple of 8)
  Value validRows;              // rows past it are zero-filled (null: all)
};

/// Issues cp.async copies (16 bytes each, spread over `threads` threads
/// numbered `tid`) of the tile's `rows` rows into the [rows, >= width]
/// shared memref `dst` (buffer `buf` of a [buffers, rows, >= width] one
/// when given), zero-filling invalid rows from a clamped, valid address.
/// Returns the tokens.
SmallVector<Value> copyTile(FragBuilder &fb, const GlobalTile &tile,
                            int64_t rows, Value dst, Value buf, Value tid,
                            int64_t threads);

} // namespace nvgpu
} // namespace attn
} // namespace mlir

#endif // ATTN_TARGET_NVGPU_FRAGMENTS_H
