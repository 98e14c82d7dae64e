//===- SparsityCompositeAttrs.cpp - documents, union, intersection --------===//
//
// The patterns built from others or from run-time data: documents (from the
// op's offsets operand), union and intersection of patterns. Verifiers, the
// element predicate (C++ and IR) and block classification, as
// SparsityAttrs.cpp does for the elementary patterns. Definitions:
// docs/semantics.md.
//
//===----------------------------------------------------------------------===//
#include "attn/IR/AttnOps.h"
#include "PatternIR.h"

#include "mlir/IR/DialectImplementation.h"

using namespace mlir;
using namespace mlir::attn;

namespace {
using P = arith::CmpIPredicate;
} // namespace

//===----------------------------------------------------------------------===//
// DocumentsAttr: doc(p) == doc(j), from the run-time offsets.
//===----------------------------------------------------------------------===//

bool DocumentsAttr::isVisible(int64_t, int64_t, int64_t, int64_t) const {
  return true; // the offsets are run-time values
}

namespace {
/// docIds[x] for any index x: -1 outside [0, size).
Value docAt(PatternIR &r, const PatternEnv &env, Value x) {
  Value n = tensor::DimOp::create(r.b, r.loc, env.docIds, 0);
  Value zero = r.c(0);
  Value afterStart = r.ge(x, zero);
  Value beforeEnd = r.lt(x, n);
  Value in = r.land(afterStart, beforeEnd);
  Value zero2 = r.c(0);
  Value one = r.c(1);
  Value last = r.sub(n, one);
  Value xc = r.clamp(x, zero2, last);
  Value id = tensor::ExtractOp::create(r.b, r.loc, env.docIds, ValueRange{xc});
  Value none = r.c(-1);
  return r.select(in, id, none);
}
/// offsets[k] as an index, k clamped to the tensor.
Value offsetAt(PatternIR &r, const PatternEnv &env, Value k) {
  Value n = tensor::DimOp::create(r.b, r.loc, env.docOffsets, 0);
  Value zero = r.c(0);
  Value one = r.c(1);
  Value last = r.sub(n, one);
  Value kc = r.clamp(k, zero, last);
  Value v = tensor::ExtractOp::create(r.b, r.loc, env.docOffsets,
                                      ValueRange{kc});
  return arith::IndexCastOp::create(r.b, r.loc, r.b.getIndexType(), v);
}
} // namespace

Value DocumentsAttr::buildVisible(OpBuilder &b, Location loc, Value i, Value j,
                                  Value offset, const PatternEnv &env) const {
  PatternIR r{b, loc};
  Value dq = docAt(r, env, r.add(i, offset));
  Value dk = docAt(r, env, j);
  Value same = r.eq(dq, dk);
  Value zero = r.c(0);
  Value inDoc = r.ge(dq, zero);
  return r.land(same, inDoc);
}

bool DocumentsAttr::isMonotone() const { return true; }
bool DocumentsAttr::isStatic() const { return false; }

BlockClass DocumentsAttr::classifyBlock(int64_t, int64_t, int64_t, int64_t,
                                        int64_t, int64_t) const {
  return BlockClass::Partial;
}

// Document ids are non-decreasing in the position, so the documents of a
// block's query positions form the interval [doc(P0'), doc(P1')] (P0', P1'
// clipped to [o[0], o[N])), and likewise for its keys: the block is empty
// iff the two intervals are disjoint, full iff both are the same single
// document and nothing was clipped.
std::pair<Value, Value>
DocumentsAttr::buildBlockClass(OpBuilder &b, Location loc, Value q0, Value q1,
                               Value k0, Value k1, Value offset,
                               const PatternEnv &env) const {
  PatternIR r{b, loc};
  Value nOff = tensor::DimOp::create(b, loc, env.docOffsets, 0);
  Value first = offsetAt(r, env, r.c(0));
  Value one = r.c(1);
  Value lastOff = r.sub(nOff, one);
  Value end = offsetAt(r, env, lastOff);
  Value p0 = r.add(q0, offset);
  Value q1o = r.add(q1, offset);
  Value p1 = r.add(q1o, -1);
  Value kLast = r.add(k1, -1), endLast = r.add(end, -1);
  Value p0c = r.max(p0, first), p1c = r.min(p1, endLast);
  Value k0c = r.max(k0, first), k1c = r.min(kLast, endLast);
  Value dq0 = docAt(r, env, p0c), dq1 = docAt(r, env, p1c);
  Value dk0 = docAt(r, env, k0c), dk1 = docAt(r, env, k1c);
  Value rowsInside = r.le(p0c, p1c);
  Value keysInside = r.le(k0c, k1c);
  Value inside = r.land(rowsInside, keysInside);
  Value firstDoc = r.max(dq0, dk0);
  Value lastDoc = r.min(dq1, dk1);
  Value overlap = r.le(firstDoc, lastDoc);
  Value nonEmpty = r.land(inside, overlap);
  Value p0Kept = r.eq(p0c, p0);
  Value p1Kept = r.eq(p1c, p1);
  Value rowsKept = r.land(p0Kept, p1Kept);
  Value k0Kept = r.eq(k0c, k0);
  Value k1Kept = r.eq(k1c, kLast);
  Value keysKept = r.land(k0Kept, k1Kept);
  Value unclipped = r.land(rowsKept, keysKept);
  Value oneRowDoc = r.eq(dq0, dq1);
  Value oneKeyDoc = r.eq(dk0, dk1);
  Value oneEach = r.land(oneRowDoc, oneKeyDoc);
  Value sameDoc = r.eq(dq0, dk0);
  Value same = r.land(oneEach, sameDoc);
  Value nonEmptyKept = r.land(nonEmpty, unclipped);
  Value full = r.land(nonEmptyKept, same);
  return {nonEmpty, full};
}

