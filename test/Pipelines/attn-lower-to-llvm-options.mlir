// Options of --attn-lower-to-llvm are checked when parsed, with the values
// listed; the default CPU is a fixed one (avx512), never the machine's.
// RUN: not attn-opt %s --attn-lower-to-llvm=form=flash 2>&1 | FileCheck %s --check-prefix=FORM
// RUN: not attn-opt %s --attn-lower-to-llvm=num-threads=-1 2>&1 | FileCheck %s --check-prefix=THREADS
// RUN: attn-opt %s --attn-lower-to-llvm | FileCheck %s --check-prefix=CPU

// FORM: Cannot find option named 'flash'
// THREADS: for the --num-threads option: '-1' value invalid for uint argument!
// CPU: llvm.func @f({{.*}} attributes {{{.*}}target_cpu = "x86-64-v4"

func.func @f(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>,
             %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>
      -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}
