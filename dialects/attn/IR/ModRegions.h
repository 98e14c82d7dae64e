//===- ModRegions.h - attn.attention's score_mod / mask_mod -----*- C++ -*-===//
//
// What every lowering needs of the two regions: their bodies cloned at a
// builder with the block arguments mapped to the lowering's values.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_IR_MODREGIONS_H
#define ATTN_IR_MODREGIONS_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Region.h"

namespace mlir {
namespace attn {

/// Clones the body of `region` (one block ending in attn.yield) at `b`'s
/// insertion point with its arguments mapped to `args`, and returns the
/// yielded value. Values defined above the region are used as they are.
Value cloneModRegion(OpBuilder &b, Region &region, ValueRange args);

/// Whether an op may appear in a score_mod / mask_mod body: arith and math
/// ops and tensor.extract, none with regions.
bool isAllowedInModRegion(Operation *op);

} // namespace attn
} // namespace mlir

#endif // ATTN_IR_MODREGIONS_H
