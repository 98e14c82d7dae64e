// The tensor-core kernel --attn-nvgpu-kernels builds from the shared fused
// structure (--attn-nvgpu-fuse): the structure's key loops with their tile
// classes, each attn.online_attention step consumed (cp.async into shared
// tiles, ldmatrix + mma.sync for Q K^T and P V, the softmax in registers),
// masks only in partial tiles, no Sq x Skv buffer anywhere.
// RUN: attn-opt %s --attn-nvgpu-fuse="chip=sm_80" --attn-nvgpu-kernels="chip=sm_80" -split-input-file \
// RUN:   | FileCheck %s --implicit-check-not=memref.alloc --implicit-check-not=math.tanh \
// RUN:       --implicit-check-not=attn.online_attention --implicit-check-not=tensor. \
// RUN:       --implicit-check-not=100x130 --implicit-check-not=96x96

// Causal, GQA (4 query heads over 2 K/V heads), odd Sq and Skv, LSE.
// CHECK-LABEL: module attributes {attn.nvgpu.kernels = {causal = {args = ["q", "k", "v", "o", "lse"], block = array<i64: 128, 1, 1>, chip = "sm_80", dims = array<i64: 1, 4, 2, 100, 130, 64, 64>, elem = f16, entry = "causal", grid = array<i64: 2, 4, 1>, inputs = ["q", "k", "v"], kernel = "causal", layout = "bhsd", lse = true, pattern = #attn.causal, scale = 1.250000e-01 : f64, smem = 46080 : i64}}, gpu.container_module}
// CHECK: gpu.module @causal
// CHECK: gpu.func @causal(%{{.*}}: memref<1x4x100x64xf16>, %{{.*}}: memref<1x2x130x64xf16>, %{{.*}}: memref<1x2x130x64xf16>, %{{.*}}: memref<1x4x100x64xf16>, %{{.*}}: memref<1x4x100xf32>) kernel attributes {known_block_size = array<i32: 128, 1, 1>}
// Shared memory: a Q tile, two K and two V buffers, rows padded to 72.
// CHECK: gpu.dynamic_shared_memory
// CHECK: %[[SQ:.*]] = memref.view {{.*}} to memref<64x72xf16, #gpu.address_space<workgroup>>
// CHECK: %[[SK:.*]] = memref.view {{.*}} to memref<2x64x72xf16, #gpu.address_space<workgroup>>
// CHECK: %[[SV:.*]] = memref.view {{.*}} to memref<2x64x72xf16, #gpu.address_space<workgroup>>
// The structure's parallel loop is the grid; K/V head h / 2 (GQA, no copies).
// CHECK: %[[H:.*]] = gpu.block_id  y
// CHECK: arith.divui %[[H]], %c2
// The Q tile (rows past Sq zero-filled), then its fragments in registers.
// CHECK: nvgpu.device_async_copy {{.*}}, 8, %{{.*}} {bypassL1} : memref<1x4x100x64xf16> to memref<64x72xf16, #gpu.address_space<workgroup>>
// CHECK: nvgpu.device_async_create_group
// CHECK: nvgpu.device_async_wait %{{.*}} {numGroups = 0 : i32}
// CHECK: gpu.barrier
// CHECK-COUNT-4: nvgpu.ldmatrix %[[SQ]]{{.*}} {numTiles = 4 : i32, transpose = false} : memref<64x72xf16, #gpu.address_space<workgroup>> -> vector<4x2xf16>
// Each key loop: a prologue copies its first K/V tile into buffer 0 ...
// CHECK: scf.if
// CHECK: nvgpu.device_async_copy {{.*}} : memref<1x2x130x64xf16> to memref<2x64x72xf16, #gpu.address_space<workgroup>>
// CHECK: scf.for
// ... and each iteration the next tile into the other buffer, then waits
// for its own.
// CHECK: scf.if
// CHECK: nvgpu.device_async_copy {{.*}} : memref<1x2x130x64xf16> to memref<2x64x72xf16, #gpu.address_space<workgroup>>
// CHECK: nvgpu.device_async_wait %{{.*}} {numGroups = 1 : i32}
// CHECK-NEXT: gpu.barrier
// S = Q K^T: 8 blocks of 8 keys x 4 chunks of 16 along D.
// CHECK-COUNT-32: nvgpu.mma.sync({{.*}}) {mmaShape = [16, 8, 16]} : (vector<4x2xf16>, vector<2x2xf16>, vector<2x2xf32>) -> vector<2x2xf32>
// Partial tiles: the step's score region (the causal bound) per element,
// keys past the short last tile masked.
// CHECK: arith.cmpi sle
// CHECK: arith.select
// CHECK: gpu.shuffle  xor
// CHECK: llvm.call_intrinsic "llvm.nvvm.ex2.approx.ftz.f"
// CHECK: nvgpu.ldmatrix %[[SV]]{{.*}} {numTiles = 4 : i32, transpose = true} : memref<2x64x72xf16, #gpu.address_space<workgroup>> -> vector<4x2xf16>
// CHECK: nvgpu.mma.sync
// CHECK: gpu.barrier
// CHECK: } {attn.key_tiles = "partial"}
// Full tiles: after the wait for the tile, no integer compare at all.
// CHECK: scf.for
// CHECK: nvgpu.device_async_wait %{{.*}} {numGroups = 1 : i32}
// CHECK-NOT: arith.cmpi
// CHECK: gpu.shuffle  xor
// CHECK-NOT: arith.cmpi
// CHECK: llvm.call_intrinsic "llvm.nvvm.ex2.approx.ftz.f"
// CHECK-NOT: arith.cmpi
// CHECK: } {attn.key_tiles = "full"}
// CHECK: scf.for
// CHECK: arith.cmpi sle
// CHECK: } {attn.key_tiles = "partial"}
// Epilogue: O = acc / l per element, LSE = m + ln l (lg2), stores of the
// tile's real rows.
// CHECK: arith.divf
// CHECK: llvm.call_intrinsic "llvm.nvvm.lg2.approx.ftz.f"
// CHECK: scf.if
// CHECK: vector.store {{.*}} : memref<1x4x100x64xf16>, vector<2xf16>
// CHECK: memref.store {{.*}} : memref<1x4x100xf32>
// CHECK: gpu.return
func.func @causal(%q: tensor<1x4x100x64xf16>, %k: tensor<1x2x130x64xf16>,
                  %v: tensor<1x2x130x64xf16>)
    -> (tensor<1x4x100x64xf16>, tensor<1x4x100xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x4x100x64xf16>, tensor<1x2x130x64xf16>, tensor<1x2x130x64xf16>
      -> tensor<1x4x100x64xf16>, tensor<1x4x100xf32>
  return %o, %lse : tensor<1x4x100x64xf16>, tensor<1x4x100xf32>
}

