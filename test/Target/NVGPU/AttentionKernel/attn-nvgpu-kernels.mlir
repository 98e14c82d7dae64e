// The tensor-core kernel --attn-nvgpu-kernels builds: shared-memory tiles
// fed by cp.async, ldmatrix + mma.sync for Q K^T and P V, the softmax in
// registers, masks only in partial tiles, no Sq x Skv buffer anywhere.
// RUN: attn-opt %s --attn-nvgpu-kernels="chip=sm_80" -split-input-file \
// RUN:   | FileCheck %s --implicit-check-not=memref.alloc --implicit-check-not=math.tanh --implicit-check-not=100x130 --implicit-check-not=128x128xf32

// Causal, GQA (4 query heads over 2 K/V heads), odd Sq and Skv, LSE.
// CHECK-LABEL: module attributes {attn.nvgpu.kernels = {causal = "attn-kernel-desc 1\0Akernel causal\0Aentry causal\0Achip sm_80\0Agrid 2 4 1\0Ablock 128 1 1\0Asmem 46080\0Aelem f16\0Adims 1 4 2 100 130 64 64\0Alayout bhsd\0Ascale 0.125\0Apattern causal\0Alse 1\0Ainputs q k v\0Aargs q k v o lse\0A"}, gpu.container_module}
// CHECK: gpu.module @causal
// CHECK: gpu.func @causal(%{{.*}}: memref<1x4x100x64xf16>, %{{.*}}: memref<1x2x130x64xf16>, %{{.*}}: memref<1x2x130x64xf16>, %{{.*}}: memref<1x4x100x64xf16>, %{{.*}}: memref<1x4x100xf32>) kernel attributes {known_block_size = array<i32: 128, 1, 1>}
// K/V head h / 2: no copies for GQA.
// CHECK: %[[H:.*]] = gpu.block_id  y
// CHECK: arith.divui %[[H]], %c2
// Shared memory: a Q tile, two K and two V buffers, rows padded to 72.
// CHECK: gpu.dynamic_shared_memory
// CHECK: memref.view {{.*}} to memref<64x72xf16, #gpu.address_space<workgroup>>
// CHECK: memref.view {{.*}} to memref<2x64x72xf16, #gpu.address_space<workgroup>>
// CHECK: memref.view {{.*}} to memref<2x64x72xf16, #gpu.address_space<workgroup>>
// Prologue: Q and the first K/V tile in one cp.async group, then the Q
// fragments (4 chunks of 16 along D) into registers.
// CHECK: nvgpu.device_async_copy {{.*}}, 8, %{{.*}} {bypassL1} : memref<1x4x100x64xf16> to memref<64x72xf16, #gpu.address_space<workgroup>>
// CHECK: nvgpu.device_async_create_group
// CHECK: nvgpu.device_async_wait %{{.*}} {numGroups = 0 : i32}
// CHECK: gpu.barrier
// CHECK-COUNT-4: nvgpu.ldmatrix %{{.*}} {numTiles = 4 : i32, transpose = false} : memref<64x72xf16, #gpu.address_space<workgroup>> -> vector<4x2xf16>
// Key loop: the next tile goes into the other buffer while this one is used.
// CHECK: scf.for
// CHECK: scf.if %{{.*}} -> (!nvgpu.device.async.token) {
// CHECK: nvgpu.device_async_copy {{.*}} : memref<1x2x130x64xf16> to memref<2x64x72xf16, #gpu.address_space<workgroup>>
// CHECK: nvgpu.device_async_wait %{{.*}} {numGroups = 1 : i32}
// CHECK: } else {
// CHECK: nvgpu.device_async_wait %{{.*}} {numGroups = 0 : i32}
// CHECK: gpu.barrier
// S = Q K^T: 8 blocks of 8 keys x 4 chunks of 16 along D.
// CHECK-COUNT-32: nvgpu.mma.sync({{.*}}) {mmaShape = [16, 8, 16]} : (vector<4x2xf16>, vector<2x2xf16>, vector<2x2xf32>) -> vector<2x2xf32>
// Full tiles: the step has no element mask (no integer compare at all).
// CHECK: scf.if %{{.*}} -> (f32, f32, f32, f32, vector<2x2xf32>
// CHECK-NOT: arith.cmpi
// CHECK: gpu.shuffle  xor
// CHECK-NOT: arith.cmpi
// CHECK: llvm.call_intrinsic "llvm.nvvm.ex2.approx.ftz.f"
// CHECK-NOT: arith.cmpi
// CHECK: nvgpu.ldmatrix {{.*}} {numTiles = 4 : i32, transpose = true} : memref<2x64x72xf16, #gpu.address_space<workgroup>> -> vector<4x2xf16>
// CHECK-NOT: arith.cmpi
// CHECK: } else {
// Partial tiles: key < Skv and the causal bound decide -inf.
// CHECK: arith.cmpi slt
// CHECK: arith.cmpi sle
// CHECK: arith.select
// CHECK: nvgpu.mma.sync
// CHECK: gpu.barrier
// Epilogue: stores guarded by row < Sq (100 is not a multiple of 64), LSE.
// CHECK: scf.if
// CHECK: vector.store {{.*}} : memref<1x4x100x64xf16>, vector<2xf16>
// CHECK: llvm.call_intrinsic "llvm.nvvm.lg2.approx.ftz.f"
// CHECK: memref.store {{.*}} : memref<1x4x100xf32>
func.func @causal(%q: tensor<1x4x100x64xf16>, %k: tensor<1x2x130x64xf16>,
                  %v: tensor<1x2x130x64xf16>)
    -> (tensor<1x4x100x64xf16>, tensor<1x4x100xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x4x100x64xf16>, tensor<1x2x130x64xf16>, tensor<1x2x130x64xf16>
      -> tensor<1x4x100x64xf16>, tensor<1x4x100xf32>
  return %o, %lse : tensor<1x4x100x64xf16>, tensor<1x4x100xf32>
}

