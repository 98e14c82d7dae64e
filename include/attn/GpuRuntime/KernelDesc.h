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

#include <array>
#include <cstdint>
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
  std::string pattern = "none"; // none, causal, sliding_window
  int64_t left = 0, right = 0;  // sliding_window
  bool lse = false;
  double softcap = 0.0; // s = c * tanh(s / c) when > 0
  /// Roles of the entry function's arguments, in order (q, k, v): the
  /// runner generates them in this order from one seeded stream, as attn-run.
  std::vector<std::string> inputs;
  /// Kernel parameters in order; each is a device pointer to a dense tensor
  /// (q, k, v, o, lse).
  std::vector<std::string> args;
};

/// The description as text (one `key values...` per line).
std::string printKernelDesc(const KernelDesc &d);
/// Parses printKernelDesc's output; on failure returns false and sets `why`.
bool parseKernelDesc(const std::string &text, KernelDesc &d, std::string &why);

} // namespace gpu
} // namespace attn

#endif // ATTN_GPURUNTIME_KERNELDESC_H
