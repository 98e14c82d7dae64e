//===- Registration.cpp - public registration entry points ----------------===//
#include "attn/Registration.h"
#include "attn/IR/AttnOps.h"
#include "attn/Passes.h"
#include "passes/Pipelines/Pipelines.h"
#include "passes/NVGPU/Passes.h"
#include "passes/Tiling/AttentionDecomposition.h"
#include "passes/Shard/Passes.h"
#include "passes/Shard/ShardingInterfaceImpl.h"
#include "passes/Tiling/TilingInterfaceImpl.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "mlir/Pass/PassRegistry.h"

void attn::registerDialects(mlir::DialectRegistry &registry) {
  registry.insert<mlir::attn::AttnDialect>();
  mlir::attn::registerTilingInterfaceExternalModels(registry);
  mlir::attn::registerDecompositionExternalModels(registry);
  mlir::attn::registerShardingInterfaceExternalModels(registry);
  mlir::attn::registerMpiMemoryEffectModels(registry);
  // The lowerings create linalg, tensor, scf, vector, memref, LLVM and
  // OpenMP IR and rely on their external interface models (tiling,
  // bufferization, value bounds, LLVM translation): register them all, so a
  // host that embeds only this call gets working pipelines.
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  mlir::registerAllToLLVMIRTranslations(registry);
}

void mlir::attn::registerPasses() {
  registerAttnRaisePasses();
  registerAttnFormsPasses();
  registerAttnCPUPasses();
  registerAttnShardPasses();
  nvgpu::registerNvgpuPasses();
  registerPipelines();
}

void attn::registerPasses() { mlir::attn::registerPasses(); }
