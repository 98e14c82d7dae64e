//===- Pipelines.cpp - attn ops to LLVM, for a form and a target ----------===//
#include "passes/Pipelines/Pipelines.h"
#include "passes/CPU/Passes.h"
#include "passes/NVGPU/Passes.h"
#include "passes/Forms/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;
using namespace mlir::attn;

namespace {
/// Fails with a diagnostic: an option combination that has no lowering
/// (pipelines are built before any IR is seen, so the error comes here).
struct UnsupportedLoweringPass
    : public PassWrapper<UnsupportedLoweringPass, OperationPass<ModuleOp>> {
  MLIR_DEFINE_EXPLICIT_INTERNAL_INLINE_TYPE_ID(UnsupportedLoweringPass)
  explicit UnsupportedLoweringPass(std::string why) : why(std::move(why)) {}
  StringRef getArgument() const override { return "attn-unsupported-lowering"; }
  void runOnOperation() override {
    getOperation().emitError(why);
    signalPassFailure();
  }
  std::string why;
};
} // namespace

void mlir::attn::buildLoweringPipeline(OpPassManager &pm,
                                       const LoweringPipelineOptions &options) {
  if (options.target == LoweringTarget::Nvgpu) {
    if (options.form != LoweringForm::Fused) {
      pm.addPass(std::make_unique<UnsupportedLoweringPass>(
          "attn-lower-to-llvm: target=nvgpu has only the fused form (the "
          "unfused baseline is a CPU lowering)"));
      return;
    }
    nvgpu::PipelineOptions gpu;
    gpu.chip = options.chip;
    gpu.format = options.gpuFormat;
    gpu.queryTile = options.queryTile;
    nvgpu::buildPipeline(pm, gpu);
    return;
  }
  pm.addPass(createAttnLowerBlockOps());
  if (options.form == LoweringForm::Fused) {
    AttnFuseOptions fuse;
    fuse.numThreads = options.numThreads;
    // 16-bit inputs keep P in f32 and run the CPU step's register kernel
    // (tiles converted to f32 once per step). The bf16 dot-product form
    // (attn-fuse{bf16-dot=true}) goes through the generic linalg codegen and
    // measured 1.9x slower on an AVX512-BF16 Xeon whose vdpbf16ps runs at
    // half the f32 FMA rate (docs/passes.md, bench/results/peers.md).
    pm.addPass(createAttnFuse(fuse));
  }
  // The unfused form, and ops the fused one leaves alone (dynamic head
  // dims), are decomposed.
  pm.addPass(createAttnDecompose());
  pm.addPass(createAttnLowerLinear());
  // The target's step lowering, then nothing of the dialect may be left.
  buildCpuStepLowering(pm, options.cpu);
  pm.addPass(createAttnCheckLowered());
  CpuPipelineOptions cpu;
  cpu.cpu = options.cpu;
  cpu.parallel = options.parallel;
  buildCpuCodegen(pm, cpu);
}

void mlir::attn::registerPipelines() {
  PassPipelineRegistration<CpuPipelineOptions>(
      "attn-cpu-pipeline",
      "Lower the output of any attn lowering (per-tile steps included) to "
      "the LLVM dialect for a CPU",
      buildCpuPipeline);
  PassPipelineRegistration<LoweringPipelineOptions>(
      "attn-lower-to-llvm",
      "Lower every attn op to the LLVM dialect: fused or unfused form, for "
      "a target",
      buildLoweringPipeline);
}
