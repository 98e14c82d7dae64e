//===- TilingInterfaceImpl.cpp - attn.attention as a TilingInterface op ---===//
//
// The iteration space of attn.attention is (b, h, q, kv): batch, query head
// and query row are parallel, keys a reduction. A tile of (b, h, q) is a
// smaller attn.attention on slices of its operands: Q, mask, bias and ALiBi
// slopes sliced to the tile, K and V to the batch and the K/V heads the
// tile's query heads read, and `query_rows` saying which rows of the whole
// query the tile computes (the patterns and ALiBi use absolute rows). So
// upstream drivers (scf::tileUsingSCF, tile-and-fuse, fuse_into_containing_op)
// compose with it, and each tile is decomposed later like any op, through
// AttentionDecompositionOpInterface with the target's description. The key
// dim is not tiled: the online-softmax step loop is its tiling.
//
//===----------------------------------------------------------------------===//
#include "passes/Tiling/TilingInterfaceImpl.h"
#include "attn/IR/AttnOps.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"

using namespace mlir;
using namespace mlir::attn;

namespace {

constexpr unsigned kB = 0, kH = 1, kQ = 2, kKV = 3;

/// The constant upper bound of a tile size (the driver clamps last tiles).
FailureOr<int64_t> sizeBound(OpFoldResult size) {
  return ValueBoundsConstraintSet::computeConstantBound(
      presburger::BoundType::UB, size, /*stopCondition=*/nullptr,
      /*closedUB=*/true);
}

/// The pieces of one tile of the iteration space, as operand slices.
class TileSlicer {
public:
  TileSlicer(AttentionOp op, OpBuilder &b, ArrayRef<OpFoldResult> offsets,
             ArrayRef<OpFoldResult> sizes)
      : op(op), b(b), loc(op.getLoc()), offsets(offsets), sizes(sizes) {}

  FailureOr<TilingResult> build();

private:
  AttentionOp op;
  OpBuilder &b;
  Location loc;
  ArrayRef<OpFoldResult> offsets, sizes;
  SmallVector<Operation *> slices;
  OpFoldResult kvHead0, kvHeads;

