// `cpu` names resolve through LLVM's x86 CPU table (passes/CPU/CpuName.h):
// what a named CPU implies comes from its features, not from its spelling.
// Vector width: AVX-512F gives 512 bits (exp through vscalefps), AVX 256
// (the same 16-lane blocks, no vscalefps), SSE only 128 (4-lane blocks).
// Before LLVM's table decided, skylake-avx512 and znver4 were taken as
// 256-bit CPUs.
// RUN: attn-opt %s --attn-fuse --attn-cpu-pipeline=cpu=skylake-avx512 | FileCheck %s --check-prefix=W512
// RUN: attn-opt %s --attn-fuse --attn-cpu-pipeline=cpu=znver4 | FileCheck %s --check-prefix=W512
// RUN: attn-opt %s --attn-lower-to-llvm=cpu=haswell | FileCheck %s --check-prefix=W256
// RUN: attn-opt %s --attn-lower-to-llvm=cpu=x86-64-v2 | FileCheck %s --check-prefix=W128
// W512: llvm.func @f({{.*}}target_cpu = "{{skylake-avx512|znver4}}"
// W512: "llvm.x86.avx512.mask.scalef.ps.512"
// W256: llvm.func @f({{.*}}target_cpu = "haswell"
// W256-NOT: scalef
// W256: vector<16xf32>
// W256-NOT: scalef
// W128: llvm.func @f({{.*}}target_cpu = "x86-64-v2"
// W128-NOT: vector<8xf32>
// W128: vector<4xf32>
// W128-NOT: vector<8xf32>

// An unknown name is rejected when the option is parsed, naming what is
// accepted, by every option of type cpu.
// RUN: not attn-opt %s --attn-cpu-target=cpu=bogus 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not attn-opt %s --attn-cpu-pipeline=cpu=bogus 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not attn-opt %s --attn-lower-to-llvm="form=fused cpu=bogus" 2>&1 | FileCheck %s --check-prefix=UNKNOWN
// RUN: not attn-opt %s --pass-pipeline='builtin.module(attn-cpu-target{cpu=aarch64})' 2>&1 | FileCheck %s --check-prefix=ARM
// UNKNOWN: unknown CPU 'bogus': expected host, avx512, avx512-bf16 or an x86-64 CPU that LLVM knows
// ARM: unknown CPU 'aarch64'
func.func @f(%q: tensor<1x1x64x64xf32>, %k: tensor<1x1x64x64xf32>,
             %v: tensor<1x1x64x64xf32>) -> tensor<1x1x64x64xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>
      -> tensor<1x1x64x64xf32>
  return %o : tensor<1x1x64x64xf32>
}
