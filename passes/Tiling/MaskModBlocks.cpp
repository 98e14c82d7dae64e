//===- MaskModBlocks.cpp - interval analysis of a mask_mod ----------------===//
#include "passes/Tiling/MaskModBlocks.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

#include "llvm/ADT/DenseMap.h"

#include <algorithm>
#include <limits>

using namespace mlir;
using namespace mlir::attn;

namespace {

/// A closed interval of integers; i1 values are within [0, 1].
struct Interval {
  int64_t lo, hi;
  bool single() const { return lo == hi; }
};

// Products and sums of positions stay far below 2^62 for any tensor that
// fits in memory; beyond that the analysis gives up rather than wrap.
constexpr int64_t kLimit = int64_t(1) << 62;

bool inRange(int64_t v) { return v > -kLimit && v < kLimit; }

std::optional<Interval> make(int64_t a, int64_t b, int64_t c, int64_t d) {
  int64_t lo = std::min({a, b, c, d}), hi = std::max({a, b, c, d});
  if (!inRange(lo) || !inRange(hi))
    return std::nullopt;
  return Interval{lo, hi};
}

int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
int64_t ceilDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) == (b < 0))) ? q + 1 : q;
}

class Analysis {
public:
  llvm::DenseMap<Value, Interval> env;

  std::optional<Interval> get(Value v) {
    auto it = env.find(v);
    if (it != env.end())
      return it->second;
    // A scalar constant defined above the region.
    APInt c;
    if (matchPattern(v, m_ConstantInt(&c))) {
      int64_t x = c.getBitWidth() == 1 ? int64_t(c.getBoolValue())
                                       : c.getSExtValue();
      return Interval{x, x};
    }
    return std::nullopt;
  }

  /// Range of a constant integer table over the index box (1-d and 2-d
  /// row-major tables, any rank by enumerating the box).
  std::optional<Interval> tableRange(tensor::ExtractOp e) {
    DenseIntElementsAttr dense;
    if (!matchPattern(e.getTensor(), m_Constant(&dense)))
      return std::nullopt;
    auto type = cast<RankedTensorType>(e.getTensor().getType());
    SmallVector<Interval> idx;
    int64_t count = 1;
    for (auto [k, v] : llvm::enumerate(e.getIndices())) {
      std::optional<Interval> r = get(v);
      if (!r)
        return std::nullopt;
      // An index outside the table is undefined: no claim about it.
      int64_t lo = std::max<int64_t>(r->lo, 0);
      int64_t hi = std::min<int64_t>(r->hi, type.getDimSize(k) - 1);
      if (lo > hi)
        return std::nullopt;
      idx.push_back({lo, hi});
      count *= hi - lo + 1;
      if (count > (int64_t(1) << 20))
        return std::nullopt;
    }
    bool isBool = type.getElementType().isInteger(1);
    auto values = dense.getValues<APInt>();
    int64_t lo = std::numeric_limits<int64_t>::max();
    int64_t hi = std::numeric_limits<int64_t>::min();
    SmallVector<int64_t> at;
    for (const Interval &r : idx)
      at.push_back(r.lo);
    while (true) {
      int64_t off = 0;
      for (size_t k = 0; k < at.size(); ++k)
        off = off * type.getDimSize(k) + at[k];
      APInt a = values[off];
      int64_t x = isBool ? int64_t(a.getBoolValue()) : a.getSExtValue();
      lo = std::min(lo, x);
      hi = std::max(hi, x);
      size_t k = at.size();
      while (k > 0 && at[k - 1] == idx[k - 1].hi) {
        at[k - 1] = idx[k - 1].lo;
        --k;
      }
      if (k == 0)
        break;
      ++at[k - 1];
    }
    return Interval{lo, hi};
  }