// Row p in document d sees [o[d], o[d + 1]); rows before o[0] see
// [o[0], o[0]) and rows from o[N] on see [o[N], o[N]): both bounds stay
// non-decreasing in the row.
std::pair<Value, Value>
DocumentsAttr::buildKeyRange(OpBuilder &b, Location loc, Value row,
                             Value offset, const PatternEnv &env) const {
  PatternIR r{b, loc};
  Value nOff = tensor::DimOp::create(b, loc, env.docOffsets, 0);
  Value first = offsetAt(r, env, r.c(0));
  Value one = r.c(1);
  Value lastOff = r.sub(nOff, one);
  Value end = offsetAt(r, env, lastOff);
  Value p = r.add(row, offset);
  Value d = docAt(r, env, p);
  Value valid = r.ge(d, r.c(0));
  Value lo = offsetAt(r, env, d), hi = offsetAt(r, env, r.add(d, 1));
  Value before = r.lt(p, first);
  Value outside = r.select(before, first, end);
  return {r.select(valid, lo, outside), r.select(valid, hi, outside)};
}

//===----------------------------------------------------------------------===//
// UnionAttr / IntersectAttr
//===----------------------------------------------------------------------===//

static LogicalResult verifyList(function_ref<InFlightDiagnostic()> emitError,
                                StringRef name,
                                ArrayRef<SparsityAttrInterface> patterns) {
  if (patterns.empty())
    return emitError() << name << " needs at least one pattern";
  for (SparsityAttrInterface p : patterns)
    if (!p)
      return emitError() << name << " elements must be sparsity patterns";
  return success();
}

LogicalResult UnionAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                ArrayRef<SparsityAttrInterface> patterns) {
  return verifyList(emitError, "union", patterns);
}
LogicalResult
IntersectAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                      ArrayRef<SparsityAttrInterface> patterns) {
  return verifyList(emitError, "intersect", patterns);
}

bool UnionAttr::isVisible(int64_t i, int64_t j, int64_t sq, int64_t skv) const {
  return llvm::any_of(getPatterns(), [&](SparsityAttrInterface p) {
    return p.isVisible(i, j, sq, skv);
  });
}
bool IntersectAttr::isVisible(int64_t i, int64_t j, int64_t sq,
                              int64_t skv) const {
  return llvm::all_of(getPatterns(), [&](SparsityAttrInterface p) {
    return p.isVisible(i, j, sq, skv);
  });
}

template <bool IsUnion>
static Value buildVisibleList(ArrayRef<SparsityAttrInterface> ps, OpBuilder &b,
                              Location loc, Value i, Value j, Value offset,
                              const PatternEnv &env) {
  PatternIR r{b, loc};
  Value acc;
  for (SparsityAttrInterface p : ps) {
    Value v = p.buildVisible(b, loc, i, j, offset, env);
    acc = !acc ? v : IsUnion ? r.lor(acc, v) : r.land(acc, v);
  }
  return acc;
}

