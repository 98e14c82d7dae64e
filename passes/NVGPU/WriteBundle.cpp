//===- WriteBundle.cpp - kernel binaries and descriptions to files --------===//
#include "Problem.h"
#include "passes/NVGPU/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/BuiltinOps.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace mlir {
namespace attn {
namespace nvgpu {
#define GEN_PASS_DEF_ATTNNVGPUWRITEBUNDLE
#include "passes/NVGPU/Passes.h.inc"
} // namespace nvgpu
} // namespace attn
} // namespace mlir

using namespace mlir;

namespace {

LogicalResult writeFile(Operation *at, StringRef path, StringRef bytes) {
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return at->emitError("cannot write ") << path << ": " << ec.message();
  os << bytes;
  return success();
}

struct WriteBundlePass
    : public mlir::attn::nvgpu::impl::AttnNvgpuWriteBundleBase<
          WriteBundlePass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto descs =
        module->getAttrOfType<DictionaryAttr>(mlir::attn::nvgpu::kKernelsAttr);
    if (!descs) {
      module.emitError("no ") << mlir::attn::nvgpu::kKernelsAttr
                              << " attribute: run --attn-nvgpu-pipeline first";
      return signalPassFailure();
    }
    if (std::error_code ec = llvm::sys::fs::create_directories(dir)) {
      module.emitError("cannot create ") << dir << ": " << ec.message();
      return signalPassFailure();
    }
    for (NamedAttribute entry : descs) {
      StringRef name = entry.getName().strref();
      auto bin = module.lookupSymbol<gpu::BinaryOp>(name);
      if (!bin || bin.getObjects().empty()) {
        module.emitError("kernel '")
            << name << "' has no gpu.binary: run --attn-nvgpu-pipeline first";
        return signalPassFailure();
      }
      auto object = cast<gpu::ObjectAttr>(bin.getObjects()[0]);
      StringRef ext;
      switch (object.getFormat()) {
      case gpu::CompilationTarget::Binary:
        ext = ".cubin";
        break;
      case gpu::CompilationTarget::Assembly:
        ext = ".ptx";
        break;
      default:
        bin.emitError("only cubin (format=bin) and PTX (format=isa) objects "
                      "can be written");
        return signalPassFailure();
      }
      llvm::SmallString<256> base(dir);
      llvm::sys::path::append(base, name);
      // The one place the description becomes text: the .kdesc file.
      auto dict = dyn_cast<DictionaryAttr>(entry.getValue());
      if (!dict) {
        module.emitError("kernel '") << name << "' has a description that "
                                     << "is not a dictionary";
        return signalPassFailure();
      }
      FailureOr<::attn::gpu::KernelDesc> desc =
          mlir::attn::nvgpu::problemFromAttr(module, dict);
      if (failed(desc))
        return signalPassFailure();
      std::string binPath = (base + ext).str(), descPath = (base + ".kdesc").str();
      if (failed(writeFile(bin, binPath, object.getObject().getValue())) ||
          failed(writeFile(bin, descPath, ::attn::gpu::printKernelDesc(*desc))))
        return signalPassFailure();
    }
  }
};

} // namespace
