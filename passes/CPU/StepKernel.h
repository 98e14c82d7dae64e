//===- StepKernel.h - register micro-kernel of the CPU step ----*- C++ -*-===//
#ifndef ATTN_LIB_TARGET_CPU_STEPKERNEL_H
#define ATTN_LIB_TARGET_CPU_STEPKERNEL_H

#include "attn/IR/AttnOps.h"

#include "mlir/IR/Builders.h"

namespace mlir {
namespace attn {

/// The vector registers a step kernel may use.
struct StepKernelShape {
  int64_t lanes = 16;     // f32 lanes per vector register
  int64_t registers = 32; // architectural vector registers
};

/// Builds the step as explicit register-blocked vector loops (see
/// StepKernel.cpp) and returns (m', l', acc'), or failure when the step is
/// outside what the kernel handles (dynamic or unaligned tiles, a score
/// region that is not element-wise arithmetic, low-precision P); the
/// caller then uses the linalg decomposition.
FailureOr<SmallVector<Value>> buildRegisterStep(OnlineAttentionOp op,
                                                OpBuilder &b,
                                                StepKernelShape shape);

} // namespace attn
} // namespace mlir

#endif // ATTN_LIB_TARGET_CPU_STEPKERNEL_H
