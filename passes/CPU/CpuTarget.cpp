//===- CpuTarget.cpp - which CPU the CPU pipeline generates code for ------===//
#include "passes/CPU/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/X86TargetParser.h"

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNCPUTARGET
#include "passes/CPU/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;

namespace {
/// Names that are not LLVM CPU names: x86-64-v4, optionally with BF16.
constexpr llvm::StringLiteral kAvx512 = "avx512", kAvx512Bf16 = "avx512-bf16";

/// The vector ISA features of a CPU and an explicit "+f,-g" list, closed
/// under implication (avx512bf16 implies avx512bw, ...).
llvm::StringMap<bool> cpuFeatures(StringRef name, StringRef extra) {
  SmallVector<StringRef> implied;
  llvm::X86::getFeaturesForCPU(name, implied, /*NeedPlus=*/false);
  llvm::StringMap<bool> features;
  // updateImpliedFeatures sets what a feature implies, not the feature.
  auto set = [&](StringRef f, bool enabled) {
    features[f] = enabled;
    llvm::X86::updateImpliedFeatures(f, enabled, features);
  };
  for (StringRef f : implied)
    set(f, true);
  SmallVector<StringRef> list;
  extra.split(list, ',', -1, /*KeepEmpty=*/false);
  for (StringRef f : list)
    set(f.drop_front(), f.front() == '+');
  return features;
}

/// Only the instruction set extensions generated code may use (other
/// entries, such as "64bit" or "cx8", are named differently on the host).
bool isVectorIsaFeature(StringRef f) {
  return f.starts_with("sse") || f.starts_with("ssse") ||
         f.starts_with("avx") || f.starts_with("fma") || f == "f16c" ||
         f.starts_with("amx");
}
} // namespace

LogicalResult attn::checkCpuName(StringRef cpu, std::string &why) {
  if (cpu == "host" || cpu == kAvx512 || cpu == kAvx512Bf16)
    return success();
  if (llvm::X86::parseArchX86(cpu, /*Only64Bit=*/true) != llvm::X86::CK_None)
    return success();
  why = "unknown CPU '" + cpu.str() +
        "': expected host, avx512, avx512-bf16 or an x86-64 CPU that LLVM "
        "knows (x86-64-v2, x86-64-v3, x86-64-v4, skylake-avx512, znver4, "
        "sapphirerapids, ...)";
  return failure();
}

attn::CpuTarget attn::resolveCpuTarget(StringRef cpu) {
  CpuTarget t;
  llvm::StringMap<bool> features;
  if (cpu == "host") {
    t.name = llvm::sys::getHostCPUName().str();
    features = llvm::sys::getHostCPUFeatures();
    SmallVector<std::string> list;
    for (const auto &f : features)
      list.push_back((f.second ? "+" : "-") + f.first().str());
    llvm::sort(list); // deterministic output
    t.features = llvm::join(list, ",");
  } else {
    bool alias = cpu == kAvx512 || cpu == kAvx512Bf16;
    std::string why;
    t.name = alias ? "x86-64-v4" : failed(checkCpuName(cpu, why)) ? "x86-64"
                                                                    : cpu.str();
    // x86-64-v4 does not include AVX512-BF16 (Cooper Lake, Sapphire Rapids,
    // Zen 4 and later have it).
    if (cpu == kAvx512Bf16)
      t.features = "+avx512bf16";
    features = cpuFeatures(t.name, t.features);
  }
  t.vectorBits = features.lookup("avx512f") ? 512
                 : features.lookup("avx")   ? 256
                                            : 128;
  t.bf16Dot = features.lookup("avx512bf16");
  return t;
}

SmallVector<std::string>
attn::featuresMissingOnHost(const CpuTarget &target) {
  llvm::StringMap<bool> host = llvm::sys::getHostCPUFeatures();
  llvm::StringMap<bool> needed = cpuFeatures(target.name, target.features);
  SmallVector<std::string> missing;
  for (const auto &f : needed)
    if (f.second && isVectorIsaFeature(f.first()) && !host.lookup(f.first()))
      missing.push_back(f.first().str());
  llvm::sort(missing);
  return missing;
}

namespace {
struct AttnCpuTargetPass
    : public attn::impl::AttnCpuTargetBase<AttnCpuTargetPass> {
  using AttnCpuTargetBase::AttnCpuTargetBase;
  void runOnOperation() override {
    // Options set from C++ skip the command-line parser's check.
    std::string why;
    if (failed(attn::checkCpuName(cpu, why))) {
      getOperation().emitError("attn-cpu-target: ") << why;
      return signalPassFailure();
    }
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
