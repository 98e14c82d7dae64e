// RUN: attn-run %s --check --reps=1 --warmup=0 --input=1x2x11x8xf32 --input=1x1x13x8xf32 --input=1x1x13x8xf32 --input=1x2x11x8xf32 | FileCheck %s

// attn.attention_grad in a function with dynamic sequence lengths,
// specialized by attn-run's --input sizes (dQ, dK, dV take the shapes of Q,
// K, V), against the float64 reference.

// CHECK-LABEL: entry dyn (
// CHECK: result #0 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #1 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: result #2 (f32): max_abs_err {{[0-9.e+-]+}}, max_rel_err {{[0-9.e+-]+}}, 0 mismatches
// CHECK: check: PASSED
func.func @dyn(%q: tensor<1x2x?x8xf32>, %k: tensor<1x1x?x8xf32>,
    %v: tensor<1x1x?x8xf32>, %do: tensor<1x2x?x8xf32>)
    -> (tensor<1x2x?x8xf32>, tensor<1x1x?x8xf32>, tensor<1x1x?x8xf32>) {
  %o, %lse = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x2x?x8xf32>, tensor<1x1x?x8xf32>, tensor<1x1x?x8xf32>
      -> tensor<1x2x?x8xf32>, tensor<1x2x?xf32>
  %dq, %dk, %dv = attn.attention_grad %q, %k, %v, %o, %lse, %do
      {sparsity = #attn.causal}
      : tensor<1x2x?x8xf32>, tensor<1x1x?x8xf32>, tensor<1x1x?x8xf32>,
        tensor<1x2x?x8xf32>, tensor<1x2x?xf32>, tensor<1x2x?x8xf32>
      -> tensor<1x2x?x8xf32>, tensor<1x1x?x8xf32>, tensor<1x1x?x8xf32>
  return %dq, %dk, %dv
      : tensor<1x2x?x8xf32>, tensor<1x1x?x8xf32>, tensor<1x1x?x8xf32>
}
