//===- AttnAttrs.cpp - attn attribute verifiers and interfaces ------------===//
#include "attn/AttnOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;
using namespace mlir::attn;

#include "attn/AttnInterfaces.cpp.inc"

//===----------------------------------------------------------------------===//
// CausalAttr
//===----------------------------------------------------------------------===//

bool CausalAttr::isVisible(int64_t i, int64_t j, int64_t seqQ,
                           int64_t seqKV) const {
  return j <= i + (seqKV - seqQ);
}

Value CausalAttr::buildVisible(OpBuilder &b, Location loc, Value i, Value j,
                               Value offset) const {
  Value diag = arith::AddIOp::create(b, loc, i, offset);
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sle, j, diag);
}

std::pair<Value, Value> CausalAttr::buildKeyRange(OpBuilder &b, Location loc,
                                                 Value row,
                                                 Value offset) const {
  Value zero = arith::ConstantIndexOp::create(b, loc, 0);
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value diag = arith::AddIOp::create(b, loc, row, offset);
  return {zero, arith::AddIOp::create(b, loc, diag, one)};
}

//===----------------------------------------------------------------------===//
// SlidingWindowAttr
//===----------------------------------------------------------------------===//

LogicalResult
SlidingWindowAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                          int64_t left, int64_t right) {
  if (left < 0 || right < 0)
    return emitError() << "sliding_window sizes must be non-negative, got left = "
                       << left << ", right = " << right;
  // Bounded so that i + offset +/- size never overflows index arithmetic.
  constexpr int64_t kMax = int64_t(1) << 48;
  if (left > kMax || right > kMax)
    return emitError() << "sliding_window sizes must be at most " << kMax
                       << ", got left = " << left << ", right = " << right;
  return success();
}

bool SlidingWindowAttr::isVisible(int64_t i, int64_t j, int64_t seqQ,
                                  int64_t seqKV) const {
  int64_t p = i + (seqKV - seqQ);
  return j >= p - getLeft() && j <= p + getRight();
}

Value SlidingWindowAttr::buildVisible(OpBuilder &b, Location loc, Value i,
                                      Value j, Value offset) const {
  Type t = i.getType();
  auto cst = [&](int64_t v) -> Value {
    return arith::ConstantOp::create(b, loc, t, b.getIntegerAttr(t, v));
  };
  Value p = arith::AddIOp::create(b, loc, i, offset);
  Value lo = arith::SubIOp::create(b, loc, p, cst(getLeft()));
  Value hi = arith::AddIOp::create(b, loc, p, cst(getRight()));
  Value geLo = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sge, j, lo);
  Value leHi = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sle, j, hi);
  return arith::AndIOp::create(b, loc, geLo, leHi);
}

std::pair<Value, Value>
SlidingWindowAttr::buildKeyRange(OpBuilder &b, Location loc, Value row,
                                 Value offset) const {
  Value diag = arith::AddIOp::create(b, loc, row, offset);
  Value lo = arith::SubIOp::create(
      b, loc, diag, arith::ConstantIndexOp::create(b, loc, getLeft()));
  Value hi = arith::AddIOp::create(
      b, loc, diag, arith::ConstantIndexOp::create(b, loc, getRight() + 1));
  return {lo, hi};
}

//===----------------------------------------------------------------------===//
// TilingAttr
//===----------------------------------------------------------------------===//

LogicalResult TilingAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 int64_t query, int64_t key) {
  if (query <= 0 || key <= 0)
    return emitError() << "tiling sizes must be positive, got query = " << query
                       << ", key = " << key;
  return success();
}
