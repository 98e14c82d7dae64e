// RUN: attn-opt %s --attn-decompose --split-input-file --verify-diagnostics
// RUN: not attn-opt %s --attn-decompose --split-input-file -o /dev/null 2>&1 \
// RUN:   | FileCheck %s --check-prefix=FAIL

// With --verify-diagnostics attn-opt exits 0 once the expected errors are
// seen, so the second RUN line checks that the pass really fails (non-zero
// exit) and reports exactly one error per unsupported op.
// FAIL-COUNT-7: error: 'attn.attention' op cannot be decomposed
// FAIL-NOT: error: 'attn.attention' op cannot be decomposed

// Ops that --attn-decompose cannot lower are reported (every one of them)
// and the pass fails instead of leaving a half-lowered module.

// Dynamic query heads: the group size G = Hq / Hkv is unknown.
func.func @dynamic_query_heads(%q: tensor<1x?x16x64xf32>, %k: tensor<1x2x16x64xf32>,
                               %v: tensor<1x2x16x64xf32>) -> tensor<1x?x16x64xf32> {
  // expected-error @+1 {{'attn.attention' op cannot be decomposed: head counts must be static to split query heads into groups}}
  %o = attn.attention %q, %k, %v
      : tensor<1x?x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>
      -> tensor<1x?x16x64xf32>
  return %o : tensor<1x?x16x64xf32>
}

// -----

func.func @dynamic_kv_heads(%q: tensor<1x8x16x64xf32>, %k: tensor<1x?x16x64xf32>,
                            %v: tensor<1x?x16x64xf32>) -> tensor<1x8x16x64xf32> {
  // expected-error @+1 {{'attn.attention' op cannot be decomposed: head counts must be static to split query heads into groups}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x?x16x64xf32>, tensor<1x?x16x64xf32>
      -> tensor<1x8x16x64xf32>
  return %o : tensor<1x8x16x64xf32>
}

// -----

// In bshd the heads are dim 2.
func.func @dynamic_heads_bshd(%q: tensor<1x16x?x64xf32>, %k: tensor<1x16x2x64xf32>,
                              %v: tensor<1x16x2x64xf32>) -> tensor<1x16x?x64xf32> {
  // expected-error @+1 {{'attn.attention' op cannot be decomposed: head counts must be static to split query heads into groups}}
  %o = attn.attention %q, %k, %v {layout = #attn.layout<bshd>}
      : tensor<1x16x?x64xf32>, tensor<1x16x2x64xf32>, tensor<1x16x2x64xf32>
      -> tensor<1x16x?x64xf32>
  return %o : tensor<1x16x?x64xf32>
}

// -----

// The default scale 1/sqrt(D) needs a static D.
func.func @dynamic_head_dim(%q: tensor<1x8x16x?xf32>, %k: tensor<1x2x16x?xf32>,
                            %v: tensor<1x2x16x64xf32>) -> tensor<1x8x16x64xf32> {
  // expected-error @+1 {{'attn.attention' op cannot be decomposed: the head dim D is dynamic: give an explicit scale}}
  %o = attn.attention %q, %k, %v {sparsity = #attn.causal}
      : tensor<1x8x16x?xf32>, tensor<1x2x16x?xf32>, tensor<1x2x16x64xf32>
      -> tensor<1x8x16x64xf32>
  return %o : tensor<1x8x16x64xf32>
}

// -----

// D comes from the query: a static D on the key alone does not help.
func.func @dynamic_query_head_dim(%q: tensor<1x8x16x?xf32>, %k: tensor<1x2x16x64xf32>,
                                  %v: tensor<1x2x16x64xf32>) -> tensor<1x8x16x64xf32> {
  // expected-error @+1 {{'attn.attention' op cannot be decomposed: the head dim D is dynamic: give an explicit scale}}
  %o = attn.attention %q, %k, %v
      : tensor<1x8x16x?xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>
      -> tensor<1x8x16x64xf32>
  return %o : tensor<1x8x16x64xf32>
}

// -----

// Every unsupported op is reported, not only the first, and a supported op
// in the same module does not hide the failure.
func.func @several(%q: tensor<1x?x16x64xf32>, %k: tensor<1x2x16x64xf32>,
                   %v: tensor<1x2x16x64xf32>, %qd: tensor<1x8x16x?xf32>,
                   %kd: tensor<1x2x16x?xf32>, %q2: tensor<1x8x16x64xf32>)
    -> (tensor<1x?x16x64xf32>, tensor<1x8x16x64xf32>, tensor<1x8x16x64xf32>) {
  // expected-error @+1 {{'attn.attention' op cannot be decomposed: head counts must be static to split query heads into groups}}
  %a = attn.attention %q, %k, %v
      : tensor<1x?x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>
      -> tensor<1x?x16x64xf32>
  // expected-error @+1 {{'attn.attention' op cannot be decomposed: the head dim D is dynamic: give an explicit scale}}
  %b = attn.attention %qd, %kd, %v
      : tensor<1x8x16x?xf32>, tensor<1x2x16x?xf32>, tensor<1x2x16x64xf32>
      -> tensor<1x8x16x64xf32>
  %c = attn.attention %q2, %k, %v
      : tensor<1x8x16x64xf32>, tensor<1x2x16x64xf32>, tensor<1x2x16x64xf32>
      -> tensor<1x8x16x64xf32>
  return %a, %b, %c : tensor<1x?x16x64xf32>, tensor<1x8x16x64xf32>, tensor<1x8x16x64xf32>
}
