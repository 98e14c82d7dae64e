//===- NvgpuFuse.cpp - the shared fused structure for the NVGPU target ----===//
//
// --attn-nvgpu-fuse: checks that each attn.attention entry function is one
// the tensor-core kernel and its runner take, records the problem part of
// the kernel description (attn/GpuRuntime/KernelDesc.h), read from the op's
// own types and attributes, on the function as a typed attribute
// (Problem.h),
// and builds the target-neutral fused structure (--attn-fuse) with the
// NVGPU target description, nvgpuFusedTarget(). --attn-nvgpu-kernels then
// turns that structure into kernels.
//
//===----------------------------------------------------------------------===//
#include "Problem.h"
#include "attn/GpuRuntime/KernelDesc.h"
#include "attn/IR/AttnOps.h"
#include "attn/IR/MaskPatternOf.h"
#include "passes/Forms/Passes.h"
#include "passes/NVGPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/WalkPatternRewriteDriver.h"

#include <optional>

namespace mlir {
namespace attn {
namespace nvgpu {
#define GEN_PASS_DEF_ATTNNVGPUFUSE
#include "passes/NVGPU/Passes.h.inc"
} // namespace nvgpu
} // namespace attn
} // namespace mlir

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::nvgpu;

FusedTargetOptions mlir::attn::nvgpu::nvgpuFusedTarget(Chip chip,
                                                       QueryTile queryTile) {
  FusedTargetOptions t;
  // 64 query rows (four warps of 16, the mma.sync M) by 64 keys: Q, K and
  // V tiles of D <= 128 take 52 KiB of shared memory, and a lane holds
  // D / 4 Q and Dv / 2 accumulator registers. 128 rows (eight warps) read
  // each K/V tile into shared memory once for twice the rows.
  t.queryTile = queryTile == QueryTile::rows128 ? 128 : 64;
  t.keyTile = 64;
  // One block per (batch, head, query tile) on #gpu.block<x, y, z>.
  t.mapping = ParallelMapping::GpuBlock;
  t.split = SplitKVMode::Never;
  t.parallelUnits = chip == Chip::sm_90a ? 132 : 108; // SMs (unused: no split)
  // K as stored: row-major [key, d] is mma.sync's "col" B operand.
  t.keyLayout = KeyLayout::RowMajor;
  // Q stays 16-bit for the tensor cores, P is rounded to it before P V.
  t.prescaleQuery = false;
  t.lowPrecisionP = true;
  // A short last key tile is passed with its size; the kernel's copies
  // zero-fill the missing rows and its step masks their keys.
  t.padTiles = false;
  // Monotone patterns by loop bounds; others need block lists, which the
  // kernel does not take (rejected before the structure is built).
  t.blockLists = BlockListMode::Auto;
  // GQA heads are not folded into one query tile: a tile is one head's rows
  // (the kernel maps query rows to warps).
  t.foldHeadsRows = 0;
  return t;
}

