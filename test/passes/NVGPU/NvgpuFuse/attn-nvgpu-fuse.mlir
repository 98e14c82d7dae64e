// --attn-nvgpu-fuse builds the shared fused structure (the one --attn-fuse
// builds for the CPU) with the NVGPU target description: the parallel loop
// mapped to #gpu.block, 64 x 64 tiles, Q and K in their 16-bit type (K
// row-major, the mma.sync B operand), P rounded to it (p_type), short key
// tiles passed with their size instead of padded, no split-KV; the problem
// part of the kernel description goes on the function.
// RUN: attn-opt %s --attn-nvgpu-fuse | FileCheck %s \
// RUN:   --implicit-check-not=linalg.transpose --implicit-check-not=key_transposed
// The same structure as --attn-fuse with those options spelled out.
// RUN: attn-opt %s --attn-nvgpu-fuse | sed 's/ attributes {attn.nvgpu.problem = .*} {/ {/' > %t.nvgpu
// RUN: attn-opt %s --attn-fuse="mapping=gpu-block key-layout=row-major prescale-query=false bf16-dot=true pad-tiles=false split-kv=never" > %t.fuse
// RUN: diff %t.nvgpu %t.fuse

// CHECK-LABEL: func.func @causal
// CHECK-SAME: attributes {attn.nvgpu.problem = {dims = array<i64: 1, 4, 2, 100, 130, 64, 64>, elem = f16, entry = "causal", inputs = ["q", "k", "v"], kernel = "causal", layout = "bhsd", lse = true, pattern = #attn.causal, scale = 1.250000e-01 : f64}}
// CHECK: scf.forall (%{{.*}}, %[[H:.*]], %{{.*}}) in (1, 4, %{{.*}}) shared_outs
// GQA: K/V head h / 2.
// CHECK: arith.divui %[[H]], %c2
// Partial tiles: a short K tile passed with its size, the causal bound in
// the score region.
// CHECK: attn.online_attention ins(%{{.*}} : tensor<64x64xf16>, tensor<?x64xf16>, tensor<?x64xf16>) {{.*}} {p_type = f16, scale = 1.250000e-01 : f64} score {
// CHECK: arith.cmpi sle
// CHECK: } {attn.key_tiles = "partial"}
// Full tiles: static, no region.
// CHECK: attn.online_attention ins(%{{.*}} : tensor<64x64xf16>, tensor<64x64xf16>, tensor<64x64xf16>) {{.*}} {p_type = f16, scale = 1.250000e-01 : f64} : tensor<64xf32>
// CHECK: } {attn.key_tiles = "full"}
// CHECK: } {attn.key_tiles = "partial"}
// CHECK: } {attn.block_counts = {empty = 1 : i64, full = 1 : i64, partial = 4 : i64}, mapping = [#gpu.block<z>, #gpu.block<y>, #gpu.block<x>]}
func.func @causal(%q: tensor<1x4x100x64xf16>, %k: tensor<1x2x130x64xf16>,
                  %v: tensor<1x2x130x64xf16>)
    -> (tensor<1x4x100x64xf16>, tensor<1x4x100xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x4x100x64xf16>, tensor<1x2x130x64xf16>, tensor<1x2x130x64xf16>
      -> tensor<1x4x100x64xf16>, tensor<1x4x100xf32>
  return %o, %lse : tensor<1x4x100x64xf16>, tensor<1x4x100xf32>
}
