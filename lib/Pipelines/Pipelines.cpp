//===- Pipelines.cpp - attn ops to LLVM, for a form and a target ----------===//
#include "attn/Pipelines/Pipelines.h"
#include "attn/Target/CPU/Passes.h"
#include "attn/Transforms/Passes.h"

#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"

using namespace mlir;
using namespace mlir::attn;

void mlir::attn::buildLoweringPipeline(OpPassManager &pm,
                                       const LoweringPipelineOptions &options) {
  pm.addPass(createAttnLowerBlockOps());
  if (options.form == LoweringForm::Fused) {
    AttnFuseOptions fuse;
    fuse.numThreads = options.numThreads;
    // bf16 Q K^T and P V go to the dot-product instructions where the
    // target has them (AVX512-BF16).
    fuse.bf16Dot = resolveCpuTarget(options.cpu).bf16Dot;
    pm.addPass(createAttnFuse(fuse));
  }
  // The unfused form, and ops the fused one leaves alone (dynamic head
  // dims), are decomposed.
  pm.addPass(createAttnDecompose());
  pm.addPass(createAttnLowerLinear());
  // The target's step lowering, then nothing of the dialect may be left.
  pm.addPass(createAttnCpuLowerStep());
  pm.addPass(createAttnCheckLowered());
  CpuPipelineOptions cpu;
  cpu.cpu = options.cpu;
  cpu.parallel = options.parallel;
  buildCpuPipeline(pm, cpu);
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
