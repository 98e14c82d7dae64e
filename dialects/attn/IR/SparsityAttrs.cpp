//===- SparsityAttrs.cpp - block-sparse attention patterns ----------------===//
//
// Dilated window, global/sink tokens, 2-d neighborhood and explicit block
// layout: verifiers, printed forms, the element predicate (C++ and IR) and
// block classification by interval reasoning (C++ for static sizes, IR for
// run-time sizes). Documents, union and intersection are in
// SparsityCompositeAttrs.cpp. Definitions: docs/semantics.md.
//
//===----------------------------------------------------------------------===//
#include "attn/IR/AttnOps.h"
#include "PatternIR.h"

#include "mlir/IR/DialectImplementation.h"

using namespace mlir;
using namespace mlir::attn;

namespace {
constexpr int64_t kMaxGrid = int64_t(1) << 31;
using P = arith::CmpIPredicate;
} // namespace

bool mlir::attn::patternAny(SparsityAttrInterface pattern,
                            function_ref<bool(SparsityAttrInterface)> pred) {
  if (!pattern)
    return false;
  if (pred(pattern))
    return true;
  ArrayRef<SparsityAttrInterface> kids;
  if (auto u = dyn_cast<UnionAttr>(pattern))
    kids = u.getPatterns();
  else if (auto x = dyn_cast<IntersectAttr>(pattern))
    kids = x.getPatterns();
  return llvm::any_of(kids, [&](SparsityAttrInterface k) {
    return patternAny(k, pred);
  });
}

//===----------------------------------------------------------------------===//
// DilatedWindowAttr: t = p - j, visible iff -R*d <= t <= L*d and t % d == 0.
//===----------------------------------------------------------------------===//

LogicalResult
DilatedWindowAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                          int64_t left, int64_t right, int64_t dilation,
                          Alignment) {
  if (left < 0 || right < 0 || dilation < 1)
    return emitError() << "dilated_window needs left >= 0, right >= 0 and "
                          "dilation >= 1, got left = "
                       << left << ", right = " << right
                       << ", dilation = " << dilation;
  if (dilation > kMaxSize || left > kMaxSize / dilation ||
      right > kMaxSize / dilation)
    return emitError() << "dilated_window reach (size * dilation) must be at "
                          "most "
                       << kMaxSize;
  return success();
}

bool DilatedWindowAttr::isVisible(int64_t i, int64_t j, int64_t seqQ,
                                  int64_t seqKV) const {
  int64_t d = getDilation(), t = i + diagonalOffset(seqQ, seqKV) - j;
  return t >= -getRight() * d && t <= getLeft() * d && t % d == 0;
}

Value DilatedWindowAttr::buildVisible(OpBuilder &b, Location loc, Value i,
                                      Value j, Value offset,
                                      const PatternEnv &) const {
  PatternIR r{b, loc};
  int64_t d = getDilation();
  if (getAlign() == Alignment::top_left)
    offset = arith::ConstantOp::create(b, loc, offset.getType(),
                                       b.getZeroAttr(offset.getType()));
  Value p = r.add(i, offset);
  Value t = r.sub(p, j);
  Value lo = r.c(-getRight() * d);
  Value afterLo = r.ge(t, lo);
  Value hi = r.c(getLeft() * d);
  Value beforeHi = r.le(t, hi);
  Value in = r.land(afterLo, beforeHi);
  if (d == 1)
    return in;
  Value phase = r.rem(t, d);
  Value zero = r.c(0);
  Value onGrid = r.eq(phase, zero);
  return r.land(in, onGrid);
}

bool DilatedWindowAttr::isMonotone() const { return false; }
bool DilatedWindowAttr::isStatic() const { return true; }

