//===- CpuVectorize.cpp - register tiling + vectorization of tile ops -----===//
#include "passes/CPU/Passes.h"
#include "VnniContractToDot.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/Dialect/X86Vector/X86VectorDialect.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Interfaces/TilingInterface.h"
#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNCPUVECTORIZE
#include "passes/CPU/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;
using utils::IteratorType;

namespace {

/// Largest of {cap, cap/2, ..., 1} that divides `n`: tiles that divide the
/// op keep every piece static, which the vectorizer needs.
int64_t dividingTile(int64_t n, int64_t cap) {
  for (int64_t t = cap; t > 1; t /= 2)
    if (n % t == 0)
      return t;
  return 1;
}

bool isTranspose(linalg::GenericOp op, unsigned rank) {
  if (op.getNumLoops() != rank || op.getNumDpsInputs() != 1 ||
      op.getNumReductionLoops() != 0)
    return false;
  AffineMap in = op.getIndexingMapsArray()[0];
  return in.isPermutation() && !in.isIdentity();
}

/// Tile sizes per loop (0: untiled) and whether to build vector.contract.
struct Plan {
  SmallVector<int64_t> tiles;
  bool contraction = false;
};

std::optional<Plan> plan(linalg::LinalgOp op, int64_t lanes) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic))
    return std::nullopt;
  // linalg::vectorize can yield a vector of lower rank than the output
  // when the body's value depends only on linalg.index of the non-unit
  // dims (LLVM/MLIR 22); such ops stay scalar.
  if (llvm::is_contained(ranges, 1) && op.getBlock() &&
      !op.getBlock()->getOps<linalg::IndexOp>().empty())
    return std::nullopt;
  Plan p;
  p.tiles.assign(ranges.size(), 0);
  auto generic = dyn_cast<linalg::GenericOp>(op.getOperation());
  if (ranges.size() == 1)
    return p;
  if (ranges.size() == 2) {
    if (generic && isTranspose(generic, 2)) {
      p.tiles = {dividingTile(ranges[0], 16), dividingTile(ranges[1], 16)};
      return p;
    }
    if (op.getIteratorTypesArray()[0] == IteratorType::parallel)
      p.tiles[0] = 1;
    // Very wide rows (e.g. thousands of random features) would become one
    // huge vector whose unrolled code takes the backend minutes: cut them
    // into pieces of 16 vectors (a reduction dim is then accumulated over
    // the pieces).
    if (ranges[1] > 16 * lanes)
      p.tiles[1] = dividingTile(ranges[1], 16 * lanes);
    return p;
  }
  // 3-d permutations (the bf16 pair packing: [n, 2, w] -> [n, w, 2]):
  // 16 x 16 blocks of whole innermost runs.
  if (ranges.size() == 3 && generic && isTranspose(generic, 3)) {
    p.tiles = {dividingTile(ranges[0], 16), dividingTile(ranges[1], 16), 0};
    return p;
  }
  // Contractions: one reduction dim (i, k, j), or the bf16 pair form
  // (i, p, j, v) whose pair dim v is reduced by the dot instruction.
  auto iters = op.getIteratorTypesArray();
  bool pairForm = ranges.size() == 4 && op.getNumReductionLoops() == 2 &&
                  iters[1] == IteratorType::reduction &&
                  iters[3] == IteratorType::reduction && ranges[3] == 2;
  if ((ranges.size() == 3 || pairForm) && generic &&
      linalg::isaContractionOpInterface(op) &&
      (op.getNumReductionLoops() == 1 || pairForm)) {
    // Rows of the output x the output's vector width stay in registers:
    // the output map names the row and column dims.
    AffineMap out = op.getIndexingMapsArray().back();
    if (out.getNumResults() != 2)
      return std::nullopt;
    unsigned rowDim = out.getDimPosition(0);
    unsigned colDim = out.getDimPosition(1);
    int64_t vecsPerRow = (ranges[colDim] + lanes - 1) / lanes;
    int64_t rows = std::max<int64_t>(1, 16 / std::max<int64_t>(1, vecsPerRow));
    p.tiles[rowDim] = dividingTile(ranges[rowDim], rows);
    if (vecsPerRow > 16)
      p.tiles[colDim] = dividingTile(ranges[colDim], 16 * lanes);
    // Long reductions (e.g. over 1024 random features) are accumulated in
    // pieces: the fully unrolled outer products would be huge code.
    if (!pairForm) {
      unsigned red = 0;
      for (unsigned i = 0; i < 3; ++i)
        if (iters[i] == IteratorType::reduction)
          red = i;
      if (ranges[red] > 256)
        p.tiles[red] = dividingTile(ranges[red], 128);
    }
    p.contraction = true;
    return p;
  }
  return std::nullopt;
}

