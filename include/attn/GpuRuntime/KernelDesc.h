//===- KernelDesc.h - what a GPU attention kernel expects -------*- C++ -*-===//
//
// The small text description attn-opt writes next to each cubin and
// attn-gpu-run reads: launch geometry, argument layout and the attention
// problem (so the runner can make attn-run's seeded inputs and call the
// float64 reference). MLIR-free on purpose: the runner has no MLIR.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_GPURUNTIME_KERNELDESC_H
#define ATTN_GPURUNTIME_KERNELDESC_H

#include "attn/Reference/MaskPattern.h"

#include <array>
#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace attn {
namespace gpu {

struct KernelDesc {
  std::string kernel; // symbol of the kernel in the cubin
  std::string entry;  // the func.func it was generated from
  std::string chip;   // sm_80, sm_90a
  std::array<int64_t, 3> grid = {1, 1, 1}, block = {1, 1, 1};
  int64_t sharedBytes = 0; // dynamic shared memory
  std::string elem = "f16"; // q, k, v and output storage: f16 or bf16
  int64_t batch = 1, headsQ = 1, headsKV = 1, seqQ = 1, seqKV = 1,
          headDim = 1, headDimV = 1;
  std::string layout = "bhsd"; // bhsd or bshd
  double scale = 1.0;          // resolved (1/sqrt(D) when the op had none)
  /// The structured pattern, as the reference evaluates it (documents are
  /// not described: their offsets would be an input).
  ref::MaskPattern pattern;
  /// A block table (BSR, i32 row pointers and columns, i8 full flags) read
  /// from the inputs row_ptr, cols and (if blockFull) full.
  bool blockTable = false, blockFull = false;
  int64_t blockQ = 1, blockK = 1, tableHeads = 1, tableNnz = 1;
  /// Optional operands beyond Q, K, V and the block table: role (mask,
  /// bias, alibi, docs), element type (i1, i32, i64, f16, bf16, f32) and
  /// shape, as the entry function takes them.
  struct Operand {
    std::string role, type;
    std::vector<int64_t> shape;
    int64_t elements() const;
  };
  std::vector<Operand> operands;
  const Operand *operand(const std::string &role) const;
  bool lse = false;
  double softcap = 0.0; // s = c * tanh(s / c) when > 0
  /// Roles of the entry function's arguments, in order (q, k, v, and
  /// row_ptr, cols, full with a block table): the runner generates q, k, v in
  /// this order from one seeded stream and the table as attn-run does.
  std::vector<std::string> inputs;
  /// Kernel parameters in order; each is a device pointer to a dense tensor
  /// (the inputs, then o and lse).
  std::vector<std::string> args;
};

/// The pattern as one line of tokens (`causal br`, `union 2 ...`) and back;
/// parsePattern consumes tokens from `in`.
std::string printPattern(const ref::MaskPattern &p);
bool parsePattern(std::istream &in, ref::MaskPattern &p, std::string &why,
                  int depth = 0);

/// The description as text (one `key values...` per line).
std::string printKernelDesc(const KernelDesc &d);
/// Parses printKernelDesc's output; on failure returns false and sets `why`.
bool parseKernelDesc(const std::string &text, KernelDesc &d, std::string &why);

} // namespace gpu
} // namespace attn

#endif // ATTN_GPURUNTIME_KERNELDESC_H