// -----

// No pattern and Skv a multiple of the key tile: the structure's partial
// loops are empty for every block and not emitted; the one full loop has
// one unmasked step (32 + 32 mma.sync). No pattern: query-tile=auto takes
// 128 rows (8 warps, one block per head).
// CHECK-LABEL: module attributes {attn.nvgpu.kernels = {plain = {args = ["q", "k", "v", "o"], block = array<i64: 256, 1, 1>, {{.*}}, grid = array<i64: 1, 2, 1>,
// CHECK: gpu.func @plain
// CHECK-NOT: arith.cmpi sle
// CHECK: scf.for
// CHECK-COUNT-64: nvgpu.mma.sync
// CHECK-NOT: nvgpu.mma.sync
// CHECK: } {attn.key_tiles = "full"}
// CHECK-NOT: scf.for
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
// sliding window (both bounds in the partial tiles), [B, S, H, D] storage,
// Dv != D (shared V rows of 128 + 8).
// CHECK-LABEL: module attributes {attn.nvgpu.kernels = {window = {{{.*}} dims = array<i64: 2, 4, 2, 96, 96, 64, 128>, elem = bf16, {{.*}} layout = "bshd", lse = false, pattern = #attn.sliding_window<left = 40, right = 3>, scale = 1.250000e-01 : f64, smem = 62464 : i64}}
// CHECK: gpu.func @window(%{{.*}}: memref<2x96x4x64xbf16>, %{{.*}}: memref<2x96x2x64xbf16>, %{{.*}}: memref<2x96x2x128xbf16>, %{{.*}}: memref<2x96x4x128xbf16>)
// CHECK: memref.view {{.*}} to memref<2x64x136xbf16, #gpu.address_space<workgroup>>
// CHECK: scf.for
// CHECK: nvvm.mma.sync {{.*}}multiplicandAPtxType = #nvvm.mma_type<bf16>, multiplicandBPtxType = #nvvm.mma_type<bf16>
// CHECK: arith.cmpi sge
// CHECK: arith.cmpi sle
// CHECK: } {attn.key_tiles = "partial"}
// CHECK-NOT: nvgpu.mma.sync
// CHECK: vector.store {{.*}} : memref<2x96x4x128xbf16>, vector<2xbf16>
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

