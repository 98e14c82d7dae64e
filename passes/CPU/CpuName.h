//===- CpuName.h - the CPU a `cpu` option names -----------------*- C++ -*-===//
//
// Every `cpu` option of the CPU stage (--attn-cpu-pipeline, --attn-cpu-target,
// --attn-lower-to-llvm) is a CpuName: a string that llvm::cl checks against
// LLVM's x86 CPU table when the option is parsed, so an unknown name is
// rejected there, with the accepted ones listed, instead of surfacing later
// as a code generation failure. What a name implies (vector width, BF16 dot
// products) comes from the same table, never from the spelling of the name.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_PASSES_CPU_CPUNAME_H
#define ATTN_PASSES_CPU_CPUNAME_H

#include "mlir/Support/LLVM.h"
#include "llvm/Support/CommandLine.h"

#include <string>

namespace mlir {
namespace attn {

/// What `cpu` options default to: AVX-512 (x86-64-v4), so that the output
/// of attn-opt never depends on the machine it runs on. Tools that run what
/// they compile say `host` explicitly.
constexpr const char *kDefaultCpu = "avx512";

/// A `cpu` option's value: `host` (this machine, with its detected
/// features), `avx512` (x86-64-v4), `avx512-bf16` (x86-64-v4 with
/// AVX512-BF16) or an x86-64 CPU name from LLVM's table (x86-64-v3, znver4,
/// sapphirerapids, ...).
struct CpuName : std::string {
  CpuName() : std::string(kDefaultCpu) {}
  CpuName(const char *s) : std::string(s) {}
  CpuName(std::string s) : std::string(std::move(s)) {}
  CpuName(llvm::StringRef s) : std::string(s.str()) {}
};

/// Succeeds for the names a CpuName accepts; else `why` says which are.
LogicalResult checkCpuName(llvm::StringRef cpu, std::string &why);

/// The CPU a valid name selects: its LLVM name, the features to add to it
/// (for `host`, the detected ones) and what the code generator reads from
/// them: the vector register width and AVX512-BF16 dot products.
struct CpuTarget {
  std::string name, features;
  int64_t vectorBits = 128;
  /// AVX512-BF16: vdpbf16ps (bf16 pair dot products into f32).
  bool bf16Dot = false;
};
/// `cpu` must pass checkCpuName (an unknown name gives the x86-64 baseline).
CpuTarget resolveCpuTarget(llvm::StringRef cpu);

/// The features `target` needs that this machine lacks (empty when it can
/// run code generated for `target`), as LLVM names them ("avx512f", ...).
SmallVector<std::string> featuresMissingOnHost(const CpuTarget &target);

} // namespace attn
} // namespace mlir

namespace llvm {
namespace cl {
/// Parses and checks CpuName options (pass options pick llvm::cl::parser<T>).
template <>
class parser<mlir::attn::CpuName> : public parser<std::string> {
public:
  using parser<std::string>::parser;
  // Returns true on error. (The parsed type stays std::string: llvm::cl
  // converts it to the option's CpuName.)
  bool parse(Option &o, StringRef, StringRef arg, std::string &value) {
    std::string why;
    if (mlir::failed(mlir::attn::checkCpuName(arg, why)))
      return o.error(why);
    value = arg.str();
    return false;
  }
  StringRef getValueName() const override { return "cpu"; }
};
} // namespace cl
} // namespace llvm

#endif // ATTN_PASSES_CPU_CPUNAME_H