struct AttnCpuVectorizePass
    : public attn::impl::AttnCpuVectorizeBase<AttnCpuVectorizePass> {
  using AttnCpuVectorizeBase::AttnCpuVectorizeBase;

  static bool validBits(int64_t bits) {
    return bits == 128 || bits == 256 || bits == 512;
  }

  // Checked when a pipeline string is parsed: a width no vector register
  // has is an error, not silently odd register tiles.
  LogicalResult initializeOptions(
      StringRef options,
      function_ref<LogicalResult(const Twine &)> errorHandler) override {
    if (failed(AttnCpuVectorizeBase::initializeOptions(options, errorHandler)))
      return failure();
    if (!validBits(vectorBits))
      return errorHandler("vector-bits must be 128, 256 or 512, got " +
                          Twine(int64_t(vectorBits)));
    return success();
  }

  void runOnOperation() override {
    if (!validBits(vectorBits)) { // set through the C++ options struct
      getOperation()->emitError() << "attn-cpu-vectorize: vector-bits must "
                                     "be 128, 256 or 512, got "
                                  << int64_t(vectorBits);
      return signalPassFailure();
    }
    int64_t lanes = std::max<int64_t>(1, vectorBits / 32);
    SmallVector<linalg::LinalgOp> ops;
    getOperation()->walk([&](linalg::LinalgOp op) {
      if (!isa<linalg::GenericOp, linalg::FillOp>(op.getOperation()) ||
          !op.hasPureTensorSemantics() ||
          !op->getParentOfType<LoopLikeOpInterface>())
        return;
      ops.push_back(op);
    });
    IRRewriter rw(&getContext());
    for (linalg::LinalgOp op : ops) {
      std::optional<Plan> p = plan(op, lanes);
      if (!p)
        continue;
      Operation *target = op;
      if (llvm::any_of(p->tiles, [](int64_t t) { return t != 0; })) {
        scf::SCFTilingOptions options;
        options.setLoopType(scf::SCFTilingOptions::LoopType::ForOp);
        options.setTileSizes(getAsIndexOpFoldResult(&getContext(), p->tiles));
        rw.setInsertionPoint(op);
        // A host that did not register linalg's tiling models leaves the
        // op as it is rather than crash.
        auto tileable = dyn_cast<TilingInterface>(op.getOperation());
        if (!tileable)
          continue;
        FailureOr<scf::SCFTilingResult> tiled =
            scf::tileUsingSCF(rw, tileable, options);
        if (failed(tiled) || tiled->tiledOps.size() != 1)
          continue;
        rw.replaceOp(op, tiled->replacements);
        target = tiled->tiledOps.front();
      }
      rw.setInsertionPoint(target);
      FailureOr<linalg::VectorizationResult> vec = linalg::vectorize(
          rw, target, /*inputVectorSizes=*/{}, /*inputScalableVecDims=*/{},
          /*vectorizeNDExtract=*/true, /*flatten1DDepthwiseConv=*/false,
          /*assumeDynamicDimsMatchVecSizes=*/false,
          /*createNamedContraction=*/p->contraction);
      if (failed(vec))
        continue; // stays a (tiled) linalg op: correct, just scalar
      rw.replaceOp(target, vec->replacements);
    }
    // The vectorizer expresses contractions as multi_reduction(mul(bcast));
    // fold them into vector.contract so that they lower to outer-product
    // FMAs on register-sized accumulators instead of a 3-d temporary.
    RewritePatternSet patterns(&getContext());
    vector::populateVectorReductionToContractPatterns(patterns);
    // Broadcasting reads become read + vector.broadcast, which the contract
    // patterns then fold away.
    vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    {
      // bf16 pair contractions (attn-fuse{bf16-dot=true}): the operands
      // reach the contraction as extf(broadcast(read)). Sink the
      // extensions below the broadcasts, fold the broadcasts into the
      // indexing maps and the extensions into the (bf16 x bf16 -> f32)
      // pair contraction, then emit its micro-kernel.
      RewritePatternSet dot(&getContext());
      vector::populateSinkVectorOpsPatterns(dot);
      vector::populateVectorReductionToContractPatterns(dot);
      attn::populateVnniContractToDotPatterns(dot, bf16Dot, lanes);
      if (failed(applyPatternsGreedily(getOperation(), std::move(dot))))
        return signalPassFailure();
    }
  }
};
} // namespace