Value UnionAttr::buildVisible(OpBuilder &b, Location loc, Value i, Value j,
                              Value offset, const PatternEnv &env) const {
  return buildVisibleList<true>(getPatterns(), b, loc, i, j, offset, env);
}
Value IntersectAttr::buildVisible(OpBuilder &b, Location loc, Value i, Value j,
                                  Value offset, const PatternEnv &env) const {
  return buildVisibleList<false>(getPatterns(), b, loc, i, j, offset, env);
}

// A union of intervals is one interval only in special cases: never assumed.
bool UnionAttr::isMonotone() const { return getPatterns().size() == 1 &&
                                            getPatterns()[0].isMonotone(); }
// The intersection of monotone intervals [max lo, min hi) is monotone.
bool IntersectAttr::isMonotone() const {
  return llvm::all_of(getPatterns(),
                      [](SparsityAttrInterface p) { return p.isMonotone(); });
}
bool UnionAttr::isStatic() const {
  return llvm::all_of(getPatterns(),
                      [](SparsityAttrInterface p) { return p.isStatic(); });
}
bool IntersectAttr::isStatic() const {
  return llvm::all_of(getPatterns(),
                      [](SparsityAttrInterface p) { return p.isStatic(); });
}

// Lattice rules: exact for the cases they decide, conservative (partial)
// otherwise, e.g. a union of two partial blocks that together cover it.
BlockClass UnionAttr::classifyBlock(int64_t q0, int64_t q1, int64_t k0,
                                    int64_t k1, int64_t sq, int64_t skv) const {
  bool allEmpty = true;
  for (SparsityAttrInterface p : getPatterns()) {
    BlockClass c = p.classifyBlock(q0, q1, k0, k1, sq, skv);
    if (c == BlockClass::Full)
      return BlockClass::Full;
    allEmpty &= c == BlockClass::Empty;
  }
  return allEmpty ? BlockClass::Empty : BlockClass::Partial;
}
BlockClass IntersectAttr::classifyBlock(int64_t q0, int64_t q1, int64_t k0,
                                        int64_t k1, int64_t sq,
                                        int64_t skv) const {
  bool allFull = true;
  for (SparsityAttrInterface p : getPatterns()) {
    BlockClass c = p.classifyBlock(q0, q1, k0, k1, sq, skv);
    if (c == BlockClass::Empty)
      return BlockClass::Empty;
    allFull &= c == BlockClass::Full;
  }
  return allFull ? BlockClass::Full : BlockClass::Partial;
}

template <bool IsUnion>
static std::pair<Value, Value>
blockClassList(ArrayRef<SparsityAttrInterface> ps, OpBuilder &b, Location loc,
               Value q0, Value q1, Value k0, Value k1, Value offset,
               const PatternEnv &env) {
  PatternIR r{b, loc};
  Value any, all;
  for (SparsityAttrInterface p : ps) {
    auto [a, f] = p.buildBlockClass(b, loc, q0, q1, k0, k1, offset, env);
    any = !any ? a : IsUnion ? r.lor(any, a) : r.land(any, a);
    all = !all ? f : IsUnion ? r.lor(all, f) : r.land(all, f);
  }
  return {any, all};
}

std::pair<Value, Value>
UnionAttr::buildBlockClass(OpBuilder &b, Location loc, Value q0, Value q1,
                           Value k0, Value k1, Value offset,
                           const PatternEnv &env) const {
  return blockClassList<true>(getPatterns(), b, loc, q0, q1, k0, k1, offset,
                              env);
}
std::pair<Value, Value>
IntersectAttr::buildBlockClass(OpBuilder &b, Location loc, Value q0, Value q1,
                               Value k0, Value k1, Value offset,
                               const PatternEnv &env) const {
  return blockClassList<false>(getPatterns(), b, loc, q0, q1, k0, k1, offset,
                               env);
}

std::pair<Value, Value> UnionAttr::buildKeyRange(OpBuilder &b, Location loc,
                                                 Value row, Value offset,
                                                 const PatternEnv &env) const {
  if (isMonotone())
    return getPatterns()[0].buildKeyRange(b, loc, row, offset, env);
  PatternIR r{b, loc};
  return {r.c(0), r.c(kMaxSize)};
}

std::pair<Value, Value>
IntersectAttr::buildKeyRange(OpBuilder &b, Location loc, Value row,
                             Value offset, const PatternEnv &env) const {
  PatternIR r{b, loc};
  Value lo, hi;
  for (SparsityAttrInterface p : getPatterns()) {
    auto [l, h] = p.buildKeyRange(b, loc, row, offset, env);
    lo = lo ? r.max(lo, l) : l;
    hi = hi ? r.min(hi, h) : h;
  }
  return {lo, hi};
}
