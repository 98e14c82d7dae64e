//===- Kernel.h - the fused structure's values inside a kernel --*- C++ -*-===//
//
// --attn-nvgpu-kernels turns the parallel loop of the shared fused
// structure (--attn-fuse, mapped to #gpu.block) into a kernel. Its tensors
// become, per lane, pieces of the mma.sync fragment layout (Fragments.h):
// a [Tq] row vector of the running state is the lane's two rows (g and
// g + 8 of its warp), a [Tq, N] tile the lane's N / 8 accumulator
// fragments, and Q/K/V tiles are regions of the global tensors that the
// step copies into shared memory. LowerStep.cpp decomposes
// attn.online_attention on these values.
//
//===----------------------------------------------------------------------===//
#ifndef ATTN_TARGET_NVGPU_KERNEL_H
#define ATTN_TARGET_NVGPU_KERNEL_H

#include "Fragments.h"
#include "attn/IR/AttnOps.h"

#include "llvm/ADT/STLFunctionalExtras.h"

namespace mlir {
namespace attn {
namespace nvgpu {

/// Sizes and per-lane values every part of the kernel uses.
struct KernelContext {
  Type elem;                  // f16 or bf16
  int64_t tq = 0, tk = 0;     // smem rows of the Q and K/V tiles (x16)
  int64_t d = 0, dv = 0;      // head dims
  int64_t warps = 0;          // tq / 16: a warp owns 16 query rows
  int64_t smemPad = 8;        // elements added to shared rows (banks)
  Value tid, lane, warp, g, c2;
  // Shared tiles: Q [tq, D + pad], K and V [2, tk, D|Dv + pad] (two
  // buffers: the next key tile loads while this one is used).
  Value sQ, sK, sV;
  // ldmatrix row/column of this lane for Q (A), K (B) and V (B, trans).
  Value qRow, qCol, kRow, kCol, vRow, vCol;
  int64_t threads() const { return 32 * warps; }
  /// Dynamic shared memory bytes.
  int64_t sharedBytes() const {
    return 2 * (tq * (d + smemPad) + 2 * tk * (d + smemPad) +
                2 * tk * (dv + smemPad));
  }
};

/// A [Tq] f32 tensor: rows g and g + 8 of the lane's warp. `valid`: rows
/// at or past it do not exist (null: all do).
struct Rows {
  Value r[2];
  Value valid;
};

/// A [Tq, N] tensor: N / 8 fragments vector<2x2xT> (column block nb holds
/// columns nb * 8 + c2, + 1 of rows g, g + 8).
struct FragTile {
  SmallVector<Value> blocks;
  Value valid;
};

/// A Q, K or V tile: where it lives in global memory and how many rows
/// the tensor has (static, at most the shared tile's). Q fragments once
/// loaded.
struct TileView {
  GlobalTile tile;
  int64_t rows = 0;
  SmallVector<Value> qFrags;
};

struct StepIn {
  const TileView *q, *k, *v;
  Rows m, l;
  FragTile acc;
  Value q0, k0;
  /// The K/V buffer; `preloaded`: the enclosing loop already copied the
  /// tiles there and waited for them (copyKV, one tile ahead).
  Value buf;
  bool preloaded = false;
};
struct StepOut {
  Rows m, l;
  FragTile acc;
};

/// Inlines the step's score region for one element: (scaled score, query
/// position, key position) -> modified score.
using ScoreFn = llvm::function_ref<FailureOr<Value>(Value, Value, Value)>;

/// Commits `tokens` as one cp.async group (none: an empty group).
Value commitGroup(FragBuilder &fb, ArrayRef<Value> tokens);
/// Waits until at most `pending` cp.async groups are in flight.
void waitGroups(FragBuilder &fb, Value group, int32_t pending);

/// Issues the copies of a K and a V tile into buffer `buf`.
SmallVector<Value> copyKV(FragBuilder &fb, const KernelContext &kc,
                          const TileView &k, const TileView &v, Value buf);

/// Copies Q into shared memory and its A fragments into registers.
void loadQuery(FragBuilder &fb, const KernelContext &kc, TileView &q);

/// The GPU decomposition of one attn.online_attention step (LowerStep.cpp).
FailureOr<StepOut> lowerStep(FragBuilder &fb, const KernelContext &kc,
                             OnlineAttentionOp op, const StepIn &in,
                             ScoreFn score);

/// Absolute row of fragment row r of this lane within the tile.
inline Value tileRow(FragBuilder &fb, const KernelContext &kc, int64_t r) {
  Value w = fb.mulc(kc.warp, 16);
  Value wg = fb.add(w, kc.g);
  return fb.addc(wg, 8 * r);
}

} // namespace nvgpu
} // namespace attn
} // namespace mlir

#endif // ATTN_TARGET_NVGPU_KERNEL_H
