//===- RaiseMatch.h - pieces of --attn-raise ----------------------*- C++ -*-===//
//
// --attn-raise reads attention written out as contractions and a softmax in
// linalg or TOSA. It sees both dialects through three small views:
// - EwStep: one element-wise op (a linalg.generic with a one-op body, a
//   named linalg op, a TOSA op or an arith op on tensors) as a kind and its
//   operands with their indexing maps in the result's iteration space;
// - Contraction: C[b.., i, j] = sum_k A[b.., i, k] * B[b.., k, j] (or B
//   stored [b.., j, k]);
// - constant evaluation: masks, scales and reduction inits are computed at
//   compile time (they depend on no function argument), so every spelling
//   of a causal mask (iota + compare, a tril buffer, an additive -inf
//   constant) arrives at the same 0/1 matrix, which is then classified.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_PASSES_RAISEMATCH_H
#define ATTN_PASSES_RAISEMATCH_H

#include "mlir/IR/AffineMap.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/Value.h"
#include "mlir/Support/LLVM.h"

#include <optional>
#include <string>
#include <vector>

namespace mlir {
namespace attn {
namespace raise {

/// Kinds of element-wise steps the matcher knows.
enum class Ew {
  Add, Sub, Mul, Div, Max, Exp, Recip, Neg, Select, ExtF, TruncF, Copy
};

/// An operand of an element-wise step: a tensor read through `map` (from
/// the result's iteration space), or a scalar constant.
struct EwArg {
  Value tensor;
  AffineMap map;
  std::optional<double> scalar; // set for scalar constants
};

struct EwStep {
  Operation *op = nullptr;
  Ew kind;
  SmallVector<EwArg, 3> args; // Select: cond, true, false
  Value result;
};

/// Decodes `op` as one element-wise step, or nullopt.
std::optional<EwStep> decodeElementwise(Operation *op);

/// A reduction of the innermost dim of `input` (result rank r - 1, or r
/// with a size-1 last dim).
struct RowReduce {
  Operation *op = nullptr;
  bool isMax = false; // else sum
  Value input;
  Value result;
};
std::optional<RowReduce> decodeRowReduce(Operation *op);

/// C[b.., i, j] = sum_k lhs[b.., i, k] * rhs(b.., k, j), with `rhs` stored
/// [b.., j, k] when `rhsTransposed`.
struct Contraction {
  Operation *op = nullptr;
  Value lhs, rhs, result;
  bool rhsTransposed = false;
};
std::optional<Contraction> decodeContraction(Operation *op);

/// A reshape that keeps the last two dims and only splits/merges the ones
/// before (so the row-major flat batch index is unchanged): its input.
Value batchReshapeInput(Operation *op);
/// A reshape of any kind between static shapes with the same element count
/// (the flat row-major order is unchanged): its input.
Value anyReshapeInput(Operation *op);
/// A permutation of dims: its input and permutation (result dim d reads
/// input dim perm[d]).
std::optional<std::pair<Value, SmallVector<int64_t>>>
decodeTranspose(Operation *op);
/// A broadcast that replicates an input along some dims of the result:
/// its input and, for each result dim, the input dim it reads (-1 for a
/// replicated dim, with the input dim of size 1 or absent).
std::optional<std::pair<Value, SmallVector<int64_t>>>
decodeBroadcast(Operation *op);

/// A dense constant value of a whole tensor, in row-major order.
struct ConstTensor {
  SmallVector<int64_t> shape;
  std::vector<double> data;
};
/// Evaluates `v` at compile time when it depends on no function argument
/// and on no op the evaluator does not know; at most `limit` elements per
/// intermediate tensor.
std::optional<ConstTensor> evaluateConstant(Value v, int64_t limit = 1 << 22);

/// The scalar value of `v` if it is a constant whose elements are all equal.
std::optional<double> constantSplat(Value v);

/// One operand of the score chain (a bias term or a mask condition) read at
/// one of its steps: `shape` is the step's result shape ([batch.., Sq, Skv],
/// the same flat batch order as the scores), `factor` the multiplier applied
/// to it after that step (bias), `negate` whether the condition selects the
/// masked value (mask).
struct ScoreTerm {
  EwArg arg;
  Operation *step = nullptr;
  SmallVector<int64_t> shape;
  double factor = 1.0;
  bool negate = false;
};

/// Everything needed to build one attn.attention, decided before the IR is
/// changed.
struct Plan {
  Contraction qk, pv;
  // Q, K, V after seeing through reshapes, transposes, scale multiplies and
  // head broadcasts; `*T`: stored with the last two dims swapped.
  Value q, k, v;
  bool qT = false, kT = false, vT = false;
  int64_t B = 1, Hq = 1, Hkv = 1, Sq = 0, Skv = 0, D = 0, Dv = 0;
  double scale = 1.0;
  Attribute sparsity;
  std::optional<ConstTensor> constMask; // [1,1,Sq,Skv] or [B,Hq,Sq,Skv]
  std::optional<ScoreTerm> runtimeMask, runtimeBias;
  std::optional<ConstTensor> constBias;
  Value result; // the P V result the attention output replaces
  // P V was written (P V)^T = V^T P^T: the result is the output transposed.
  bool probsRight = false;
};

//===--- Helpers shared by the matcher (RaiseHelpers.cpp) ----------------===//
using Shape = SmallVector<int64_t>;
Shape shapeOf(Value v);
int64_t product(ArrayRef<int64_t> s);
/// -inf, the type's lowest, or a large negative fill such as JAX's
/// 0.7 * lowest.
bool isMaskFill(double x);
/// The single op using `v` (all uses in one op), or null.
Operation *singleUser(Value v);
/// Index of the argument of `step` that reads `v` element for element, or -1.
int argReading(const EwStep &step, Value v);
/// Scalar value of an element-wise operand that is a constant splat.
std::optional<double> scalarOf(const EwArg &a);
/// torch's fix-up of fully masked rows: `op` computes (x == -inf); returns
/// that i1 tensor, or null.
Value negInfCheck(Operation *op, Value x);
/// `v` is "all of `chk` along the last dim" (keepdim or not).
bool isRowAll(Value v, Value chk);
/// An operand of Q K^T or P V seen back through layout ops: `map[t]` is the
/// flat batch index of `base` that flat batch index t of the contraction
/// reads; `factor` the constant scale multiplied in on the way.
struct Peeled {
  Value base;
  bool transposed = false;
  SmallVector<int64_t> map;
  double factor = 1.0;
};
SmallVector<int64_t> batchOf(Value v);
Peeled peel(Value v, bool scales, bool broadcasts);
bool isIdentity(ArrayRef<int64_t> m);
/// Whether `m` reads kv head (t / hq) * hkv + (t % hq) / rep.
bool isGroupMap(ArrayRef<int64_t> m, int64_t hq, int64_t rep);
/// Whether the values computed from `v` include something softmax-like.
bool leadsToSoftmax(Value v);
/// Values of a score-chain term over the flat scores, or nullopt.
std::optional<std::vector<double>> termValues(const ScoreTerm &t);

/// Creates the attn.attention of `plan` (with the reshapes around it) right
/// before `plan.pv.op` and replaces `plan.result`.
void emitPlan(Plan &plan);

/// Classifies a visibility matrix `vis` ([Sq, Skv], 1 = visible): a
/// structured pattern attribute, or null when none fits.
Attribute classifyMask(MLIRContext *ctx, ArrayRef<double> vis, int64_t sq,
                       int64_t skv);

} // namespace raise
} // namespace attn
} // namespace mlir

#endif // ATTN_PASSES_RAISEMATCH_H
