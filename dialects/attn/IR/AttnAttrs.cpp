//===- AttnAttrs.cpp - attn attribute verifiers and interfaces ------------===//
#include "attn/IR/AttnOps.h"

#include "PatternIR.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

using namespace mlir;
using namespace mlir::attn;

#include "attn/IR/AttnInterfaces.cpp.inc"

//===----------------------------------------------------------------------===//
// CausalAttr
//===----------------------------------------------------------------------===//

/// The IR offset of the diagonal: the caller's Skv - Sq (bottom_right) or
/// a zero of the same type (top_left).
static Value alignedOffset(OpBuilder &b, Location loc, Alignment align,
                           Value offset) {
  if (align == Alignment::bottom_right)
    return offset;
  Type t = offset.getType();
  return arith::ConstantOp::create(b, loc, t, b.getZeroAttr(t));
}

bool CausalAttr::isVisible(int64_t i, int64_t j, int64_t seqQ,
                           int64_t seqKV) const {
  return j <= i + diagonalOffset(seqQ, seqKV);
}

Value CausalAttr::buildVisible(OpBuilder &b, Location loc, Value i, Value j,
                               Value offset, const PatternEnv &) const {
  offset = alignedOffset(b, loc, getAlign(), offset);
  Value diag = arith::AddIOp::create(b, loc, i, offset);
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sle, j, diag);
}

bool CausalAttr::isMonotone() const { return true; }
bool CausalAttr::isStatic() const { return true; }

// Query block rows [q0, q1) sit on diagonals [P0, P1] = [q0 + o, q1 - 1 + o].
BlockClass CausalAttr::classifyBlock(int64_t q0, int64_t q1, int64_t k0,
                                     int64_t k1, int64_t seqQ,
                                     int64_t seqKV) const {
  int64_t o = diagonalOffset(seqQ, seqKV);
  if (k0 > q1 - 1 + o)
    return BlockClass::Empty;
  if (k1 - 1 <= q0 + o)
    return BlockClass::Full;
  return BlockClass::Partial;
}

std::pair<Value, Value>
CausalAttr::buildBlockClass(OpBuilder &b, Location loc, Value q0, Value q1,
                            Value k0, Value k1, Value offset,
                            const PatternEnv &) const {
  PatternIR r{b, loc};
  offset = alignedOffset(b, loc, getAlign(), offset);
  Value p0 = r.add(q0, offset), p1 = r.add(r.add(q1, offset), -1);
  return {r.le(k0, p1), r.le(r.add(k1, -1), p0)};
}

std::pair<Value, Value> CausalAttr::buildKeyRange(OpBuilder &b, Location loc,
                                                 Value row, Value offset,
                                                 const PatternEnv &) const {
  offset = alignedOffset(b, loc, getAlign(), offset);
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
                          int64_t left, int64_t right, Alignment) {
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
  int64_t p = i + diagonalOffset(seqQ, seqKV);
  return j >= p - getLeft() && j <= p + getRight();
}

Value SlidingWindowAttr::buildVisible(OpBuilder &b, Location loc, Value i,
                                      Value j, Value offset,
                                      const PatternEnv &) const {
  offset = alignedOffset(b, loc, getAlign(), offset);
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

bool SlidingWindowAttr::isMonotone() const { return true; }
bool SlidingWindowAttr::isStatic() const { return true; }

BlockClass SlidingWindowAttr::classifyBlock(int64_t q0, int64_t q1, int64_t k0,
                                            int64_t k1, int64_t seqQ,
                                            int64_t seqKV) const {
  int64_t o = diagonalOffset(seqQ, seqKV), L = getLeft(), R = getRight();
  int64_t p0 = q0 + o, p1 = q1 - 1 + o;
  if (k0 > p1 + R || k1 - 1 < p0 - L)
    return BlockClass::Empty;
  if (k0 >= p1 - L && k1 - 1 <= p0 + R)
    return BlockClass::Full;
  return BlockClass::Partial;
}

std::pair<Value, Value> SlidingWindowAttr::buildBlockClass(
    OpBuilder &b, Location loc, Value q0, Value q1, Value k0, Value k1,
    Value offset, const PatternEnv &) const {
  PatternIR r{b, loc};
  offset = alignedOffset(b, loc, getAlign(), offset);
  Value p0 = r.add(q0, offset), p1 = r.add(r.add(q1, offset), -1);
  Value kLast = r.add(k1, -1);
  int64_t L = getLeft(), R = getRight();
  Value reachR = r.add(p1, R);
  Value firstIn = r.le(k0, reachR);
  Value reachL = r.add(p0, -L);
  Value lastIn = r.ge(kLast, reachL);
  Value nonEmpty = r.land(firstIn, lastIn);
  Value fromL = r.add(p1, -L);
  Value firstCovered = r.ge(k0, fromL);
  Value toR = r.add(p0, R);
  Value lastCovered = r.le(kLast, toR);
  Value full = r.land(firstCovered, lastCovered);
  return {nonEmpty, full};
}

std::pair<Value, Value>
SlidingWindowAttr::buildKeyRange(OpBuilder &b, Location loc, Value row,
                                 Value offset, const PatternEnv &) const {
  offset = alignedOffset(b, loc, getAlign(), offset);
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
  // Bounded so that ceil(S / size) and block offsets never overflow.
  constexpr int64_t kMax = int64_t(1) << 31;
  if (query > kMax || key > kMax)
    return emitError() << "tiling sizes must be at most " << kMax
                       << ", got query = " << query << ", key = " << key;
  return success();
}
