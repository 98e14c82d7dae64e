//===- Problem.h - the kernel description as a typed attribute --*- C++ -*-===//
//
// What the NVGPU passes carry between them: --attn-nvgpu-fuse records the
// problem part of the kernel description (attn/GpuRuntime/KernelDesc.h) on
// each entry function as a DictionaryAttr, --attn-nvgpu-kernels adds the
// launch part and moves it to the module, and --attn-nvgpu-write-bundle is
// the only place that prints it (the .kdesc text attn-gpu-run reads).
//
// Entries (DictionaryAttr keys): kernel, entry, chip (strings); grid, block
// (array<i64: x, y, z>); smem (i64); elem (f16 or bf16, a TypeAttr); dims
// (array<i64: B, Hq, Hkv, Sq, Skv, D, Dv>); layout ("bhsd" or "bshd"); scale
// and softcap (f64); pattern (the op's #attn sparsity attribute, absent for
// none); block_table (array<i64: BQ, BK, table heads, nnz, full>); operands
// (an array of {role = "mask", type = tensor<...>}); lse (bool); inputs and
// args (arrays of role strings).
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_TARGET_NVGPU_PROBLEM_H
#define ATTN_TARGET_NVGPU_PROBLEM_H

#include "attn/GpuRuntime/KernelDesc.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Operation.h"

#include <string>

namespace mlir {
namespace attn {
namespace nvgpu {

/// Function attribute --attn-nvgpu-fuse leaves on each entry function: the
/// problem part, taken from the attn.attention op before the structure
/// replaces it.
inline constexpr llvm::StringLiteral kProblemAttr = "attn.nvgpu.problem";
/// Module attribute --attn-nvgpu-kernels leaves: kernel name -> the whole
/// description.
inline constexpr llvm::StringLiteral kKernelsAttr = "attn.nvgpu.kernels";

/// `d` as the typed attribute; `pattern` is the op's sparsity attribute
/// (null for none), whose parameters are `d.pattern`.
DictionaryAttr problemToAttr(MLIRContext *ctx, const ::attn::gpu::KernelDesc &d,
                             Attribute pattern);

/// Reads problemToAttr's attribute back (the launch entries are optional
/// until --attn-nvgpu-kernels adds them); diagnoses at `at` an entry that is
/// missing or of the wrong type.
FailureOr<::attn::gpu::KernelDesc> problemFromAttr(Operation *at,
                                                   DictionaryAttr attr);

} // namespace nvgpu
} // namespace attn
} // namespace mlir

#endif // ATTN_TARGET_NVGPU_PROBLEM_H
