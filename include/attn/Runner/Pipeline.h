//===- Pipeline.h - how a runner lowers a module to LLVM --------*- C++ -*-===//
//
// attn-run, attn-aot, the C runtime and the equivalence check lower what they
// run either with the library's pipeline builder (attn::buildLoweringPipeline
// and its options: the short names `fused`, `unfused`, `plain`, `raised`) or
// with a pass pipeline string a user gave. RunPipeline holds either.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_RUNNER_PIPELINE_H
#define ATTN_RUNNER_PIPELINE_H

#include "mlir/Support/LLVM.h"
#include "llvm/ADT/StringRef.h"

#include <functional>
#include <string>

namespace mlir {
class OpPassManager;
namespace attn {

class RunPipeline {
public:
  /// A user's pass pipeline string, anchored on the module (an explicit
  /// `builtin.module(...)` anchor is accepted).
  static RunPipeline fromText(std::string text);
  /// Passes built in C++; `name` is what messages call it.
  static RunPipeline fromBuilder(std::string name,
                                 std::function<void(OpPassManager &)> build);

  /// Appends the passes to `pm` (anchored on the module); fails with `why`
  /// for a pipeline string that does not parse.
  LogicalResult populate(OpPassManager &pm, std::string &why) const;
  /// The short name or the pipeline string.
  StringRef name() const { return label; }

private:
  std::string label;
  std::function<void(OpPassManager &)> build;
};

/// The short names: `fused` and `unfused` (attn::buildLoweringPipeline for
/// the CPU `cpu`, its split-KV heuristic filling `numThreads` threads),
/// `plain` (linalg/TOSA front-end IR lowered as it is, unfused) and `raised`
/// (--attn-raise first, then fused); any other name is a pipeline string.
RunPipeline resolveRunPipeline(StringRef nameOrText, StringRef cpu,
                               unsigned numThreads);

} // namespace attn
} // namespace mlir

#endif // ATTN_RUNNER_PIPELINE_H
