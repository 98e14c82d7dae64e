//===- TileCounts.cpp - count the key tiles the fused loops visit ---------===//
//
// See attn/Runner/TileCounts.h. The counters live in the steps' own state,
// so they travel through every loop the structure emits (monotone ranges,
// block lists, block tables, split-KV parts and their merge) exactly as the
// softmax state does, and nothing else of the emitted IR is changed.
//
//===----------------------------------------------------------------------===//
#include "attn/Runner/TileCounts.h"
#include "attn/IR/AttnOps.h"
#include "attn/Runner/Runner.h"
#include "passes/Forms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

#include <cmath>

using namespace mlir;
using namespace mlir::attn;

/// The op whose tiles are counted, or null with `why` set.
static AttentionOp countedOp(func::FuncOp entry, std::string &why) {
  SmallVector<AttentionOp> ops(entry.getOps<AttentionOp>());
  auto ret = dyn_cast<func::ReturnOp>(entry.getBody().front().getTerminator());
  if (ops.size() != 1 || !ret || !ops[0].getLse() ||
      ret.getNumOperands() != 2 || ret.getOperand(0) != ops[0].getOutput() ||
      ret.getOperand(1) != ops[0].getLse()) {
    why = "--count-tiles needs an entry that returns the output and lse of "
          "one attn.attention";
    return nullptr;
  }
  AttentionOp op = ops[0];
  if (op.getMask() || op.getBias() || op.getAlibiSlopes() ||
      op.getSoftcapAttr() || op.hasModRegions()) {
    why = "--count-tiles classifies tiles by their score regions: the op "
          "must have no mask, bias, ALiBi slopes, softcap or mod regions";
    return nullptr;
  }
  if (ShapedType::isDynamic(op.getHeadDimV()) || op.getHeadDimV() < 2) {
    why = "--count-tiles keeps its two counters in the output: Dv must be a "
          "static size >= 2";
    return nullptr;
  }
  return op;
}

/// t + inc elementwise, inc a constant: the step's counters. (The same form
/// as the structure's own elementwise generics, which the CPU pipeline
/// vectorizes.)
static Value increment(OpBuilder &b, Location loc, Value t,
                       ArrayRef<float> inc) {
  auto type = cast<RankedTensorType>(t.getType());
  unsigned rank = type.getRank();
  Value c = arith::ConstantOp::create(
      b, loc, type, DenseElementsAttr::get(type, inc));
  Value init = tensor::EmptyOp::create(b, loc, type.getShape(),
                                       type.getElementType());
  AffineMap id = AffineMap::getMultiDimIdentityMap(rank, b.getContext());
  SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
  auto g = linalg::GenericOp::create(
      b, loc, TypeRange{type}, ValueRange{t, c}, ValueRange{init},
      ArrayRef<AffineMap>{id, id, id}, iters,
      [&](OpBuilder &bb, Location l, ValueRange a) {
        Value r = arith::AddFOp::create(bb, l, a[0], a[1]);
        linalg::YieldOp::create(bb, l, ValueRange{r});
      });
  return g.getResult(0);
}

LogicalResult mlir::attn::instrumentTileCounts(ModuleOp module,
                                               StringRef entryName,
                                               StringRef fuseOptions,
                                               TileShape &tiles,
                                               std::string &why) {
  auto entry = module.lookupSymbol<func::FuncOp>(entryName);
  if (!entry || entry.isExternal() || !countedOp(entry, why)) {
    if (why.empty())
      why = "no function named '" + entryName.str() + "' with a body";
    return failure();
  }
  // The library's --attn-fuse with the user's options.
  std::unique_ptr<Pass> fuse = createAttnFuse();
  std::string errs;
  auto onError = [&](const Twine &msg) {
    errs = msg.str();
    return failure();
  };
  if (failed(fuse->initializeOptions(fuseOptions, onError))) {
    why = "invalid --count-tiles options '" + fuseOptions.str() + "': " + errs;
    return failure();
  }
  PassManager pm(module.getContext());
  pm.addPass(std::move(fuse));
  if (failed(pm.run(module))) {
    why = "--attn-fuse failed";
    return failure();
  }
  if (!entry.getOps<AttentionOp>().empty()) {
    why = "--attn-fuse left the op unfused";
    return failure();
  }
  SmallVector<OnlineAttentionOp> steps;
  entry.walk([&](OnlineAttentionOp s) { steps.push_back(s); });
  tiles = TileShape();
  for (OnlineAttentionOp step : steps) {
    auto qT = cast<RankedTensorType>(step.getQuery().getType());
    auto kT = cast<RankedTensorType>(step.getKey().getType());
    int64_t tq = qT.getDimSize(0);
    int64_t tk = kT.getDimSize(step.getKeyTransposed() ? 1 : 0);
    if (ShapedType::isDynamic(tk)) {
      why = "--count-tiles needs static key tiles (pad-tiles=true)";
      return failure();
    }
    if (tiles.anyStep && (tq != tiles.query || tk != tiles.key)) {
      why = "the steps of the entry disagree on the tile sizes";
      return failure();
    }
    tiles = {tq, tk, true};
    OpBuilder b(step);
    Location loc = step.getLoc();
    auto mT = cast<RankedTensorType>(step.getMax().getType());
    Value zeros = arith::ConstantOp::create(
        b, loc, mT, DenseElementsAttr::get(mT, b.getF32FloatAttr(0)));
    Value l = increment(b, loc, step.getSum(),
                        SmallVector<float>(mT.getNumElements(), 1.0f));
    // acc[:, 0] counts full tiles, acc[:, 1] partial ones.
    auto accT = cast<RankedTensorType>(step.getAcc().getType());
    int64_t dv = accT.getDimSize(1), col = step.hasScoreRegion() ? 1 : 0;
    SmallVector<float> inc(accT.getNumElements(), 0.0f);
    for (int64_t r = 0; r < accT.getDimSize(0); ++r)
      inc[r * dv + col] = 1.0f;
    Value acc = increment(b, loc, step.getAcc(), inc);
    step.replaceAllUsesWith(ValueRange{zeros, l, acc});
    step.erase();
  }
  return success();
}

