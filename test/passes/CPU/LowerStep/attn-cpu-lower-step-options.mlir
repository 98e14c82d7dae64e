// An unknown kernel= is rejected when the option is parsed, with the allowed
// values listed, in both spellings of the pass.
// RUN: not attn-opt %s --attn-cpu-lower-step=kernel=simd 2>&1 | FileCheck %s
// RUN: not attn-opt %s --pass-pipeline="builtin.module(attn-cpu-lower-step{kernel=simd})" 2>&1 | FileCheck %s
// CHECK: for the --kernel option: unknown value 'simd'; allowed: registers, linalg

func.func @f(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  return %q : tensor<1x2x8x16xf32>
}
