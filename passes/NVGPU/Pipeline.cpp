//===- Pipeline.cpp - --attn-nvgpu-pipeline and registration --------------===//
#include "passes/NVGPU/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/Dialect/GPU/Pipelines/Passes.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;
using namespace mlir::attn::nvgpu;

llvm::StringRef mlir::attn::nvgpu::chipName(Chip chip) {
  switch (chip) {
  case Chip::sm_80:
    return "sm_80";
  case Chip::sm_90a:
    return "sm_90a";
  }
  return "sm_80";
}

namespace {
/// gpu-module-to-binary records how long serialization took
/// (`...TimeInMs` object properties): drop them so the printed IR depends
/// only on the input and the options.
struct StripTimingsPass
    : public PassWrapper<StripTimingsPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(StripTimingsPass)
  void runOnOperation() override {
    getOperation().walk([](gpu::BinaryOp bin) {
      SmallVector<Attribute> objects;
      for (Attribute a : bin.getObjects()) {
        auto obj = cast<gpu::ObjectAttr>(a);
        SmallVector<NamedAttribute> kept;
        if (DictionaryAttr props = obj.getProperties())
          for (NamedAttribute na : props)
            if (!na.getName().strref().ends_with("TimeInMs"))
              kept.push_back(na);
        DictionaryAttr props =
            kept.empty() ? DictionaryAttr()
                         : DictionaryAttr::get(bin.getContext(), kept);
        objects.push_back(gpu::ObjectAttr::get(
            bin.getContext(), obj.getTarget(), obj.getFormat(),
            obj.getObject(), props, obj.getKernels()));
      }
      bin.setObjectsAttr(ArrayAttr::get(bin.getContext(), objects));
    });
  }
};
} // namespace

llvm::StringRef mlir::attn::nvgpu::formatName(BinaryFormat format) {
  return format == BinaryFormat::bin ? "bin" : "isa";
}

void mlir::attn::nvgpu::buildPipeline(OpPassManager &pm,
                                      const PipelineOptions &options) {
  // The shared fused structure with the NVGPU description, then the
  // kernels made from it.
  AttnNvgpuFuseOptions fuse;
  fuse.chip = options.chip;
  fuse.queryTile = options.queryTile;
  pm.addPass(createAttnNvgpuFuse(fuse));
  AttnNvgpuKernelsOptions kernels;
  kernels.chip = options.chip;
  pm.addPass(createAttnNvgpuKernels(kernels));
  gpu::GPUToNVVMPipelineOptions nvvm;
  nvvm.cubinChip = chipName(options.chip).str();
  // PTX 8.0 is the first with sm_90a; ptxas from CUDA 12 and 13 take it.
  // (The upstream default, +ptx60, makes the NVPTX backend abort for sm_80.)
  nvvm.cubinFeatures = "+ptx80";
  nvvm.cubinFormat = options.format == BinaryFormat::bin ? "bin" : "isa";
  // Kernels take plain device pointers: what attn-gpu-run passes.
  nvvm.kernelUseBarePtrCallConv = true;
  nvvm.optLevel = 3;
  gpu::buildLowerToNVVMPassPipeline(pm, nvvm);
  pm.addPass(std::make_unique<StripTimingsPass>());
}

void mlir::attn::nvgpu::registerNvgpuPasses() {
  registerAttnNvgpuPasses();
  PassPipelineRegistration<PipelineOptions>(
      "attn-nvgpu-pipeline",
      "Lower attn.attention entry functions to tensor-core GPU kernels and a "
      "gpu.binary (cubin via ptxas, or PTX with format=isa)",
      buildPipeline);
}
