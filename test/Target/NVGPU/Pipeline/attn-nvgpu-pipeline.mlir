// --attn-nvgpu-pipeline down to a gpu.binary: ptxas assembles the kernel for
// sm_80 and sm_90a (f16 and bf16); format=isa gives the PTX, which uses the
// tensor-core, ldmatrix, cp.async, shuffle and SFU instructions.
// REQUIRES: ptxas
// RUN: attn-opt %s --attn-nvgpu-pipeline="chip=sm_80" | FileCheck %s --check-prefix=SM80
// RUN: attn-opt %s --attn-nvgpu-pipeline="chip=sm_90a" | FileCheck %s --check-prefix=SM90
// RUN: attn-opt %s --attn-nvgpu-pipeline="chip=sm_80 format=isa" \
// RUN:   | FileCheck %s --check-prefix=PTX --implicit-check-not=__local_depot
// The printed IR does not depend on the machine or the time ptxas took.
// RUN: attn-opt %s --attn-nvgpu-pipeline="chip=sm_90a" > %t.1
// RUN: attn-opt %s --attn-nvgpu-pipeline="chip=sm_90a" > %t.2
// RUN: cmp %t.1 %t.2
// RUN: not grep -q TimeInMs %t.1
// Unknown option values are rejected when the pipeline is parsed.
// RUN: not attn-opt %s --attn-nvgpu-pipeline="chip=sm_70" 2>&1 | FileCheck %s --check-prefix=BADCHIP
// RUN: not attn-opt %s --attn-nvgpu-pipeline="format=fatbin" 2>&1 | FileCheck %s --check-prefix=BADFORMAT

// SM80: module attributes {attn.nvgpu.kernels = {bf16k = "{{.*}}", f16k = "{{.*}}"}, gpu.container_module}
// SM80-DAG: gpu.binary @f16k [#gpu.object<#nvvm.target<O = 3, chip = "sm_80", features = "+ptx80">, bin = "\7FELF
// SM80-DAG: gpu.binary @bf16k [#gpu.object<#nvvm.target<O = 3, chip = "sm_80", features = "+ptx80">, bin = "\7FELF
// SM90-DAG: gpu.binary @f16k [#gpu.object<#nvvm.target<O = 3, chip = "sm_90a", features = "+ptx80">, bin = "\7FELF
// SM90-DAG: gpu.binary @bf16k [#gpu.object<#nvvm.target<O = 3, chip = "sm_90a", features = "+ptx80">, bin = "\7FELF

// PTX-LABEL: gpu.binary @f16k
// PTX-SAME: assembly = "
// PTX-SAME: .target sm_80
// PTX-SAME: cp.async.cg.shared.global
// PTX-SAME: ldmatrix.sync.aligned.m8n8.x4.shared.b16
// PTX-SAME: mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32
// PTX-SAME: shfl.sync.bfly.b32
// PTX-SAME: ex2.approx.ftz.f32
// PTX-SAME: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// PTX-LABEL: gpu.binary @bf16k
// PTX-SAME: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// PTX-SAME: lg2.approx.ftz.f32

// BADCHIP: 'sm_70' is not one of: sm_80, sm_90a
// BADFORMAT: 'fatbin' is not one of: bin, isa

func.func @f16k(%q: tensor<1x2x100x64xf16>, %k: tensor<1x2x130x64xf16>,
                %v: tensor<1x2x130x64xf16>) -> tensor<1x2x100x64xf16> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x100x64xf16>, tensor<1x2x130x64xf16>, tensor<1x2x130x64xf16>
      -> tensor<1x2x100x64xf16>
  return %o : tensor<1x2x100x64xf16>
}

func.func @bf16k(%q: tensor<1x2x64x128xbf16>, %k: tensor<1x2x64x128xbf16>,
                 %v: tensor<1x2x64x128xbf16>)
    -> (tensor<1x2x64x128xbf16>, tensor<1x2x64xf32>) {
  %o, %lse = attn.attention %q, %k, %v
      : tensor<1x2x64x128xbf16>, tensor<1x2x64x128xbf16>, tensor<1x2x64x128xbf16>
      -> tensor<1x2x64x128xbf16>, tensor<1x2x64xf32>
  return %o, %lse : tensor<1x2x64x128xbf16>, tensor<1x2x64xf32>
}
