//===- AttentionKernel.cpp - attn.attention entry functions -> kernels ----===//
//
// --attn-nvgpu-kernels: checks what the tensor-core kernel supports,
// creates one gpu.module + kernel per entry function and records the
// kernel description (attn/GpuRuntime/KernelDesc.h) the runner needs.
//
//===----------------------------------------------------------------------===//
#include "KernelBuilder.h"
#include "attn/IR/AttnOps.h"
#include "attn/GpuRuntime/KernelDesc.h"
#include "attn/Target/NVGPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace mlir {
namespace attn {
namespace nvgpu {
#define GEN_PASS_DEF_ATTNNVGPUKERNELS
#include "attn/Target/NVGPU/Passes.h.inc"
} // namespace nvgpu
} // namespace attn
} // namespace mlir

using namespace mlir;
using namespace mlir::attn::nvgpu;

namespace {

/// The attention op an entry function consists of, with the entry
/// arguments' roles; failure (with a diagnostic) when the kernel generator
/// cannot take it.
struct Entry {
  mlir::attn::AttentionOp op;
  KernelProblem problem;
  std::vector<std::string> inputs; // role of each function argument
};

FailureOr<Entry> analyze(func::FuncOp fn, mlir::attn::AttentionOp op,
                         const TargetDesc &t) {
  Entry e;
  e.op = op;
  KernelProblem &p = e.problem;
  auto bad = [&](const Twine &why) {
    return op.emitOpError("cannot be lowered by --attn-nvgpu-kernels: ") << why;
  };
  auto qTy = cast<RankedTensorType>(op.getQuery().getType());
  auto kTy = cast<RankedTensorType>(op.getKey().getType());
  auto vTy = cast<RankedTensorType>(op.getValue().getType());
  auto oTy = cast<RankedTensorType>(op.getOutput().getType());
  for (RankedTensorType ty : {qTy, kTy, vTy, oTy})
    if (!ty.hasStaticShape())
      return bad("the kernel needs static shapes");
  p.elem = qTy.getElementType();
  if (!p.elem.isF16() && !p.elem.isBF16())
    return bad("Q, K and V must be f16 or bf16 (the tensor-core operand "
               "types); convert f32 inputs first");
  if (kTy.getElementType() != p.elem || vTy.getElementType() != p.elem ||
      oTy.getElementType() != p.elem)
    return bad("Q, K, V and the output must share one element type");
  if (op.getMask() || op.getBias() || op.getAlibiSlopes() ||
      op.getDocOffsets() || op.getBlockRowPtr())
    return bad("mask, bias, ALiBi, document and block-table operands are not "
               "supported by the NVGPU kernel yet");
  if (FloatAttr cap = op.getSoftcapAttr()) {
    p.softcap = cap.getValueAsDouble();
    if (!(p.softcap > 0))
      return bad("softcap must be positive");
  }
  p.bshd = op.getLayoutOrDefault() == mlir::attn::Layout::bshd;
  p.batch = op.getBatch(), p.headsQ = op.getHeadsQ(),
  p.headsKV = op.getHeadsKV();
  p.seqQ = op.getSeqQ(), p.seqKV = op.getSeqKV();
  p.headDim = op.getHeadDim(), p.headDimV = op.getHeadDimV();
  if (p.headDim % 16 != 0 || p.headDimV % 16 != 0)
    return bad("head dimensions must be multiples of 16 (mma.sync k = 16), "
               "got D = ")
           << p.headDim << ", Dv = " << p.headDimV;
  // Q fragments and the accumulator live in registers (D / 4 + Dv / 2 per
  // lane) and three K/V tiles in shared memory: above 128 they spill.
  if (p.headDim > 128 || p.headDimV > 128)
    return bad("head dimensions above 128 are not supported (register and "
               "shared-memory budget of the kernel)");
  FailureOr<double> scale = op.getEffectiveScale();
  if (failed(scale))
    return bad("no scale");
  p.scale = *scale;
  if (Attribute sp = op.getSparsityAttr()) {
    if (isa<mlir::attn::CausalAttr>(sp)) {
      p.pattern = KernelProblem::Pattern::Causal;
    } else if (auto w = dyn_cast<mlir::attn::SlidingWindowAttr>(sp)) {
      p.pattern = KernelProblem::Pattern::Window;
      p.left = w.getLeft(), p.right = w.getRight();
    } else {
      return bad("only causal and sliding_window patterns are supported by "
                 "the NVGPU kernel yet");
    }
  }
  p.lse = op.getLse() != nullptr;
  // The runner makes attn-run's inputs: one seeded stream over the entry
  // arguments in order, so every argument must be Q, K or V.
  if (fn.getNumArguments() != 3)
    return bad("the entry function must take exactly Q, K and V");
  for (BlockArgument arg : fn.getArguments()) {
    if (arg == op.getQuery())
      e.inputs.push_back("q");
    else if (arg == op.getKey())
      e.inputs.push_back("k");
    else if (arg == op.getValue())
      e.inputs.push_back("v");
    else
      return bad("the entry function's arguments must be used as Q, K, V");
  }
  auto ret = dyn_cast<func::ReturnOp>(fn.front().getTerminator());
  if (!ret || ret.getNumOperands() != op->getNumResults() ||
      !llvm::equal(ret.getOperands(), op->getResults()))
    return bad("the entry function must return the op's results in order");
  (void)t;
  return e;
}

std::string describe(func::FuncOp fn, const Entry &e, const TargetDesc &t) {
  const KernelProblem &p = e.problem;
  ::attn::gpu::KernelDesc d;
  d.kernel = fn.getSymName().str();
  d.entry = fn.getSymName().str();
  d.chip = chipName(t.chip).str();
  d.grid = {(p.seqQ + t.tileQ - 1) / t.tileQ, p.headsQ, p.batch};
  d.block = {32 * t.warps, 1, 1};
  d.sharedBytes = kernelSharedBytes(p, t);
  d.elem = p.elem.isF16() ? "f16" : "bf16";
  d.batch = p.batch, d.headsQ = p.headsQ, d.headsKV = p.headsKV;
  d.seqQ = p.seqQ, d.seqKV = p.seqKV, d.headDim = p.headDim,
  d.headDimV = p.headDimV;
  d.layout = p.bshd ? "bshd" : "bhsd";
  d.scale = p.scale;
  d.pattern = p.pattern == KernelProblem::Pattern::None     ? "none"
              : p.pattern == KernelProblem::Pattern::Causal ? "causal"
                                                            : "sliding_window";
  d.left = p.left, d.right = p.right;
  d.lse = p.lse;
  d.softcap = p.softcap;
  d.inputs = e.inputs;
  d.args = {"q", "k", "v", "o"};
  if (p.lse)
    d.args.push_back("lse");
  return ::attn::gpu::printKernelDesc(d);
}

struct AttnNvgpuKernelsPass
    : public mlir::attn::nvgpu::impl::AttnNvgpuKernelsBase<
          AttnNvgpuKernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    TargetDesc t;
    t.chip = chip;
    SmallVector<std::pair<func::FuncOp, Entry>> entries;
    bool failedAny = false;
    for (auto fn : module.getOps<func::FuncOp>()) {
      SmallVector<mlir::attn::AttentionOp> ops;
      fn.walk([&](mlir::attn::AttentionOp op) { ops.push_back(op); });
      if (ops.empty())
        continue;
      if (ops.size() != 1) {
        fn.emitOpError("holds ")
            << ops.size()
            << " attn.attention ops; --attn-nvgpu-kernels makes one kernel "
               "per entry function (one op each)";
        failedAny = true;
        continue;
      }
      FailureOr<Entry> e = analyze(fn, ops.front(), t);
      if (failed(e)) {
        failedAny = true;
        continue;
      }
      entries.push_back({fn, *e});
    }
    // Other attn ops (linear attention, block scores) have no GPU lowering:
    // say so here rather than leave them to fail later in the GPU pipeline.
    module.walk([&](Operation *op) {
      if (op->getDialect() &&
          op->getDialect()->getNamespace() == "attn" &&
          !isa<mlir::attn::AttentionOp>(op)) {
        op->emitOpError("is not supported by the NVGPU target "
                        "(--attn-nvgpu-kernels lowers attn.attention only)");
        failedAny = true;
      }
    });
    if (failedAny)
      return signalPassFailure();

