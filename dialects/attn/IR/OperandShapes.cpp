//===- OperandShapes.cpp - shape checks shared by the attn op verifiers ----===//
#include "OperandShapes.h"

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::opshapes;

LayoutDims opshapes::layoutDims(Layout l) {
  return l == Layout::bshd ? LayoutDims{2, 1} : LayoutDims{1, 2};
}

std::string opshapes::shapeStr(ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (auto [idx, d] : llvm::enumerate(shape)) {
    if (idx)
      s += ", ";
    s += ShapedType::isDynamic(d) ? std::string("?") : std::to_string(d);
  }
  return s + "]";
}

bool opshapes::compatible(int64_t a, int64_t b) {
  return ShapedType::isDynamic(a) || ShapedType::isDynamic(b) || a == b;
}

SmallVector<int64_t> opshapes::storageShape(Layout layout, int64_t b, int64_t h,
                                          int64_t s, int64_t x) {
  if (layout == Layout::bshd)
    return {b, s, h, x};
  return {b, h, s, x};
}

std::string opshapes::layoutName(Layout layout, StringRef h, StringRef s,
                               StringRef x) {
  if (layout == Layout::bshd)
    return ("[B, " + s + ", " + h + ", " + x + "]").str();
  return ("[B, " + h + ", " + s + ", " + x + "]").str();
}

LogicalResult opshapes::expectShape(Operation *op, StringRef name,
                                  RankedTensorType t,
                                  ArrayRef<int64_t> expected,
                                  StringRef expectedName) {
  bool ok = t.getRank() == static_cast<int64_t>(expected.size());
  for (unsigned i = 0; ok && i < expected.size(); ++i)
    ok = compatible(t.getDimSize(i), expected[i]);
  if (ok)
    return success();
  return op->emitOpError() << name << " has shape " << shapeStr(t.getShape())
                           << " but expected " << expectedName << " = "
                           << shapeStr(expected);
}

FailureOr<QKVSizes> opshapes::verifyQKV(Operation *op, Layout layout,
                                      Value query, Value key, Value value) {
  LayoutDims ld = layoutDims(layout);
  auto qT = cast<RankedTensorType>(query.getType());
  auto kT = cast<RankedTensorType>(key.getType());
  auto vT = cast<RankedTensorType>(value.getType());

  struct Named {
    StringRef name;
    RankedTensorType type;
    std::string expected;
  };
  Named qkv[] = {{"query", qT, layoutName(layout, "Hq", "Sq", "D")},
                 {"key", kT, layoutName(layout, "Hkv", "Skv", "D")},
                 {"value", vT, layoutName(layout, "Hkv", "Skv", "Dv")}};
  for (const Named &n : qkv) {
    if (n.type.getRank() != 4)
      return op->emitOpError() << n.name << " must have rank 4 ("
                               << n.expected << "), got rank "
                               << n.type.getRank();
    for (int64_t d : n.type.getShape())
      if (d == 0)
        return op->emitOpError() << n.name << " of shape "
                                 << shapeStr(n.type.getShape())
                                 << " has an empty dimension";
  }

  Type elt = qT.getElementType();
  if (kT.getElementType() != elt)
    return op->emitOpError() << "key element type " << kT.getElementType()
                             << " does not match query element type " << elt;
  if (vT.getElementType() != elt)
    return op->emitOpError() << "value element type " << vT.getElementType()
                             << " does not match query element type " << elt;

  QKVSizes s;
  s.b = qT.getDimSize(0);
  s.hq = qT.getDimSize(ld.head);
  s.sq = qT.getDimSize(ld.seq);
  s.d = qT.getDimSize(3);
  s.hkv = kT.getDimSize(ld.head);
  s.skv = kT.getDimSize(ld.seq);
  s.dv = vT.getDimSize(3);
  if (failed(expectShape(op, "key", kT,
                         storageShape(layout, s.b, s.hkv, s.skv, s.d),
                         layoutName(layout, "Hkv", "Skv", "D"))) ||
      failed(expectShape(op, "value", vT,
                         storageShape(layout, s.b, s.hkv, s.skv, s.dv),
                         layoutName(layout, "Hkv", "Skv", "Dv"))))
    return failure();
  if (!ShapedType::isDynamic(s.hq) && !ShapedType::isDynamic(s.hkv) &&
      s.hq % s.hkv != 0)
    return op->emitOpError()
           << "query heads (Hq = " << s.hq
           << ") must be a multiple of key/value heads (Hkv = " << s.hkv
           << ")";
  return s;
}
