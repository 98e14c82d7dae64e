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
  AttnCpuLowerStepOptions step;
  step.vectorBits = resolveCpuTarget(options.cpu).vectorBits;
  pm.addPass(createAttnCpuLowerStep(step));
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