// t ranges over every integer of [P0 - K1, P1 - K0]. Empty iff no multiple
// of d lies in that range clipped to [-R d, L d]; full iff the range fits
// and (d = 1 or the block is a single element).
BlockClass DilatedWindowAttr::classifyBlock(int64_t q0, int64_t q1, int64_t k0,
                                            int64_t k1, int64_t seqQ,
                                            int64_t seqKV) const {
  int64_t o = diagonalOffset(seqQ, seqKV), d = getDilation();
  int64_t tMin = q0 + o - (k1 - 1), tMax = q1 - 1 + o - k0;
  int64_t lo = std::max(tMin, -getRight() * d);
  int64_t hi = std::min(tMax, getLeft() * d);
  if (lo > hi || floorDiv(hi, d) < ceilDiv(lo, d))
    return BlockClass::Empty;
  if (tMin >= -getRight() * d && tMax <= getLeft() * d &&
      (d == 1 || tMin == tMax))
    return BlockClass::Full;
  return BlockClass::Partial;
}

std::pair<Value, Value> DilatedWindowAttr::buildBlockClass(
    OpBuilder &b, Location loc, Value q0, Value q1, Value k0, Value k1,
    Value offset, const PatternEnv &) const {
  PatternIR r{b, loc};
  int64_t d = getDilation();
  if (getAlign() == Alignment::top_left)
    offset = r.c(0);
  Value p0 = r.add(q0, offset);
  Value kLast = r.add(k1, -1);
  Value tMin = r.sub(p0, kLast);
  Value q1o = r.add(q1, offset);
  Value p1 = r.add(q1o, -1);
  Value tMax = r.sub(p1, k0);
  Value right = r.c(-getRight() * d);
  Value lo = r.max(tMin, right);
  Value left = r.c(getLeft() * d);
  Value hi = r.min(tMax, left);
  Value ordered = r.le(lo, hi);
  Value loStep = r.ceilDiv(lo, d);
  Value hiStep = r.floorDiv(hi, d);
  Value stepInside = r.le(loStep, hiStep);
  Value nonEmpty = r.land(ordered, stepInside);
  Value right2 = r.c(-getRight() * d);
  Value minIn = r.ge(tMin, right2);
  Value left2 = r.c(getLeft() * d);
  Value maxIn = r.le(tMax, left2);
  Value full = r.land(minIn, maxIn);
  if (d != 1) {
    Value single = r.eq(tMin, tMax);
    Value singleHit = r.land(single, nonEmpty);
    full = r.land(full, singleHit);
  }
  return {nonEmpty, full};
}

std::pair<Value, Value> DilatedWindowAttr::buildKeyRange(OpBuilder &b,
                                                         Location loc, Value,
                                                         Value,
                                                         const PatternEnv &) const {
  // Not monotone-interval shaped (isMonotone() is false): the whole range.
  PatternIR r{b, loc};
  return {r.c(0), r.c(kMaxSize)};
}

//===----------------------------------------------------------------------===//
// GlobalAttr: visible iff j < keys or p < queries.
//===----------------------------------------------------------------------===//

LogicalResult GlobalAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                                 int64_t keys, int64_t queries) {
  if (keys < 0 || queries < 0 || keys > kMaxSize || queries > kMaxSize)
    return emitError() << "global token counts must be in [0, " << kMaxSize
                       << "], got keys = " << keys << ", queries = " << queries;
  if (keys == 0 && queries == 0)
    return emitError() << "global needs keys > 0 or queries > 0 (it would "
                          "hide every key)";
  return success();
}

bool GlobalAttr::isVisible(int64_t i, int64_t j, int64_t seqQ,
                           int64_t seqKV) const {
  return j < getKeys() || i + (seqKV - seqQ) < getQueries();
}

Value GlobalAttr::buildVisible(OpBuilder &b, Location loc, Value i, Value j,
                               Value offset, const PatternEnv &) const {
  PatternIR r{b, loc};
  Value g = r.c(getKeys());
  Value sink = r.lt(j, g);
  Value p = r.add(i, offset);
  Value gq = r.c(getQueries());
  Value globalRow = r.lt(p, gq);
  return r.lor(sink, globalRow);
}

bool GlobalAttr::isMonotone() const { return false; }
bool GlobalAttr::isStatic() const { return true; }

