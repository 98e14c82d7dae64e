//===- PatternIR.h - index arithmetic for the sparsity patterns -*- C++ -*-===//
//
// Terse builders for the index and i1 arithmetic the patterns emit.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_DIALECT_PATTERNIR_H
#define ATTN_DIALECT_PATTERNIR_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"

namespace mlir {
namespace attn {

/// Pattern sizes are bounded so that i + offset +/- size * dilation never
/// overflows; also the open end of a key range.
constexpr int64_t kMaxSize = int64_t(1) << 48;

struct PatternIR {
  OpBuilder &b;
  Location loc;
  using P = arith::CmpIPredicate;

  Value c(int64_t v) { return arith::ConstantIndexOp::create(b, loc, v); }
  Value i1(bool v) {
    return arith::ConstantIntOp::create(b, loc, b.getI1Type(), v ? 1 : 0);
  }
  Value add(Value x, Value y) { return arith::AddIOp::create(b, loc, x, y); }
  Value add(Value x, int64_t y) { return y ? add(x, c(y)) : x; }
  Value sub(Value x, Value y) { return arith::SubIOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulIOp::create(b, loc, x, y); }
  Value min(Value x, Value y) { return arith::MinSIOp::create(b, loc, x, y); }
  Value max(Value x, Value y) { return arith::MaxSIOp::create(b, loc, x, y); }
  Value clamp(Value x, Value lo, Value hi) { return min(max(x, lo), hi); }
  Value floorDiv(Value x, int64_t d) {
    return d == 1 ? x : arith::FloorDivSIOp::create(b, loc, x, c(d));
  }
  Value ceilDiv(Value x, int64_t d) {
    return d == 1 ? x : arith::CeilDivSIOp::create(b, loc, x, c(d));
  }
  Value rem(Value x, int64_t d) {
    return arith::RemSIOp::create(b, loc, x, c(d));
  }
  Value cmp(P p, Value x, Value y) {
    return arith::CmpIOp::create(b, loc, p, x, y);
  }
  Value lt(Value x, Value y) { return cmp(P::slt, x, y); }
  Value le(Value x, Value y) { return cmp(P::sle, x, y); }
  Value ge(Value x, Value y) { return cmp(P::sge, x, y); }
  Value eq(Value x, Value y) { return cmp(P::eq, x, y); }
  Value land(Value x, Value y) { return arith::AndIOp::create(b, loc, x, y); }
  Value lor(Value x, Value y) { return arith::OrIOp::create(b, loc, x, y); }
  Value select(Value c_, Value x, Value y) {
    return arith::SelectOp::create(b, loc, c_, x, y);
  }
};

} // namespace attn
} // namespace mlir

#endif // ATTN_DIALECT_PATTERNIR_H
