//===- CpuPipeline.cpp - --attn-cpu-pipeline ------------------------------===//
//
// From the tensor-level output of any attn lowering to the LLVM dialect for
// the host CPU: one-shot bufferization with identity-layout function
// boundaries (so callers pass plain dense memrefs), ownership-based
// deallocation, loops (parallel loops on OpenMP when asked), then LLVM.
//
//===----------------------------------------------------------------------===//
#include "passes/CPU/Passes.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Vector/Transforms/Passes.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

void mlir::attn::buildCpuPipeline(OpPassManager &pm,
                                  const CpuPipelineOptions &options) {
  // Per-tile steps of the fused structure first: the CPU's decomposition.
  buildCpuStepLowering(pm, options.cpu);
  buildCpuCodegen(pm, options);
}

void mlir::attn::buildCpuStepLowering(OpPassManager &pm, StringRef cpu) {
  attn::AttnCpuLowerStepOptions stepOptions;
  stepOptions.vectorBits = attn::resolveCpuTarget(cpu).vectorBits;
  pm.addPass(attn::createAttnCpuLowerStep(stepOptions));
}

void mlir::attn::buildCpuCodegen(OpPassManager &pm,
                                 const CpuPipelineOptions &options) {
  attn::CpuTarget target = attn::resolveCpuTarget(options.cpu);
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  attn::AttnCpuApproximateMathOptions mathOptions;
  mathOptions.avx512Scalef = target.vectorBits >= 512;
  pm.addPass(attn::createAttnCpuApproximateMath(mathOptions));
  attn::AttnCpuVectorizeOptions vecOptions;
  vecOptions.vectorBits = target.vectorBits;
  vecOptions.bf16Dot = target.bf16Dot;
  pm.addPass(attn::createAttnCpuVectorize(vecOptions));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  bufferization::OneShotBufferizePassOptions bufOpts;
  bufOpts.bufferizeFunctionBoundaries = true;
  // The fused key loops carry (m, l, acc) tensors that are updated out of
  // place within an iteration.
  bufOpts.allowReturnAllocsFromLoops = true;
  bufOpts.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  pm.addPass(bufferization::createOneShotBufferizePass(bufOpts));
  bufferization::buildBufferDeallocationPipeline(pm);
  pm.addPass(createConvertBufferizationToMemRefPass());
  pm.addPass(attn::createAttnCpuCheckAllocations());

  pm.addPass(attn::createAttnCpuLinalgToLoops());
  if (options.parallel) {
    pm.addPass(createForallToParallelLoopPass());
    pm.addPass(createConvertSCFToOpenMPPass());
    pm.addPass(attn::createAttnCpuInlineAllocaScopes());
  } else {
    pm.addPass(createForallToForLoopPass());
    pm.addPass(createParallelForToNestedForsPass());
  }
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createLoopInvariantCodeMotionPass());
  pm.addPass(memref::createExpandStridedMetadataPass());
  // expand-strided-metadata and the tensor.pad lowering create affine.apply.
  pm.addPass(createLowerAffinePass());
  // Vector ops: transfers of n-d vectors to loops of 1-d ones, reductions
  // and contractions to FMAs and shuffles.
  // Fully unrolled: the loop form stages vectors through stack buffers
  // allocated inside the key loop, which grows the stack every iteration.
  pm.addPass(createConvertVectorToSCFPass(
      VectorTransferToSCFOptions().enableFullUnroll()));
  // Row reductions reduce the innermost (contiguous) dim: a tree of vector
  // ops plus one horizontal reduction, not a scalar chain.
  pm.addNestedPass<func::FuncOp>(vector::createLowerVectorMultiReductionPass(
      vector::VectorMultiReductionLowering::InnerReduction));
  pm.addPass(createSCFToControlFlowPass());
  ConvertVectorToLLVMPassOptions vecOpts;
  vecOpts.reassociateFPReductions = true;
  vecOpts.vectorContractLowering = vector::VectorContractLowering::OuterProduct;
  vecOpts.vectorTransposeLowering = vector::VectorTransposeLowering::Shuffle1D;
  // x86vector ops: bf16 dot products, AVX-512 vscalefps (exp).
  vecOpts.x86Vector = target.bf16Dot || target.vectorBits >= 512;
  pm.addPass(createConvertVectorToLLVMPass(vecOpts));
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
  attn::AttnCpuTargetOptions targetOptions;
  targetOptions.cpu = options.cpu;
  pm.addPass(attn::createAttnCpuTarget(targetOptions));
}