BlockClass GlobalAttr::classifyBlock(int64_t q0, int64_t q1, int64_t k0,
                                     int64_t k1, int64_t seqQ,
                                     int64_t seqKV) const {
  int64_t o = seqKV - seqQ;
  if (k0 >= getKeys() && q0 + o >= getQueries())
    return BlockClass::Empty;
  if (k1 - 1 < getKeys() || q1 - 1 + o < getQueries())
    return BlockClass::Full;
  return BlockClass::Partial;
}

std::pair<Value, Value>
GlobalAttr::buildBlockClass(OpBuilder &b, Location loc, Value q0, Value q1,
                            Value k0, Value k1, Value offset,
                            const PatternEnv &) const {
  PatternIR r{b, loc};
  Value g = r.c(getKeys()), gq = r.c(getQueries());
  Value firstSink = r.lt(k0, g);
  Value p0 = r.add(q0, offset);
  Value firstGlobal = r.lt(p0, gq);
  Value nonEmpty = r.lor(firstSink, firstGlobal);
  Value kLast = r.add(k1, -1);
  Value allSinks = r.lt(kLast, g);
  Value q1o = r.add(q1, offset);
  Value p1 = r.add(q1o, -1);
  Value allGlobal = r.lt(p1, gq);
  Value full = r.lor(allSinks, allGlobal);
  return {nonEmpty, full};
}

std::pair<Value, Value> GlobalAttr::buildKeyRange(OpBuilder &b, Location loc,
                                                  Value, Value,
                                                  const PatternEnv &) const {
  PatternIR r{b, loc};
  return {r.c(0), r.c(kMaxSize)};
}

//===----------------------------------------------------------------------===//
// NeighborhoodAttr
//===----------------------------------------------------------------------===//

namespace {
/// One axis of the grid: length, kernel (odd), dilation.
struct Axis {
  int64_t len, k, d;
  /// The query coordinate r's window: dilation group g and sub-indices
  /// [s, e) of the group's cells (cell g + t * d for t in [s, e)).
  void window(int64_t r, int64_t &g, int64_t &s, int64_t &e) const {
    g = r % d;
    int64_t n = (len - g + d - 1) / d;
    s = std::clamp(r / d - k / 2, int64_t(0), std::max(n - k, int64_t(0)));
    e = std::min(s + k, n);
  }
  bool sees(int64_t r, int64_t rj) const {
    int64_t g, s, e;
    window(r, g, s, e);
    return rj % d == g && rj / d >= s && rj / d < e;
  }
};
} // namespace

static bool parseDims(AsmParser &p, int64_t &a, int64_t &b) {
  // Accepts `8 x 4` and `8x4` (which lexes as 8 and the identifier x4).
  if (p.parseInteger(a))
    return true;
  StringRef kw;
  if (failed(p.parseOptionalKeyword(&kw))) {
    p.emitError(p.getCurrentLocation(), "expected 'A x B'");
    return true;
  }
  if (kw == "x")
    return failed(p.parseInteger(b));
  if (kw.size() > 1 && kw[0] == 'x' && !kw.drop_front().getAsInteger(10, b))
    return false;
  p.emitError(p.getCurrentLocation(), "expected 'A x B'");
  return true;
}

Attribute NeighborhoodAttr::parse(AsmParser &p, Type) {
  SMLoc loc = p.getCurrentLocation();
  int64_t h = 0, w = 0, kh = 0, kw = 0, dh = 1, dw = 1;
  if (p.parseLess() || p.parseKeyword("grid") || p.parseEqual() ||
      parseDims(p, h, w) || p.parseComma() || p.parseKeyword("kernel") ||
      p.parseEqual() || parseDims(p, kh, kw))
    return {};
  if (succeeded(p.parseOptionalComma()) &&
      (p.parseKeyword("dilation") || p.parseEqual() || parseDims(p, dh, dw)))
    return {};
  if (p.parseGreater())
    return {};
  return getChecked([&] { return p.emitError(loc); }, p.getContext(), h, w, kh,
                    kw, dh, dw);
}

