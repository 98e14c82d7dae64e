// Options of --attn-lower-to-llvm are checked when parsed, with the values
// listed; the default CPU is a fixed one (avx512), never the machine's.
// RUN: not attn-opt %s --attn-lower-to-llvm=form=flash 2>&1 | FileCheck %s --check-prefix=FORM
// RUN: not attn-opt %s --pass-pipeline="builtin.module(attn-lower-to-llvm{form=flash})" 2>&1 | FileCheck %s --check-prefix=FORM
// RUN: not attn-opt %s --attn-lower-to-llvm=num-threads=-1 2>&1 | FileCheck %s --check-prefix=THREADS
// RUN: attn-opt %s --attn-lower-to-llvm | FileCheck %s --check-prefix=CPU

// RUN: not attn-opt %s --attn-lower-to-llvm=target=gpu 2>&1 | FileCheck %s --check-prefix=TARGET
// RUN: not attn-opt %s --attn-lower-to-llvm="target=nvgpu query-tile=96" 2>&1 | FileCheck %s --check-prefix=QTILE
// RUN: not attn-opt %s --attn-lower-to-llvm="target=nvgpu form=unfused" 2>&1 | FileCheck %s --check-prefix=UNFUSED
// The NVGPU target from the library's pipeline: the same kernels as
// --attn-nvgpu-pipeline (PTX text here: no ptxas needed).
// RUN: attn-opt %S/../../tools/Inputs/gpu-causal.mlir --attn-lower-to-llvm="target=nvgpu chip=sm_90a gpu-format=isa query-tile=128" | FileCheck %s --check-prefix=NVGPU
// RUN: attn-opt %S/../../tools/Inputs/gpu-causal.mlir --attn-nvgpu-pipeline="chip=sm_90a format=isa query-tile=128" > %t.direct
// RUN: attn-opt %S/../../tools/Inputs/gpu-causal.mlir --attn-lower-to-llvm="target=nvgpu chip=sm_90a gpu-format=isa query-tile=128" | diff - %t.direct

// FORM: for the --form option: unknown value 'flash'; allowed: fused, unfused
// TARGET: for the --target option: unknown value 'gpu'; allowed: cpu, nvgpu
// QTILE: for the --query-tile option: unknown value '96'; allowed: auto, 64, 128
// UNFUSED: error: attn-lower-to-llvm: target=nvgpu has only the fused form
// NVGPU: attn.nvgpu.kernels = {gpu_causal = {args = ["q", "k", "v", "o", "lse"], block = array<i64: 224, 1, 1>, chip = "sm_90a", {{.*}} grid = array<i64: 1, 2, 1>,
// NVGPU: gpu.binary @gpu_causal [#gpu.object<#nvvm.target<O = 3, chip = "sm_90a"{{.*}}mma.sync.aligned.m16n8k16
// THREADS: for the --num-threads option: '-1' value invalid for uint argument!
// CPU: llvm.func @f({{.*}} attributes {{{.*}}target_cpu = "x86-64-v4"

func.func @f(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>,
             %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
      -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}
