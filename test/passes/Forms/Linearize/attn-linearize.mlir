// RUN: attn-opt %s --attn-linearize="feature-map=elu1" -split-input-file -verify-diagnostics | FileCheck %s
// RUN: attn-opt %s --attn-linearize="feature-map=favor num-features=8 seed=3" -split-input-file -verify-diagnostics | FileCheck %s --check-prefix=FAVOR
// RUN: attn-opt %s -split-input-file | FileCheck %s --check-prefix=NONE

// Nothing is linearized unless the pass is asked for.
// NONE-NOT: attn.linear_attention

// Q, K, V, layout, scale and causality carry over.
// CHECK-LABEL: func.func @causal_bshd
// CHECK-SAME: (%[[Q:.*]]: tensor<1x16x4x8xf32>, %[[K:.*]]: tensor<1x16x2x8xf32>, %[[V:.*]]: tensor<1x16x2x4xf32>)
// CHECK: %[[O:.*]] = attn.linear_attention %[[Q]], %[[K]], %[[V]] {causal, feature_map = #attn.feature_map<elu1>, layout = #attn.layout<bshd>, scale = 2.500000e-01 : f64}
// CHECK-NOT: attn.attention
// CHECK: return %[[O]]
// FAVOR-LABEL: func.func @causal_bshd
// FAVOR: %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<8x8xf32>
// FAVOR: attn.linear_attention %{{.*}}, %{{.*}}, %{{.*}} projection(%[[W]] : tensor<8x8xf32>) {causal, feature_map = #attn.feature_map<favor>, layout = #attn.layout<bshd>, scale = 2.500000e-01 : f64}
func.func @causal_bshd(%q: tensor<1x16x4x8xf32>, %k: tensor<1x16x2x8xf32>,
    %v: tensor<1x16x2x4xf32>) -> tensor<1x16x4x4xf32> {
  %o = attn.attention %q, %k, %v
      {sparsity = #attn.causal, layout = #attn.layout<bshd>, scale = 0.25 : f64}
      : tensor<1x16x4x8xf32>, tensor<1x16x2x8xf32>, tensor<1x16x2x4xf32>
      -> tensor<1x16x4x4xf32>
  return %o : tensor<1x16x4x4xf32>
}

// -----

// CHECK-LABEL: func.func @plain
// CHECK: attn.linear_attention {{.*}} {feature_map = #attn.feature_map<elu1>} : tensor<2x2x8x8xf16>
func.func @plain(%q: tensor<2x2x8x8xf16>) -> tensor<2x2x8x8xf16> {
  %o = attn.attention %q, %q, %q
      : tensor<2x2x8x8xf16>, tensor<2x2x8x8xf16>, tensor<2x2x8x8xf16>
      -> tensor<2x2x8x8xf16>
  return %o : tensor<2x2x8x8xf16>
}

// -----

// Refusals: the op stays, with a remark saying why.
// CHECK-LABEL: func.func @refusals
// CHECK-COUNT-7: attn.attention
// CHECK-NOT: attn.linear_attention
func.func @refusals(%q: tensor<1x1x8x8xf32>, %m: tensor<8x8xi1>,
    %b: tensor<8x8xf32>, %s: tensor<1xf32>, %k4: tensor<1x1x4x8xf32>)
    -> (tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>,
        tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>,
        tensor<1x1x8x8xf32>) {
  // expected-remark @+1 {{not linearized: it has a mask operand}}
  %0 = attn.attention %q, %q, %q mask(%m : tensor<8x8xi1>)
      : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32> -> tensor<1x1x8x8xf32>
  // expected-remark @+1 {{not linearized: it has a bias operand}}
  %1 = attn.attention %q, %q, %q bias(%b : tensor<8x8xf32>)
      : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32> -> tensor<1x1x8x8xf32>
  // expected-remark @+1 {{not linearized: it has ALiBi slopes}}
  %2 = attn.attention %q, %q, %q alibi(%s : tensor<1xf32>)
      : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32> -> tensor<1x1x8x8xf32>
  // expected-remark @+1 {{not linearized: it has a softcap}}
  %3 = attn.attention %q, %q, %q {softcap = 30.0}
      : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32> -> tensor<1x1x8x8xf32>
  // expected-remark @+1 {{not linearized: it returns the log-sum-exp, which linear attention does not have}}
  %4, %lse = attn.attention %q, %q, %q
      : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32> -> tensor<1x1x8x8xf32>, tensor<1x1x8xf32>
  // expected-remark @+1 {{not linearized: its sparsity pattern is neither causal nor absent}}
  %5 = attn.attention %q, %q, %q {sparsity = #attn.sliding_window<left = 2, right = 0>}
      : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32> -> tensor<1x1x8x8xf32>
  // expected-remark @+1 {{not linearized: it is causal with Sq > Skv}}
  %6 = attn.attention %q, %k4, %k4 {sparsity = #attn.causal}
      : tensor<1x1x8x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x8x8xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>,
      tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>,
      tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>
}
