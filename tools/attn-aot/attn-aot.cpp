//===- attn-aot.cpp - compile an attn function to an object file + header -===//
//
//   attn-aot FILE.mlir --entry=NAME -o KERNEL.o --header=KERNEL.h
//            [--symbol=C_NAME] [--cpu=host|...] [--pipeline=PIPELINE]
//
// See docs/aot.md. Every failure is one "attn-aot: error:" line, exit 1.
//
//===----------------------------------------------------------------------===//
#include "attn/Registration.h"
#include "attn/Runner/Aot.h"
#include "attn/Support/InputGuards.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

static const char *kUsage =
    "usage: attn-aot FILE.mlir --entry=NAME -o KERNEL.o --header=KERNEL.h\n"
    "                [--symbol=C_NAME] [--cpu=host|x86-64-v3|avx512|avx512-bf16]\n"
    "                [--pipeline=PIPELINE]\n"
    "  Compiles function NAME to an object file and a C header declaring\n"
    "  C_NAME (default NAME) with a plain C signature: one pointer per\n"
    "  argument and result (results are written), plus an int64_t size for\n"
    "  each dynamic dimension. Link the object with -lomp -lm. --pipeline\n"
    "  (default: attn-lower-to-llvm{form=fused cpu=C} for --cpu C) must\n"
    "  reach the LLVM dialect.\n";

static int fail(const llvm::Twine &msg) {
  llvm::errs() << "attn-aot: error: " << msg << "\n";
  return 1;
}

static bool writeFile(const std::string &path, const std::string &data,
                      std::string &why) {
  std::error_code ec;
  llvm::ToolOutputFile out(path, ec, llvm::sys::fs::OF_None);
  if (ec) {
    why = "cannot write '" + path + "': " + ec.message();
    return false;
  }
  out.os() << data;
  out.keep();
  return true;
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  std::string input = "-", entry, objectPath, headerPath;
  mlir::attn::AotOptions options;
  bool haveInput = false;
  for (int i = 1; i < argc; ++i) {
    StringRef arg = argv[i];
    if (arg == "-h" || arg == "--help" || arg == "-help") {
      llvm::outs() << kUsage;
      return 0;
    }
    if (!arg.starts_with("-") || arg == "-") {
      if (haveInput)
        return fail("more than one input file");
      input = arg.str();
      haveInput = true;
      continue;
    }
    StringRef name = arg.ltrim('-'), value;
    bool hasValue = name.contains('=');
    if (hasValue)
      std::tie(name, value) = name.split('=');
    if (name != "entry" && name != "o" && name != "header" &&
        name != "symbol" && name != "cpu" && name != "pipeline")
      return fail("unknown option '" + arg + "' (see --help)");
    if (!hasValue) {
      if (i + 1 >= argc)
        return fail("--" + name + " needs a value");
      value = argv[++i];
    }
    if (name == "entry")
      entry = value.str();
    else if (name == "o")
      objectPath = value.str();
    else if (name == "header")
      headerPath = value.str();
    else if (name == "symbol")
      options.symbol = value.str();
    else if (name == "cpu")
      options.cpu = value.str();
    else
      options.pipeline = value.str();
  }
  if (entry.empty() || objectPath.empty() || headerPath.empty())
    return fail("--entry, -o and --header are required (see --help)");
  options.sourceName = input;

  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  registerAllPasses();
  ::attn::registerPasses();
  DialectRegistry registry;
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  ::attn::registerDialects(registry);
  MLIRContext context(registry);
  context.loadAllAvailableDialects();

  std::string why;
  auto file = openInputFile(input, &why);
  if (!file)
    return fail(why);
  if (auto crash = ::attn::findKnownParserCrash(file->getBuffer()))
    return fail(input + ": " + *crash);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(file), llvm::SMLoc());
  SourceMgrDiagnosticHandler diagHandler(sourceMgr, &context);
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &context);
  if (!module)
    return fail("cannot parse '" + input + "'");
  std::string object, header;
  if (failed(mlir::attn::compileToObject(*module, entry, options, object,
                                         header, why)))
    return fail(why);
  if (!writeFile(objectPath, object, why) || !writeFile(headerPath, header, why))
    return fail(why);
  return 0;
}
