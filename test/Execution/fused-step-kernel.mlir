// The 512-bit runs execute AVX-512 code: only on machines that have it
// (test/lit.cfg.py's avx512f feature); the IR is checked everywhere by
// test/passes/CPU.
// RUN: %if avx512f %{ attn-run %s --check --reps=1 --warmup=0 --pipeline=fused --threads=2 --cpu=avx512 | FileCheck %s %}
// RUN: attn-run %s --check --reps=1 --warmup=0 --pipeline=fused --threads=2 --cpu=x86-64-v3 --seed=3 | FileCheck %s
// RUN: %if avx512f %{ attn-run %s --check --reps=1 --warmup=0 --threads=1 --seed=5 \
// RUN:   --pipeline="attn-fuse{split-kv=never},attn-cpu-pipeline{cpu=avx512}" | FileCheck %s %}
// RUN: attn-run %s --check --reps=1 --warmup=0 --threads=2 --seed=6 \
// RUN:   --pipeline="attn-fuse,attn-cpu-pipeline{cpu=x86-64-v2}" | FileCheck %s

// Execution of the CPU step's register micro-kernel (StepKernel.cpp)
// against the float64 reference, with 512-bit and 256-bit targets (16-lane
// blocks) and a 128-bit one (4 lanes, 16 registers). The shapes make every block
// size leave a remainder: 64-key tiles in blocks of 6 keys, D = 80 (five
// vectors per value row, blocks of 5 rows), D = 128 (two column chunks),
// 32-query tiles; score regions cloned as vector code (causal with
// Sq != Skv, ALiBi + softcap); f16 operands with f32 P; GQA.

// CHECK-LABEL: entry d80 (
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @d80(%q: tensor<1x2x192x80xf32>, %k: tensor<1x2x200x80xf32>,
               %v: tensor<1x2x200x80xf32>) -> tensor<1x2x192x80xf32> {
  %o = attn.attention %q, %k, %v
      : tensor<1x2x192x80xf32>, tensor<1x2x200x80xf32>, tensor<1x2x200x80xf32>
      -> tensor<1x2x192x80xf32>
  return %o : tensor<1x2x192x80xf32>
}

// CHECK-LABEL: entry d128_dv48_lse (
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @d128_dv48_lse(%q: tensor<1x2x128x128xf32>, %k: tensor<1x2x128x128xf32>,
                         %v: tensor<1x2x128x48xf32>)
    -> (tensor<1x2x128x48xf32>, tensor<1x2x128xf32>) {
  %o, %l = attn.attention %q, %k, %v
      : tensor<1x2x128x128xf32>, tensor<1x2x128x128xf32>, tensor<1x2x128x48xf32>
      -> tensor<1x2x128x48xf32>, tensor<1x2x128xf32>
  return %o, %l : tensor<1x2x128x48xf32>, tensor<1x2x128xf32>
}

// CHECK-LABEL: entry tiles32_causal (
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @tiles32_causal(%q: tensor<1x2x96x64xf32>, %k: tensor<1x2x160x64xf32>,
                          %v: tensor<1x2x160x64xf32>) -> tensor<1x2x96x64xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.causal, tiling = #attn.tiling<query = 32, key = 48>}
      : tensor<1x2x96x64xf32>, tensor<1x2x160x64xf32>, tensor<1x2x160x64xf32>
      -> tensor<1x2x96x64xf32>
  return %o : tensor<1x2x96x64xf32>
}

// CHECK-LABEL: entry alibi_softcap (
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @alibi_softcap(%q: tensor<1x4x64x64xf32>, %k: tensor<1x4x130x64xf32>,
                         %v: tensor<1x4x130x64xf32>, %s: tensor<4xf32>)
    -> tensor<1x4x64x64xf32> {
  %o = attn.attention %q, %k, %v alibi(%s : tensor<4xf32>)
      {softcap = 20.0 : f64, sparsity = #attn.causal}
      : tensor<1x4x64x64xf32>, tensor<1x4x130x64xf32>, tensor<1x4x130x64xf32>
      -> tensor<1x4x64x64xf32>
  return %o : tensor<1x4x64x64xf32>
}

// CHECK-LABEL: entry f16_gqa (
// CHECK-NOT: FAILED
// CHECK: check: PASSED
func.func @f16_gqa(%q: tensor<1x8x64x64xf16>, %k: tensor<1x2x100x64xf16>,
                   %v: tensor<1x2x100x64xf16>) -> tensor<1x8x64x64xf16> {
  %o = attn.attention %q, %k, %v
      : tensor<1x8x64x64xf16>, tensor<1x2x100x64xf16>, tensor<1x2x100x64xf16>
      -> tensor<1x8x64x64xf16>
  return %o : tensor<1x8x64x64xf16>
}