void NeighborhoodAttr::print(AsmPrinter &p) const {
  p << "<grid = " << getHeight() << "x" << getWidth()
    << ", kernel = " << getKernelH() << "x" << getKernelW();
  if (getDilationH() != 1 || getDilationW() != 1)
    p << ", dilation = " << getDilationH() << "x" << getDilationW();
  p << ">";
}

LogicalResult
NeighborhoodAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                         int64_t h, int64_t w, int64_t kh, int64_t kw,
                         int64_t dh, int64_t dw) {
  if (h < 1 || w < 1 || h > kMaxGrid || w > kMaxGrid || h * w > kMaxGrid)
    return emitError() << "neighborhood grid must be at least 1x1 and at most "
                       << kMaxGrid << " cells, got " << h << "x" << w;
  if (kh < 1 || kw < 1 || kh % 2 == 0 || kw % 2 == 0)
    return emitError() << "neighborhood kernel sizes must be odd and positive, "
                          "got "
                       << kh << "x" << kw;
  if (dh < 1 || dw < 1)
    return emitError() << "neighborhood dilation must be positive, got " << dh
                       << "x" << dw;
  if (kh > h / dh || kw > w / dw)
    return emitError() << "neighborhood kernel * dilation must fit the grid, "
                          "got kernel "
                       << kh << "x" << kw << ", dilation " << dh << "x" << dw
                       << " on a " << h << "x" << w << " grid";
  return success();
}

bool NeighborhoodAttr::isVisible(int64_t i, int64_t j, int64_t seqQ,
                                 int64_t seqKV) const {
  int64_t p = i + (seqKV - seqQ), cells = getHeight() * getWidth(),
          w = getWidth();
  if (p < 0 || p >= cells || j < 0 || j >= cells)
    return false;
  Axis rows{getHeight(), getKernelH(), getDilationH()};
  Axis cols{w, getKernelW(), getDilationW()};
  return rows.sees(p / w, j / w) && cols.sees(p % w, j % w);
}

static Value axisSees(PatternIR &r, Value q, Value k, int64_t len, int64_t kern,
                      int64_t d) {
  Value g = d == 1 ? r.c(0) : r.rem(q, d);
  Value lenV = r.c(len);
  Value rest = r.sub(lenV, g);
  Value n = r.ceilDiv(rest, d);
  Value qs = r.floorDiv(q, d);
  Value half = r.c(kern / 2);
  Value start = r.sub(qs, half);
  Value zero = r.c(0);
  Value kernV = r.c(kern);
  Value lastStart = r.sub(n, kernV);
  Value zero2 = r.c(0);
  Value maxStart = r.max(lastStart, zero2);
  Value s = r.clamp(start, zero, maxStart);
  Value t = r.floorDiv(k, d);
  Value afterStart = r.ge(t, s);
  Value end = r.add(s, kern);
  Value beforeEnd = r.lt(t, end);
  Value in = r.land(afterStart, beforeEnd);
  if (d == 1)
    return in;
  Value phase = r.rem(k, d);
  Value samePhase = r.eq(phase, g);
  return r.land(in, samePhase);
}

Value NeighborhoodAttr::buildVisible(OpBuilder &b, Location loc, Value i,
                                     Value j, Value offset,
                                     const PatternEnv &) const {
  PatternIR r{b, loc};
  int64_t w = getWidth(), cells = getHeight() * w;
  Value p = r.add(i, offset);
  Value zero = r.c(0), last = r.c(cells - 1);
  Value pLo = r.ge(p, zero);
  Value pHi = r.le(p, last);
  Value pOn = r.land(pLo, pHi);
  Value jLo = r.ge(j, zero);
  Value jHi = r.le(j, last);
  Value jOn = r.land(jLo, jHi);
  Value on = r.land(pOn, jOn);
  // Clamped so that off-grid (masked) positions never divide negatives.
  Value pc = r.clamp(p, zero, last), jc = r.clamp(j, zero, last);
  Value wv = r.c(w);
  Value pr = arith::DivSIOp::create(b, loc, pc, wv);
  Value pcol = arith::RemSIOp::create(b, loc, pc, wv);
  Value jr = arith::DivSIOp::create(b, loc, jc, wv);
  Value jcol = arith::RemSIOp::create(b, loc, jc, wv);
  Value rowSees =
      axisSees(r, pr, jr, getHeight(), getKernelH(), getDilationH());
  Value colSees = axisSees(r, pcol, jcol, w, getKernelW(), getDilationW());
  Value sees = r.land(rowSees, colSees);
  return r.land(on, sees);
}