// Softcap: c * tanh(s / c) from the score region on every score (tanh from
// ex2, no libdevice), in the full tiles too; the short last tile masks its
// missing keys.
// CHECK-LABEL: module attributes {attn.nvgpu.kernels = {capped = {{{.*}} lse = false, {{.*}} softcap = 2.000000e+00 : f64}}
// CHECK: scf.for
// CHECK: nvgpu.mma.sync
// CHECK: arith.negf
// CHECK: llvm.call_intrinsic "llvm.nvvm.ex2.approx.ftz.f"
// CHECK: arith.divf
// CHECK: } {attn.key_tiles = "full"}
// CHECK: scf.for
// CHECK: arith.negf
// CHECK: arith.cmpi slt
// CHECK: } {attn.key_tiles = "partial"}
func.func @capped(%q: tensor<1x1x64x64xf16>, %k: tensor<1x1x100x64xf16>,
                  %v: tensor<1x1x100x64xf16>) -> tensor<1x1x64x64xf16> {
  %o = attn.attention %q, %k, %v {softcap = 2.0}
      : tensor<1x1x64x64xf16>, tensor<1x1x100x64xf16>, tensor<1x1x100x64xf16>
      -> tensor<1x1x64x64xf16>
  return %o : tensor<1x1x64x64xf16>
}

// -----

// Short sequences: the tiles shrink to Sq = 24 and Skv = 40 (rounded up to
// 32 and 48 shared rows: two warps), the copies zero-fill the rest and the
// step masks keys 40..47.
// CHECK-LABEL: module attributes {attn.nvgpu.kernels = {short = {{{.*}} block = array<i64: 64, 1, 1>, {{.*}} grid = array<i64: 1, 1, 1>, {{.*}} smem = 32256 : i64}}
// CHECK: memref.view {{.*}} to memref<32x72xf16, #gpu.address_space<workgroup>>
// CHECK: memref.view {{.*}} to memref<2x48x72xf16, #gpu.address_space<workgroup>>
// CHECK: scf.for
// CHECK-COUNT-24: nvgpu.mma.sync
// CHECK: arith.cmpi slt
// CHECK: arith.select
// CHECK-COUNT-24: nvgpu.mma.sync
// CHECK: } {attn.key_tiles = "full"}
func.func @short(%q: tensor<1x1x24x64xf16>, %k: tensor<1x1x40x64xf16>,
                 %v: tensor<1x1x40x64xf16>) -> tensor<1x1x24x64xf16> {
  %o = attn.attention %q, %k, %v
      : tensor<1x1x24x64xf16>, tensor<1x1x40x64xf16>, tensor<1x1x40x64xf16>
      -> tensor<1x1x24x64xf16>
  return %o : tensor<1x1x24x64xf16>
}

// -----

// A mask operand: a kernel argument read once per score element in the
// step (2 rows x 16 keys of a 64-key tile per lane); no mask tile, no
// Sq x Skv buffer.
// CHECK-LABEL: module attributes {attn.nvgpu.kernels = {masked = {args = ["q", "k", "v", "mask", "o"], {{.*}} inputs = ["q", "k", "v", "mask"], {{.*}} lse = false, operands = [{role = "mask", type = tensor<1x1x100x150xi1>}],
// CHECK: gpu.func @masked(%{{.*}}: memref<1x2x100x64xf16>, %{{.*}}: memref<1x2x150x64xf16>, %{{.*}}: memref<1x2x150x64xf16>, %[[M:.*]]: memref<1x1x100x150xi1>, %{{.*}}: memref<1x2x100x64xf16>)
// CHECK: scf.for
// CHECK-COUNT-32: memref.load %[[M]][%c0{{.*}}, %c0{{.*}}, %{{.*}}, %{{.*}}] : memref<1x1x100x150xi1>
// CHECK: } {attn.key_tiles = "partial"}
// CHECK: gpu.return
func.func @masked(%q: tensor<1x2x100x64xf16>, %k: tensor<1x2x150x64xf16>,
                  %v: tensor<1x2x150x64xf16>, %m: tensor<1x1x100x150xi1>)
    -> tensor<1x2x100x64xf16> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<1x1x100x150xi1>)
      : tensor<1x2x100x64xf16>, tensor<1x2x150x64xf16>, tensor<1x2x150x64xf16>
      -> tensor<1x2x100x64xf16>
  return %o : tensor<1x2x100x64xf16>
}

