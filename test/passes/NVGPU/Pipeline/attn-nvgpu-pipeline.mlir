// --attn-nvgpu-pipeline down to a gpu.binary: ptxas assembles the kernel for
// sm_80 and sm_90a (f16 and bf16); format=isa gives the PTX, which uses the
// tensor-core, ldmatrix, cp.async, shuffle and SFU instructions.
// REQUIRES: ptxas
// RUN: attn-opt %s --attn-nvgpu-pipeline="chip=sm_80" | FileCheck %s --check-prefix=SM80
// RUN: attn-opt %s --attn-nvgpu-pipeline="chip=sm_90a" | FileCheck %s --check-prefix=SM90
// RUN: attn-opt %s --attn-nvgpu-pipeline="chip=sm_80 format=isa" \
// RUN:   | sed 's/\\0A/\n/g' | FileCheck %s --check-prefix=PTX --implicit-check-not=__local_depot
// The printed IR does not depend on the machine or the time ptxas took.
// RUN: attn-opt %s --attn-nvgpu-pipeline="chip=sm_90a" > %t.1
// RUN: attn-opt %s --attn-nvgpu-pipeline="chip=sm_90a" > %t.2
// RUN: cmp %t.1 %t.2
// RUN: not grep -q TimeInMs %t.1
// Unknown option values are rejected when the pipeline is parsed.
// RUN: not attn-opt %s --attn-nvgpu-pipeline="chip=sm_70" 2>&1 | FileCheck %s --check-prefix=BADCHIP
// RUN: not attn-opt %s --pass-pipeline="builtin.module(attn-nvgpu-pipeline{chip=sm_70})" 2>&1 | FileCheck %s --check-prefix=BADCHIP
// RUN: not attn-opt %s --pass-pipeline="builtin.module(attn-nvgpu-kernels{chip=sm_70})" 2>&1 | FileCheck %s --check-prefix=BADCHIP
// RUN: not attn-opt %s --attn-nvgpu-pipeline="format=fatbin" 2>&1 | FileCheck %s --check-prefix=BADFORMAT

// SM80: module attributes {attn.nvgpu.kernels = {bf16k = {{{.*}}}, f16k = {{{.*}}}, tablek = {{{.*}}}}, gpu.container_module}
// SM80-DAG: gpu.binary @f16k [#gpu.object<#nvvm.target<O = 3, chip = "sm_80", features = "+ptx80">, bin = "\7FELF
// SM80-DAG: gpu.binary @bf16k [#gpu.object<#nvvm.target<O = 3, chip = "sm_80", features = "+ptx80">, bin = "\7FELF
// SM90-DAG: gpu.binary @f16k [#gpu.object<#nvvm.target<O = 3, chip = "sm_90a", features = "+ptx80">, bin = "\7FELF
// SM90-DAG: gpu.binary @bf16k [#gpu.object<#nvvm.target<O = 3, chip = "sm_90a", features = "+ptx80">, bin = "\7FELF
// SM80-DAG: gpu.binary @tablek [#gpu.object<#nvvm.target<O = 3, chip = "sm_80", features = "+ptx80">, bin = "\7FELF
// SM90-DAG: gpu.binary @tablek [#gpu.object<#nvvm.target<O = 3, chip = "sm_90a", features = "+ptx80">, bin = "\7FELF

// The kernels use the tensor-core, ldmatrix, cp.async, shuffle and SFU
// instructions, and no local memory (no register spills).
// PTX-LABEL: gpu.binary @f16k
// PTX: .target sm_80
// PTX-DAG: cp.async.cg.shared.global
// PTX-DAG: cp.async.wait_group {{.*}}1;
// PTX-DAG: ldmatrix.sync.aligned.m8n8.x4.shared.b16
// PTX-DAG: mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32
// PTX-DAG: shfl.sync.bfly.b32
// PTX-DAG: ex2.approx.ftz.f32
// PTX-DAG: ldmatrix.sync.aligned.m8n8.x4.trans.shared.b16
// PTX-LABEL: gpu.binary @bf16k
// PTX-DAG: mma.sync.aligned.m16n8k16.row.col.f32.bf16.bf16.f32
// PTX-DAG: lg2.approx.ftz.f32
// A block table, a mask and a static pattern's tables: global reads of the
// table and mask arguments, the pattern's bits in a global array.
// PTX-LABEL: gpu.binary @tablek
// PTX-DAG: .global .align 1 .b8 attn_table_{{[0-9]+}}[4] = {1, 0, 1, 1};
// PTX-DAG: ld.global.b8
// PTX-DAG: mma.sync.aligned.m16n8k16.row.col.f32.f16.f16.f32

// BADCHIP: for the --chip option: unknown value 'sm_70'; allowed: sm_80, sm_90a
// BADFORMAT: for the --format option: unknown value 'fatbin'; allowed: bin, isa

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

func.func @tablek(%q: tensor<1x2x128x64xf16>, %k: tensor<1x2x128x64xf16>,
                  %v: tensor<1x2x128x64xf16>, %m: tensor<1x1x128x128xi1>,
                  %rp: tensor<1x2x5xi32>, %cols: tensor<1x2x16xi32>)
    -> tensor<1x2x128x64xf16> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<1x1x128x128xi1>)
      blocks(%rp, %cols : tensor<1x2x5xi32>, tensor<1x2x16xi32>)
      {block_size = #attn.tiling<query = 32, key = 32>,
       sparsity = #attn.block_layout<block = 64x64, [[1, 0], [1, 1]]>}
      : tensor<1x2x128x64xf16>, tensor<1x2x128x64xf16>, tensor<1x2x128x64xf16>
      -> tensor<1x2x128x64xf16>
  return %o : tensor<1x2x128x64xf16>
}
