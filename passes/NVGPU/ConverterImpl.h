//===- ConverterImpl.h - the fused structure -> kernel converter -*- C++ -*-===//
//
// Shared by Converter.cpp (ops of the parallel loop's body, the kernel
// around it) and ConvertLoops.cpp (key loops, steps, stores).
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_TARGET_NVGPU_CONVERTERIMPL_H
#define ATTN_TARGET_NVGPU_CONVERTERIMPL_H

#include "Converter.h"
#include "Kernel.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/IRMapping.h"

#include <optional>

namespace mlir {
namespace attn {
namespace nvgpu {
namespace detail {

inline bool isScalar(Type t) { return t.isIntOrIndexOrFloat(); }
bool isScalarOp(Operation *op);
/// A constant upper bound of an index value built by the structure
/// (constants and min of a constant: a short last tile).
std::optional<int64_t> upperBound(Value v);
/// The value of an index computed from constants (the forall's bounds).
std::optional<int64_t> evalConst(Value v);
/// Static rows of a Q/K/V tile operand of a step, or its bound.
std::optional<int64_t> tileRows(Value t);

/// Carries the parallel loop's body into the kernel (Converter.cpp).
class Converter {
public:
  Converter(OpBuilder &b, Location loc, KernelContext &kc)
      : b(b), fb(b, loc, kc.elem), kc(kc) {}

  OpBuilder &b;
  FragBuilder fb;
  KernelContext &kc;
  IRMapping scalars;
  DenseMap<Value, TileView> views;
  DenseMap<Value, Rows> rows;
  DenseMap<Value, FragTile> frags;
  DenseSet<Value> empties;
  DenseMap<Value, Value> globals; // tensor -> kernel memref argument
  /// The kernel's gpu.module: constant tables (static block lists) become
  /// memref.globals in it.
  Operation *gpuModule = nullptr;
  Block *kernelEntry = nullptr;
  /// Each distinct constant table's memref in the kernel.
  DenseMap<Attribute, Value> tables;
  /// Scalar ops, and reads of one element of a tensor the kernel has in
  /// memory (a kernel argument or a constant table).
  bool isKernelScalarOp(Operation *op);

  LogicalResult cloneAbove(Value v, Operation *user);
  LogicalResult convertBlock(Block &block);
  LogicalResult convertOp(Operation *op);

private:
  LogicalResult cloneScalar(Operation *op);
  Value materialize(OpFoldResult ofr) {
    if (auto v = dyn_cast<Value>(ofr))
      return scalars.lookupOrNull(v);
    return fb.idx(*getConstantIntValue(ofr));
  }
  LogicalResult convertSlice(tensor::ExtractSliceOp s);
  /// The Q/K/V tile a slice of an input denotes (operands as mapped now).
  FailureOr<TileView> makeView(tensor::ExtractSliceOp s);
  /// Pipelines the K/V copies of a key loop's step one tile ahead:
  /// returns the step whose tiles the loop body copies, if it can.
  OnlineAttentionOp pipelinedStep(scf::ForOp f,
                                  SmallVector<Operation *> &addressOps);
  /// K and V views of `step` in iteration `iv` of its loop (re-clones the
  /// address computation `addressOps`).
  FailureOr<std::pair<TileView, TileView>>
  kvViewsAt(scf::ForOp f, OnlineAttentionOp step,
            ArrayRef<Operation *> addressOps, Value iv);
  /// Buffer of the pipelined steps (copied by their loop).
  DenseMap<Operation *, Value> preloaded;
  LogicalResult convertPad(tensor::PadOp p);
  LogicalResult convertFill(linalg::FillOp f);
  LogicalResult convertGeneric(linalg::GenericOp g);
  LogicalResult convertFor(scf::ForOp f);
  LogicalResult convertIf(scf::IfOp f);
  /// A constant integer table of the structure as a global of the module.
  LogicalResult constantTable(arith::ConstantOp c);
  LogicalResult convertStep(OnlineAttentionOp op);
  LogicalResult convertInsert(tensor::ParallelInsertSliceOp ins);
  /// The lane's values of a Rows / FragTile value, in a fixed order.
  SmallVector<Value> flatten(Value v);
  /// Rebinds `v` to the values `flat` (as flatten(like) orders them).
  void unflatten(Value v, Value like, ValueRange flat);
  FailureOr<Value> inlineScore(OnlineAttentionOp op, Value s, Value i,
                               Value j);
};


} // namespace detail
} // namespace nvgpu
} // namespace attn
} // namespace mlir

#endif // ATTN_TARGET_NVGPU_CONVERTERIMPL_H