bool NeighborhoodAttr::isMonotone() const { return false; }
bool NeighborhoodAttr::isStatic() const { return true; }

// Per query row, the visible keys of [k0, k1) are counted with interval
// arithmetic: for each of the (at most kh) key rows of the window, the key
// block's columns on that row form an interval, intersected with the
// arithmetic progression of the window's columns. No mask is formed.
BlockClass NeighborhoodAttr::classifyBlock(int64_t q0, int64_t q1, int64_t k0,
                                           int64_t k1, int64_t seqQ,
                                           int64_t seqKV) const {
  int64_t o = seqKV - seqQ, w = getWidth(), cells = getHeight() * w;
  Axis rows{getHeight(), getKernelH(), getDilationH()};
  Axis cols{w, getKernelW(), getDilationW()};
  int64_t kLast = k1 - 1, total = 0;
  // Quick reject: a window reaches at most (kh - 1) * dh grid rows away
  // (after the border shift), so most far-away blocks cost O(1).
  int64_t pLo = std::max<int64_t>(q0 + o, 0), pHi = std::min(q1 - 1 + o, cells - 1);
  if (pLo > pHi)
    return BlockClass::Empty;
  int64_t reach = (rows.k - 1) * rows.d;
  if ((pHi / w + reach + 1) * w <= k0 || (pLo / w - reach) * w > kLast)
    return BlockClass::Empty;
  for (int64_t p = q0 + o; p <= q1 - 1 + o; ++p) {
    if (p < 0 || p >= cells)
      continue;
    int64_t gr, rs, re, gc, cs, ce;
    rows.window(p / w, gr, rs, re);
    cols.window(p % w, gc, cs, ce);
    for (int64_t t = rs; t < re; ++t) {
      int64_t rj = gr + t * rows.d;
      int64_t a = std::max<int64_t>(0, k0 - rj * w);
      int64_t bnd = std::min<int64_t>(w - 1, kLast - rj * w);
      if (a > bnd)
        continue;
      int64_t uLo = std::max(cs, ceilDiv(a - gc, cols.d));
      int64_t uHi = std::min(ce - 1, floorDiv(bnd - gc, cols.d));
      if (uHi >= uLo)
        total += uHi - uLo + 1;
    }
  }
  if (total == 0)
    return BlockClass::Empty;
  if (total == (q1 - q0) * (k1 - k0))
    return BlockClass::Full;
  return BlockClass::Partial;
}

std::pair<Value, Value> NeighborhoodAttr::buildBlockClass(
    OpBuilder &b, Location loc, Value, Value, Value, Value, Value,
    const PatternEnv &) const {
  // Run-time classification is conservative (every block partial); static
  // sizes use the exact classifyBlock.
  PatternIR r{b, loc};
  return {r.i1(true), r.i1(false)};
}

std::pair<Value, Value> NeighborhoodAttr::buildKeyRange(OpBuilder &b,
                                                        Location loc, Value,
                                                        Value,
                                                        const PatternEnv &) const {
  PatternIR r{b, loc};
  return {r.c(0), r.c(kMaxSize)};
}

//===----------------------------------------------------------------------===//
// BlockLayoutAttr: visible iff layout[i / bq][j / bk] (raw indices).
//===----------------------------------------------------------------------===//

