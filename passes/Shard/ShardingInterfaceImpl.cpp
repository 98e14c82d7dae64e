//===- ShardingInterfaceImpl.cpp - attn.attention's ShardingInterface ----===//
//
// Loops (b, h, q, kv, d, dv): batch, head and query row are parallel, the
// keys a reduction merged by the LSE rule, the head dim D a contraction
// inside the softmax (not shardable), Dv parallel. Q's and K/V's head axes
// share the loop h: split over N ranks, rank r holds query heads
// [r Hq/N, (r+1) Hq/N) and K/V heads [r Hkv/N, (r+1) Hkv/N), which are
// exactly the K/V heads its query heads read (h / (Hq/Hkv)), so GQA groups
// stay on one rank when N divides Hkv.
//
// Partitioning clones the op on the local shards. A split sequence axis
// moves the local rows and keys off the pattern's diagonal, so a sparsity
// pattern becomes this rank's block of it as an explicit mask. A split key
// axis makes the local op return its log-sum-exp and merges the ranks'
// partial results (RankMerge.cpp); rows and keys split the same way over
// one grid axis become a ring (Ring.cpp).
//
// Splits the op cannot take fall back to replication in propagation, with
// a warning (sharding-propagation skips an op whose option fails, and
// shard-partition then crashes on its half-annotated operands); on
// hand-written annotations the partition reports them at the op.
//
//===----------------------------------------------------------------------===//
#include "passes/Shard/ShardingInterfaceImpl.h"
#include "passes/Shard/RankMerge.h"

#include "attn/IR/AttnOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Shard/IR/ShardDialect.h"
#include "mlir/Dialect/Shard/IR/ShardOps.h"
#include "mlir/Dialect/Shard/Interfaces/ShardingInterface.h"
#include "mlir/Dialect/Shard/Interfaces/ShardingInterfaceImpl.h"
#include "mlir/Dialect/Shard/Transforms/Transforms.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace mlir::attn;
using shard::GridAxis;
using shard::GridOp;
using shard::Sharding;
using shard::ShardingArray;