// -----

// A pattern that is not monotone: the structure's static block lists (row
// offsets, visible key tiles) and the layout's bits become constant globals
// of the kernel's module; the key loops run over list entries read from
// them, the full tiles' loop without any pattern test.
// CHECK-LABEL: module attributes {attn.nvgpu.kernels = {layout = {{{.*}} pattern = #attn.union<[#attn.block_layout<block = 64x64, {{\[\[}}1, 0, 0], [0, 0, 1], [1, 0, 1]]>, #attn.causal<align = top_left>]>,
// CHECK: gpu.module @layout
// CHECK-DAG: memref.global "private" constant @[[BITS:attn_table_[0-9]+]] : memref<3x3xi8> = dense<{{\[\[}}1, 0, 0], [0, 0, 1], [1, 0, 1]]>
// CHECK-DAG: memref.global "private" constant @{{attn_table_[0-9]+}} : memref<4xi32>
// CHECK: gpu.func @layout
// CHECK: %[[B:.*]] = memref.get_global @[[BITS]] : memref<3x3xi8>
// CHECK: scf.for
// CHECK-NOT: memref.load %[[B]]
// CHECK: } {attn.block_list = "static", attn.key_tiles = "full"}
// CHECK: scf.for
// CHECK: memref.load %[[B]]
// CHECK: } {attn.block_list = "static", attn.key_tiles = "partial"}
func.func @layout(%q: tensor<1x1x192x64xf16>, %k: tensor<1x1x192x64xf16>,
                  %v: tensor<1x1x192x64xf16>) -> tensor<1x1x192x64xf16> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.union<[#attn.block_layout<block = 64x64, [[1, 0, 0], [0, 0, 1], [1, 0, 1]]>, #attn.causal<align = top_left>]>}
      : tensor<1x1x192x64xf16>, tensor<1x1x192x64xf16>, tensor<1x1x192x64xf16>
      -> tensor<1x1x192x64xf16>
  return %o : tensor<1x1x192x64xf16>
}

// -----

// A block table: row pointers and columns are kernel arguments; each query
// tile loops over its row's entries, and the table's full/partial choice
// is an scf.if carrying the softmax state in registers.
// CHECK-LABEL: module attributes {attn.nvgpu.kernels = {table = {args = ["q", "k", "v", "row_ptr", "cols", "o"], {{.*}} block_table = array<i64: 64, 64, 2, 16, 0>, {{.*}} inputs = ["q", "k", "v", "row_ptr", "cols"], {{.*}} lse = false, pattern = #attn.causal,
// CHECK: gpu.func @table(%{{.*}}: memref<1x2x256x64xf16>, %{{.*}}: memref<1x2x256x64xf16>, %{{.*}}: memref<1x2x256x64xf16>, %[[RP:.*]]: memref<1x2x5xi32>, %[[COLS:.*]]: memref<1x2x16xi32>, %{{.*}}: memref<1x2x256x64xf16>)
// CHECK: memref.load %[[RP]]
// CHECK: memref.load %[[RP]]
// CHECK: scf.for
// CHECK: memref.load %[[COLS]]
// CHECK: scf.if %{{.*}} -> (f32, f32, f32, f32, vector<2x2xf32>
// CHECK: nvgpu.mma.sync
// CHECK: } {attn.key_tiles = "table"}
func.func @table(%q: tensor<1x2x256x64xf16>, %k: tensor<1x2x256x64xf16>,
                 %v: tensor<1x2x256x64xf16>, %rp: tensor<1x2x5xi32>,
                 %cols: tensor<1x2x16xi32>) -> tensor<1x2x256x64xf16> {
  %o = attn.attention %q, %k, %v blocks(%rp, %cols : tensor<1x2x5xi32>, tensor<1x2x16xi32>)
      {block_size = #attn.tiling<query = 64, key = 64>, sparsity = #attn.causal}
      : tensor<1x2x256x64xf16>, tensor<1x2x256x64xf16>, tensor<1x2x256x64xf16>
      -> tensor<1x2x256x64xf16>
  return %o : tensor<1x2x256x64xf16>
}
