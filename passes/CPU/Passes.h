//===- Passes.h - CPU codegen of attn lowerings -----------------*- C++ -*-===//
//
// The CPU target: register tiling and vectorization of the tiles the
// target-neutral passes emit, bufferization, OpenMP threads, LLVM.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_TARGET_CPU_PASSES_H
#define ATTN_TARGET_CPU_PASSES_H

#include "attn/Support/EnumOption.h"

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassOptions.h"

#include <memory>

namespace mlir {
class RewritePatternSet;
namespace attn {

std::string defaultCpu();

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

/// The CPU that `cpu` options default to: "avx512" (x86-64-v4), so that
/// attn-opt's output never depends on the machine it runs on. Tools that
/// run what they compile (attn-run) set "host".
std::string defaultCpu();
void setDefaultCpu(llvm::StringRef cpu);

/// Options of --attn-cpu-pipeline.
struct CpuPipelineOptions : public PassPipelineOptions<CpuPipelineOptions> {
  Option<std::string> cpu{
      *this, "cpu",
      llvm::cl::desc("Target CPU: avx512 (default), x86-64-v3, avx512-bf16, "
                     "host (this machine) or an LLVM CPU name"),
      llvm::cl::init(defaultCpu())};
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

#define GEN_PASS_REGISTRATION
#include "passes/CPU/Passes.h.inc"

} // namespace attn
} // namespace mlir

#endif // ATTN_TARGET_CPU_PASSES_H
