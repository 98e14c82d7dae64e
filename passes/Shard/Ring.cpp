//===- Ring.cpp - ring attention over a grid axis -------------------------===//
//
// Query rows and keys split the same way over N ranks: rank r keeps its
// query block and passes its K/V block around the ring, so that after N
// steps every query block has met every key block while each rank holds
// one K/V block at a time (plus the one arriving). Each step's partial
// result merges into the running one by the LSE rule, within the rank.
//
// shard.shift moves the data; the next block's shift is issued before this
// block's compute. MLIR 22 lowers no non-blocking MPI, so on MPI the
// transfer does not overlap the compute yet (docs/distributed.md).
//
//===----------------------------------------------------------------------===//
#include "passes/Shard/RankMerge.h"

#include "mlir/Dialect/Shard/Transforms/Transforms.h"

using namespace mlir;
using namespace mlir::attn;

std::pair<Value, Value> mlir::attn::buildRing(
    ImplicitLocOpBuilder &b, shard::GridOp grid, shard::GridAxis axis,
    int64_t sqLoc, int64_t skvLoc, bool bshd, Value k, Value v,
    function_ref<Value(Value, Value)> mask,
    function_ref<std::pair<Value, Value>(Value, Value, Value)> step) {
  int64_t n = grid.getShape()[axis];
  Value r = shard::createProcessLinearIndex(grid.getSymName(), {axis}, b);
  Value sqC = arith::ConstantIndexOp::create(b, sqLoc);
  Value skvC = arith::ConstantIndexOp::create(b, skvLoc);
  Value nC = arith::ConstantIndexOp::create(b, n);
  Value q0 = arith::MulIOp::create(b, r, sqC);
  auto gridRef = FlatSymbolRefAttr::get(grid.getSymNameAttr());
  auto axes = b.getDenseI16ArrayAttr({axis});
  auto shift = [&](Value x) -> Value {
    // Offset 1: rank i receives the block of rank i + 1.
    return shard::ShiftOp::create(b, x.getType(), gridRef, axes, x,
                                  b.getIndexAttr(axis), b.getI64IntegerAttr(1),
                                  b.getUnitAttr());
  };
  Value o, lse;
  Type elt;
  for (int64_t s = 0; s < n; ++s) {
    // After s shifts this rank holds the keys of rank (r + s) mod n.
    Value j = r;
    if (s > 0) {
      Value sC = arith::ConstantIndexOp::create(b, s);
      Value sum = arith::AddIOp::create(b, r, sC);
      j = arith::RemUIOp::create(b, sum, nC);
    }
    Value k0 = arith::MulIOp::create(b, j, skvC);
    Value kNext, vNext;
    if (s + 1 < n) {
      kNext = shift(k);
      vNext = shift(v);
    }
    Value m = mask(q0, k0);
    auto [oS, lS] = step(k, v, m);
    if (s == 0) {
      o = oS;
      lse = lS;
      elt = cast<RankedTensorType>(oS.getType()).getElementType();
    } else {
      std::tie(o, lse) = buildPairMerge(b, o, lse, oS, lS, bshd);
    }
    k = kNext;
    v = vNext;
  }
  return {buildConvert(b, o, elt), lse};
}
