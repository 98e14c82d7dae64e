//===- attn-opt.cpp - mlir-opt with the attn dialect and passes -----------===//
#include "attn/Registration.h"
#include "attn/Support/InputGuards.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

int main(int argc, char **argv) {
  mlir::registerAllPasses();
  attn::registerPasses();

  mlir::DialectRegistry registry;
  mlir::registerAllDialects(registry);
  mlir::registerAllExtensions(registry);
  attn::registerDialects(registry);
  auto [inputFile, outputFile] = mlir::registerAndParseCLIOptions(
      argc, argv, "attn-opt: the attention compiler's optimizer driver\n",
      registry);
  // Input the MLIR 22 parser itself would crash on gets an error instead
  // (files only: stdin can be read once, by the driver).
  if (inputFile != "-") {
    std::string err;
    if (auto buf = mlir::openInputFile(inputFile, &err))
      if (auto why = attn::findKnownParserCrash(buf->getBuffer())) {
        llvm::errs() << inputFile << ": error: " << *why << "\n";
        return 1;
      }
  }
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, inputFile, outputFile, registry));
}