    OpBuilder b(module.getContext());
    SmallVector<NamedAttribute> descs;
    if (auto old = module->getAttrOfType<DictionaryAttr>("attn.nvgpu.kernels"))
      descs.append(old.begin(), old.end());
    for (auto &[fn, e] : entries) {
      const KernelProblem &p = e.problem;
      Location loc = e.op.getLoc();
      b.setInsertionPoint(fn);
      auto gm = gpu::GPUModuleOp::create(b, loc, fn.getSymName());
      b.setInsertionPointToStart(gm.getBody());
      SmallVector<Type> args;
      for (Value v : {e.op.getQuery(), e.op.getKey(), e.op.getValue(),
                      e.op.getOutput()}) {
        auto ty = cast<RankedTensorType>(v.getType());
        args.push_back(MemRefType::get(ty.getShape(), ty.getElementType()));
      }
      if (p.lse) {
        auto ty = cast<RankedTensorType>(e.op.getLse().getType());
        args.push_back(MemRefType::get(ty.getShape(), ty.getElementType()));
      }
      auto fnTy = b.getFunctionType(args, {});
      auto kernel = gpu::GPUFuncOp::create(b, loc, fn.getSymName(), fnTy);
      kernel->setAttr(gpu::GPUDialect::getKernelFuncAttrName(),
                      b.getUnitAttr());
      kernel.setKnownBlockSizeAttr(
          b.getDenseI32ArrayAttr({int32_t(32 * t.warps), 1, 1}));
      buildAttentionKernel(b, kernel, p, t);
      std::string text = describe(fn, e, t);
      descs.push_back(
          b.getNamedAttr(fn.getSymName(), b.getStringAttr(text)));
      fn.erase();
    }
    module->setAttr("attn.nvgpu.kernels", b.getDictionaryAttr(descs));
    // GPU modules need the container attribute.
    module->setAttr(gpu::GPUDialect::getContainerModuleAttrName(),
                    b.getUnitAttr());
  }
};

} // namespace
