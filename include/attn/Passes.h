//===- Passes.h - attn passes and pipelines ---------------------*- C++ -*-===//
#ifndef ATTN_PASSES_H
#define ATTN_PASSES_H

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassOptions.h"

#include <memory>

namespace mlir {
class RewritePatternSet;
namespace attn {

#define GEN_PASS_DECL
#include "attn/passes/Passes.h.inc"

/// Patterns that rewrite attn.attention into unfused linalg on tensors.
void populateAttnDecomposePatterns(RewritePatternSet &patterns);

/// Patterns that rewrite attn.attention into the fused online-softmax form
/// (see --attn-fuse for the options; 0 picks defaults).
void populateAttnFusePatterns(RewritePatternSet &patterns, int64_t queryTile,
                              int64_t keyTile, StringRef splitKV,
                              int64_t kvSplits, int64_t numThreads);

/// Options of --attn-cpu-pipeline.
struct CpuPipelineOptions : public PassPipelineOptions<CpuPipelineOptions> {
  Option<bool> parallel{*this, "parallel",
                        llvm::cl::desc("Run parallel loops on OpenMP threads"),
                        llvm::cl::init(true)};
};

/// Bufferizes and lowers the output of any attn lowering to the LLVM
/// dialect for the host CPU.
void buildCpuPipeline(OpPassManager &pm, const CpuPipelineOptions &options);

/// Registers the attn-* passes and pipelines with the global registry.
void registerPasses();

#define GEN_PASS_REGISTRATION
#include "attn/passes/Passes.h.inc"

} // namespace attn
} // namespace mlir

#endif // ATTN_PASSES_H
