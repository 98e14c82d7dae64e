//===- Runner.h - execute attn functions on the CPU and check them -*- C++ -*-===//
//
// The pieces behind attn-run, usable from other drivers: describe an entry
// function's tensors, evaluate it with the float64 reference, and lower,
// JIT-compile and time it with MLIR's ExecutionEngine.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_RUNNER_RUNNER_H
#define ATTN_RUNNER_RUNNER_H

#include "attn/Reference/Attention.h"
#include "attn/Reference/Data.h"
#include "attn/Reference/LinearAttention.h"
#include "attn/Runner/OpSpec.h"
#include "attn/Runner/Pipeline.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <memory>
#include <string>
#include <vector>

namespace mlir {
class ExecutionEngine;
namespace attn {
namespace ref = ::attn::ref;
class AttentionOp;
class AttentionGradOp;
class LinearAttentionOp;

/// A tensor crossing the entry function's boundary (statically shaped,
/// except where describeTensor allowed dynamic sizes).
struct TensorDesc {
  ref::ElemType type;
  std::vector<int64_t> shape;
  int64_t numElements() const;
};

/// Describes `t` or returns failure with `why` set (dynamic shape unless
/// `allowDynamic`, then its sizes are kDynamic; element type the runner
/// cannot generate).
FailureOr<TensorDesc> describeTensor(Type t, std::string &why,
                                     bool allowDynamic = false);

/// specFromOp plus the operands the reference reads as data (block table,
/// document offsets), as float64 values from `lookup` (null: unknown).
FailureOr<ref::AttentionSpec>
specWithOperands(AttentionOp op, function_ref<const double *(Value)> lookup,
                 std::string &why);
FailureOr<ref::AttentionSpec>
specWithOperands(AttentionGradOp op,
                 function_ref<const double *(Value)> lookup, std::string &why);

/// The reference spec of one attn.linear_attention with static shapes.
FailureOr<ref::LinearAttentionSpec> linearSpecFromOp(LinearAttentionOp op,
                                                     std::string &why);

/// Evaluates one attn.linear_attention in float64 (or, with `asSoftmax`, the
/// softmax attention with the same Q, K, V, layout, scale and causal mask)
/// and adds its work to `flops`.
std::vector<double> evaluateLinearOp(LinearAttentionOp op,
                                     const ref::LinearAttentionSpec &spec,
                                     const double *q, const double *k,
                                     const double *v, const double *projection,
                                     bool asSoftmax, uint64_t &flops);
/// The work attn-run reports for one attn.linear_attention.
uint64_t linearFlops(LinearAttentionOp op,
                     const ref::LinearAttentionSpec &spec);

/// Arguments of `entry` used as the favor projection of a linear_attention:
/// (argument number, (D, M)). attn-run fills them with FAVOR+ random
/// features instead of uniform noise.
SmallVector<std::pair<unsigned, std::pair<int64_t, int64_t>>>
favorProjectionArguments(func::FuncOp entry);

/// Evaluates `entry` in float64: its body must be attn ops on function
/// arguments or earlier results, then func.return. `args` are the decoded
/// argument values; `results` receives one vector per function result.
/// `flops` receives the exact work of the function's attn ops. With
/// `flopsOnly`, the ops are not evaluated: only the work is counted (which
/// needs the mask operands when they are function arguments). With
/// `linearAsSoftmax`, every attn.linear_attention is evaluated as the exact
/// softmax attention it approximates (see evaluateLinearOp).
LogicalResult evaluateReference(func::FuncOp entry,
                                const std::vector<std::vector<double>> &args,
                                std::vector<std::vector<double>> &results,
                                uint64_t &flops, std::string &why,
                                bool flopsOnly = false,
                                bool linearAsSoftmax = false);

/// A dense buffer in the in-memory encoding of its element type.
struct HostBuffer {
  TensorDesc desc;
  std::vector<uint8_t> bytes;
};

/// JIT-compiled entry function.
class CompiledEntry {
public:
  ~CompiledEntry();
  /// Runs the function once on `inputs`, writing into `outputs`.
  LogicalResult run(std::vector<HostBuffer> &inputs,
                    std::vector<HostBuffer> &outputs, std::string &why);
  /// Runs the function once on caller-owned dense row-major buffers: the
  /// inputs, then the outputs, each with its shape. Shapes that do not fit
  /// the signature (or each other, see addRunWrapper) fail with `why` set
  /// before any buffer is read or written.
  LogicalResult run(ArrayRef<void *> buffers,
                    ArrayRef<std::vector<int64_t>> shapes, std::string &why);
  /// The signature's shapes: inputs, then outputs (kDynamic: any size).
  ArrayRef<std::vector<int64_t>> signature() const { return shapes; }

private:
  friend FailureOr<std::unique_ptr<CompiledEntry>>
  compileEntry(ModuleOp, StringRef, const RunPipeline &, ArrayRef<TensorDesc>,
               ArrayRef<TensorDesc>, std::string &);
  LogicalResult invoke(std::vector<std::vector<int64_t>> &descs,
                       std::string &why);
  std::unique_ptr<ExecutionEngine> engine;
  std::string symbol;
  std::vector<std::string> checks;          // the wrapper's, by status - 1
  std::vector<std::vector<int64_t>> shapes; // inputs, then outputs
};

/// Adds `func.func @wrapperName(inputs..., outputs...) -> i32` on
/// identity-layout memrefs (with llvm.emit_c_interface) that checks the
/// sizes it is given, calls `entry` and copies its results into the output
/// memrefs (destination passing). It returns 0, or 1 + the index in
/// `checks` (appended to) of the first check that failed: a negative
/// dynamic size, operands of an attention op that disagree (B, Hkv, Skv, D,
/// Hq a multiple of Hkv), or a result whose size is not its buffer's (then
/// nothing is copied). Fails when an argument or result is not a ranked
/// tensor.
LogicalResult addRunWrapper(ModuleOp module, func::FuncOp entry,
                            StringRef wrapperName,
                            std::vector<std::string> &checks,
                            std::string &why);

/// Adds a destination-passing wrapper around `entry` to `module`, lowers it
/// with `pipeline` and compiles it for the host. Fails with `why` when the
/// lowered functions target a CPU whose vector extensions this machine
/// lacks. `module` is modified.
FailureOr<std::unique_ptr<CompiledEntry>>
compileEntry(ModuleOp module, StringRef entry, const RunPipeline &pipeline,
             ArrayRef<TensorDesc> inputs, ArrayRef<TensorDesc> outputs,
             std::string &why);

} // namespace attn
} // namespace mlir

#endif // ATTN_RUNNER_RUNNER_H