Attribute BlockLayoutAttr::parse(AsmParser &p, Type) {
  SMLoc loc = p.getCurrentLocation();
  int64_t bq = 0, bk = 0;
  if (p.parseLess() || p.parseKeyword("block") || p.parseEqual() ||
      parseDims(p, bq, bk) || p.parseComma())
    return {};
  SmallVector<int64_t> flat;
  int64_t rows = 0, cols = -1;
  bool ragged = false;
  auto parseRow = [&]() -> ParseResult {
    int64_t n = 0;
    auto parseElt = [&]() -> ParseResult {
      int64_t v;
      if (p.parseInteger(v))
        return failure();
      flat.push_back(v);
      ++n;
      return success();
    };
    if (p.parseCommaSeparatedList(AsmParser::Delimiter::Square, parseElt))
      return failure();
    if (cols >= 0 && n != cols)
      ragged = true;
    cols = n;
    ++rows;
    return success();
  };
  if (p.parseCommaSeparatedList(AsmParser::Delimiter::Square, parseRow) ||
      p.parseGreater())
    return {};
  if (ragged) {
    p.emitError(loc, "block_layout rows must all have the same length");
    return {};
  }
  return getChecked([&] { return p.emitError(loc); }, p.getContext(), bq, bk,
                    rows, std::max<int64_t>(cols, 0),
                    ArrayRef<int64_t>(flat));
}

void BlockLayoutAttr::print(AsmPrinter &p) const {
  p << "<block = " << getBlockQ() << "x" << getBlockK() << ", [";
  for (int64_t r = 0; r < getRows(); ++r) {
    p << (r ? ", [" : "[");
    for (int64_t c = 0; c < getCols(); ++c)
      p << (c ? ", " : "") << getLayout()[r * getCols() + c];
    p << "]";
  }
  p << "]>";
}

LogicalResult
BlockLayoutAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                        int64_t bq, int64_t bk, int64_t rows, int64_t cols,
                        ArrayRef<int64_t> layout) {
  if (bq < 1 || bk < 1 || bq > kMaxGrid || bk > kMaxGrid)
    return emitError() << "block_layout block sizes must be in [1, "
                       << kMaxGrid << "], got " << bq << "x" << bk;
  if (rows < 1 || cols < 1 || rows > kMaxGrid / cols)
    return emitError() << "block_layout needs at least one row and column, "
                          "got "
                       << rows << "x" << cols;
  if (static_cast<int64_t>(layout.size()) != rows * cols)
    return emitError() << "block_layout has " << layout.size()
                       << " entries, expected " << rows * cols;
  for (int64_t v : layout)
    if (v != 0 && v != 1)
      return emitError() << "block_layout entries must be 0 or 1, got " << v;
  return success();
}

bool BlockLayoutAttr::isVisible(int64_t i, int64_t j, int64_t, int64_t) const {
  int64_t r = i / getBlockQ(), c = j / getBlockK();
  return r < getRows() && c < getCols() && getLayout()[r * getCols() + c];
}

Value BlockLayoutAttr::buildVisible(OpBuilder &b, Location loc, Value i,
                                    Value j, Value, const PatternEnv &) const {
  PatternIR r{b, loc};
  Value row = arith::DivSIOp::create(b, loc, i, r.c(getBlockQ()));
  Value col = arith::DivSIOp::create(b, loc, j, r.c(getBlockK()));
  Value rows = r.c(getRows());
  Value rowIn = r.lt(row, rows);
  Value cols = r.c(getCols());
  Value colIn = r.lt(col, cols);
  Value in = r.land(rowIn, colIn);
  SmallVector<bool> bits(getLayout().begin(), getLayout().end());
  auto t = RankedTensorType::get({getRows(), getCols()}, b.getI1Type());
  Value table = arith::ConstantOp::create(
      b, loc, t, DenseElementsAttr::get(t, ArrayRef<bool>(bits)));
  Value bit = tensor::ExtractOp::create(
      b, loc, table,
      ValueRange{r.min(row, r.c(getRows() - 1)),
                 r.min(col, r.c(getCols() - 1))});
  return r.land(in, bit);
}

bool BlockLayoutAttr::isMonotone() const { return false; }
bool BlockLayoutAttr::isStatic() const { return true; }

