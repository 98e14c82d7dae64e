//===- PassPlugin.cpp - the attn passes and pipelines as an mlir-opt plugin ===//
//
//   mlir-opt-22 --load-dialect-plugin=<prefix>/lib/AttnDialectPlugin.so \
//               --load-pass-plugin=<prefix>/lib/AttnPassPlugin.so
//
// Registers every attn pass and named pipeline (--attn-fuse,
// --attn-cpu-pipeline, ...). Load the dialect plugin too, so that mlir-opt
// parses attn IR.
//
//===----------------------------------------------------------------------===//
#include "attn/Registration.h"

#include "mlir/Tools/Plugins/PassPlugin.h"
#include "llvm/Config/llvm-config.h"

extern "C" LLVM_ATTRIBUTE_WEAK ::mlir::PassPluginLibraryInfo
mlirGetPassPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "AttnPasses", LLVM_VERSION_STRING,
          []() { ::attn::registerPasses(); }};
}
