//===- BlockOps.cpp - attn.block_score and attn.block_select verifiers ----===//
#include "attn/IR/AttnOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;

/// Largest number of blocks (nQB * nKB) of one block_score.
static constexpr int64_t kMaxBlockGrid = int64_t(1) << 24;

// (The I64Attr getters return uint64_t: read the signed values.)
int64_t BlockScoreOp::getEffectiveStride() {
  return getMethod() == ScoreMethod::mean_pool ? 1 : getStrideAttr().getInt();
}

LogicalResult BlockScoreOp::verify() {
  auto qT = cast<RankedTensorType>(getQuery().getType());
  auto kT = cast<RankedTensorType>(getKey().getType());
  auto sT = cast<RankedTensorType>(getScores().getType());
  if (qT.getRank() != 4 || kT.getRank() != 4 || sT.getRank() != 4)
    return emitOpError() << "query [B, Hq, Sq, D], key [B, Hkv, Skv, D] and "
                            "scores [B, Hq, nQB, nKB] must have rank 4";
  if (!qT.hasStaticShape() || !kT.hasStaticShape())
    return emitOpError() << "query and key need static shapes";
  if (qT.getElementType() != kT.getElementType())
    return emitOpError() << "query and key element types differ";
  int64_t b = qT.getDimSize(0), hq = qT.getDimSize(1), sq = qT.getDimSize(2),
          d = qT.getDimSize(3);
  int64_t hkv = kT.getDimSize(1), skv = kT.getDimSize(2);
  if (kT.getDimSize(0) != b || kT.getDimSize(3) != d)
    return emitOpError() << "key must be [B, Hkv, Skv, D] with the query's "
                            "B and D";
  if (hq % hkv != 0)
    return emitOpError() << "query heads (Hq = " << hq
                         << ") must be a multiple of key heads (Hkv = " << hkv
                         << ")";
  int64_t t = getEffectiveStride();
  int64_t bq = getBlockSize().getQuery(), bk = getBlockSize().getKey();
  if (t < 1 || bq % t != 0 || bk % t != 0)
    return emitOpError() << "stride must be positive and divide both block "
                            "sizes, got stride "
                         << t << " for blocks " << bq << "x" << bk;
  SmallVector<int64_t> want = {b, hq, (sq + bq - 1) / bq, (skv + bk - 1) / bk};
  if (sT.getShape() != ArrayRef<int64_t>(want))
    return emitOpError() << "scores must be [B, Hq, ceil(Sq / " << bq
                         << "), ceil(Skv / " << bk << ")] = [" << want[0]
                         << ", " << want[1] << ", " << want[2] << ", "
                         << want[3] << "], got " << sT;
  // Scores are computed in f32: a scale f32 cannot hold would make every
  // score infinite (or 0 after the softmax).
  constexpr double kF32Max = 3.4028234663852886e38;
  if (auto s = getScaleAttr()) {
    double v = s.getValueAsDouble();
    if (!std::isfinite(v) || std::fabs(v) > kF32Max)
      return emitOpError() << "scale must be finite in f32, got " << v;
  }
  // The lowering folds the per-block pair counts into a [nQB, nKB]
  // constant; bound it like any tensor the compiler materializes.
  if (want[3] > 0 && want[2] > kMaxBlockGrid / want[3])
    return emitOpError() << "block grid " << want[2] << "x" << want[3]
                         << " exceeds " << kMaxBlockGrid
                         << " blocks: use larger blocks";
  return success();
}

LogicalResult BlockSelectOp::verify() {
  auto sT = cast<RankedTensorType>(getScores().getType());
  auto rT = cast<RankedTensorType>(getRowPtr().getType());
  auto cT = cast<RankedTensorType>(getCols().getType());
  if (!sT.hasStaticShape() || sT.getRank() != 4)
    return emitOpError() << "scores must be a static [B, H, R, C] tensor";
  int64_t b = sT.getDimSize(0), h = sT.getDimSize(1), r = sT.getDimSize(2),
          c = sT.getDimSize(3);
  if (rT.getShape() != ArrayRef<int64_t>{b, h, r + 1} ||
      cT.getShape() != ArrayRef<int64_t>{b, h, r * c})
    return emitOpError() << "results must be row pointers [B, H, R + 1] = ["
                         << b << ", " << h << ", " << r + 1
                         << "] and key blocks [B, H, R * C] = [" << b << ", "
                         << h << ", " << r * c << "]";
  bool topk = static_cast<bool>(getTopKAttr());
  bool thr = static_cast<bool>(getThresholdAttr());
  if (topk == thr)
    return emitOpError() << "needs exactly one of top_k and threshold";
  // The I64Attr getters return uint64_t: compare the signed values.
  if (topk && getTopKAttr().getInt() < 0)
    return emitOpError() << "top_k must be >= 0, got "
                         << getTopKAttr().getInt();
  if (thr && !(getThresholdAttr().getValueAsDouble() >= 0.0 &&
               getThresholdAttr().getValueAsDouble() <= 1.0))
    return emitOpError() << "threshold must be in [0, 1], got "
                         << getThresholdAttr().getValueAsDouble();
  if (getLocalAttr().getInt() < 0)
    return emitOpError() << "local must be >= 0, got "
                         << getLocalAttr().getInt();
  return success();
}