namespace {

constexpr unsigned kB = 0, kH = 1, kQ = 2, kKV = 3, kD = 4, kDV = 5;
constexpr unsigned kNumLoops = 6;

/// Why the op cannot be partitioned at all, or an empty string.
std::string unsupportedReason(AttentionOp a) {
  if (a.getMask() || a.getBias() || a.getAlibiSlopes() || a.getDocOffsets() ||
      a.getBlockRowPtr())
    return "only query, key and value operands can be sharded (no mask, "
           "bias, alibi, documents or block table)";
  // Both give positions of the whole op (a shard's would be local).
  if (a.getQueryRowStart())
    return "an op with query_rows(...) cannot be sharded";
  if (a.hasModRegions())
    return "an op with score_mod / mask_mod regions cannot be sharded yet";
  for (Type t : a->getOperandTypes())
    if (!cast<RankedTensorType>(t).hasStaticShape())
      return "dynamic shapes cannot be sharded";
  if (auto p = a.getSparsity(); p && !p->isStatic())
    return "the sparsity pattern depends on run-time operands";
  return "";
}

bool anySplit(ArrayRef<Sharding> shardings) {
  return llvm::any_of(shardings, [](const Sharding &s) {
    return s && llvm::any_of(s.getSplitAxes(), [](shard::GridAxesAttr axes) {
             return !axes.empty();
           });
  });
}

bool anyUneven(ArrayRef<Sharding> shardings) {
  return llvm::any_of(shardings, [](const Sharding &s) {
    return s && (!s.getStaticHaloSizes().empty() ||
                 !s.getStaticShardedDimsOffsets().empty() ||
                 !s.getDynamicHaloSizes().empty() ||
                 !s.getDynamicShardedDimsOffsets().empty());
  });
}

/// The sizes each loop splits: h splits both Hq and Hkv.
SmallVector<SmallVector<int64_t>> loopSizes(AttentionOp a) {
  return {{a.getBatch()},     {a.getHeadsQ(), a.getHeadsKV()},
          {a.getSeqQ()},      {a.getSeqKV()},
          {a.getHeadDim()},   {a.getHeadDimV()}};
}

/// Why `axes` cannot split loop `l` of `a`, or an empty string.
std::string checkLoop(AttentionOp a, unsigned l, ArrayRef<GridAxis> axes,
                      GridOp grid) {
  static const char *names[] = {"batch", "head", "query sequence",
                                "key/value sequence", "head dim D", "Dv"};
  std::string msg;
  llvm::raw_string_ostream os(msg);
  if (l == kD) {
    os << "cannot split the head dim D over ranks: it is contracted inside "
          "the softmax (split Dv, heads or sequences instead)";
    return msg;
  }
  ArrayRef<int64_t> gridShape = grid.getShape();
  int64_t n = 1;
  for (GridAxis ax : axes) {
    if (ax < 0 || ax >= (int64_t)gridShape.size() ||
        ShapedType::isDynamic(gridShape[ax])) {
      os << "cannot split the " << names[l]
         << " axis over a grid axis of unknown size";
      return msg;
    }
    n *= gridShape[ax];
  }
  SmallVector<SmallVector<int64_t>> sizes = loopSizes(a);
  for (int64_t size : sizes[l]) {
    if (size % n == 0)
      continue;
    if (l == kH && size == a.getHeadsKV())
      os << "cannot split " << size << " key/value heads over " << n
         << " ranks: each rank must hold whole GQA groups (Hkv % ranks == 0)";
    else
      os << "cannot split the " << names[l] << " axis (" << size
         << ") evenly over " << n << " ranks";
    return msg;
  }
  return msg;
}

/// The first problem of a loop -> grid axes assignment, or an empty string;
/// `loop` is set to the loop it concerns.
std::string checkAssignment(AttentionOp a, ShardingArray assign, GridOp grid,
                            unsigned &loop) {
  assign.resize(kNumLoops);
  if (!assign[kQ].empty() && !assign[kKV].empty() &&
      (assign[kQ] != assign[kKV] || assign[kQ].size() != 1)) {
    loop = kKV;
    return "can split the query and the key/value sequence axes together "
           "only over the same single grid axis (a ring)";
  }
  for (loop = 0; loop < kNumLoops; ++loop)
    if (!assign[loop].empty())
      if (std::string why = checkLoop(a, loop, assign[loop], grid);
          !why.empty())
        return why;
  return "";
}

/// The grid axes that split axis `axis` of a tensor with sharding `s`.
ArrayRef<GridAxis> splitOf(const Sharding &s, unsigned axis) {
  if (!s || axis >= s.getSplitAxes().size())
    return {};
  return s.getSplitAxes()[axis].asArrayRef();
}

/// The upstream option cannot split two loops over one grid axis; the ring
/// does: Q's rows and K/V's keys split the same way. The option of the
/// other annotations, with the keys split like the rows.
FailureOr<shard::ShardingOption>
ringOption(AttentionOp a, ArrayRef<Sharding> operandShardings,
           ArrayRef<Sharding> resultShardings) {
  unsigned seq = a.getLayoutOrDefault() == Layout::bshd ? 1 : 2;
  ArrayRef<GridAxis> rows = splitOf(operandShardings[0], seq);
  ArrayRef<GridAxis> keys = splitOf(operandShardings[1], seq);
  if (rows.empty() || rows != keys || rows != splitOf(operandShardings[2], seq))
    return failure();
  SmallVector<GridAxis> axes(rows);
  std::vector<Sharding> withoutKV(operandShardings.begin(), operandShardings.end());
  withoutKV[1] = Sharding();
  withoutKV[2] = Sharding();
  FailureOr<shard::ShardingOption> option =
      shard::detail::defaultGetShardingOption(a, withoutKV, resultShardings);
  if (failed(option) || option->empty)
    return failure();
  option->shardingArray.resize(kNumLoops);
  option->shardingArray[kKV] = axes;
  shard::removeTrailingEmptySubArray(option->shardingArray);
  return option;
}

FlatSymbolRefAttr firstGrid(ArrayRef<Sharding> operandShardings,
                            ArrayRef<Sharding> resultShardings) {
  for (ArrayRef<Sharding> list : {operandShardings, resultShardings})
    for (const Sharding &s : list)
      if (s)
        return s.getGridAttr();
  return nullptr;
}

struct AttentionSharding
    : public shard::ShardingInterface::ExternalModel<AttentionSharding,
                                                     AttentionOp> {
  SmallVector<utils::IteratorType> getLoopIteratorTypes(Operation *) const {
    using utils::IteratorType;
    return {IteratorType::parallel,  IteratorType::parallel,
            IteratorType::parallel,  IteratorType::reduction,
            IteratorType::reduction, IteratorType::parallel};
  }

  SmallVector<shard::ReductionKind>
  getReductionLoopIteratorKinds(Operation *) const {
    // Neither the LSE merge of kv nor the softmax around d is a plain
    // reduction kind.
    return {shard::ReductionKind::Generic, shard::ReductionKind::Generic};
  }

  SmallVector<AffineMap> getIndexingMaps(Operation *op) const {
    auto a = cast<AttentionOp>(op);
    MLIRContext *ctx = op->getContext();
    // An op that cannot be split is only ever replicated: maps without
    // results give every operand and result the replicated sharding.
    if (!unsupportedReason(a).empty())
      return SmallVector<AffineMap>(
          op->getNumOperands() + op->getNumResults(),
          AffineMap::get(kNumLoops, 0, {}, ctx));
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    auto map = [&](ArrayRef<AffineExpr> e) {
      return AffineMap::get(kNumLoops, 0, e, ctx);
    };
    bool bshd = a.getLayoutOrDefault() == Layout::bshd;
    auto tensor4 = [&](unsigned seq, unsigned last) {
      return bshd ? map({d(kB), d(seq), d(kH), d(last)})
                  : map({d(kB), d(kH), d(seq), d(last)});
    };
    SmallVector<AffineMap> maps = {tensor4(kQ, kD), tensor4(kKV, kD),
                                   tensor4(kKV, kDV), tensor4(kQ, kDV)};
    if (a.getLse())
      maps.push_back(map({d(kB), d(kH), d(kQ)}));
    return maps;
  }

  // What the op cannot do falls back to replication of that loop (the
  // partition then gathers the operand), with a warning: propagation skips
  // an op whose option fails and leaves annotations shard-partition cannot
  // partition.
  FailureOr<shard::ShardingOption>
  getShardingOption(Operation *op, ArrayRef<Sharding> operandShardings,
                    ArrayRef<Sharding> resultShardings) const {
    auto a = cast<AttentionOp>(op);
    bool split = anySplit(operandShardings) || anySplit(resultShardings);
    std::string why = unsupportedReason(a);
    if (why.empty() && (anyUneven(operandShardings) ||
                        anyUneven(resultShardings)))
      why = "halos and uneven shard sizes are not supported";
    if (!why.empty()) {
      if (!split)
        return shard::ShardingOption::makeEmpty();
      a.emitWarning() << "replicated: " << why;
      return shard::ShardingOption({}, firstGrid(operandShardings,
                                                 resultShardings));
    }
    FailureOr<shard::ShardingOption> option =
        shard::detail::defaultGetShardingOption(op, operandShardings,
                                                resultShardings);
    if (failed(option))
      option = ringOption(a, operandShardings, resultShardings);
    if (failed(option) || option->empty)
      return option;
    auto grid = SymbolTable::lookupNearestSymbolFrom<GridOp>(op, option->grid);
    if (!grid)
      return failure();
    unsigned loop;
    while (true) {
      std::string problem =
          checkAssignment(a, option->shardingArray, grid, loop);
      if (problem.empty())
        return option;
      a.emitWarning() << problem << "; that axis is replicated";
      option->shardingArray[loop].clear();
    }
  }

  LogicalResult partition(Operation *op, ArrayRef<Value> partitionedOperands,
                          ArrayRef<Sharding> operandShardings,
                          ArrayRef<Sharding> resultShardings,
                          IRMapping &partitionMap,
                          SymbolTableCollection &symbolTable,
                          OpBuilder &builder) const;
};

/// The first grid named by any of the shardings.
GridOp findGrid(Operation *op, ArrayRef<Sharding> operandShardings,
                ArrayRef<Sharding> resultShardings,
                SymbolTableCollection &symbolTable) {
  for (ArrayRef<Sharding> list : {operandShardings, resultShardings})
    for (const Sharding &s : list)
      if (s)
        return shard::getGridOrNull(op, s.getGridAttr(), symbolTable);
  return nullptr;
}

/// This rank's first index along a loop split over `axes` in blocks of
/// `block` (0 when the loop is not split).
Value blockStart(ImplicitLocOpBuilder &b, GridOp grid,
                 ArrayRef<GridAxis> axes, int64_t block) {
  if (axes.empty())
    return arith::ConstantIndexOp::create(b, 0);
  Value idx = shard::createProcessLinearIndex(grid.getSymName(), axes, b);
  Value size = arith::ConstantIndexOp::create(b, block);
  return arith::MulIOp::create(b, idx, size);
}

LogicalResult AttentionSharding::partition(
    Operation *op, ArrayRef<Value> partitionedOperands,
    ArrayRef<Sharding> operandShardings, ArrayRef<Sharding> resultShardings,
    IRMapping &partitionMap, SymbolTableCollection &symbolTable,
    OpBuilder &builder) const {
  auto a = cast<AttentionOp>(op);
  bool split = anySplit(operandShardings) || anySplit(resultShardings);
  std::string why = unsupportedReason(a);
  if (!split) {
    builder.clone(*op, partitionMap);
    return success();
  }
  if (!why.empty())
    return a.emitOpError() << "cannot be sharded: " << why;
  if (anyUneven(operandShardings) || anyUneven(resultShardings))
    return a.emitOpError()
           << "cannot be sharded with halos or uneven shard sizes";
  GridOp grid = findGrid(op, operandShardings, resultShardings, symbolTable);
  if (!grid)
    return a.emitOpError() << "sharded on an unknown grid";
  ShardingArray assign = shard::getGridAxisAssignmentForLoopIterators(
      operandShardings, resultShardings, getLoopIteratorTypes(op),
      getIndexingMaps(op));
  unsigned loop;
  if (std::string problem = checkAssignment(a, assign, grid, loop);
      !problem.empty())
    return a.emitOpError() << problem;
  assign.resize(kNumLoops);

  ImplicitLocOpBuilder b(op->getLoc(), builder);
  IRMapping local;
  for (auto [orig, part] :
       llvm::zip_equal(op->getOperands(), partitionedOperands))
    local.map(orig, part);
  auto qLoc = cast<RankedTensorType>(partitionedOperands[0].getType());
  auto kLoc = cast<RankedTensorType>(partitionedOperands[1].getType());
  bool bshd = a.getLayoutOrDefault() == Layout::bshd;
  unsigned seq = bshd ? 1 : 2, head = bshd ? 2 : 1;

  // The local op on (k, v) with `mask` for the pattern (when given); with
  // split keys it also returns its log-sum-exp.
  bool kvSplit = !assign[kKV].empty();
  SmallVector<Type> types;
  for (auto [r, s] : llvm::zip_equal(op->getResults(), resultShardings))
    types.push_back(shard::shardType(r.getType(), grid, s));
  if (kvSplit && types.size() == 1)
    types.push_back(RankedTensorType::get(
        {qLoc.getDimSize(0), qLoc.getDimSize(head), qLoc.getDimSize(seq)},
        b.getF32Type()));
  auto localOp = [&](Value k, Value v, Value mask) {
    local.map(a.getKey(), k);
    local.map(a.getValue(), v);
    Operation *clone = builder.clone(*op, local);
    auto ca = cast<AttentionOp>(clone);
    if (mask) {
      ca.getMaskMutable().assign(mask);
      ca.removeSparsityAttr();
    }
    OperationState state(op->getLoc(), op->getName());
    state.addOperands(clone->getOperands());
    state.addAttributes(clone->getAttrs());
    state.addTypes(types);
    // The (empty: unsupportedReason) score_mod / mask_mod regions.
    for (unsigned r = 0, e = clone->getNumRegions(); r < e; ++r)
      state.addRegion();
    Operation *created = builder.create(state);
    clone->erase();
    return created;
  };
  // A split sequence axis: the pattern of this rank's block as a mask.
  int64_t sqLoc = qLoc.getDimSize(seq), skvLoc = kLoc.getDimSize(seq);
  auto patternMask = [&](Value q0, Value k0) -> Value {
    auto pattern = a.getSparsity();
    if (!pattern)
      return Value();
    return buildLocalPatternMask(b, *pattern, a.getSeqQ(), a.getSeqKV(), sqLoc,
                                 skvLoc, q0, k0);
  };

  Value o, lse;
  if (!assign[kQ].empty() && kvSplit) {
    std::tie(o, lse) = buildRing(b, grid, assign[kQ][0], sqLoc, skvLoc, bshd,
                                 partitionedOperands[1], partitionedOperands[2],
                                 patternMask, [&](Value k, Value v, Value m) {
                                   Operation *step = localOp(k, v, m);
                                   return std::make_pair(step->getResult(0),
                                                         step->getResult(1));
                                 });
  } else {
    Value mask;
    if (!assign[kQ].empty() || kvSplit) {
      Value q0 = blockStart(b, grid, assign[kQ], sqLoc);
      Value k0 = blockStart(b, grid, assign[kKV], skvLoc);
      mask = patternMask(q0, k0);
    }
    Operation *step =
        localOp(partitionedOperands[1], partitionedOperands[2], mask);
    if (!kvSplit) {
      for (auto [r, l] : llvm::zip_equal(op->getResults(), step->getResults()))
        partitionMap.map(r, l);
      return success();
    }
    std::tie(o, lse) =
        buildRankMerge(b, step->getResult(0), step->getResult(1), bshd,
                       grid.getSymName(), assign[kKV]);
  }
  partitionMap.map(op->getResult(0), o);
  if (op->getNumResults() == 2)
    partitionMap.map(op->getResult(1), lse);
  return success();
}

} // namespace

void mlir::attn::registerShardingInterfaceExternalModels(
    DialectRegistry &registry) {
  registry.addExtension(+[](MLIRContext *ctx, AttnDialect *) {
    ctx->loadDialect<shard::ShardDialect, linalg::LinalgDialect,
                     tensor::TensorDialect, arith::ArithDialect>();
    AttentionOp::attachInterface<AttentionSharding>(*ctx);
  });
}
