//===- VnniContractToDot.cpp - bf16 pair contractions to vdpbf16ps --------===//
//
// The fused lowering's bf16 path (attn-fuse{bf16-dot=true}) writes Q K^T and
// P V as contractions over pairs of the reduction dim; attn-cpu-vectorize
// turns each register block into one vector.contract. This pattern emits
// the AVX512-BF16 micro-kernel for it: R x (J / 16) f32 accumulators, per
// reduction pair p one load of J packed rhs pairs and R broadcast lhs pairs.
//
//===----------------------------------------------------------------------===//
#include "VnniContractToDot.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/X86Vector/X86VectorDialect.h"

using namespace mlir;

namespace {

/// True when `maps` are (i, p, j, v) -> (i, p, v), (p, j, v), (i, j).
bool isPairContraction(vector::ContractionOp op) {
  MLIRContext *ctx = op.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  SmallVector<AffineMap> want = {
      AffineMap::get(4, 0, {d(0), d(1), d(3)}, ctx),
      AffineMap::get(4, 0, {d(1), d(2), d(3)}, ctx),
      AffineMap::get(4, 0, {d(0), d(2)}, ctx)};
  return op.getIndexingMapsArray() == ArrayRef<AffineMap>(want);
}

/// A 3-d operand read whole-vector from a tensor [.., a, b, 2] with an
/// identity map: reads rows of it as 1-d vectors of the collapsed tensor
/// [.., a, 2b] instead of extracting them from the 3-d vector, whose
/// lowering assembles every pair separately.
struct PairRows {
  Value collapsed;          // tensor [..., a, 2b]
  SmallVector<Value> base;  // read indices, last two dims merged
  Value zero;

  static std::optional<PairRows> get(PatternRewriter &rw, Location loc,
                                     Value operand) {
    auto read = operand.getDefiningOp<vector::TransferReadOp>();
    if (!read || read.getMask() || !read.getPermutationMap().isMinorIdentity())
      return std::nullopt;
    auto srcT = dyn_cast<RankedTensorType>(read.getBase().getType());
    if (!srcT || !srcT.hasStaticShape() || srcT.getRank() < 3 ||
        srcT.getShape().back() != 2 ||
        read.getVectorType().getRank() != 3 ||
        llvm::any_of(read.getInBoundsValues(), [](bool b) { return !b; }))
      return std::nullopt;
    PairRows r;
    SmallVector<ReassociationIndices> assoc;
    int64_t rank = srcT.getRank();
    for (int64_t i = 0; i < rank - 2; ++i)
      assoc.push_back({i});
    assoc.push_back({rank - 2, rank - 1});
    OpBuilder::InsertionGuard g(rw);
    rw.setInsertionPointAfterValue(read.getBase());
    r.collapsed =
        tensor::CollapseShapeOp::create(rw, loc, read.getBase(), assoc);
    rw.setInsertionPoint(read);
    r.zero = arith::ConstantIndexOp::create(rw, loc, 0);
    SmallVector<Value> idx(read.getIndices());
    Value pairIdx = arith::AddIOp::create(
        rw, loc,
        arith::MulIOp::create(rw, loc, idx[rank - 2],
                              arith::ConstantIndexOp::create(rw, loc, 2)),
        idx[rank - 1]);
    r.base.assign(idx.begin(), idx.begin() + rank - 2);
    r.base.push_back(pairIdx);
    return r;
  }

  /// vector<n x elt> at (i, j) of the 2-d vector the original read
  /// covered, j counted in elements of the merged dim.
  Value read(PatternRewriter &rw, Location loc, int64_t i, int64_t j,
             int64_t n, Type elt) {
    SmallVector<Value> idx(base);
    size_t rank = idx.size();
    auto add = [&](Value v, int64_t c) -> Value {
      if (c == 0)
        return v;
      return arith::AddIOp::create(rw, loc, v,
                                   arith::ConstantIndexOp::create(rw, loc, c));
    };
    idx[rank - 2] = add(idx[rank - 2], i);
    idx[rank - 1] = add(idx[rank - 1], j);
    return vector::TransferReadOp::create(
        rw, loc, VectorType::get({n}, elt), collapsed, idx,
        /*padding=*/std::nullopt, ArrayRef<bool>{true});
  }
};

/// contract(extf(a), extf(b)) -> contract(a, b) for bf16 pair
/// contractions only (other contractions keep f32 operands, which the
/// outer-product lowering needs).
struct FoldExtIntoPairContract : OpRewritePattern<vector::ContractionOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(vector::ContractionOp op,
                                PatternRewriter &rw) const override {
    if (!isPairContraction(op))
      return failure();
    auto lhs = op.getLhs().getDefiningOp<arith::ExtFOp>();
    auto rhs = op.getRhs().getDefiningOp<arith::ExtFOp>();
    if (!lhs || !rhs ||
        !getElementTypeOrSelf(lhs.getIn().getType()).isBF16() ||
        !getElementTypeOrSelf(rhs.getIn().getType()).isBF16())
      return failure();
    rw.modifyOpInPlace(op, [&] {
      op.getLhsMutable().assign(lhs.getIn());
      op.getRhsMutable().assign(rhs.getIn());
    });
    return success();
  }
};

