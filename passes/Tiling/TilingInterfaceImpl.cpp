//===- TilingInterfaceImpl.cpp - attn.attention as a TilingInterface op ---===//
//
// The iteration space of attn.attention is (b, h, q, kv): batch, query head
// and query row are parallel, keys a reduction. Upstream drivers
// (scf::tileUsingSCF, transform.structured.tile_using_for/forall) tile the
// parallel dims; each tile of one (batch, head) and a block of query rows
// becomes the fused structure's query-tile body: key-tile loops of
// attn.online_attention steps and the final normalization. The key dim is
// not tiled by the driver: the step loop is the key tiling.
//
//===----------------------------------------------------------------------===//
#include "passes/Tiling/FusedStructure.h"
#include "attn/IR/AttnOps.h"
#include "passes/Tiling/TilingInterfaceImpl.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/Interfaces/ValueBoundsOpInterface.h"

using namespace mlir;
using namespace mlir::attn;

namespace {

constexpr unsigned kB = 0, kH = 1, kQ = 2, kKV = 3;

struct AttentionTiling
    : public TilingInterface::ExternalModel<AttentionTiling, AttentionOp> {
  SmallVector<utils::IteratorType> getLoopIteratorTypes(Operation *) const {
    return {utils::IteratorType::parallel, utils::IteratorType::parallel,
            utils::IteratorType::parallel, utils::IteratorType::reduction};
  }

  SmallVector<Range> getIterationDomain(Operation *op, OpBuilder &b) const {
    auto a = cast<AttentionOp>(op);
    bool bshd = a.getLayoutOrDefault() == Layout::bshd;
    Location loc = op->getLoc();
    OpFoldResult zero = b.getIndexAttr(0), one = b.getIndexAttr(1);
    Value q = a.getQuery(), k = a.getKey();
    unsigned seq = bshd ? 1 : 2, head = bshd ? 2 : 1;
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
    OpFoldResult dv = b.getIndexAttr(a.getHeadDimV());
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
    auto a = cast<AttentionOp>(op);
    Location loc = op->getLoc();
    std::string reason = unfusableReason(a);
    if (!reason.empty())
      return op->emitOpError("cannot be tiled: ") << reason, failure();
    // One (batch, head) per tile; the key dim whole.
    if (getConstantIntValue(sizes[kB]) != 1 ||
        getConstantIntValue(sizes[kH]) != 1)
      return op->emitOpError("tiles must hold one batch and one head (tile "
                             "sizes [1, 1, Tq, 0])"),
             failure();
    int64_t skv = a.getSeqKV();
    if (!getConstantIntValue(offsets[kKV]).has_value() ||
        *getConstantIntValue(offsets[kKV]) != 0 ||
        ShapedType::isDynamic(skv) ||
        getConstantIntValue(sizes[kKV]) != std::optional<int64_t>(skv))
      return op->emitOpError("the key dim is not tiled by the driver (tile "
                             "size 0): its tiles are the step loop"),
             failure();
    if (a.getBlockRowPtr())
      return op->emitOpError("ops with a block table are tiled by "
                             "--attn-fuse, whose tiles are its blocks"),
             failure();
    // The nominal query tile: the size, or its constant upper bound when
    // the driver clamps the last tile.
    FailureOr<int64_t> rows = ValueBoundsConstraintSet::computeConstantBound(
        presburger::BoundType::UB, sizes[kQ], /*stopCondition=*/nullptr,
        /*closedUB=*/true);
    if (failed(rows) || *rows <= 0)
      return op->emitOpError("the query tile size must have a constant "
                             "upper bound"),
             failure();
    FusedTargetOptions target = cpuFusedTarget();
    FusedBuilder fb(a, target);
    Value bIdx = getValueOrCreateConstantIndexOp(b, loc, offsets[kB]);
    Value h = getValueOrCreateConstantIndexOp(b, loc, offsets[kH]);
    Value q0 = getValueOrCreateConstantIndexOp(b, loc, offsets[kQ]);
    Value qRows = getValueOrCreateConstantIndexOp(b, loc, sizes[kQ]);
    FailureOr<TileResult> tile = fb.buildQueryTile(b, bIdx, h, q0, qRows, *rows);
    if (failed(tile))
      return failure();
    return buildResults(a, b, *tile, sizes[kQ], *rows);
  }

private:
  /// The tile's rows of O (in the output type) and lse, shaped as the
  /// result tiles [1, 1, qRows, Dv] (bshd: [1, qRows, 1, Dv]), [1, 1, qRows].
  static TilingResult buildResults(AttentionOp a, OpBuilder &b,
                                   const TileResult &tile, OpFoldResult qr,
                                   int64_t rows) {
    Location loc = a.getLoc();
    int64_t dv = a.getHeadDimV();
    auto outT = cast<RankedTensorType>(a.getOutput().getType());
    Type elt = outT.getElementType();
    Value o = tile.out;
    if (!elt.isF32()) {
      Value init = tensor::EmptyOp::create(b, loc, ArrayRef<int64_t>{rows, dv},
                                           elt);
      o = linalg::CopyOp::create(b, loc, o, init).getResult(0);
    }
    OpFoldResult zero = b.getIndexAttr(0), one = b.getIndexAttr(1);
    bool bshd = a.getLayoutOrDefault() == Layout::bshd;
    auto dyn = ShapedType::kDynamic;
    // Static exactly where the driver's size is, so that its insert_slice
    // of this tile type-checks.
    int64_t qs0 = isa<Attribute>(qr) ? *getConstantIntValue(qr) : dyn;
    auto oRowsT = RankedTensorType::get({qs0, dv}, elt);
    Value oRows = tensor::ExtractSliceOp::create(
        b, loc, oRowsT, o, ArrayRef<OpFoldResult>{zero, zero},
        ArrayRef<OpFoldResult>{qr, b.getIndexAttr(dv)},
        ArrayRef<OpFoldResult>{one, one});
    int64_t qs = qs0;
    SmallVector<int64_t> oShape =
        bshd ? SmallVector<int64_t>{1, qs, 1, dv}
             : SmallVector<int64_t>{1, 1, qs, dv};
    SmallVector<OpFoldResult> oSizes =
        bshd ? SmallVector<OpFoldResult>{one, qr, one, b.getIndexAttr(dv)}
             : SmallVector<OpFoldResult>{one, one, qr, b.getIndexAttr(dv)};
    SmallVector<ReassociationIndices> oAssoc =
        bshd ? SmallVector<ReassociationIndices>{{0, 1, 2}, {3}}
             : SmallVector<ReassociationIndices>{{0, 1, 2}, {3}};
    Value out = tensor::ExpandShapeOp::create(
        b, loc, RankedTensorType::get(oShape, elt), oRows, oAssoc, oSizes);
    TilingResult r;
    r.tiledValues.push_back(out);
    if (a.getLse()) {
      auto lRowsT = RankedTensorType::get({qs0}, b.getF32Type());
      Value lRows = tensor::ExtractSliceOp::create(
          b, loc, lRowsT, tile.lse, ArrayRef<OpFoldResult>{zero},
          ArrayRef<OpFoldResult>{qr}, ArrayRef<OpFoldResult>{one});
      auto lseT = cast<RankedTensorType>(a.getLse().getType());
      Value lse = tensor::ExpandShapeOp::create(
          b, loc, RankedTensorType::get({1, 1, qs0}, lseT.getElementType()),
          lRows, ArrayRef<ReassociationIndices>{{0, 1, 2}},
          ArrayRef<OpFoldResult>{one, one, qr});
      r.tiledValues.push_back(lse);
    }
    return r;
  }
};

} // namespace

void mlir::attn::registerTilingInterfaceExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, AttnDialect *) {
    AttentionOp::attachInterface<AttentionTiling>(*ctx);
  });
}
