// Debian's mlir-opt-22 with the attn plugins (build tree; test/Install
// loads the installed ones): the dialect parses and verifies, the passes
// and the named pipelines run. mlir-opt parses its own pass flags before it
// loads plugins, so plugin passes are named in --pass-pipeline.
// RUN: %mlir_opt %attn_plugins %s | FileCheck %s --check-prefix=PARSE
// RUN: %mlir_opt %attn_plugins %s --pass-pipeline='builtin.module(attn-decompose)' | FileCheck %s --check-prefix=DECOMPOSE
// RUN: %mlir_opt %attn_plugins %s --pass-pipeline='builtin.module(attn-fuse)' | FileCheck %s --check-prefix=FUSE
// RUN: %mlir_opt %attn_plugins %s --pass-pipeline='builtin.module(attn-fuse,attn-decompose,attn-cpu-pipeline)' | FileCheck %s --check-prefix=LLVM
// RUN: %mlir_opt %attn_plugins %s --pass-pipeline='builtin.module(attn-decompose,attn-cpu-pipeline{parallel=false})' | FileCheck %s --check-prefix=LLVM
// RUN: %mlir_opt %attn_plugins --help | FileCheck %s --check-prefix=HELP
// RUN: not %mlir_opt %attn_plugins %S/Inputs/typo.mlir 2>&1 | FileCheck %s --check-prefix=TYPO

// PARSE: attn.attention %{{.*}} {sparsity = #attn.causal<align = top_left>}
// DECOMPOSE-NOT: attn.attention
// DECOMPOSE: linalg.generic
// FUSE-NOT: attn.attention
// FUSE: scf.for
// LLVM-NOT: attn.
// LLVM: llvm.func @f(
// HELP-DAG: --attn-fuse
// HELP-DAG: --attn-decompose
// HELP-DAG: --attn-lower-linear
// HELP-DAG: --attn-cpu-pipeline
// TYPO: error: 'attn.attention' op has unknown attribute 'sparsty' (did you mean 'sparsity'?)

func.func @f(%q: tensor<1x2x16x8xf32>, %k: tensor<1x1x24x8xf32>,
             %v: tensor<1x1x24x8xf32>) -> tensor<1x2x16x8xf32> {
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal<align = top_left>}
      : tensor<1x2x16x8xf32>, tensor<1x1x24x8xf32>, tensor<1x1x24x8xf32>
      -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}
