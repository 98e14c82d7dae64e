//===- DialectPlugin.cpp - the attn dialect as an mlir-opt plugin ---------===//
//
//   mlir-opt-22 --load-dialect-plugin=<prefix>/lib/AttnDialectPlugin.so
//
// The dialect itself lives in libAttnOpt.so, shared with the pass plugin,
// so that both plugins use one copy of its TypeIDs.
//
//===----------------------------------------------------------------------===//
#include "attn/Registration.h"

#include "mlir/Tools/Plugins/DialectPlugin.h"
#include "llvm/Config/llvm-config.h"

extern "C" LLVM_ATTRIBUTE_WEAK ::mlir::DialectPluginLibraryInfo
mlirGetDialectPluginInfo() {
  return {MLIR_PLUGIN_API_VERSION, "Attn", LLVM_VERSION_STRING,
          [](::mlir::DialectRegistry *registry) {
            ::attn::registerDialects(*registry);
          }};
}
