//===- Registration.cpp - public registration entry points ----------------===//
#include "attn/Registration.h"
#include "attn/AttnOps.h"
#include "attn/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Pass/PassRegistry.h"

void attn::registerDialects(mlir::DialectRegistry &registry) {
  registry.insert<mlir::attn::AttnDialect>();
}

void mlir::attn::registerPasses() {
  registerAttnPasses();
  PassPipelineRegistration<CpuPipelineOptions>(
      "attn-cpu-pipeline",
      "Bufferize and lower the output of any attn lowering to the LLVM "
      "dialect for the host CPU",
      buildCpuPipeline);
}

void attn::registerPasses() { mlir::attn::registerPasses(); }
