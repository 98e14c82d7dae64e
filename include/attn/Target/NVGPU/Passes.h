//===- Passes.h - NVGPU codegen passes and pipeline -------------*- C++ -*-===//
#ifndef ATTN_TARGET_NVGPU_PASSES_H
#define ATTN_TARGET_NVGPU_PASSES_H

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

/// The NVGPU target description: the constants the kernel generator uses.
/// Tiles are fixed by the mma.sync fragment layout: 16 query rows per warp.
struct TargetDesc {
  Chip chip = Chip::sm_80;
  int64_t tileQ = 64;  // query rows per block (16 per warp)
  int64_t tileK = 64;  // keys per K/V tile
  int64_t warps = 4;   // tileQ / 16
  int64_t stages = 2;  // K/V shared-memory buffers (cp.async double buffer)
  int64_t smemPad = 8; // elements added to each shared row (bank conflicts)
};

llvm::StringRef formatName(BinaryFormat format);

/// Enum option parser whose error lists the accepted values.
template <typename T, llvm::StringRef (*NameOf)(T)>
struct ListedValuesParser : public llvm::cl::parser<T> {
  using llvm::cl::parser<T>::parser;
  bool parse(llvm::cl::Option &o, llvm::StringRef, llvm::StringRef arg,
             T &value) {
    std::string all;
    for (auto &it : this->Values) {
      if (it.Name == arg) {
        value = it.V.getValue();
        return false;
      }
      all += (all.empty() ? "" : ", ") + it.Name.str();
    }
    return o.error("'" + arg + "' is not one of: " + all);
  }
  static void print(llvm::raw_ostream &os, const T &value) {
    os << NameOf(value);
  }
};

/// Options of --attn-nvgpu-pipeline.
struct PipelineOptions : public PassPipelineOptions<PipelineOptions> {
  Option<Chip, ListedValuesParser<Chip, chipName>> chip{
      *this, "chip", llvm::cl::desc("GPU architecture"),
                    llvm::cl::init(Chip::sm_80),
                    llvm::cl::values(clEnumValN(Chip::sm_80, "sm_80", "Ampere"),
                                     clEnumValN(Chip::sm_90a, "sm_90a",
                                                "Hopper"))};
  Option<BinaryFormat, ListedValuesParser<BinaryFormat, formatName>> format{
      *this, "format",
      llvm::cl::desc("What the gpu.binary holds: bin (cubin, via ptxas) or "
                     "isa (PTX text)"),
      llvm::cl::init(BinaryFormat::bin),
      llvm::cl::values(clEnumValN(BinaryFormat::bin, "bin", "cubin"),
                       clEnumValN(BinaryFormat::isa, "isa", "PTX text"))};
};

/// attn.attention -> kernels (attn-nvgpu-kernels), then upstream's
/// GPU-to-NVVM lowering and gpu-module-to-binary for `options.chip`.
void buildPipeline(OpPassManager &pm, const PipelineOptions &options);

#define GEN_PASS_DECL
#include "attn/Target/NVGPU/Passes.h.inc"

/// Registers the attn-nvgpu-* passes and --attn-nvgpu-pipeline.
void registerNvgpuPasses();

#define GEN_PASS_REGISTRATION
#include "attn/Target/NVGPU/Passes.h.inc"

} // namespace nvgpu
} // namespace attn
} // namespace mlir

#endif // ATTN_TARGET_NVGPU_PASSES_H
