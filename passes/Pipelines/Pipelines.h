//===- Pipelines.h - attn ops to LLVM, for a form and a target --*- C++ -*-===//
//
// The library form of `attn-opt --attn-lower-to-llvm` and of attn-run's
// `--pipeline=fused|unfused`: one call that lowers every attn op
// (attention, linear_attention, block_score, block_select) to the LLVM
// dialect for a codegen target.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_PIPELINES_PIPELINES_H
#define ATTN_PIPELINES_PIPELINES_H

#include "attn/Support/EnumOption.h"
#include "passes/CPU/CpuName.h"
#include "passes/NVGPU/Passes.h"

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;
namespace attn {

/// How softmax attention is lowered.
enum class LoweringForm {
  /// FlashAttention: the fused tile structure (--attn-fuse).
  Fused,
  /// The unfused baseline that materializes the scores (--attn-decompose).
  Unfused
};

/// Where the lowered code runs.
enum class LoweringTarget {
  /// A CPU: LLVM dialect for the `cpu` option.
  Cpu,
  /// NVIDIA GPUs: tensor-core kernels in a gpu.binary (--attn-nvgpu-pipeline).
  Nvgpu
};

} // namespace attn
} // namespace mlir

// form= and target= list their values when rejected.
ATTN_ENUM_OPTION(mlir::attn::LoweringForm)
ATTN_ENUM_OPTION(mlir::attn::LoweringTarget)

namespace mlir {
namespace attn {

struct LoweringPipelineOptions
    : public PassPipelineOptions<LoweringPipelineOptions> {
  Option<LoweringForm> form{
      *this, "form", llvm::cl::desc("How softmax attention is lowered"),
      llvm::cl::init(LoweringForm::Fused),
      llvm::cl::values(
          clEnumValN(LoweringForm::Fused, "fused",
                     "the fused online-softmax structure (FlashAttention)"),
          clEnumValN(LoweringForm::Unfused, "unfused",
                     "the unfused baseline (materializes the scores)"))};
  Option<LoweringTarget> target{
      *this, "target", llvm::cl::desc("Where the code runs"),
      llvm::cl::init(LoweringTarget::Cpu),
      llvm::cl::values(
          clEnumValN(LoweringTarget::Cpu, "cpu",
                     "a CPU (the `cpu` option): LLVM dialect"),
          clEnumValN(LoweringTarget::Nvgpu, "nvgpu",
                     "NVIDIA GPUs (`chip`, `gpu-format`, `query-tile`): "
                     "tensor-core kernels in a gpu.binary, as "
                     "--attn-nvgpu-pipeline; fused form only"))};
  Option<nvgpu::Chip> chip{
      *this, "chip", llvm::cl::desc("target=nvgpu: GPU architecture"),
      llvm::cl::init(nvgpu::Chip::sm_80),
      llvm::cl::values(clEnumValN(nvgpu::Chip::sm_80, "sm_80", "Ampere"),
                       clEnumValN(nvgpu::Chip::sm_90a, "sm_90a", "Hopper"))};
  Option<nvgpu::BinaryFormat> gpuFormat{
      *this, "gpu-format",
      llvm::cl::desc("target=nvgpu: what the gpu.binary holds"),
      llvm::cl::init(nvgpu::BinaryFormat::bin),
      llvm::cl::values(
          clEnumValN(nvgpu::BinaryFormat::bin, "bin", "cubin, via ptxas"),
          clEnumValN(nvgpu::BinaryFormat::isa, "isa", "PTX text"))};
  Option<nvgpu::QueryTile> queryTile{
      *this, "query-tile",
      llvm::cl::desc("target=nvgpu: query rows per thread block"),
      llvm::cl::init(nvgpu::QueryTile::automatic),
      llvm::cl::values(clEnumValN(nvgpu::QueryTile::automatic, "auto",
                                  "128 without a pattern, else 64"),
                       clEnumValN(nvgpu::QueryTile::rows64, "64", "4 warps"),
                       clEnumValN(nvgpu::QueryTile::rows128, "128",
                                  "8 warps"))};
  Option<CpuName> cpu{
      *this, "cpu",
      llvm::cl::desc("CPU target: avx512 (default), x86-64-v3, avx512-bf16, "
                     "host (this machine) or an x86-64 CPU name of LLVM's"),
      llvm::cl::init(kDefaultCpu)};
  Option<unsigned> numThreads{
      *this, "num-threads",
      llvm::cl::desc("Threads the fused form's split-KV heuristic fills "
                     "(0: the target's default, 8)"),
      llvm::cl::init(0)};
  Option<bool> parallel{*this, "parallel",
                        llvm::cl::desc("Run parallel loops on OpenMP threads"),
                        llvm::cl::init(true)};
};

/// Appends the passes that take every attn op to the LLVM dialect. An attn
/// op still present after the lowering passes is an error naming the pass
/// that lowers it (--attn-check-lowered).
void buildLoweringPipeline(OpPassManager &pm,
                           const LoweringPipelineOptions &options);

/// Registers --attn-lower-to-llvm (and --attn-cpu-pipeline).
void registerPipelines();

} // namespace attn
} // namespace mlir

#endif // ATTN_PIPELINES_PIPELINES_H