// -----

// No pattern and Skv a multiple of the key tile: every visited tile is
// full, so there is one unmasked step (32 + 32 mma.sync) and no mask.
// CHECK-LABEL: module attributes {attn.nvgpu.kernels = {plain =
// CHECK: gpu.func @plain
// CHECK-NOT: arith.cmpi sle
// CHECK-NOT: scf.if %{{.*}} -> (f32
// CHECK-COUNT-64: nvgpu.mma.sync
// CHECK-NOT: nvgpu.mma.sync
// CHECK: gpu.return
func.func @plain(%q: tensor<1x2x128x64xf16>, %k: tensor<1x2x128x64xf16>,
                 %v: tensor<1x2x128x64xf16>) -> tensor<1x2x128x64xf16> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x128x64xf16>, tensor<1x2x128x64xf16>, tensor<1x2x128x64xf16>
      -> tensor<1x2x128x64xf16>
  return %o : tensor<1x2x128x64xf16>
}

// -----

// bf16 (nvvm.mma.sync: MLIR 22's nvgpu.mma.sync lowering has no bf16),
// sliding window (tile range clamped on both sides), [B, S, H, D] storage,
// Dv != D (shared V rows of 128 + 8).
// CHECK-LABEL: module attributes {attn.nvgpu.kernels = {window = "{{.*}}smem 62464\0Aelem bf16\0Adims 2 4 2 96 96 64 128\0Alayout bshd\0Ascale 0.125\0Apattern sliding_window 40 3\0Alse 0
// CHECK: gpu.func @window(%{{.*}}: memref<2x96x4x64xbf16>, %{{.*}}: memref<2x96x2x64xbf16>, %{{.*}}: memref<2x96x2x128xbf16>, %{{.*}}: memref<2x96x4x128xbf16>)
// CHECK: memref.view {{.*}} to memref<2x64x136xbf16, #gpu.address_space<workgroup>>
// CHECK: arith.minsi
// CHECK: arith.maxsi
// CHECK: scf.for
// CHECK: nvvm.mma.sync {{.*}}multiplicandAPtxType = #nvvm.mma_type<bf16>, multiplicandBPtxType = #nvvm.mma_type<bf16>
// CHECK: } else {
// CHECK: arith.cmpi sle
// CHECK: arith.cmpi sge
// CHECK-NOT: nvgpu.mma.sync
// CHECK: gpu.return
func.func @window(%q: tensor<2x96x4x64xbf16>, %k: tensor<2x96x2x64xbf16>,
                  %v: tensor<2x96x2x128xbf16>) -> tensor<2x96x4x128xbf16> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.sliding_window<left = 40, right = 3>,
       layout = #attn.layout<bshd>}
      : tensor<2x96x4x64xbf16>, tensor<2x96x2x64xbf16>, tensor<2x96x2x128xbf16>
      -> tensor<2x96x4x128xbf16>
  return %o : tensor<2x96x4x128xbf16>
}

// -----

// Softcap: c * tanh(s / c) on every score (tanh from ex2, no libdevice),
// before the mask, in both steps.
// CHECK-LABEL: module attributes {attn.nvgpu.kernels = {capped = "{{.*}}lse 0\0Asoftcap 2\0A
// CHECK: scf.if %{{.*}} -> (f32, f32, f32, f32, vector<2x2xf32>
// CHECK: arith.negf
// CHECK: llvm.call_intrinsic "llvm.nvvm.ex2.approx.ftz.f"
// CHECK: arith.divf
// CHECK: } else {
// CHECK: arith.negf
// CHECK: arith.divf
// CHECK: arith.cmpi
func.func @capped(%q: tensor<1x1x64x64xf16>, %k: tensor<1x1x100x64xf16>,
                  %v: tensor<1x1x100x64xf16>) -> tensor<1x1x64x64xf16> {
  %o = attn.attention %q, %k, %v {softcap = 2.0}
      : tensor<1x1x64x64xf16>, tensor<1x1x100x64xf16>, tensor<1x1x100x64xf16>
      -> tensor<1x1x64x64xf16>
  return %o : tensor<1x1x64x64xf16>
}
