//===- CpuTarget.cpp - which CPU the CPU pipeline generates code for ------===//
#include "passes/CPU/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/TargetParser/Host.h"

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNCPUTARGET
#include "passes/CPU/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;

static std::string &defaultCpuName() {
  static std::string name = "avx512";
  return name;
}
std::string attn::defaultCpu() { return defaultCpuName(); }
void attn::setDefaultCpu(StringRef cpu) { defaultCpuName() = cpu.str(); }

attn::CpuTarget attn::resolveCpuTarget(StringRef cpu) {
  CpuTarget t;
  if (cpu == "host") {
    t.name = llvm::sys::getHostCPUName().str();
    llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
    SmallVector<std::string> list;
    for (const auto &f : features)
      list.push_back((f.second ? "+" : "-") + f.first().str());
    llvm::sort(list); // deterministic output
    t.features = llvm::join(list, ",");
    t.vectorBits = features.lookup("avx512f") ? 512
                   : features.lookup("avx")   ? 256
                                              : 128;
    t.bf16Dot = features.lookup("avx512bf16");
    return t;
  }
  if (cpu == "avx512" || cpu == "x86-64-v4" || cpu == "avx512-bf16") {
    t.name = "x86-64-v4";
    t.vectorBits = 512;
    // x86-64-v4 does not include AVX512-BF16 (Cooper Lake, Sapphire
    // Rapids, Zen 4 and later have it).
    if (cpu == "avx512-bf16") {
      t.features = "+avx512bf16";
      t.bf16Dot = true;
    }
    return t;
  }
  t.name = cpu.str();
  // x86-64-v3 and most named CPUs of the last decade have 256-bit vectors.
  t.vectorBits = cpu == "x86-64" || cpu == "x86-64-v2" ? 128 : 256;
  return t;
}

namespace {
struct AttnCpuTargetPass
    : public attn::impl::AttnCpuTargetBase<AttnCpuTargetPass> {
  using AttnCpuTargetBase::AttnCpuTargetBase;
  void runOnOperation() override {
    attn::CpuTarget t = attn::resolveCpuTarget(cpu);
    MLIRContext *ctx = &getContext();
    getOperation()->walk([&](LLVM::LLVMFuncOp f) {
      // Private definitions (dealloc_helper, ...) become internal, so that
      // objects of several kernels link into one program without clashes.
      if (f.isPrivate() && !f.isExternal())
        f.setLinkage(LLVM::Linkage::Internal);
      f.setTargetCpuAttr(StringAttr::get(ctx, t.name));
      if (!t.features.empty())
        f.setTargetFeaturesAttr(LLVM::TargetFeaturesAttr::get(ctx, t.features));
    });
  }
};
} // namespace
