//===- Io.h - user inputs and outputs of attn-run ---------------*- C++ -*-===//
//
// The iree-run-module style I/O of attn-run: `--input=@q.npy` or
// `--input=1x8x128x64xf32` (seeded data of that shape) per entry argument,
// `--output=@o.npy` and `--expected-output=@o.npy` per result. Entries with
// dynamic sizes are specialized to the sizes the inputs give.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_RUNNER_IO_H
#define ATTN_RUNNER_IO_H

#include "attn/Reference/Npy.h"
#include "attn/Runner/Runner.h"

namespace mlir {
namespace attn {

/// One `--input=` value.
struct InputSpec {
  std::string path;           ///< "@path": read the .npy file
  std::vector<int64_t> shape; ///< "AxBx...[xTYPE]": seeded data of this shape
  std::string typeName;       ///< TYPE, when given
  bool generated() const { return path.empty(); }
};

/// Parses "@file.npy" or a shape "1x8x128x64" (an element type suffix such
/// as "xf32" may follow; argumentShapes checks it against the argument).
LogicalResult parseInputSpec(StringRef text, InputSpec &spec,
                             std::string &why);

/// Parses "@file.npy" (`--output=`, `--expected-output=`) into `path`.
LogicalResult parseFileSpec(StringRef option, StringRef text,
                            std::string &path, std::string &why);

/// The concrete shape of each argument of `entry`: the .npy file's shape,
/// the given shape, or the declared static shape. Fails when a dynamic
/// size is given by nothing or a given size contradicts a static one.
LogicalResult argumentShapes(func::FuncOp entry, ArrayRef<InputSpec> inputs,
                             std::vector<std::vector<int64_t>> &shapes,
                             std::string &why);

/// Whether an argument or result of `entry` has a dynamic size.
bool hasDynamicSizes(func::FuncOp entry);

/// Rewrites `entry` (in place) to take arguments of exactly `shapes`:
/// argument types become static and the results of attn ops (and thereby
/// the function's results) are re-inferred from their operands. Fails on
/// dynamic results of ops it cannot infer.
LogicalResult specializeEntry(func::FuncOp entry,
                              ArrayRef<std::vector<int64_t>> shapes,
                              std::string &why);

/// Replaces the argument buffers named by a file in `inputs` by the file's
/// contents, converted to the argument's element type (float files into
/// float arguments, integer or bool files into integer or i1 arguments),
/// and their float64 values by the converted values.
LogicalResult loadInputs(ArrayRef<InputSpec> inputs,
                         std::vector<HostBuffer> &buffers,
                         std::vector<std::vector<double>> &values,
                         std::string &why);

/// Writes result i to `paths[i]` (fewer paths than results: the rest are
/// not written), in the result's element type (bf16 as float32).
LogicalResult writeOutputs(ArrayRef<std::string> paths,
                           const std::vector<HostBuffer> &outputs,
                           std::string &why);

/// Compares result i with the .npy file `paths[i]` (same shape, any numeric
/// dtype) under the result type's default tolerance.
struct ExpectedComparison {
  unsigned result;
  ref::Comparison cmp;
};
LogicalResult compareExpected(ArrayRef<std::string> paths,
                              const std::vector<HostBuffer> &outputs,
                              std::vector<ExpectedComparison> &comparisons,
                              std::string &why);

/// Writes DIR/E.argI.npy (argument I as passed, in its element type; bf16
/// as float32) and DIR/E.I.npy (result I, float64), creating DIR if needed.
LogicalResult dumpTensors(StringRef dir, StringRef entry,
                          const std::vector<HostBuffer> &inputs,
                          const std::vector<HostBuffer> &outputs,
                          std::string &why);

} // namespace attn
} // namespace mlir

#endif // ATTN_RUNNER_IO_H
