// RUN: attn-opt %s --attn-grad-functions | FileCheck %s
// RUN: attn-opt %s --attn-grad-functions | attn-run - --check --reps=1 --warmup=0 | FileCheck %s --check-prefix=EXEC

// --attn-grad-functions adds @f_grad_r for every returned attn.attention
// output: the forward with its LSE (added when @f has none), then
// attn.attention_grad with the forward's clauses and attributes. The second
// RUN line checks the added functions against the float64 reference.

// The forward returns no LSE: the copy in @causal_grad_0 gets one.
// CHECK-LABEL: func.func @causal(
// CHECK: %[[O:.*]] = attn.attention
// CHECK-NEXT: return %[[O]]
// CHECK-LABEL: func.func @causal_grad_0(
// CHECK-SAME: %[[Q:[^:]*]]: tensor<1x4x10x8xf32>, %[[K:[^:]*]]: tensor<1x2x12x8xf32>, %[[V:[^:]*]]: tensor<1x2x12x8xf32>, %[[M:[^:]*]]: tensor<10x12xi1>, %[[DO:[^:]*]]: tensor<1x4x10x8xf32>)
// CHECK-SAME: -> (tensor<1x4x10x8xf32>, tensor<1x2x12x8xf32>, tensor<1x2x12x8xf32>)
// CHECK: %[[O2:[^,]*]], %[[L:.*]] = attn.attention %[[Q]], %[[K]], %[[V]] mask(%[[M]] : tensor<10x12xi1>) {softcap = 5.000000e+00 : f64, sparsity = #attn.causal}
// CHECK-SAME: -> tensor<1x4x10x8xf32>, tensor<1x4x10xf32>
// CHECK: %[[GQ:[^,]*]], %[[GK:[^,]*]], %[[GV:[^ ]*]] = attn.attention_grad %[[Q]], %[[K]], %[[V]], %[[O2]], %[[L]], %[[DO]] mask(%[[M]] : tensor<10x12xi1>) {softcap = 5.000000e+00 : f64, sparsity = #attn.causal}
// CHECK: return %[[GQ]], %[[GK]], %[[GV]] :
func.func @causal(%q: tensor<1x4x10x8xf32>, %k: tensor<1x2x12x8xf32>,
                  %v: tensor<1x2x12x8xf32>, %m: tensor<10x12xi1>)
    -> tensor<1x4x10x8xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<10x12xi1>)
      {sparsity = #attn.causal, softcap = 5.0 : f64}
      : tensor<1x4x10x8xf32>, tensor<1x2x12x8xf32>, tensor<1x2x12x8xf32>
      -> tensor<1x4x10x8xf32>
  return %o : tensor<1x4x10x8xf32>
}

// The LSE is returned already (result 1), the output at position 1: one
// function, @lse_first_grad_1; the unused LSE result is not returned.
// CHECK-LABEL: func.func @lse_first_grad_1(
// CHECK: attn.attention_grad {{.*}}{layout = #attn.layout<bshd>}
// CHECK-NOT: func.func @lse_first_grad_0
func.func @lse_first(%q: tensor<2x9x2x8xf32>, %k: tensor<2x7x2x8xf32>,
                     %v: tensor<2x7x2x4xf32>)
    -> (tensor<2x2x9xf32>, tensor<2x9x2x4xf32>) {
  %o, %lse = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<2x9x2x8xf32>, tensor<2x7x2x8xf32>, tensor<2x7x2x4xf32>
      -> tensor<2x9x2x4xf32>, tensor<2x2x9xf32>
  return %lse, %o : tensor<2x2x9xf32>, tensor<2x9x2x4xf32>
}

// EXEC-LABEL: entry causal_grad_0 (
// EXEC-NOT: FAILED
// EXEC: check: PASSED
// EXEC-LABEL: entry lse_first_grad_1 (
// EXEC-NOT: FAILED
// EXEC: check: PASSED
