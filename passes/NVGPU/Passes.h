//===- Passes.h - NVGPU codegen passes and pipeline -------------*- C++ -*-===//
#ifndef ATTN_TARGET_NVGPU_PASSES_H
#define ATTN_TARGET_NVGPU_PASSES_H

#include "attn/Support/EnumOption.h"
#include "passes/Tiling/FusedTarget.h"

#include "mlir/Pass/Pass.h"
#include "mlir/Pass/PassOptions.h"

#include <memory>

namespace mlir {
namespace attn {
namespace nvgpu {

/// GPU architectures the NVGPU target builds for.
enum class Chip { sm_80, sm_90a };
/// "sm_80", "sm_90a".
llvm::StringRef chipName(Chip chip);

/// Cubin or PTX text in the gpu.binary.
enum class BinaryFormat { bin, isa };
/// Query rows per thread block; automatic: 128 for ops with no pattern or
/// block table, 64 otherwise.
enum class QueryTile { automatic, rows64, rows128 };

} // namespace nvgpu
} // namespace attn
} // namespace mlir

// Options of these types list their values when rejected.
ATTN_ENUM_OPTION(mlir::attn::nvgpu::Chip)
ATTN_ENUM_OPTION(mlir::attn::nvgpu::BinaryFormat)
ATTN_ENUM_OPTION(mlir::attn::nvgpu::QueryTile)

namespace mlir {
namespace attn {
namespace nvgpu {

/// The NVGPU target's description of the shared fused structure
/// (passes/Tiling/FusedTarget.h): 64 x 64 tiles (four warps of 16 query
/// rows), #gpu.block mapping, row-major K (the mma.sync B operand), 16-bit
/// Q and P, short tiles passed with their size (predicated loads), no
/// split-KV.
FusedTargetOptions nvgpuFusedTarget(Chip chip,
                                    QueryTile queryTile = QueryTile::rows64);

llvm::StringRef formatName(BinaryFormat format);

/// Options of --attn-nvgpu-pipeline.
struct PipelineOptions : public PassPipelineOptions<PipelineOptions> {
  Option<Chip> chip{
      *this, "chip", llvm::cl::desc("GPU architecture"),
                    llvm::cl::init(Chip::sm_80),
                    llvm::cl::values(clEnumValN(Chip::sm_80, "sm_80", "Ampere"),
                                     clEnumValN(Chip::sm_90a, "sm_90a",
                                                "Hopper"))};
  Option<QueryTile> queryTile{
      *this, "query-tile",
      llvm::cl::desc("Query rows per thread block (a warp per 16 rows)"),
      llvm::cl::init(QueryTile::automatic),
      llvm::cl::values(clEnumValN(QueryTile::automatic, "auto",
                                  "128 without a pattern, else 64"),
                       clEnumValN(QueryTile::rows64, "64", "4 warps"),
                       clEnumValN(QueryTile::rows128, "128", "8 warps"))};
  Option<BinaryFormat> format{
      *this, "format",
      llvm::cl::desc("What the gpu.binary holds: bin (cubin, via ptxas) or "
                     "isa (PTX text)"),
      llvm::cl::init(BinaryFormat::bin),
      llvm::cl::values(clEnumValN(BinaryFormat::bin, "bin", "cubin"),
                       clEnumValN(BinaryFormat::isa, "isa", "PTX text"))};
};

/// attn.attention -> the shared fused structure (attn-nvgpu-fuse) ->
/// kernels (attn-nvgpu-kernels), then upstream's
/// GPU-to-NVVM lowering and gpu-module-to-binary for `options.chip`.
void buildPipeline(OpPassManager &pm, const PipelineOptions &options);

#define GEN_PASS_DECL
#include "passes/NVGPU/Passes.h.inc"

/// Registers the attn-nvgpu-* passes and --attn-nvgpu-pipeline.
void registerNvgpuPasses();

#define GEN_PASS_REGISTRATION
#include "passes/NVGPU/Passes.h.inc"

} // namespace nvgpu
} // namespace attn
} // namespace mlir

#endif // ATTN_TARGET_NVGPU_PASSES_H
