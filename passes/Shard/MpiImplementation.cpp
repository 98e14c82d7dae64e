//===- MpiImplementation.cpp - the MPI library the lowering targets ------===//
#include "passes/Shard/Passes.h"

namespace mlir {
namespace attn {
#define GEN_PASS_DEF_ATTNMPIIMPLEMENTATION
#include "passes/Shard/Passes.h.inc"
} // namespace attn
} // namespace mlir

using namespace mlir;

namespace {

constexpr llvm::StringLiteral kKey = "MPI:Implementation";

struct MpiImplementation
    : public attn::impl::AttnMpiImplementationBase<MpiImplementation> {
  using Base::Base;
  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (implementation != "MPICH" && implementation != "OpenMPI") {
      module.emitError() << "unknown MPI implementation '" << implementation
                         << "' (MPICH or OpenMPI)";
      return signalPassFailure();
    }
    MLIRContext *ctx = module.getContext();
    SmallVector<DataLayoutEntryInterface> entries;
    // The lowering reads the module's dlti.map attribute.
    auto map = module->getAttrOfType<MapAttr>("dlti.map");
    if (map) {
      for (DataLayoutEntryInterface e : map.getEntries()) {
        auto key = dyn_cast<StringAttr>(e.getKey());
        if (key && key.getValue() == kKey)
          return;
        entries.push_back(e);
      }
    }
    entries.push_back(DataLayoutEntryAttr::get(
        StringAttr::get(ctx, kKey), StringAttr::get(ctx, implementation)));
    module->setAttr("dlti.map", MapAttr::get(ctx, entries));
  }
};

} // namespace