namespace {

/// The kernel description's problem part for `op` in `fn`, or failure with
/// a diagnostic naming what the NVGPU target does not take.
FailureOr<::attn::gpu::KernelDesc> describe(func::FuncOp fn, AttentionOp op) {
  ::attn::gpu::KernelDesc d;
  auto bad = [&](const Twine &why) {
    return op.emitOpError("cannot be lowered by the NVGPU target: ") << why;
  };
  auto qTy = cast<RankedTensorType>(op.getQuery().getType());
  auto kTy = cast<RankedTensorType>(op.getKey().getType());
  auto vTy = cast<RankedTensorType>(op.getValue().getType());
  auto oTy = cast<RankedTensorType>(op.getOutput().getType());
  for (RankedTensorType ty : {qTy, kTy, vTy, oTy})
    if (!ty.hasStaticShape())
      return bad("the kernel needs static shapes");
  Type elem = qTy.getElementType();
  if (!elem.isF16() && !elem.isBF16())
    return bad("Q, K and V must be f16 or bf16 (the tensor-core operand "
               "types); convert f32 inputs first");
  if (kTy.getElementType() != elem || vTy.getElementType() != elem ||
      oTy.getElementType() != elem)
    return bad("Q, K, V and the output must share one element type");
  if (op.getQueryRowStart())
    return bad("query_rows(...) is not supported (the kernel description "
               "and the runner's reference assume the op's rows are the "
               "whole query)");
  // The kernel description (what attn-gpu-run checks against the
  // reference) has no place for the regions: refuse rather than drop them.
  if (op.hasModRegions())
    return bad("score_mod / mask_mod regions are not supported by the NVGPU "
               "target yet");
  if (op.getDocOffsets())
    return bad("document offsets are not supported yet (the structure "
               "builds a per-key document table before the parallel loop, "
               "which the single kernel does not run)");
  // Mask, bias and ALiBi slopes are read by the score
  // region and the loop bounds from global memory: kernel arguments the
  // runner draws as attn-run does.
  for (auto [v, role] : {std::pair<Value, const char *>{op.getMask(), "mask"},
                         {op.getBias(), "bias"},
                         {op.getAlibiSlopes(), "alibi"},
                         {op.getDocOffsets(), "docs"}}) {
    if (!v)
      continue;
    auto ty = cast<RankedTensorType>(v.getType());
    Type e = ty.getElementType();
    std::string type = e.isInteger(1)    ? "i1"
                       : e.isInteger(32) ? "i32"
                       : e.isInteger(64) ? "i64"
                       : e.isF16()       ? "f16"
                       : e.isBF16()      ? "bf16"
                       : e.isF32()       ? "f32"
                                         : "";
    if (type.empty() || !ty.hasStaticShape() || ty.getRank() < 1 ||
        ty.getRank() > 4)
      return bad("the ") << role << " operand's type is not one the kernel "
                         << "description takes: " << ty;
    ::attn::gpu::KernelDesc::Operand o;
    o.role = role, o.type = type;
    o.shape.assign(ty.getShape().begin(), ty.getShape().end());
    d.operands.push_back(o);
  }
  if (FloatAttr cap = op.getSoftcapAttr()) {
    d.softcap = cap.getValueAsDouble();
    if (!(d.softcap > 0))
      return bad("softcap must be positive");
  }
  d.layout = op.getLayoutOrDefault() == Layout::bshd ? "bshd" : "bhsd";
  d.batch = op.getBatch(), d.headsQ = op.getHeadsQ(),
  d.headsKV = op.getHeadsKV();
  d.seqQ = op.getSeqQ(), d.seqKV = op.getSeqKV();
  d.headDim = op.getHeadDim(), d.headDimV = op.getHeadDimV();
  if (d.headDim % 16 != 0 || d.headDimV % 16 != 0)
    return bad("head dimensions must be multiples of 16 (mma.sync k = 16), "
               "got D = ")
           << d.headDim << ", Dv = " << d.headDimV;
  // Q fragments and the accumulator live in registers (D / 4 + Dv / 2 per
  // lane) and the Q, K, V tiles in shared memory: above 128 they spill.
  if (d.headDim > 128 || d.headDimV > 128)
    return bad("head dimensions above 128 are not supported (register and "
               "shared-memory budget of the kernel)");
  FailureOr<double> scale = op.getEffectiveScale();
  if (failed(scale))
    return bad("no scale");
  d.scale = *scale;
  // The pattern's parameters (the runner checks with the reference).
  std::string why;
  if (failed(maskPatternOf(op.getSparsityAttr(), d.pattern, why)))
    return bad(why);
  if (op.getBlockRowPtr()) {
    auto rowPtrTy = cast<RankedTensorType>(op.getBlockRowPtr().getType());
    auto colsTy = cast<RankedTensorType>(op.getBlockCols().getType());
    if (!rowPtrTy.hasStaticShape() || !colsTy.hasStaticShape() ||
        rowPtrTy.getRank() != 3 || colsTy.getRank() != 3)
      return bad("the block table needs static shapes [B, H, n]");
    TilingAttr sizes = op.getBlockSizeAttr();
    if (!sizes)
      return bad("a block table needs block_size");
    d.blockTable = true;
    d.blockFull = static_cast<bool>(op.getBlockFull());
    d.blockQ = sizes.getQuery(), d.blockK = sizes.getKey();
    d.tableHeads = rowPtrTy.getDimSize(1), d.tableNnz = colsTy.getDimSize(2);
  }
  d.elem = elem.isF16() ? "f16" : "bf16";
  d.lse = op.getLse() != nullptr;
  // The runner makes attn-run's inputs: one seeded stream over Q, K and V
  // in argument order, and the block table as attn-run draws it; so every
  // argument must be one of those operands.
  SmallVector<std::pair<Value, const char *>> roles = {
      {op.getQuery(), "q"}, {op.getKey(), "k"}, {op.getValue(), "v"}};
  for (const ::attn::gpu::KernelDesc::Operand &o : d.operands)
    roles.push_back({o.role == "mask"    ? op.getMask()
                     : o.role == "bias"  ? op.getBias()
                     : o.role == "alibi" ? op.getAlibiSlopes()
                                         : op.getDocOffsets(),
                     o.role.c_str()});
  if (d.blockTable) {
    roles.push_back({op.getBlockRowPtr(), "row_ptr"});
    roles.push_back({op.getBlockCols(), "cols"});
    if (d.blockFull)
      roles.push_back({op.getBlockFull(), "full"});
  }
  if (fn.getNumArguments() != roles.size())
    return bad("the entry function must take exactly the op's Q, K, V")
           << (d.blockTable ? " and block table" : "")
           << (d.operands.empty() ? "" : " and other tensor") << " operands";
  for (BlockArgument arg : fn.getArguments()) {
    auto *it = llvm::find_if(roles, [&](auto &r) { return r.first == arg; });
    if (it == roles.end())
      return bad("the entry function's arguments must be used as the op's "
                 "tensor operands");
    d.inputs.push_back(it->second);
  }
  for (auto &r : roles)
    if (!llvm::is_contained(d.inputs, r.second))
      return bad("the entry function must take each operand once");
  auto ret = dyn_cast<func::ReturnOp>(fn.front().getTerminator());
  if (!ret || ret.getNumOperands() != op->getNumResults() ||
      !llvm::equal(ret.getOperands(), op->getResults()))
    return bad("the entry function must return the op's results in order");
  d.kernel = d.entry = fn.getSymName().str();
  return d;
}

struct AttnNvgpuFusePass
    : public mlir::attn::nvgpu::impl::AttnNvgpuFuseBase<AttnNvgpuFusePass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    bool failedAny = false;
    for (auto fn : module.getOps<func::FuncOp>()) {
      SmallVector<AttentionOp> ops;
      fn.walk([&](AttentionOp op) { ops.push_back(op); });
      if (ops.empty())
        continue;
      if (ops.size() != 1) {
        fn.emitOpError("holds ")
            << ops.size()
            << " attn.attention ops; the NVGPU target makes one kernel per "
               "entry function (one op each)";
        failedAny = true;
        continue;
      }
      FailureOr<::attn::gpu::KernelDesc> d = describe(fn, ops.front());
      if (failed(d)) {
        failedAny = true;
        continue;
      }
      fn->setAttr(kProblemAttr, problemToAttr(&getContext(), *d,
                                              ops.front().getSparsityAttr()));
    }
    // Other attn ops (linear attention, block scores) have no GPU lowering.
    module.walk([&](Operation *op) {
      if (op->getDialect() && op->getDialect()->getNamespace() == "attn" &&
          !isa<AttentionOp>(op) && !op->getParentOfType<AttentionOp>()) {
        op->emitOpError("is not supported by the NVGPU target (it lowers "
                        "attn.attention only)");
        failedAny = true;
      }
    });
    if (failedAny)
      return signalPassFailure();
    // One pattern set per tile height; each function gets its op's.
    std::optional<FrozenRewritePatternSet> sets[2];
    for (auto fn : module.getOps<func::FuncOp>()) {
      AttentionOp op;
      fn.walk([&](AttentionOp a) { op = a; });
      if (!op)
        continue;
      QueryTile rows = tileFor(op);
      std::optional<FrozenRewritePatternSet> &set =
          sets[rows == QueryTile::rows128];
      if (!set) {
        RewritePatternSet patterns(&getContext());
        populateAttnFusePatterns(patterns, nvgpuFusedTarget(chip, rows));
        set.emplace(std::move(patterns));
      }
      walkAndApplyPatterns(fn, *set);
    }
  }

  /// `query-tile`, with auto resolved for `op`: 128 rows where the op has
  /// no pattern and no block table (every key tile but a short last one is
  /// full: a taller tile reads each K/V tile for twice the rows), 64 where
  /// partial tiles are common (measured on an H200: docs/nvgpu.md).
  QueryTile tileFor(AttentionOp op) const {
    if (queryTile != QueryTile::automatic)
      return queryTile;
    bool dense = !op.getSparsityAttr() && !op.getBlockRowPtr();
    return dense ? QueryTile::rows128 : QueryTile::rows64;
  }
};

} // namespace
