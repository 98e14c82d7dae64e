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
                              int64_t kvSplits, int64_t numThreads,
                              bool bf16Dot = false,
                              StringRef blockLists = "auto");

/// Patterns that lower attn.linear_attention to its O(S) forms
/// (--attn-lower-linear).
void populateAttnLowerLinearPatterns(RewritePatternSet &patterns);

/// Options of --attn-cpu-pipeline.
struct CpuPipelineOptions : public PassPipelineOptions<CpuPipelineOptions> {
  Option<std::string> cpu{
      *this, "cpu",
      llvm::cl::desc("Target CPU: host, x86-64-v3, avx512, avx512-bf16 or an "
                     "LLVM CPU name"),
      llvm::cl::init("host")};
  Option<bool> parallel{*this, "parallel",
                        llvm::cl::desc("Run parallel loops on OpenMP threads"),
                        llvm::cl::init(true)};
};

/// Bufferizes and lowers the output of any attn lowering to the LLVM
/// dialect for the host CPU.
void buildCpuPipeline(OpPassManager &pm, const CpuPipelineOptions &options);

/// The CPU a `cpu` option names: its LLVM name, explicit features (for
/// `host`, the detected ones) and vector register width in bits.
struct CpuTarget {
  std::string name, features;
  int64_t vectorBits = 128;
  /// AVX512-BF16: vdpbf16ps (bf16 pair dot products into f32).
  bool bf16Dot = false;
};
CpuTarget resolveCpuTarget(llvm::StringRef cpu);

/// Registers the attn-* passes and pipelines with the global registry.
void registerPasses();

#define GEN_PASS_REGISTRATION
#include "attn/passes/Passes.h.inc"

} // namespace attn
} // namespace mlir

#endif // ATTN_PASSES_H
