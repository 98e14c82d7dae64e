//===- Converter.h - fused structure -> kernel body -------------*- C++ -*-===//
#ifndef ATTN_TARGET_NVGPU_CONVERTER_H
#define ATTN_TARGET_NVGPU_CONVERTER_H

#include "passes/NVGPU/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"

namespace attn {
namespace gpu {
struct KernelDesc;
} // namespace gpu
} // namespace attn

namespace mlir {
namespace attn {
namespace nvgpu {

/// Builds, before `fn`, a gpu.module holding the kernel made from the
/// fused loop `forall` of `fn`, and completes `desc` (kernel, chip, grid,
/// block, shared memory, arguments). Diagnoses what it cannot take.
LogicalResult buildKernel(OpBuilder &b, func::FuncOp fn, scf::ForallOp forall,
                          ::attn::gpu::KernelDesc &desc, Chip chip);

} // namespace nvgpu
} // namespace attn
} // namespace mlir

#endif // ATTN_TARGET_NVGPU_CONVERTER_H
