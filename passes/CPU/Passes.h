//===- Passes.h - CPU codegen of attn lowerings -----------------*- C++ -*-===//
//
// The CPU target: register tiling and vectorization of the tiles the
// target-neutral passes emit, bufferization, OpenMP threads, LLVM.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_TARGET_CPU_PASSES_H
#define ATTN_TARGET_CPU_PASSES_H

#include "attn/Support/EnumOption.h"
#include "passes/CPU/CpuName.h"

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassOptions.h"

#include <memory>

namespace mlir {
class RewritePatternSet;
namespace attn {

/// How --attn-cpu-lower-step decomposes a step (its `kernel` option).
enum class CpuStepKernel { Registers, Linalg };

} // namespace attn
} // namespace mlir

// kernel= lists its values when rejected.
ATTN_ENUM_OPTION(mlir::attn::CpuStepKernel)

namespace mlir {
namespace attn {

#define GEN_PASS_DECL
#include "passes/CPU/Passes.h.inc"

/// Patterns that decompose attn.online_attention for the CPU
/// (--attn-cpu-lower-step).
/// `vectorBits`: the target's vector register width (the register
/// micro-kernel's lanes and register budget).
void populateCpuLowerStepPatterns(
    RewritePatternSet &patterns,
    CpuStepKernel kernel = CpuStepKernel::Registers,
    int64_t vectorBits = 512);

/// Options of --attn-cpu-pipeline.
struct CpuPipelineOptions : public PassPipelineOptions<CpuPipelineOptions> {
  Option<CpuName> cpu{
      *this, "cpu",
      llvm::cl::desc("Target CPU: avx512 (default), x86-64-v3, avx512-bf16, "
                     "host (this machine) or an x86-64 CPU name of LLVM's"),
      llvm::cl::init(kDefaultCpu)};
  Option<bool> parallel{*this, "parallel",
                        llvm::cl::desc("Run parallel loops on OpenMP threads"),
                        llvm::cl::init(true)};
};

/// Bufferizes and lowers the output of any attn lowering to the LLVM
/// dialect for the CPU `options.cpu` names: buildCpuStepLowering, then
/// buildCpuCodegen.
void buildCpuPipeline(OpPassManager &pm, const CpuPipelineOptions &options);

/// The CPU's lowering of attn.online_attention (--attn-cpu-lower-step) for
/// the vector width of `cpu`.
void buildCpuStepLowering(OpPassManager &pm, llvm::StringRef cpu);

/// Everything after the step lowering: vectorization, bufferization,
/// threads, LLVM, the function attributes of the target CPU.
void buildCpuCodegen(OpPassManager &pm, const CpuPipelineOptions &options);


#define GEN_PASS_REGISTRATION
#include "passes/CPU/Passes.h.inc"

} // namespace attn
} // namespace mlir

#endif // ATTN_TARGET_CPU_PASSES_H
