// The GPU decomposition of one attn.online_attention step outside a key
// loop (the canonicalizer folds a one-tile loop away): the step copies its
// own K and V tiles in two cp.async groups, runs Q K^T as soon as K has
// arrived, inlines the score region (here the causal bound) per fragment
// element, and waits for V only before P V.
// RUN: attn-opt %s --attn-nvgpu-fuse --canonicalize --attn-nvgpu-kernels \
// RUN:   | FileCheck %s --implicit-check-not=attn.online_attention --implicit-check-not=scf.for

// CHECK: gpu.func @one_tile
// The Q tile.
// CHECK: nvgpu.device_async_create_group
// CHECK: nvgpu.device_async_wait %{{.*}} {numGroups = 0 : i32}
// CHECK-COUNT-4: nvgpu.ldmatrix %{{.*}} {numTiles = 4 : i32, transpose = false} : memref<64x72xf16
// K, then V, each a group; wait for K only.
// CHECK: %[[K:.*]] = nvgpu.device_async_create_group
// CHECK: %[[V:.*]] = nvgpu.device_async_create_group
// CHECK: nvgpu.device_async_wait %[[K]] {numGroups = 1 : i32}
// CHECK-NEXT: gpu.barrier
// CHECK-COUNT-32: nvgpu.mma.sync
// A lane holds 2 rows x 16 scores: the causal region per element (the
// first row's 16 here).
// CHECK-COUNT-16: arith.cmpi sle
// CHECK: gpu.shuffle  xor
// CHECK: nvgpu.device_async_wait %[[V]] {numGroups = 0 : i32}
// CHECK-NEXT: gpu.barrier
// CHECK: nvgpu.ldmatrix %{{.*}} {numTiles = 4 : i32, transpose = true}
// CHECK-COUNT-32: nvgpu.mma.sync
// CHECK: gpu.barrier
// CHECK: vector.store
// CHECK: gpu.return
func.func @one_tile(%q: tensor<1x4x64x64xf16>, %k: tensor<1x4x64x64xf16>,
                    %v: tensor<1x4x64x64xf16>) -> tensor<1x4x64x64xf16> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x4x64x64xf16>, tensor<1x4x64x64xf16>, tensor<1x4x64x64xf16>
      -> tensor<1x4x64x64xf16>
  return %o : tensor<1x4x64x64xf16>
}
