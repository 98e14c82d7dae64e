//===- KernelBuilder.h - tensor-core attention kernel body ------*- C++ -*-===//
//
// Builds the body of one attention kernel (a gpu.func) from nvgpu, gpu,
// scf, vector and arith ops. The pass (AttentionKernel.cpp) decides what is
// supported and creates the function; this file owns the fragment layout.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_TARGET_NVGPU_KERNELBUILDER_H
#define ATTN_TARGET_NVGPU_KERNELBUILDER_H

#include "attn/Target/NVGPU/Passes.h"

#include "mlir/Dialect/GPU/IR/GPUDialect.h"
#include "mlir/IR/Builders.h"

namespace mlir {
namespace attn {
namespace nvgpu {

/// One attention problem with static sizes, as the kernel sees it.
struct KernelProblem {
  int64_t batch, headsQ, headsKV, seqQ, seqKV, headDim, headDimV;
  bool bshd = false; // [B, S, H, D] storage instead of [B, H, S, D]
  Type elem;         // f16 or bf16 (q, k, v and the output)
  double scale;      // resolved softmax scale
  enum class Pattern { None, Causal, Window } pattern = Pattern::None;
  int64_t left = 0, right = 0; // window, in keys (bottom-right aligned)
  bool lse = false;
  double softcap = 0.0; // > 0: s = softcap * tanh(s / softcap)
};

/// Dynamic shared memory bytes the kernel needs.
int64_t kernelSharedBytes(const KernelProblem &p, const TargetDesc &t);

/// Fills the entry block of `func`, whose arguments are q, k, v, o and
/// (with p.lse) lse memrefs of static shape. Launch: grid
/// (ceil(Sq / tileQ), Hq, B), block (32 * warps).
void buildAttentionKernel(OpBuilder &b, gpu::GPUFuncOp func,
                          const KernelProblem &p, const TargetDesc &t);

} // namespace nvgpu
} // namespace attn
} // namespace mlir

#endif // ATTN_TARGET_NVGPU_KERNELBUILDER_H
