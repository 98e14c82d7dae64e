//===- Aot.h - ahead-of-time compilation to an object file ------*- C++ -*-===//
//
// Compiles one attn function to a relocatable object file and a C header
// that declares it with a plain C signature (pointers, and sizes for the
// dynamic dimensions), so that C/C++ programs link kernels without MLIR at
// run time. Only the C entry point is exported: several kernels link into
// one program.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_RUNNER_AOT_H
#define ATTN_RUNNER_AOT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <string>

namespace mlir {
namespace attn {

struct AotOptions {
  /// The C name of the kernel (default: the function's name).
  std::string symbol;
  /// A pass pipeline to the LLVM dialect, or a short name of
  /// resolveRunPipeline (default: `fused`, attn::buildLoweringPipeline for
  /// `cpu`).
  std::string pipeline;
  /// host, x86-64-v3, avx512, avx512-bf16 or an x86-64 CPU name of LLVM's
  /// (attn::checkCpuName).
  std::string cpu = "host";
  /// The source file named in the header's comment.
  std::string sourceName;
};

/// Lowers `entry` of `module` (modified) and writes the object file's bytes
/// to `object` and the C header to `header`.
LogicalResult compileToObject(ModuleOp module, StringRef entry,
                              const AotOptions &options, std::string &object,
                              std::string &header, std::string &why);

} // namespace attn
} // namespace mlir

#endif // ATTN_RUNNER_AOT_H