  OpFoldResult apply(AffineExpr e, ArrayRef<OpFoldResult> operands) {
    return affine::makeComposedFoldedAffineApply(b, loc, e, operands);
  }
  Value slice(Value src, ArrayRef<OpFoldResult> offs,
              ArrayRef<OpFoldResult> szs);
  /// Q, K or V: (b, head, seq, dim) of the op's layout.
  Value sliceQKV(Value src, OpFoldResult h0, OpFoldResult nh,
                 OpFoldResult s0, OpFoldResult ns);
  /// Mask or bias: right-aligned [.., B, Hq, Sq, Skv], broadcast dims kept.
  Value sliceScoreOperand(Value src);
  /// The K/V heads of the tile's query heads (GQA), or failure when the
  /// tile splits a group in a way no smaller op expresses.
  LogicalResult kvHeadRange();
  /// query_rows of the tile: the absolute rows of its query rows.
  std::pair<Value, Value> queryRows();
  /// score_mod / mask_mod cloned into the tile, batch and head shifted.
  void cloneModRegions(AttentionOp tiled, ArrayRef<Value> shift);
};

Value TileSlicer::slice(Value src, ArrayRef<OpFoldResult> offs,
                        ArrayRef<OpFoldResult> szs) {
  SmallVector<OpFoldResult> strides(offs.size(), b.getIndexAttr(1));
  auto s = tensor::ExtractSliceOp::create(b, loc, src, offs, szs, strides);
  slices.push_back(s);
  return s.getResult();
}

Value TileSlicer::sliceQKV(Value src, OpFoldResult h0, OpFoldResult nh,
                           OpFoldResult s0, OpFoldResult ns) {
  OpFoldResult zero = b.getIndexAttr(0);
  OpFoldResult dim = tensor::getMixedSize(b, loc, src, 3);
  if (op.getLayoutOrDefault() == Layout::bshd)
    return slice(src, {offsets[kB], s0, h0, zero}, {sizes[kB], ns, nh, dim});
  return slice(src, {offsets[kB], h0, s0, zero}, {sizes[kB], nh, ns, dim});
}

Value TileSlicer::sliceScoreOperand(Value src) {
  auto t = cast<RankedTensorType>(src.getType());
  unsigned lead = 4 - t.getRank();
  SmallVector<OpFoldResult> offs, szs;
  for (int64_t k = 0, e = t.getRank(); k < e; ++k) {
    unsigned logical = lead + k;
    if (t.getDimSize(k) == 1 || logical == kKV) {
      offs.push_back(b.getIndexAttr(0));
      szs.push_back(tensor::getMixedSize(b, loc, src, k));
      continue;
    }
    offs.push_back(offsets[logical]);
    szs.push_back(sizes[logical]);
  }
  return slice(src, offs, szs);
}

LogicalResult TileSlicer::kvHeadRange() {
  int64_t hq = op.getHeadsQ(), hkv = op.getHeadsKV();
  if (ShapedType::isDynamic(hq) || ShapedType::isDynamic(hkv))
    return op.emitOpError("cannot be tiled over heads: head counts must be "
                          "static");
  int64_t g = hq / hkv;
  OpFoldResult h0 = offsets[kH], nh = sizes[kH];
  if (g == 1) {
    kvHead0 = h0, kvHeads = nh;
    return success();
  }
  FailureOr<int64_t> th = sizeBound(nh);
  std::optional<int64_t> h0C = getConstantIntValue(h0);
  AffineExpr d0 = b.getAffineDimExpr(0);
  // Tiles of whole groups read th / G K/V heads; tiles inside one group
  // read one. Offsets are multiples of the tile size (the drivers' tiles);
  // a constant one that is not is rejected.
  if (succeeded(th) && *th % g == 0 && (!h0C || *h0C % g == 0)) {
    kvHead0 = apply(d0.floorDiv(g), {h0});
    kvHeads = apply(d0.ceilDiv(g), {nh});
    return success();
  }
  if (succeeded(th) && g % *th == 0 && (!h0C || *h0C % *th == 0)) {
    kvHead0 = apply(d0.floorDiv(g), {h0});
    kvHeads = b.getIndexAttr(1);
    return success();
  }
  InFlightDiagnostic diag = op.emitOpError("cannot be tiled: a tile of ");
  if (succeeded(th))
    diag << *th;
  else
    diag << "an unbounded number of";
  diag << " query heads";
  if (h0C)
    diag << " from head " << *h0C;
  diag << " splits the GQA groups of " << g
       << " heads in a way no smaller attn.attention expresses (tile whole "
          "groups, or a divisor of the group size at a multiple of it)";
  return diag;
}

void TileSlicer::cloneModRegions(AttentionOp tiled, ArrayRef<Value> shift) {
  // The regions see absolute batch and head indices (the rows are absolute
  // through query_rows): the tile's own are shifted by the tile's offsets
  // (`shift`, created before the tile: values from above, which regions may
  // read).
  Region *from[] = {&op.getScoreMod(), &op.getMaskMod()};
  Region *to[] = {&tiled.getScoreMod(), &tiled.getMaskMod()};
  for (unsigned r = 0; r < 2; ++r) {
    if (from[r]->empty())
      continue;
    IRMapping map;
    from[r]->cloneInto(to[r], map);
    Block &blk = to[r]->front();
    // score_mod: (s, b, h, i, j); mask_mod: (b, h, i, j).
    unsigned first = r == 0 ? 1 : 0;
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(&blk);
    for (unsigned d = 0; d < 2; ++d) {
      BlockArgument arg = blk.getArgument(first + d);
      if (!shift[d] || arg.use_empty())
        continue;
      Value abs = arith::AddIOp::create(b, loc, arg, shift[d]);
      arg.replaceAllUsesExcept(abs, abs.getDefiningOp());
    }
  }
}

std::pair<Value, Value> TileSlicer::queryRows() {
  AffineExpr d0 = b.getAffineDimExpr(0), d1 = b.getAffineDimExpr(1);
  OpFoldResult start = offsets[kQ];
  OpFoldResult total;
  if (Value s = op.getQueryRowStart()) {
    start = apply(d0 + d1, {s, offsets[kQ]});
    total = op.getQueryRowTotal();
  } else {
    total = tensor::getMixedSize(b, loc, op.getQuery(), op.getSeqAxis());
  }
  Value startV = getValueOrCreateConstantIndexOp(b, loc, start);
  Value totalV = getValueOrCreateConstantIndexOp(b, loc, total);
  return {startV, totalV};
}

FailureOr<TilingResult> TileSlicer::build() {
  if (op.getBlockRowPtr())
    return op.emitOpError("cannot be tiled: its block table describes "
                          "blocks of the whole query (--attn-fuse tiles it "
                          "by its blocks)");
  // The key dim whole: offset 0 and the full size.
  OpFoldResult skv =
      tensor::getMixedSize(b, loc, op.getKey(), op.getSeqAxis());
  std::optional<int64_t> kvOff = getConstantIntValue(offsets[kKV]);
  bool fullKeys = isEqualConstantIntOrValue(sizes[kKV], skv);
  if (!kvOff || *kvOff != 0 || !fullKeys)
    return op.emitOpError("cannot be tiled along the keys (tile size 0 for "
                          "the kv dim): the online-softmax steps are that "
                          "tiling");
  if (failed(kvHeadRange()))
    return failure();
  Value q = sliceQKV(op.getQuery(), offsets[kH], sizes[kH], offsets[kQ],
                     sizes[kQ]);
  OpFoldResult zero = b.getIndexAttr(0);
  Value k = sliceQKV(op.getKey(), kvHead0, kvHeads, zero, skv);
  OpFoldResult skvV =
      tensor::getMixedSize(b, loc, op.getValue(), op.getSeqAxis());
  Value v = sliceQKV(op.getValue(), kvHead0, kvHeads, zero, skvV);
  Value mask = op.getMask() ? sliceScoreOperand(op.getMask()) : Value();
  Value bias = op.getBias() ? sliceScoreOperand(op.getBias()) : Value();
  Value slopes;
  if (Value s = op.getAlibiSlopes())
    slopes = slice(s, {offsets[kH]}, {sizes[kH]});
  auto [rowStart, rowTotal] = queryRows();

  // Result types: the output's shape from the Q tile with Dv last.
  auto qT = cast<RankedTensorType>(q.getType());
  auto oT = cast<RankedTensorType>(op.getOutput().getType());
  SmallVector<int64_t> oShape(qT.getShape());
  oShape[3] = oT.getDimSize(3);
  SmallVector<Type> resultTypes = {
      RankedTensorType::get(oShape, oT.getElementType())};
  if (Value lse = op.getLse()) {
    unsigned s = op.getSeqAxis(), h = op.getHeadAxis();
    resultTypes.push_back(RankedTensorType::get(
        {qT.getDimSize(0), qT.getDimSize(h), qT.getDimSize(s)},
        cast<RankedTensorType>(lse.getType()).getElementType()));
  }
  // Batch and head offsets for the regions (none where they are 0).
  SmallVector<Value, 2> shift(2);
  if (op.hasModRegions())
    for (unsigned d = 0; d < 2; ++d) {
      OpFoldResult off = offsets[d == 0 ? kB : kH];
      if (!isZeroInteger(off))
        shift[d] = getValueOrCreateConstantIndexOp(b, loc, off);
    }
  auto tiled = AttentionOp::create(
      b, loc, resultTypes, q, k, v, mask, bias, slopes, op.getDocOffsets(),
      /*block_row_ptr=*/Value(), /*block_cols=*/Value(),
      /*block_full=*/Value(), rowStart, rowTotal, op.getScaleAttr(),
      op.getSparsityAttr(), op.getSoftcapAttr(), op.getLayoutAttr(),
      op.getTilingAttr(), /*block_size=*/TilingAttr());
  // Discardable (dialect-prefixed) attributes travel with the tile.
  tiled->setDiscardableAttrs(op->getDiscardableAttrDictionary());
  cloneModRegions(tiled, shift);
  return TilingResult{{tiled.getOperation()},
                      SmallVector<Value>(tiled->getResults()), slices};
}

struct AttentionTiling
    : public TilingInterface::ExternalModel<AttentionTiling, AttentionOp> {
  SmallVector<utils::IteratorType> getLoopIteratorTypes(Operation *) const {
    return {utils::IteratorType::parallel, utils::IteratorType::parallel,
            utils::IteratorType::parallel, utils::IteratorType::reduction};
  }

  SmallVector<Range> getIterationDomain(Operation *op, OpBuilder &b) const {
    auto a = cast<AttentionOp>(op);
    Location loc = op->getLoc();
    OpFoldResult zero = b.getIndexAttr(0), one = b.getIndexAttr(1);
    Value q = a.getQuery(), k = a.getKey();
    unsigned seq = a.getSeqAxis(), head = a.getHeadAxis();
    SmallVector<OpFoldResult> ub = {tensor::getMixedSize(b, loc, q, 0),
                                    tensor::getMixedSize(b, loc, q, head),
                                    tensor::getMixedSize(b, loc, q, seq),
                                    tensor::getMixedSize(b, loc, k, seq)};
    SmallVector<Range> r;
    for (OpFoldResult u : ub)
      r.push_back(Range{zero, u, one});
    return r;
  }

  LogicalResult getResultTilePosition(Operation *op, OpBuilder &b,
                                      unsigned resultNumber,
                                      ArrayRef<OpFoldResult> offsets,
                                      ArrayRef<OpFoldResult> sizes,
                                      SmallVector<OpFoldResult> &resOffsets,
                                      SmallVector<OpFoldResult> &resSizes) const {
    auto a = cast<AttentionOp>(op);
    if (resultNumber == 1) { // lse [B, Hq, Sq]
      resOffsets = {offsets[kB], offsets[kH], offsets[kQ]};
      resSizes = {sizes[kB], sizes[kH], sizes[kQ]};
      return success();
    }
    OpFoldResult zero = b.getIndexAttr(0);
    OpFoldResult dv = tensor::getMixedSize(b, op->getLoc(), a.getOutput(), 3);
    if (a.getLayoutOrDefault() == Layout::bshd) {
      resOffsets = {offsets[kB], offsets[kQ], offsets[kH], zero};
      resSizes = {sizes[kB], sizes[kQ], sizes[kH], dv};
    } else {
      resOffsets = {offsets[kB], offsets[kH], offsets[kQ], zero};
      resSizes = {sizes[kB], sizes[kH], sizes[kQ], dv};
    }
    return success();
  }

  FailureOr<TilingResult>
  getTiledImplementation(Operation *op, OpBuilder &b,
                         ArrayRef<OpFoldResult> offsets,
                         ArrayRef<OpFoldResult> sizes) const {
    return TileSlicer(cast<AttentionOp>(op), b, offsets, sizes).build();
  }

  /// The (b, h, q) tile that computes a tile of O (whole rows of Dv) or of
  /// lse; the keys whole.
  LogicalResult getIterationDomainTileFromResultTile(
      Operation *op, OpBuilder &b, unsigned resultNumber,
      ArrayRef<OpFoldResult> offsets, ArrayRef<OpFoldResult> sizes,
      SmallVectorImpl<OpFoldResult> &iterOffsets,
      SmallVectorImpl<OpFoldResult> &iterSizes) const {
    auto a = cast<AttentionOp>(op);
    Location loc = op->getLoc();
    OpFoldResult skv =
        tensor::getMixedSize(b, loc, a.getKey(), a.getSeqAxis());
    OpFoldResult zero = b.getIndexAttr(0);
    if (resultNumber == 1) {
      iterOffsets.assign({offsets[0], offsets[1], offsets[2], zero});
      iterSizes.assign({sizes[0], sizes[1], sizes[2], skv});
      return success();
    }
    OpFoldResult dv = tensor::getMixedSize(b, loc, a.getOutput(), 3);
    if (!isConstantIntValue(offsets[3], 0) ||
        !isEqualConstantIntOrValue(sizes[3], dv))
      return failure(); // a part of each row: every tile computes whole rows
    unsigned h = a.getHeadAxis(), s = a.getSeqAxis();
    iterOffsets.assign({offsets[0], offsets[h], offsets[s], zero});
    iterSizes.assign({sizes[0], sizes[h], sizes[s], skv});
    return success();
  }

  FailureOr<TilingResult>
  generateResultTileValue(Operation *op, OpBuilder &b, unsigned resultNumber,
                          ArrayRef<OpFoldResult> offsets,
                          ArrayRef<OpFoldResult> sizes) const {
    SmallVector<OpFoldResult> iterOffsets, iterSizes;
    if (failed(getIterationDomainTileFromResultTile(
            op, b, resultNumber, offsets, sizes, iterOffsets, iterSizes)))
      return failure();
    return getTiledImplementation(op, b, iterOffsets, iterSizes);
  }

  bool isOpFusableWithConsumerSlice(Operation *op, unsigned resultNumber,
                                    ArrayRef<OpFoldResult> offsets,
                                    ArrayRef<OpFoldResult> sizes) const {
    if (resultNumber == 1)
      return true;
    // Whole rows of Dv only.
    auto oT = cast<RankedTensorType>(cast<AttentionOp>(op).getOutput().getType());
    return isConstantIntValue(offsets[3], 0) &&
           getConstantIntValue(sizes[3]) ==
               std::optional<int64_t>(oT.getDimSize(3));
  }
};

} // namespace

void mlir::attn::registerTilingInterfaceExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, AttnDialect *) {
    AttentionOp::attachInterface<AttentionTiling>(*ctx);
  });
}