BlockClass BlockLayoutAttr::classifyBlock(int64_t q0, int64_t q1, int64_t k0,
                                          int64_t k1, int64_t,
                                          int64_t) const {
  int64_t r0 = q0 / getBlockQ(), r1 = (q1 - 1) / getBlockQ();
  int64_t c0 = k0 / getBlockK(), c1 = (k1 - 1) / getBlockK();
  bool any = false, all = r1 < getRows() && c1 < getCols();
  for (int64_t r = r0; r <= std::min(r1, getRows() - 1); ++r)
    for (int64_t c = c0; c <= std::min(c1, getCols() - 1); ++c) {
      bool v = getLayout()[r * getCols() + c];
      any |= v;
      all &= v;
    }
  return !any ? BlockClass::Empty : all ? BlockClass::Full : BlockClass::Partial;
}

// Run-time sizes: the number of visible cells a block covers, in O(1), from
// a summed-area table of the layout.
std::pair<Value, Value>
BlockLayoutAttr::buildBlockClass(OpBuilder &b, Location loc, Value q0, Value q1,
                                 Value k0, Value k1, Value,
                                 const PatternEnv &) const {
  PatternIR r{b, loc};
  int64_t rows = getRows(), cols = getCols();
  SmallVector<int64_t> sat((rows + 1) * (cols + 1), 0);
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      sat[(i + 1) * (cols + 1) + j + 1] = getLayout()[i * cols + j] +
                                          sat[i * (cols + 1) + j + 1] +
                                          sat[(i + 1) * (cols + 1) + j] -
                                          sat[i * (cols + 1) + j];
  auto t = RankedTensorType::get({rows + 1, cols + 1}, b.getIndexType());
  Value table = arith::ConstantOp::create(
      b, loc, t, DenseElementsAttr::get(t, ArrayRef<int64_t>(sat)));
  Value r0 = arith::DivSIOp::create(b, loc, q0, r.c(getBlockQ()));
  Value qLast = r.add(q1, -1);
  Value bq = r.c(getBlockQ());
  Value r1 = arith::DivSIOp::create(b, loc, qLast, bq);
  Value c0 = arith::DivSIOp::create(b, loc, k0, r.c(getBlockK()));
  Value kLast = r.add(k1, -1);
  Value bk = r.c(getBlockK());
  Value c1 = arith::DivSIOp::create(b, loc, kLast, bk);
  // Clip to the layout: [r0c, r1c) rows and [c0c, c1c) columns.
  Value r0c = r.min(r0, r.c(rows)), c0c = r.min(c0, r.c(cols));
  Value r1n = r.add(r1, 1);
  Value rowsV = r.c(rows);
  Value r1cl = r.min(r1n, rowsV);
  Value r1c = r.max(r1cl, r0c);
  Value c1n = r.add(c1, 1);
  Value colsV = r.c(cols);
  Value c1cl = r.min(c1n, colsV);
  Value c1c = r.max(c1cl, c0c);
  auto at = [&](Value i, Value j) {
    return tensor::ExtractOp::create(b, loc, table, ValueRange{i, j})
        .getResult();
  };
  Value s11 = at(r1c, c1c);
  Value s01 = at(r0c, c1c);
  Value d1 = r.sub(s11, s01);
  Value s10 = at(r1c, c0c);
  Value d2 = r.sub(d1, s10);
  Value s00 = at(r0c, c0c);
  Value count = r.add(d2, s00);
  Value dr = r.sub(r1, r0);
  Value nr = r.add(dr, 1);
  Value dc = r.sub(c1, c0);
  Value nc = r.add(dc, 1);
  Value area = r.mul(nr, nc);
  return {r.lt(r.c(0), count), r.eq(count, area)};
}

std::pair<Value, Value> BlockLayoutAttr::buildKeyRange(OpBuilder &b,
                                                       Location loc, Value,
                                                       Value,
                                                       const PatternEnv &) const {
  PatternIR r{b, loc};
  return {r.c(0), r.c(kMaxSize)};
}