struct PairContractToDot : OpRewritePattern<vector::ContractionOp> {
  PairContractToDot(MLIRContext *ctx, bool useDot, int64_t lanes)
      : OpRewritePattern(ctx), useDot(useDot), lanes(lanes) {}

  LogicalResult matchAndRewrite(vector::ContractionOp op,
                                PatternRewriter &rw) const override {
    if (op.getKind() != vector::CombiningKind::ADD ||
        isa<vector::MaskOp>(op->getParentOp()))
      return rw.notifyMatchFailure(op, "not an unmasked add contraction");
    if (!isPairContraction(op))
      return rw.notifyMatchFailure(op, "not (i,p,v) x (p,j,v) -> (i,j)");
    VectorType lhsT = op.getLhsType(), rhsT = op.getRhsType();
    auto accT = dyn_cast<VectorType>(op.getAccType());
    if (!lhsT.getElementType().isBF16() || !rhsT.getElementType().isBF16() ||
        !accT || !accT.getElementType().isF32())
      return rw.notifyMatchFailure(op, "needs bf16 x bf16 -> f32");
    if (lhsT.isScalable() || rhsT.isScalable() || lhsT.getDimSize(2) != 2)
      return rw.notifyMatchFailure(op, "pair dim must be 2, fixed size");
    int64_t rows = lhsT.getDimSize(0), pairs = lhsT.getDimSize(1);
    int64_t cols = rhsT.getDimSize(1);

    // Column blocks: 16/8/4 lanes for the instruction (zmm/ymm/xmm), the
    // rest (or everything without it) in f32 FMAs of the vector width.
    SmallVector<std::pair<int64_t, int64_t>> blocks; // (start, width)
    for (int64_t c = 0; c < cols;) {
      int64_t w = 0;
      if (useDot) {
        for (int64_t cand : {int64_t(16), int64_t(8), int64_t(4)})
          if (cols - c >= cand) {
            w = cand;
            break;
          }
      }
      if (!w)
        w = std::min(lanes, cols - c);
      blocks.push_back({c, w});
      c += w;
    }
    auto isDot = [&](int64_t w) {
      return useDot && (w == 16 || w == 8 || w == 4);
    };

    Location loc = op.getLoc();
    Type f32 = rw.getF32Type(), bf16 = rw.getBF16Type(), i32 = rw.getI32Type();
    // acc[r][k]: lanes of column block k of row r.
    SmallVector<SmallVector<Value>> acc(rows);
    for (int64_t r = 0; r < rows; ++r) {
      Value row = vector::ExtractOp::create(rw, loc, op.getAcc(),
                                            ArrayRef<int64_t>{r});
      for (auto [c, w] : blocks)
        acc[r].push_back(vector::ExtractStridedSliceOp::create(
            rw, loc, row, ArrayRef<int64_t>{c}, ArrayRef<int64_t>{w},
            ArrayRef<int64_t>{1}));
    }
    std::optional<PairRows> lhsRows = PairRows::get(rw, loc, op.getLhs());
    std::optional<PairRows> rhsRows = PairRows::get(rw, loc, op.getRhs());
    for (int64_t p = 0; p < pairs; ++p) {
      Value rhsRow;
      if (!rhsRows)
        rhsRow = vector::ExtractOp::create(rw, loc, op.getRhs(),
                                           ArrayRef<int64_t>{p});
      // Per block: the packed pairs (dot) or the even/odd halves in f32.
      SmallVector<Value> packed, even, odd;
      for (auto [c, w] : blocks) {
        auto packedT = VectorType::get({2 * w}, bf16);
        Value pk;
        if (rhsRows) {
          pk = rhsRows->read(rw, loc, p, 2 * c, 2 * w, bf16);
        } else {
          Value block = vector::ExtractStridedSliceOp::create(
              rw, loc, rhsRow, ArrayRef<int64_t>{c, 0},
              ArrayRef<int64_t>{w, 2}, ArrayRef<int64_t>{1, 1});
          pk = vector::ShapeCastOp::create(rw, loc, packedT, block);
        }
        packed.push_back(pk);
        if (isDot(w)) {
          even.push_back({});
          odd.push_back({});
          continue;
        }
        auto halves = vector::DeinterleaveOp::create(rw, loc, pk);
        auto wideT = VectorType::get({w}, f32);
        even.push_back(
            arith::ExtFOp::create(rw, loc, wideT, halves.getRes1()));
        odd.push_back(arith::ExtFOp::create(rw, loc, wideT, halves.getRes2()));
      }
      for (int64_t r = 0; r < rows; ++r) {
        Value pair =
            lhsRows ? lhsRows->read(rw, loc, r, 2 * p, 2, bf16)
                    : vector::ExtractOp::create(rw, loc, op.getLhs(),
                                                ArrayRef<int64_t>{r, p})
                          .getResult();
        // For the instruction: the bf16 pair as one 32-bit lane, broadcast.
        Value pairI32;
        // For FMAs: the two values in f32.
        Value a0, a1;
        for (auto [k, cw] : llvm::enumerate(blocks)) {
          int64_t w = cw.second;
          if (isDot(w)) {
            if (!pairI32) {
              Value asI32 = vector::BitCastOp::create(
                  rw, loc, VectorType::get({1}, i32), pair);
              pairI32 = vector::ExtractOp::create(rw, loc, asI32,
                                                  ArrayRef<int64_t>{0});
            }
            Value bcast = vector::BroadcastOp::create(
                rw, loc, VectorType::get({w}, i32), pairI32);
            Value a = vector::BitCastOp::create(
                rw, loc, VectorType::get({2 * w}, bf16), bcast);
            acc[r][k] = x86vector::DotBF16Op::create(
                rw, loc, VectorType::get({w}, f32), acc[r][k], a, packed[k]);
            continue;
          }
          if (!a0) {
            Value wide = arith::ExtFOp::create(
                rw, loc, VectorType::get({2}, f32), pair);
            a0 = vector::ExtractOp::create(rw, loc, wide, ArrayRef<int64_t>{0});
            a1 = vector::ExtractOp::create(rw, loc, wide, ArrayRef<int64_t>{1});
          }
          auto wideT = VectorType::get({w}, f32);
          Value b0 = vector::BroadcastOp::create(rw, loc, wideT, a0);
          Value b1 = vector::BroadcastOp::create(rw, loc, wideT, a1);
          acc[r][k] = vector::FMAOp::create(rw, loc, b0, even[k], acc[r][k]);
          acc[r][k] = vector::FMAOp::create(rw, loc, b1, odd[k], acc[r][k]);
        }
      }
    }
    Value result = arith::ConstantOp::create(rw, loc, accT,
                                             rw.getZeroAttr(accT));
    auto rowT = VectorType::get({cols}, f32);
    for (int64_t r = 0; r < rows; ++r) {
      Value row = arith::ConstantOp::create(rw, loc, rowT,
                                            rw.getZeroAttr(rowT));
      for (auto [k, cw] : llvm::enumerate(blocks))
        row = vector::InsertStridedSliceOp::create(
            rw, loc, acc[r][k], row, ArrayRef<int64_t>{cw.first},
            ArrayRef<int64_t>{1});
      result = vector::InsertOp::create(rw, loc, row, result,
                                        ArrayRef<int64_t>{r});
    }
    rw.replaceOp(op, result);
    return success();
  }

  bool useDot;
  int64_t lanes;
};

} // namespace

void mlir::attn::populateVnniContractToDotPatterns(RewritePatternSet &patterns,
                                                   bool useDot, int64_t lanes) {
  patterns.add<FoldExtIntoPairContract>(patterns.getContext());
  patterns.add<PairContractToDot>(patterns.getContext(), useDot,
                                  std::max<int64_t>(1, lanes));
}
