//===- AttentionKernel.cpp - the fused structure -> tensor-core kernels ---===//
//
// --attn-nvgpu-kernels: each entry function that --attn-nvgpu-fuse turned
// into the shared fused structure (one scf.forall mapped to #gpu.block)
// becomes a gpu.module with one kernel. The forall's body is carried over
// op by op: index arithmetic and the key loops as they are (their bounds
// are the structure's tile skipping), the block ids in place of the
// induction variables, and the tensors as per-lane fragment values
// (Kernel.h): slices of Q/K/V become shared-memory copies, the running
// state registers, the elementwise finish (O = acc / l, LSE) is applied to
// the fragment elements, the parallel inserts become stores, and each
// attn.online_attention step its GPU decomposition (LowerStep.cpp).
//
//===----------------------------------------------------------------------===//
#include "Converter.h"
#include "Problem.h"
#include "passes/NVGPU/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/LLVMIR/NVVMDialect.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/NVGPU/IR/NVGPUDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"

namespace mlir {
namespace attn {
namespace nvgpu {
#define GEN_PASS_DEF_ATTNNVGPUKERNELS
#include "passes/NVGPU/Passes.h.inc"
} // namespace nvgpu
} // namespace attn
} // namespace mlir

using namespace mlir;
using namespace mlir::attn;
using namespace mlir::attn::nvgpu;

namespace {

/// The parallel loop of `fn` when `fn` is an entry function in the fused
/// form the kernel generator takes; failure with a diagnostic otherwise.
FailureOr<scf::ForallOp> findForall(func::FuncOp fn) {
  if (fn.isExternal())
    return fn.emitOpError("has a kernel description but no body");
  SmallVector<scf::ForallOp> loops;
  for (Operation &op : fn.front())
    if (auto f = dyn_cast<scf::ForallOp>(op))
      loops.push_back(f);
  if (loops.size() != 1)
    return fn.emitOpError("must hold one scf.forall (the fused structure of "
                          "one attn.attention) for --attn-nvgpu-kernels, "
                          "found ")
           << loops.size();
  scf::ForallOp forall = loops.front();
  std::optional<ArrayAttr> mapping = forall.getMapping();
  if (!mapping || !llvm::all_of(*mapping, [](Attribute a) {
        return isa<gpu::GPUBlockMappingAttr>(a);
      }))
    return forall.emitOpError("must be mapped to #gpu.block (--attn-fuse "
                              "mapping=gpu-block)");
  // The function returns what the loop computes (the LSE possibly cast).
  auto ret = dyn_cast<func::ReturnOp>(fn.front().getTerminator());
  if (!ret)
    return fn.emitOpError("must end in func.return");
  for (Value v : ret.getOperands()) {
    if (auto cast = v.getDefiningOp<tensor::CastOp>())
      v = cast.getSource();
    if (v.getDefiningOp() != forall.getOperation())
      return fn.emitOpError("must return the fused loop's results; a split "
                            "key range (its LSE merge) runs after the loop "
                            "and is not supported by the NVGPU kernel "
                            "(split-kv=never)");
  }
  return forall;
}

struct AttnNvgpuKernelsPass
    : public mlir::attn::nvgpu::impl::AttnNvgpuKernelsBase<
          AttnNvgpuKernelsPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    OpBuilder b(module.getContext());
    SmallVector<NamedAttribute> descs;
    if (auto old = module->getAttrOfType<DictionaryAttr>(kKernelsAttr))
      descs.append(old.begin(), old.end());
    bool failedAny = false;
    // Functions already diagnosed: their attn ops are not reported again.
    DenseSet<Operation *> rejected;
    SmallVector<func::FuncOp> fns(module.getOps<func::FuncOp>());
    for (func::FuncOp fn : fns) {
      Attribute problem = fn->getAttr(kProblemAttr);
      if (!problem)
        continue;
      auto dict = dyn_cast<DictionaryAttr>(problem);
      if (!dict) {
        fn.emitOpError("has a ")
            << kProblemAttr << " that is not a dictionary (run "
            << "--attn-nvgpu-fuse to make it)";
        failedAny = true;
        rejected.insert(fn);
        continue;
      }
      FailureOr<::attn::gpu::KernelDesc> desc = problemFromAttr(fn, dict);
      FailureOr<scf::ForallOp> forall = failure();
      if (succeeded(desc))
        forall = findForall(fn);
      if (failed(forall) || failed(buildKernel(b, fn, *forall, *desc, chip))) {
        failedAny = true;
        rejected.insert(fn);
        continue;
      }
      descs.push_back(b.getNamedAttr(
          fn.getSymName(),
          problemToAttr(module.getContext(), *desc, dict.get("pattern"))));
      fn.erase();
    }
    // Anything attn left over has no GPU lowering: say so here rather than
    // leave it to fail later in the GPU pipeline.
    module.walk([&](Operation *op) {
      auto fn = op->getParentOfType<func::FuncOp>();
      if (fn && rejected.contains(fn))
        return;
      if (op->getDialect() && op->getDialect()->getNamespace() == "attn") {
        op->emitOpError("is not supported by the NVGPU target (run "
                        "--attn-nvgpu-fuse first; it takes attn.attention "
                        "only)");
        failedAny = true;
      }
    });
    if (failedAny)
      return signalPassFailure();
    module->setAttr(kKernelsAttr, b.getDictionaryAttr(descs));
    // GPU modules need the container attribute.
    module->setAttr(gpu::GPUDialect::getContainerModuleAttrName(),
                    b.getUnitAttr());
  }
};

} // namespace
