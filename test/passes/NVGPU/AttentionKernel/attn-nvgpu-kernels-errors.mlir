// --attn-nvgpu-kernels takes the shared structure as nvgpuFusedTarget()
// describes it; a structure built with other options is an error at the
// op that does not fit, never a crash or a wrong kernel.
// RUN: not attn-opt %s --attn-nvgpu-kernels 2>&1 | FileCheck %s --check-prefix=UNFUSED
// RUN: not attn-opt %s --attn-fuse --attn-nvgpu-kernels 2>&1 | FileCheck %s --check-prefix=CPU
// RUN: not attn-opt %s --attn-fuse="mapping=gpu-block split-kv=never" --attn-nvgpu-kernels 2>&1 \
// RUN:   | FileCheck %s --check-prefix=PRESCALE
// RUN: not attn-opt %s --attn-fuse="mapping=gpu-block split-kv=never prescale-query=false" \
// RUN:   --attn-nvgpu-kernels 2>&1 | FileCheck %s --check-prefix=PTYPE
// RUN: not attn-opt %s --attn-fuse="mapping=gpu-block prescale-query=false bf16-dot=true key-layout=transposed split-kv=never" \
// RUN:   --attn-nvgpu-kernels 2>&1 | FileCheck %s --check-prefix=TRANSPOSED
// RUN: not attn-opt %s --attn-fuse="mapping=gpu-block prescale-query=false bf16-dot=true split-kv=always" \
// RUN:   --attn-nvgpu-kernels 2>&1 | FileCheck %s --check-prefix=SPLIT
// RUN: not attn-opt %s --attn-fuse="mapping=gpu-block prescale-query=false bf16-dot=true query-tile=256 split-kv=never" \
// RUN:   --attn-nvgpu-kernels 2>&1 | FileCheck %s --check-prefix=TILE
// The options nvgpuFusedTarget() uses are accepted.
// RUN: attn-opt %s --attn-fuse="mapping=gpu-block prescale-query=false bf16-dot=true split-kv=never pad-tiles=false" \
// RUN:   --attn-nvgpu-kernels | FileCheck %s --check-prefix=OK

// UNFUSED: error: 'func.func' op must hold one scf.forall (the fused structure of one attn.attention) for --attn-nvgpu-kernels, found 0
// CPU: error: 'scf.forall' op must be mapped to #gpu.block (--attn-fuse mapping=gpu-block)
// PRESCALE: error: 'attn.online_attention' op cannot be lowered by --attn-nvgpu-kernels: Q, K and V tiles must be f16 or bf16 (prescale-query=false)
// PTYPE: error: 'attn.online_attention' op cannot be lowered by --attn-nvgpu-kernels: P must be rounded to the operands' type (p_type = 'f16', bf16-dot=true)
// TRANSPOSED: error: 'attn.online_attention' op cannot be lowered by --attn-nvgpu-kernels: the key tile must be row-major (key-layout=row-major)
// SPLIT: error: 'func.func' op must return the fused loop's results; a split key range (its LSE merge) runs after the loop and is not supported by the NVGPU kernel (split-kv=never)
// TILE: error: 'attn.online_attention' op cannot be lowered by --attn-nvgpu-kernels: tiles above 128 rows (a `tiling` attribute) exceed the kernel's registers, got 256 x 64
// OK: gpu.func @k

func.func @k(%q: tensor<1x1x256x64xf16>, %k: tensor<1x1x256x64xf16>,
             %v: tensor<1x1x256x64xf16>) -> tensor<1x1x256x64xf16>
    attributes {attn.nvgpu.problem = {kernel = "k", entry = "k", elem = f16,
                dims = array<i64: 1, 1, 1, 256, 256, 64, 64>, layout = "bhsd",
                scale = 0.125 : f64, lse = false, inputs = ["q", "k", "v"]}} {
  %o = attn.attention %q, %k, %v
      : tensor<1x1x256x64xf16>, tensor<1x1x256x64xf16>, tensor<1x1x256x64xf16>
      -> tensor<1x1x256x64xf16>
  return %o : tensor<1x1x256x64xf16>
}