  std::optional<Interval> cmp(arith::CmpIPredicate p, Interval a, Interval b) {
    using P = arith::CmpIPredicate;
    auto known = [](bool t, bool f) -> Interval {
      return t ? Interval{1, 1} : f ? Interval{0, 0} : Interval{0, 1};
    };
    switch (p) {
    case P::slt: return known(a.hi < b.lo, a.lo >= b.hi);
    case P::sle: return known(a.hi <= b.lo, a.lo > b.hi);
    case P::sgt: return known(a.lo > b.hi, a.hi <= b.lo);
    case P::sge: return known(a.lo >= b.hi, a.hi < b.lo);
    case P::eq:
      return known(a.single() && b.single() && a.lo == b.lo,
                   a.hi < b.lo || b.hi < a.lo);
    case P::ne:
      return known(a.hi < b.lo || b.hi < a.lo,
                   a.single() && b.single() && a.lo == b.lo);
    default:
      // Unsigned predicates: exact only for non-negative ranges.
      if (a.lo < 0 || b.lo < 0)
        return std::nullopt;
      P s = p == P::ult ? P::slt : p == P::ule ? P::sle
          : p == P::ugt ? P::sgt : P::sge;
      return cmp(s, a, b);
    }
  }

  std::optional<Interval> div(Operation *op, Interval a, Interval b) {
    if (b.lo <= 0 && b.hi >= 0)
      return std::nullopt;
    auto f = [&](int64_t x, int64_t y) {
      if (isa<arith::FloorDivSIOp>(op))
        return floorDiv(x, y);
      if (isa<arith::CeilDivSIOp>(op))
        return ceilDiv(x, y);
      return x / y;
    };
    int64_t ll = f(a.lo, b.lo), lh = f(a.lo, b.hi);
    int64_t hl = f(a.hi, b.lo), hh = f(a.hi, b.hi);
    return make(ll, lh, hl, hh);
  }

  std::optional<Interval> rem(Interval a, Interval b) {
    if (!b.single() || b.lo <= 0)
      return std::nullopt;
    int64_t c = b.lo;
    if (a.lo >= 0 && a.lo / c == a.hi / c)
      return Interval{a.lo % c, a.hi % c};
    if (a.lo >= 0)
      return Interval{0, c - 1};
    return Interval{-(c - 1), a.hi < 0 ? 0 : c - 1};
  }

  std::optional<Interval> logic(Operation *op, Interval a, Interval b,
                                bool isBool) {
    if (!isBool)
      return std::nullopt;
    if (isa<arith::AndIOp>(op))
      return Interval{a.lo & b.lo, a.hi & b.hi};
    if (isa<arith::OrIOp>(op))
      return Interval{a.lo | b.lo, a.hi | b.hi};
    // xori: known only when both are.
    if (a.single() && b.single())
      return Interval{a.lo ^ b.lo, a.lo ^ b.lo};
    return Interval{0, 1};
  }

  std::optional<Interval> visit(Operation *op) {
    if (auto c = dyn_cast<arith::ConstantOp>(op)) {
      if (isa<ShapedType>(c.getType()))
        return Interval{0, 0}; // a table: read through tensor.extract
      return get(c.getResult());
    }
    if (auto e = dyn_cast<tensor::ExtractOp>(op))
      return tableRange(e);
    if (isa<arith::IndexCastOp, arith::ExtSIOp, arith::ExtUIOp,
            arith::IndexCastUIOp>(op)) {
      std::optional<Interval> x = get(op->getOperand(0));
      // Sign-extending an i1 maps true to -1; unsigned casts keep only
      // non-negative ranges exact.
      if (x && isa<arith::ExtSIOp>(op) &&
          op->getOperand(0).getType().isInteger(1))
        return Interval{-x->hi, -x->lo};
      if (x && isa<arith::ExtUIOp, arith::IndexCastUIOp>(op) && x->lo < 0)
        return std::nullopt;
      return x;
    }
    if (auto s = dyn_cast<arith::SelectOp>(op)) {
      auto c = get(s.getCondition()), t = get(s.getTrueValue()),
           f = get(s.getFalseValue());
      if (!c || !t || !f)
        return std::nullopt;
      if (c->single())
        return c->lo ? *t : *f;
      return Interval{std::min(t->lo, f->lo), std::max(t->hi, f->hi)};
    }
    if (op->getNumOperands() != 2)
      return std::nullopt;
    auto a = get(op->getOperand(0)), b = get(op->getOperand(1));
    if (!a || !b)
      return std::nullopt;
    if (auto c = dyn_cast<arith::CmpIOp>(op))
      return cmp(c.getPredicate(), *a, *b);
    // Bounds below 2^62 in magnitude: sums and differences cannot wrap.
    constexpr int64_t kBound = int64_t(1) << 62;
    auto bounded = [&](Interval x) { return x.lo > -kBound && x.hi < kBound; };
    if (isa<arith::AddIOp, arith::SubIOp>(op) && (!bounded(*a) || !bounded(*b)))
      return std::nullopt;
    if (isa<arith::AddIOp>(op))
      return make(a->lo + b->lo, a->hi + b->hi, a->lo + b->lo, a->hi + b->hi);
    if (isa<arith::SubIOp>(op))
      return make(a->lo - b->hi, a->hi - b->lo, a->lo - b->hi, a->hi - b->lo);
    if (isa<arith::MulIOp>(op)) {
      // Factors below 2^31 in magnitude: the corner products cannot wrap.
      constexpr int64_t kFactor = int64_t(1) << 31;
      auto small = [&](Interval x) {
        return x.lo > -kFactor && x.hi < kFactor;
      };
      if (!small(*a) || !small(*b))
        return std::nullopt;
      return make(a->lo * b->lo, a->lo * b->hi, a->hi * b->lo, a->hi * b->hi);
    }
    if (isa<arith::DivSIOp, arith::FloorDivSIOp, arith::CeilDivSIOp>(op))
      return div(op, *a, *b);
    if (isa<arith::RemSIOp>(op))
      return rem(*a, *b);
    if (isa<arith::MinSIOp>(op))
      return Interval{std::min(a->lo, b->lo), std::min(a->hi, b->hi)};
    if (isa<arith::MaxSIOp>(op))
      return Interval{std::max(a->lo, b->lo), std::max(a->hi, b->hi)};
    if (isa<arith::AndIOp, arith::OrIOp, arith::XOrIOp>(op))
      return logic(op, *a, *b, op->getResult(0).getType().isInteger(1));
    return std::nullopt;
  }
};

} // namespace