LogicalResult mlir::attn::checkTileCounts(
    func::FuncOp entry, const std::vector<std::vector<double>> &args,
    const TileShape &tiles, const std::vector<double> &out,
    const std::vector<double> &lse, TileCountReport &report,
    std::string &why) {
  AttentionOp op = countedOp(entry, why);
  if (!op)
    return failure();
  auto lookup = [&](Value v) -> const double * {
    auto arg = dyn_cast_or_null<BlockArgument>(v);
    if (!arg || arg.getOwner() != &entry.front())
      return nullptr;
    return args[arg.getArgNumber()].data();
  };
  FailureOr<ref::AttentionSpec> spec = specWithOperands(op, lookup, why);
  if (failed(spec))
    return failure();
  const ref::AttentionSpec &s = *spec;
  int64_t tq = tiles.query, tk = tiles.key;
  int64_t nQT = (s.seqQ + tq - 1) / tq, nKT = (s.seqKV + tk - 1) / tk;
  auto outAt = [&](int64_t b, int64_t h, int64_t i, int64_t c) {
    int64_t row = s.layout == ref::Layout::BSHD
                      ? (b * s.seqQ + i) * s.headsQ + h
                      : (b * s.headsQ + h) * s.seqQ + i;
    return out[row * s.headDimV + c];
  };
  report = TileCountReport();
  for (int64_t b = 0; b < s.batch; ++b)
    for (int64_t h = 0; h < s.headsQ; ++h)
      for (int64_t qt = 0; qt < nQT; ++qt) {
        int64_t q0 = qt * tq, q1 = std::min(q0 + tq, s.seqQ);
        int64_t full = 0, partial = 0;
        for (int64_t kt = 0; kt < nKT; ++kt) {
          bool any = false, all = true;
          for (int64_t i = q0; i < q1; ++i)
            for (int64_t j = kt * tk; j < (kt + 1) * tk; ++j) {
              bool v = j < s.seqKV && ref::elementVisible(s, nullptr, b, h, i, j);
              any |= v;
              all &= v;
            }
          if (!any)
            ++report.empty;
          else
            ++(all ? full : partial);
        }
        report.full += full;
        report.partial += partial;
        // Every row of the query tile ran the same loops.
        bool bad = false;
        int64_t gotFull = 0, gotPartial = 0;
        for (int64_t i = q0; i < q1; ++i) {
          double l = lse[(b * s.headsQ + h) * s.seqQ + i];
          double n = std::isinf(l) && l < 0 ? 0.0 : std::exp(l);
          double f = outAt(b, h, i, 0) * n, p = outAt(b, h, i, 1) * n;
          int64_t fi = std::llround(f), pi = std::llround(p);
          bool whole = std::abs(f - fi) < 0.05 && std::abs(p - pi) < 0.05;
          if (i == q0)
            gotFull = fi, gotPartial = pi;
          bad |= !whole || fi != full || pi != partial || fi != gotFull ||
                 pi != gotPartial;
        }
        report.visitedFull += gotFull;
        report.visitedPartial += gotPartial;
        if (!bad)
          continue;
        if (report.mismatches++ < 8)
          report.firstMismatches.push_back(
              "batch " + std::to_string(b) + ", head " + std::to_string(h) +
              ", query tile " + std::to_string(qt) + " (rows " +
              std::to_string(q0) + ".." + std::to_string(q1 - 1) +
              "): the emitted loops visit " + std::to_string(gotFull) +
              " full + " + std::to_string(gotPartial) +
              " partial key tiles, brute force: " + std::to_string(full) +
              " full + " + std::to_string(partial) + " partial");
      }
  return success();
}