std::optional<BlockClass> mlir::attn::classifyMaskModBlock(AttentionOp op,
                                                           int64_t i0,
                                                           int64_t i1,
                                                           int64_t j0,
                                                           int64_t j1) {
  if (!op.hasMaskMod())
    return BlockClass::Full;
  int64_t batch = op.getBatch(), heads = op.getHeadsQ();
  if (ShapedType::isDynamic(batch) || ShapedType::isDynamic(heads) ||
      i1 <= i0 || j1 <= j0)
    return std::nullopt;
  Block &body = op.getMaskMod().front();
  Analysis a;
  Interval args[4] = {{0, batch - 1}, {0, heads - 1}, {i0, i1 - 1},
                      {j0, j1 - 1}};
  for (auto [arg, r] : llvm::zip(body.getArguments(), args))
    a.env[arg] = r;
  for (Operation &inner : body.without_terminator()) {
    if (inner.getNumResults() != 1)
      return std::nullopt;
    std::optional<Interval> r = a.visit(&inner);
    if (!r)
      return std::nullopt;
    a.env[inner.getResult(0)] = *r;
  }
  std::optional<Interval> r = a.get(body.getTerminator()->getOperand(0));
  if (!r)
    return std::nullopt;
  if (r->lo == 1)
    return BlockClass::Full;
  if (r->hi == 0)
    return BlockClass::Empty;
  return BlockClass::Partial;
}

bool mlir::attn::maskModIsBounded(AttentionOp op) {
  int64_t sq = op.getSeqQ(), skv = op.getSeqKV();
  if (ShapedType::isDynamic(sq) || ShapedType::isDynamic(skv))
    return false;
  return classifyMaskModBlock(op, 0, sq, 0, skv).has_value();
}

BlockLists mlir::attn::buildMaskModBlockLists(OpBuilder &b, Location loc,
                                              AttentionOp op, int64_t tq,
                                              int64_t tk) {
  SparsityAttrInterface pattern = op.getSparsityAttr();
  int64_t sq = op.getSeqQ(), skv = op.getSeqKV();
  auto classify = [&](int64_t q0, int64_t q1, int64_t k0, int64_t k1) {
    BlockClass p = pattern ? pattern.classifyBlock(q0, q1, k0, k1, sq, skv)
                           : BlockClass::Full;
    if (p == BlockClass::Empty)
      return p;
    std::optional<BlockClass> m = classifyMaskModBlock(op, q0, q1, k0, k1);
    if (!m || *m == BlockClass::Partial)
      return BlockClass::Partial;
    return *m == BlockClass::Empty ? BlockClass::Empty : p;
  };
  return buildStaticBlockLists(b, loc, classify, sq, skv, tq, tk);
}
